"""Template filters for writing editor-entered addresses into ``href``."""

from django import template

from core.validators import safe_href as _safe_href

register = template.Library()


@register.filter
def safe_href(value):
    """The address if it is http(s), mailto or a path on this site; else ``""``.

    Validation refuses anything else on save; this filter also covers addresses
    stored before it existed. Use it as ``{% if x|safe_href %}<a href="...">``.
    """
    return _safe_href(value)
