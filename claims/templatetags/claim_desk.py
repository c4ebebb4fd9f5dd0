from django import template

from claims.workflow import RESEARCH, has_role

register = template.Library()


@register.filter
def may_capture_claims(user) -> bool:
    """Whether to offer `user` the desk's capture tools (the views check again)."""
    return has_role(user, RESEARCH)
