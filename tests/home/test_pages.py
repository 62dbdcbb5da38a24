"""Every page type renders for visitors, previews and edits for editors."""

import pytest
from django.core.files.base import ContentFile
from wagtail.documents import get_document_model
from wagtail.rich_text import RichText

from tests.factories.core import ImageFactory
from tests.factories.curriculum import TrackFactory
from tests.factories.home import ContentPageFactory
from tests.two_factor import sign_in_verified

pytestmark = pytest.mark.django_db


@pytest.fixture
def document():
    model = get_document_model()
    doc = model(title="Governance handbook")
    doc.file.save("handbook.pdf", ContentFile(b"%PDF-1.4\n%%EOF\n"), save=False)
    doc.save()
    return doc


@pytest.fixture
def rich_page(home_page, document):
    image = ImageFactory(
        title="Kick-off", description="Directors at the kick-off meeting"
    )
    body = [
        ("heading", {"text": "Governance in practice", "level": "h2"}),
        ("text", RichText("<p>Boards and <b>directors</b> share decisions.</p>")),
        (
            "image",
            {
                "image": {
                    "image": image,
                    "decorative": False,
                    "alt_text": "Directors in a workshop",
                },
                "caption": "The 2012 kick-off",
            },
        ),
        ("document", {"document": document, "title": ""}),
        (
            "quote",
            {
                "quote": "It's about leadership.",
                "attribution": "A graduate",
                "role": "Technology Director",
            },
        ),
        (
            "call_to_action",
            {"text": "Ask to join", "page": None, "link": "/join/", "style": "primary"},
        ),
        (
            "table",
            {
                "caption": "Hours by track",
                "table": {
                    "columns": [
                        {"type": "text", "heading": "Track"},
                        {"type": "number", "heading": "Hours"},
                    ],
                    "rows": [
                        {"values": ["CeCTO Certification", 240]},
                        {"values": ["Leaders", 20]},
                    ],
                },
            },
        ),
    ]
    return ContentPageFactory(
        parent=home_page, title="About governance", slug="governance", body=body
    )


def test_content_page_renders_every_block(client, rich_page):
    response = client.get(rich_page.url)
    assert response.status_code == 200
    html = response.content.decode()
    assert html.count("<h1") == 1
    assert 'id="governance-in-practice"' in html
    assert "<b>directors</b>" in html
    assert 'alt="Directors in a workshop"' in html
    assert "<figcaption" in html and "The 2012 kick-off" in html
    assert "Governance handbook" in html and "PDF" in html
    assert "It&#x27;s about leadership." in html or "It's about leadership." in html
    assert 'href="/join/"' in html
    assert "<caption" in html and "Hours by track" in html
    assert 'scope="col"' in html


def test_home_page_shows_both_tracks_and_featured_pages(client, home_page):
    TrackFactory(name="CeCTO Certification", required_hours=240, duration_months=10)
    TrackFactory(
        name="Leaders for the 21st Century", required_hours=20, duration_months=10
    )
    featured = ContentPageFactory(
        parent=home_page, title="About the program", listing_summary="Who it is for."
    )
    draft = ContentPageFactory(parent=home_page, title="Unfinished draft", draft=True)
    home_page.featured = [("page", featured), ("page", draft)]
    home_page.save_revision().publish()

    response = client.get("/")
    html = response.content.decode()
    assert response.status_code == 200
    assert html.count("<h1") == 1
    assert "CeCTO Certification" in html and "Leaders for the 21st Century" in html
    assert "240" in html and "20" in html
    assert "About the program" in html and "Who it is for." in html
    assert "Unfinished draft" not in html


def test_draft_content_page_is_not_served(client, home_page):
    draft = ContentPageFactory(parent=home_page, slug="secret-plans", draft=True)
    assert client.get("/secret-plans/").status_code == 404
    assert draft.live is False


def test_base_template_has_landmarks_and_skip_link(client, rich_page):
    html = client.get(rich_page.url).content.decode()
    assert 'href="#main-content"' in html
    assert 'id="main-content"' in html
    assert "<header" in html and "<footer" in html and "<nav" in html
    assert '<html lang="en"' in html


def test_pages_load_no_asset_from_the_internet(client, rich_page):
    html = client.get(rich_page.url).content.decode()
    for marker in ('src="http', 'src="//', 'href="//', "fonts.googleapis", "cdn."):
        assert marker not in html


@pytest.mark.parametrize("page_fixture", ["home_page", "rich_page"])
def test_editor_can_open_edit_and_preview(client, admin_user, request, page_fixture):
    page = request.getfixturevalue(page_fixture)
    sign_in_verified(client, admin_user)
    assert client.get(f"/admin/pages/{page.pk}/edit/").status_code == 200
    revision = page.save_revision(user=admin_user)
    preview = client.get(f"/admin/pages/{page.pk}/revisions/{revision.pk}/view/")
    assert preview.status_code == 200
    assert b"Preview not available" not in preview.content
    assert page.title.encode() in preview.content


def test_editor_can_open_the_create_form_for_each_type(client, admin_user, home_page):
    sign_in_verified(client, admin_user)
    assert (
        client.get(f"/admin/pages/add/home/contentpage/{home_page.pk}/").status_code
        == 200
    )


def test_custom_404_page_uses_the_site_design(client, home_page):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert b"main-content" in response.content
