"""Template context for the layout. It lives in config because it draws on several apps."""

from core.roles import is_read_only


def navigation(request):
    """What the layout needs on every page: the user's role flags and unread notifications."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    from audit.selectors import may_read_history
    from people.selectors import notifications_unread_count

    return {
        "read_only_user": is_read_only(user),
        "audit_user": may_read_history(user),
        "unread_notifications": notifications_unread_count(user=user),
    }
