"""PDFs from HTML templates with WeasyPrint (certificates, the compendium).

WeasyPrint never reaches the network: its URL fetcher serves the portal's own
static files (`static:` addresses) and images from the media storage (`media:`
addresses, never private documents), and `data:` URIs such as a QR code.
Anything else is refused, and WeasyPrint leaves that resource out.
WeasyPrint is imported when a PDF is made, not when the portal starts.
"""

import posixpath

from django.contrib.staticfiles import finders
from django.core.files.storage import default_storage


def render_pdf(html):
    """`html` (a rendered template) as PDF bytes, with local files only."""
    # Imported here: WeasyPrint loads Pango and its fonts, which only PDFs need.
    from weasyprint import HTML

    return HTML(
        string=html, base_url="static:/", url_fetcher=local_files_fetcher()
    ).write_pdf()


def local_files_fetcher():
    """A WeasyPrint URL fetcher that serves `static:`, `media:` and `data:`
    addresses and refuses every other one."""
    # Imported here: WeasyPrint is loaded only for PDFs (see render_pdf).
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    class LocalFilesFetcher(URLFetcher):
        def fetch(self, url, headers=None):
            scheme, _, rest = url.partition(":")
            scheme = scheme.lower()
            if scheme == "data":
                return super().fetch(url, headers)
            name = _safe_relative(rest)
            if scheme == "static" and name:
                path = finders.find(name)
                if path:
                    with open(path, "rb") as handle:
                        return URLFetcherResponse(url, handle.read())
            if scheme == "media" and name and not name.startswith("documents/"):
                with default_storage.open(name, "rb") as handle:
                    return URLFetcherResponse(url, handle.read())
            raise ValueError(f"A PDF may not load {url!r}.")

    return LocalFilesFetcher()


def rendition_source(image, spec):
    """The `media:` address of `image`'s rendition for a PDF, or None when the
    file is missing or unreadable (the PDF then shows the text alone)."""
    if image is None:
        return None
    try:
        return f"media:{image.get_rendition(spec).file.name}"
    except (OSError, ValueError):
        return None


def _safe_relative(name):
    """A relative path inside its root, or '' (no '..', no absolute path)."""
    name = name.lstrip("/")
    normal = posixpath.normpath(name) if name else ""
    if not normal or normal.startswith("..") or normal == ".":
        return ""
    return normal
