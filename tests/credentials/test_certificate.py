"""The certificate PDF, read back: one page with the name, track, identifier and
the verification address its QR code points at."""

import os
import shutil
import subprocess

import pytest
import segno

from core.pdf import local_files_fetcher
from credentials.certificates import (
    certificate_html,
    qr_code_data_uri,
    render_certificate,
    verification_url,
)

pytestmark = pytest.mark.django_db

HAVE_POPPLER = bool(shutil.which("pdftotext") and shutil.which("pdfinfo"))
needs_poppler = pytest.mark.skipif(
    not HAVE_POPPLER and not os.environ.get("CI"),
    reason="poppler-utils (pdftotext, pdfinfo) is not installed; .ci/run installs it",
)


def pdf_text(pdf, tmp_path):
    path = tmp_path / "certificate.pdf"
    path.write_bytes(pdf)
    text = subprocess.run(  # noqa: S603 - a fixed local tool on our own file
        [shutil.which("pdftotext"), "-layout", str(path), "-"],
        check=True,
        capture_output=True,
    ).stdout.decode()
    info = subprocess.run(  # noqa: S603
        [shutil.which("pdfinfo"), str(path)], check=True, capture_output=True
    ).stdout.decode()
    pages = next(
        int(line.split(":")[1])
        for line in info.splitlines()
        if line.startswith("Pages:")
    )
    return " ".join(text.split()), pages, info


@needs_poppler
def test_certificate_reads_back_with_name_track_identifier_on_one_page(
    credential, tmp_path
):
    text, pages, info = pdf_text(render_certificate(credential), tmp_path)
    assert pages == 1
    assert "792 x 612 pts (letter)" in info  # US Letter, landscape
    assert "Grace Okonkwo-Hale" in text
    assert "CeCTO Certification" in text
    assert "Class of 2012" in text
    assert credential.identifier in text
    assert "15 November 2012" in text or "November 15, 2012" in text
    assert "N.C. Department of Public Instruction" in text and "MCNC" in text
    assert f"http://testserver/credentials/{credential.identifier}/" in text


@needs_poppler
def test_revoked_certificate_says_so(credential, director, tmp_path):
    from credentials.services import revoke_credential

    revoke_credential(credential, "Issued in error.", director)
    text, pages, _info = pdf_text(render_certificate(credential), tmp_path)
    assert "Revoked" in text and pages == 1


def test_qr_code_points_at_the_verification_page(credential):
    url = verification_url(credential)
    assert url == f"http://testserver/credentials/{credential.identifier}/"
    html = certificate_html(credential)
    expected = qr_code_data_uri(url)
    assert expected in html
    assert expected == segno.make(url, error="m").svg_data_uri(
        scale=4, border=0, dark="#1b2a41"
    )


def test_the_certificate_fetches_nothing_from_the_network(credential):
    fetcher = local_files_fetcher()
    for url in (
        "https://example.org/logo.png",
        "http://169.254.169.254/latest/meta-data/",
        "file:///etc/passwd",
        "static:../../etc/passwd",
        "media:documents/private.pdf",
    ):
        with pytest.raises((ValueError, FileNotFoundError)):
            fetcher.fetch(url)
    assert fetcher.fetch("static:img/logo.svg").read().startswith(b"<svg")


@needs_poppler
def test_partner_logos_are_drawn_from_local_media(credential, partners, tmp_path):
    from tests.factories.core import ImageFactory

    partners[0].logo = ImageFactory()
    partners[0].save()
    html = certificate_html(credential)
    assert 'src="media:images/' in html
    _text, pages, _info = pdf_text(render_certificate(credential), tmp_path)
    assert pages == 1
