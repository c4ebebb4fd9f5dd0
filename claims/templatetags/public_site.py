from django import template

from claims.rendering import render_markdown

register = template.Library()


@register.filter
def markdown(text: str):
    """Staff-written Markdown as sanitised HTML."""
    return render_markdown(text or "")
