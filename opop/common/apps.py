from django.apps import AppConfig


class CommonConfig(AppConfig):
    name = "opop.common"
    label = "common"
    verbose_name = "Common"

    def ready(self):
        # Every text form field of the portal, admin included, refuses control characters (opop/common/text.py).
        # Set once on Django's CharField rather than on each of our ~30 forms, so no form can be written without it;
        # subclasses with validators of their own (e-mail, URL, slug) already refuse them.
        from django import forms

        from opop.common import checks  # noqa: F401  (registers the deployment checks)
        from opop.common.text import validate_no_control_characters

        forms.CharField.default_validators = [validate_no_control_characters]
