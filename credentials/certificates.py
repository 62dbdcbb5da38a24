"""The certificate: an HTML template printed to PDF by WeasyPrint (core.pdf: local
files only, never the network)."""

import segno
from django.template.loader import render_to_string

from core.pdf import render_pdf, rendition_source
from core.sites import served_url
from people.models import PartnerOrganization

LOGO_RENDITION = "max-480x200"


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
        source = rendition_source(partner and partner.logo, LOGO_RENDITION)
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
    return render_pdf(certificate_html(credential))


def certificate_filename(credential):
    return f"cecto-certificate-{credential.cohort_year}-{credential.identifier}.pdf"
