"""API permissions: the same rules as the pages."""

from rest_framework.permissions import SAFE_METHODS, BasePermission

from core.roles import Role, has_role, is_read_only


class RolePermission(BasePermission):
    """Signed in; anyone with a role may read what they can see; auditors may not write; writes
    need the model permission the page would need."""

    message = "You do not have permission to do that."

    def has_permission(self, request, view):
        user = request.user
        if not (user and user.is_authenticated):
            return False
        if not (user.is_superuser or any(has_role(user, role) for role in Role)):
            return False
        if request.method in SAFE_METHODS:
            return True
        if is_read_only(user):
            self.message = "Auditors have read-only access."
            return False
        required = getattr(view, "write_permission", None)
        return required is None or user.has_perm(required)
