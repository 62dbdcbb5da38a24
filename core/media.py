"""Media URLs: images and renditions only; documents are never served as media.

Documents live in the private storage (core/storage.py), but a file left under
MEDIA_ROOT/documents by an older release, or a web server mapping the wrong
folder, must not leak one: `/media/documents/...` answers 404 in every mode, and
development's media view refuses the folder however the path is spelled.
"""

import re

from django.conf import settings
from django.http import Http404
from django.urls import re_path
from django.views.static import serve

from core.storage import PRIVATE_FOLDER, is_private_name


def refuse_private_media(request, path=""):
    raise Http404("Documents are served at /documents/ only.")


def serve_public_media(request, path):
    """Development only (DEBUG): MEDIA_ROOT's files, never its documents folder."""
    # Lower case too: on a case-insensitive disk DOCUMENTS/ is the same folder.
    if is_private_name(path.lower()):
        raise Http404("Documents are served at /documents/ only.")
    return serve(request, path, document_root=settings.MEDIA_ROOT)


def media_urlpatterns(debug):
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
