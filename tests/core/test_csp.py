"""Content-Security-Policy: a strict policy with a per-request nonce on the public
site, a wider one for Wagtail's admin (core.middleware.ContentSecurityPolicyMiddleware).
"""

import re

import pytest
from wagtail.models import Page

from tests.factories.core import UserFactory
from tests.two_factor import sign_in_verified

SCRIPT_TAG = re.compile(r"<script\b([^>]*)>", re.IGNORECASE)
ATTRIBUTE = re.compile(r'([\w-]+)(?:="([^"]*)")?')
# Script types a browser does not run (data blocks): CSP does not apply to them.
DATA_TYPES = {"application/json", "application/ld+json"}
# Pages that are not in the tree, or are routes of a page.
EXTRA_PUBLIC_PATHS = [
    "/search/?q=data",
    "/accounts/login/",
    "/curriculum/map/",
    "/no-such-page/",  # the 404 page
]


def policy(response):
    header = response["Content-Security-Policy"]
    return {
        name: values
        for name, *values in (
            part.split() for part in header.split(";") if part.strip()
        )
    }


def nonce_of(response):
    for source in policy(response).get("script-src", []):
        match = re.fullmatch(r"'nonce-([A-Za-z0-9+/=]+)'", source)
        if match:
            return match.group(1)
    return None


def scripts_without_the_nonce(html, nonce):
    """Script tags a browser would run that carry neither a same-site src nor the
    response's nonce."""
    bad = []
    for match in SCRIPT_TAG.finditer(html):
        attributes = dict(ATTRIBUTE.findall(match.group(1)))
        if attributes.get("type", "").lower() in DATA_TYPES and attributes.get(
            "nonce"
        ) in (nonce, None):
            continue
        src = attributes.get("src", "")
        same_site = src.startswith("/") and not src.startswith("//")
        if attributes.get("nonce") != nonce or (src and not same_site):
            bad.append(match.group(0))
    return bad


def assert_strict_public_policy(response, path):
    directives = policy(response)
    nonce = nonce_of(response)
    assert nonce, f"{path}: no nonce in {directives.get('script-src')}"
    assert directives["script-src"] == ["'self'", f"'nonce-{nonce}'"], path
    assert "'unsafe-inline'" not in response["Content-Security-Policy"], path
    assert directives["default-src"] == ["'self'"]
    assert directives["style-src"] == ["'self'"]
    assert directives["object-src"] == ["'none'"]
    assert directives["base-uri"] == ["'self'"]
    assert directives["frame-ancestors"] == ["'none'"]
    assert directives["form-action"] == ["'self'"]
    html = response.content.decode()
    assert "<script" in html, path
    assert not scripts_without_the_nonce(html, nonce), path
    assert not re.search(r"<style\b|\sstyle=", html), f"{path}: inline style"
    assert not re.search(r"\son[a-z]+=", html), f"{path}: inline event handler"
    return nonce


@pytest.fixture
def seeded(demo_site, db):
    return demo_site


def one_public_page_per_type():
    pages = {}
    for page in Page.objects.live().public().filter(depth__gt=1).specific():
        pages.setdefault(type(page).__name__, page)
    return pages


def test_every_public_page_type_sends_a_strict_policy_with_a_nonce(client, seeded):
    pages = one_public_page_per_type()
    # The demo covers the site's page types (the check would mean little otherwise).
    assert len(pages) >= 12, sorted(pages)
    paths = [page.url for page in pages.values()] + EXTRA_PUBLIC_PATHS
    for path in paths:
        response = client.get(path)
        assert response.status_code in (200, 404), path
        assert_strict_public_policy(response, path)


def test_each_response_gets_its_own_nonce(client, seeded):
    first = client.get("/")
    second = client.get("/")
    assert nonce_of(first) != nonce_of(second)
    assert f'nonce="{nonce_of(second)}"' in second.content.decode()


def test_a_participant_signed_in_gets_the_strict_policy_on_the_dashboard(
    client, seeded
):
    from django.contrib.auth import get_user_model

    participant = (
        get_user_model()
        .objects.filter(groups__name="Participants", is_active=True)
        .first()
    )
    client.force_login(participant)
    response = client.get("/dashboard/")
    assert response.status_code == 200
    assert_strict_public_policy(response, "/dashboard/")


