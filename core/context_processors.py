"""Template context shared by every page."""

from django.conf import settings
from django.http import HttpRequest


def site(request: HttpRequest) -> dict[str, str]:
    """The site's name, from the request's Wagtail Site or the settings."""
    wagtail_site = getattr(request, "_wagtail_site", None)
    name = getattr(wagtail_site, "site_name", "") or settings.WAGTAIL_SITE_NAME
    return {"site_name": name}
