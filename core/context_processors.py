"""Template context shared by every page."""

from django.conf import settings


def site(request):
    """The site name, from the Wagtail site that serves the request."""
    wagtail_site = getattr(request, "_wagtail_site", None)
    return {
        "site_name": getattr(wagtail_site, "site_name", "")
        or settings.WAGTAIL_SITE_NAME
    }