def test_an_editor_sees_the_userbar_on_public_pages_without_inline_scripts(
    client, seeded
):
    sign_in_verified(client, UserFactory(username="csp-editor", superuser=True))
    response = client.get("/")
    html = response.content.decode()
    assert "wagtail-userbar" in html
    nonce = nonce_of(response)
    # The userbar's scripts are files from this site; its data is a JSON block.
    for match in SCRIPT_TAG.finditer(html):
        attributes = dict(ATTRIBUTE.findall(match.group(1)))
        if attributes.get("type") in DATA_TYPES:
            continue
        assert attributes.get("nonce") == nonce or attributes.get("src", "").startswith(
            ("/", "//testserver/")
        ), match.group(0)


def test_the_admin_gets_its_own_policy_without_a_nonce(client, seeded):
    sign_in_verified(client, UserFactory(username="csp-admin", superuser=True))
    home = Page.objects.get(depth=2)
    for path in ["/admin/", f"/admin/pages/{home.pk}/edit/", "/admin/images/"]:
        response = client.get(path)
        assert response.status_code == 200, path
        directives = policy(response)
        assert directives["script-src"] == ["'self'", "'unsafe-inline'"], path
        assert directives["frame-ancestors"] == ["'self'"], path
        assert directives["object-src"] == ["'none'"], path
        assert nonce_of(response) is None, path


def test_a_preview_in_the_editor_carries_the_admin_policy_so_it_can_be_framed(
    client, seeded
):
    admin = UserFactory(username="csp-previewer", superuser=True)
    sign_in_verified(client, admin)
    page = Page.objects.get(depth=2).specific
    revision = page.save_revision(user=admin)
    response = client.get(f"/admin/pages/{page.pk}/revisions/{revision.pk}/view/")
    assert response.status_code == 200
    directives = policy(response)
    assert directives["frame-ancestors"] == ["'self'"]
    # The public template's script is a file from this site, which 'self' allows.
    assert "js/portal.js" in response.content.decode()


def test_a_cached_page_is_served_with_a_fresh_nonce_in_the_header_and_the_html(
    client, seeded, settings
):
    settings.PAGE_CACHE_TIMEOUT = 300
    first = client.get("/")
    second = client.get("/")
    assert first["X-Cache"] == "MISS" and second["X-Cache"] == "HIT"
    first_nonce, second_nonce = nonce_of(first), nonce_of(second)
    assert first_nonce != second_nonce
    html = second.content.decode()
    assert f'nonce="{second_nonce}"' in html
    assert first_nonce not in html
    assert_strict_public_policy(second, "/ (cached)")


def test_csp_report_uri_and_the_media_origin_come_from_the_environment(
    client, seeded, settings, monkeypatch
):
    import importlib

    import portal.settings.base as base

    monkeypatch.setenv("CSP_REPORT_URI", "https://reports.example.org/csp")
    monkeypatch.setenv("AWS_S3_CUSTOM_DOMAIN", "cdn.example.org")
    monkeypatch.setenv("CSP_IMG_ORIGINS", "https://img.example.net")
    try:
        reloaded = importlib.reload(base)
        public = reloaded.CONTENT_SECURITY_POLICY
        admin = reloaded.CONTENT_SECURITY_POLICY_ADMIN
    finally:
        monkeypatch.undo()
        importlib.reload(base)
    settings.CONTENT_SECURITY_POLICY = public
    settings.CONTENT_SECURITY_POLICY_ADMIN = admin

    directives = policy(client.get("/"))
    assert directives["report-uri"] == ["https://reports.example.org/csp"]
    assert directives["img-src"] == [
        "'self'",
        "data:",
        "https://cdn.example.org",
        "https://img.example.net",
    ]
    assert nonce_of(client.get("/")) is not None
    sign_in_verified(client, UserFactory(username="csp-reporter", superuser=True))
    admin_directives = policy(client.get("/admin/"))
    assert admin_directives["report-uri"] == ["https://reports.example.org/csp"]


def test_without_csp_report_uri_no_report_is_asked_for(client, seeded):
    assert "report-uri" not in policy(client.get("/"))
