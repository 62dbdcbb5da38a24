"""Media views: images and renditions only; documents are never served as media.

Documents live in the private storage (private_media/storage.py), but a file left
under MEDIA_ROOT/documents by an older release, or a web server mapping the wrong
folder, must not leak one: `/media/documents/...` answers 404 in every mode, and
development's media view refuses the folder however the path is spelled.
"""

from django.conf import settings
from django.http import Http404, HttpRequest
from django.http.response import HttpResponseBase
from django.views.static import serve

from private_media.storage import is_private_name


def refuse_private_media(request: HttpRequest, path: str = "") -> HttpResponseBase:
    raise Http404("Documents are served at /documents/ only.")


def serve_public_media(request: HttpRequest, path: str) -> HttpResponseBase:
    """Development only (DEBUG): MEDIA_ROOT's files, never its documents folder."""
    # Lower case too: on a case-insensitive disk DOCUMENTS/ is the same folder.
    if is_private_name(path.lower()):
        raise Http404("Documents are served at /documents/ only.")
    return serve(request, path, document_root=str(settings.MEDIA_ROOT))
