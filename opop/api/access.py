"""The API token a view works on, looked up once: 404 unless it is the user's own."""

from opop.accounts.permissions import guarded_get
from opop.api.selectors import api_tokens_visible_to


def api_token_for(user, pk):
    return guarded_get(api_tokens_visible_to(user), pk=pk)
