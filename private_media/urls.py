"""The media URLs (private_media/views.py), added by portal/urls.py."""

import re

from django.conf import settings
from django.urls import URLPattern, re_path

from private_media.storage import PRIVATE_FOLDER
from private_media.views import refuse_private_media, serve_public_media


def media_urlpatterns(debug: bool) -> list[URLPattern]:
    """The refusal of /media/documents/ always; MEDIA_ROOT's other files under DEBUG."""
    if not settings.MEDIA_URL.startswith("/"):  # media on another host
        return []
    prefix = re.escape(settings.MEDIA_URL.strip("/"))
    # Any case (a case-insensitive disk): [dD][oO]... as URL patterns take no flags.
    folder = "".join(f"[{c.lower()}{c.upper()}]" for c in PRIVATE_FOLDER)
    patterns = [
        re_path(rf"^{prefix}/+{folder}(?:/(?P<path>.*))?$", refuse_private_media)
    ]
    if debug:
        patterns.append(re_path(rf"^{prefix}/(?P<path>.*)$", serve_public_media))
    return patterns
