"""Template context shared by every page."""

from django.conf import settings

from core.cache import content_version


def site(request):
    """The site name, and the content version that keys cached fragments."""
    wagtail_site = getattr(request, "_wagtail_site", None)
    name = getattr(wagtail_site, "site_name", "") or settings.WAGTAIL_SITE_NAME
    return {"site_name": name, "content_version": content_version}
