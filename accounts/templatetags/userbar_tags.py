"""Wagtail's userbar, asked for only where the session can open the admin."""

from django import template
from wagtail.admin.templatetags.wagtailuserbar import wagtailuserbar

from accounts import sessions

register = template.Library()


@register.simple_tag(takes_context=True)
def staff_userbar(context, position="bottom-right"):
    """`{% wagtailuserbar %}` for sessions with admin access (accounts.sessions,
    written at sign-in and refreshed on the admin's paths). Wagtail's own tag loads
    every permission of the user to find out, two queries on each page a
    participant opens, only to show nothing."""
    request = context.get("request")
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated or not sessions.is_staff(request):
        return ""
    return wagtailuserbar(context, position)
