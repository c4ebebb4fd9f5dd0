from rest_framework.permissions import SAFE_METHODS, BasePermission

from claims.workflow import RESEARCH, has_role


def sees_drafts(user) -> bool:
    """Researchers and editors see claims in every state; everyone else only
    published and retracted ones (the rule lives in claims.workflow.has_role)."""
    return has_role(user, RESEARCH)


class ReadAnyoneWriteStaff(BasePermission):
    """Anyone may read; only staff accounts may write. What a staff member may
    write is then the workflow module's decision."""

    message = "Only staff accounts may write through the API."

    def has_permission(self, request, view):
        if request.method in SAFE_METHODS:
            return True
        user = request.user
        return bool(user and user.is_authenticated and user.is_staff)
