"""The certificate: an HTML template printed to PDF by WeasyPrint.

WeasyPrint never reaches the network: its URL fetcher serves the portal's own
static files (`static:` addresses) and images from the media storage (`media:`
addresses, never private documents), and `data:` URIs such as the QR code.
Anything else is refused, and WeasyPrint leaves that resource out.
"""

import posixpath

import segno
from django.contrib.staticfiles import finders
from django.core.files.storage import default_storage
from django.template.loader import render_to_string

from core.sites import served_url
from people.models import PartnerOrganization

LOGO_RENDITION = "max-480x200"


def local_files_fetcher():
    """A WeasyPrint URL fetcher that serves `static:`, `media:` and `data:`
    addresses and refuses every other one. (WeasyPrint is imported when a
    certificate is made, not when the portal starts.)"""
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
            raise ValueError(f"The certificate may not load {url!r}.")

    return LocalFilesFetcher()


def _safe_relative(name):
    """A relative path inside its root, or '' (no '..', no absolute path)."""
    name = name.lstrip("/")
    normal = posixpath.normpath(name) if name else ""
    if not normal or normal.startswith("..") or normal == ".":
        return ""
    return normal


def verification_url(credential):
    """Where the certificate's QR code points: the public verification page."""
    return served_url(credential.get_absolute_url())


def qr_code_data_uri(url):
    return segno.make(url, error="m").svg_data_uri(scale=4, border=0, dark="#1b2a41")


def partner_logos(credential):
    """[(name, `media:` address or None)] for the partners named on the credential,
    in their order; a logo only where the partner still has one (one query)."""
    partners = {
        partner.name: partner
        for partner in PartnerOrganization.objects.filter(
            name__in=credential.partners
        ).select_related("logo")
    }
    logos = []
    for name in credential.partners:
        partner = partners.get(name)
        source = None
        if partner is not None and partner.logo_id:
            try:
                rendition = partner.logo.get_rendition(LOGO_RENDITION)
                source = f"media:{rendition.file.name}"
            except (OSError, ValueError):
                source = None  # a missing or unreadable file: the name alone
        logos.append({"name": name, "logo": source})
    return logos


def certificate_html(credential):
    url = verification_url(credential)
    return render_to_string(
        "credentials/certificate.html",
        {
            "credential": credential,
            "verification_url": url,
            "qr_code": qr_code_data_uri(url),
            "partners": partner_logos(credential),
        },
    )


def render_certificate(credential):
    """The certificate as PDF bytes (one US Letter page, landscape)."""
    from weasyprint import HTML

    return HTML(
        string=certificate_html(credential),
        base_url="static:/",
        url_fetcher=local_files_fetcher(),
    ).write_pdf()


def certificate_filename(credential):
    return f"cecto-certificate-{credential.cohort_year}-{credential.identifier}.pdf"
