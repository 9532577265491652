"""Template context for the layout."""

from core.roles import is_read_only


def navigation(request):
    """What the layout needs on every page besides the registered menu: whether the user only reads."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {"read_only_user": is_read_only(user)}
