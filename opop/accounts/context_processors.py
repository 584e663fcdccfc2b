from opop.accounts.navigation import nav_items_for
from opop.accounts.permissions import UserPredicates


def role_navigation(request):
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"nav_items": [], "can": UserPredicates(None)}
    return {"nav_items": nav_items_for(user, request.path), "can": UserPredicates(user)}
