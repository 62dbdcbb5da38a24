"""Privacy changes are seen at once: view restrictions invalidate like a publish.

With the page cache on, a page (or a section) made private stops being served to
anonymous visitors, and leaves the API, the sitemap and search at the next request;
made public again, it comes back. With a CDN, the change purges the pages, the
feeds, the sitemap and the API entries (documents: their URLs and the documents
API). Every restriction type counts, and so does a change of a restriction's groups.
"""

import pytest
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from wagtail.documents import get_document_model
from wagtail.models import Collection, CollectionViewRestriction, PageViewRestriction

from caching.version import content_version
from tests.factories.news import NewsIndexPageFactory, NewsPageFactory
from tests.sitemaps import sitemap_text

pytestmark = pytest.mark.django_db

RESTRICTIONS = [
    PageViewRestriction.LOGIN,
    PageViewRestriction.PASSWORD,
    PageViewRestriction.GROUPS,
]


@pytest.fixture(autouse=True)
def page_cache_on(settings):
    settings.PAGE_CACHE_TIMEOUT = 300


@pytest.fixture
def news(home_page):
    """A public news section with one item, everything already cached once."""
    index = NewsIndexPageFactory(parent=home_page)
    item = NewsPageFactory(parent=index, title="Cyber drill announced", slug="drill")
    return {"index": index, "item": item}


def restrict(page, restriction_type):
    restriction = PageViewRestriction(page=page, restriction_type=restriction_type)
    if restriction_type == PageViewRestriction.PASSWORD:
        restriction.password = "s3cret-drill"
    restriction.save()
    if restriction_type == PageViewRestriction.GROUPS:
        restriction.groups.set([Group.objects.get_or_create(name="Participants")[0]])
    return restriction


def shown_to_visitors(client, page):
    """(page served, in the API, in the sitemap, found by search) for a visitor."""
    response = client.get(page.url)
    served = response.status_code == 200 and page.title in response.content.decode()
    listing = client.get("/api/v2/pages/", {"limit": 20}).json()["items"]
    in_api = page.pk in {item["id"] for item in listing}
    in_api = in_api or client.get(f"/api/v2/pages/{page.pk}/").status_code == 200
    in_sitemap = page.url in sitemap_text(client)
    found = page.title in client.get("/search/", {"q": "drill"}).content.decode()
    return served, in_api, in_sitemap, found


def prime_the_cache(client, page):
    """Everything a visitor sees is served once, so the next reads are hits."""
    assert shown_to_visitors(client, page) == (True, True, True, True)
    assert client.get(page.url)["X-Cache"] == "HIT"
    assert client.get("/sitemap.xml")["X-Cache"] == "HIT"


@pytest.mark.parametrize("restriction_type", RESTRICTIONS)
def test_a_page_made_private_is_refused_and_hidden_at_once(
    client, news, restriction_type
):
    item = news["item"]
    prime_the_cache(client, item)

    restrict(item, restriction_type)

    response = client.get(item.url)
    if restriction_type == PageViewRestriction.PASSWORD:
        assert response.status_code == 200  # the password form, not the page
        assert "Cyber drill announced" not in response.content.decode()
        assert 'name="password"' in response.content.decode()
    else:
        assert response.status_code == 302
        assert response["Location"].startswith("/accounts/login/")
    assert shown_to_visitors(client, item) == (False, False, False, False)


def test_a_section_made_private_hides_the_pages_below_it(client, news):
    item = news["item"]
    prime_the_cache(client, item)
    restrict(news["index"], PageViewRestriction.LOGIN)
    assert client.get(item.url).status_code == 302
    assert shown_to_visitors(client, item) == (False, False, False, False)


@pytest.mark.parametrize("restriction_type", RESTRICTIONS)
def test_removing_the_restriction_shows_the_page_again_at_once(
    client, news, restriction_type
):
    item = news["item"]
    restriction = restrict(item, restriction_type)
    assert shown_to_visitors(client, item) == (False, False, False, False)
    assert client.get("/sitemap.xml")["X-Cache"] == "HIT"

    restriction.delete()

    assert shown_to_visitors(client, item) == (True, True, True, True)


def test_a_change_of_a_restrictions_groups_starts_a_new_version(news):
    restriction = restrict(news["item"], PageViewRestriction.GROUPS)
    before = content_version()
    restriction.groups.add(Group.objects.create(name="Guests"))
    assert content_version() != before
    before = content_version()
    restriction.groups.clear()
    assert content_version() != before


# --- Collections: documents ---------------------------------------------------


@pytest.fixture
def handbook(root_page, home_page):
    collection = Collection.get_first_root_node().add_child(name="Handbooks")
    document = get_document_model()(title="Program handbook", collection=collection)
    document.file.save("handbook.pdf", ContentFile(b"%PDF-1.4\n"), save=False)
    document.save()
    return document


def document_shown(client, document):
    listing = client.get("/api/v2/documents/").json()["items"]
    in_api = document.pk in {item["id"] for item in listing}
    return in_api, client.get(document.url).status_code == 200


def test_a_collection_made_private_leaves_the_api_and_refuses_downloads(
    client, handbook
):
    assert document_shown(client, handbook) == (True, True)
    assert client.get("/api/v2/documents/")["X-Cache"] == "HIT"

    restriction = CollectionViewRestriction.objects.create(
        collection=handbook.collection,
        restriction_type=CollectionViewRestriction.LOGIN,
    )
    assert document_shown(client, handbook) == (False, False)

    restriction.delete()
    assert document_shown(client, handbook) == (True, True)


def test_a_change_of_a_collection_restrictions_groups_starts_a_new_version(handbook):
    restriction = CollectionViewRestriction.objects.create(
        collection=handbook.collection,
        restriction_type=CollectionViewRestriction.GROUPS,
    )
    before = content_version()
    restriction.groups.add(Group.objects.create(name="Guests"))
    assert content_version() != before


# --- The CDN ------------------------------------------------------------------


def purged(purge_server):
    return {path for _host, path in purge_server}


@pytest.mark.parametrize("restriction_type", RESTRICTIONS)
def test_making_a_section_private_purges_it_its_pages_and_the_api(
    purge_server, news, restriction_type
):
    index, item = news["index"], news["item"]
    purge_server.clear()
    restrict(index, restriction_type)
    assert {
        "/news/",
        "/news/drill/",
        "/",
        "/sitemap.xml",
        "/news/feed/",
        "/api/v2/pages/",
        f"/api/v2/pages/{index.pk}/",
        f"/api/v2/pages/{item.pk}/",
    } <= purged(purge_server)


def test_removing_a_restriction_and_changing_its_groups_purge_too(purge_server, news):
    restriction = restrict(news["item"], PageViewRestriction.GROUPS)
    purge_server.clear()
    restriction.groups.add(Group.objects.create(name="Guests"))
    assert {"/news/drill/", "/news/", "/sitemap.xml"} <= purged(purge_server)
    purge_server.clear()
    restriction.delete()
    assert {"/news/drill/", "/news/", "/sitemap.xml"} <= purged(purge_server)


def test_a_collection_restriction_purges_its_documents_and_the_documents_api(
    purge_server, handbook
):
    from tests.factories.core import ImageFactory

    logo = ImageFactory(collection=handbook.collection)
    purge_server.clear()
    restriction = CollectionViewRestriction.objects.create(
        collection=handbook.collection,
        restriction_type=CollectionViewRestriction.LOGIN,
    )
    expected = {
        handbook.url,
        "/api/v2/documents/",
        f"/api/v2/documents/{handbook.pk}/",
        "/api/v2/images/",
        f"/api/v2/images/{logo.pk}/",
    }
    assert expected <= purged(purge_server)
    purge_server.clear()
    restriction.delete()
    assert expected <= purged(purge_server)


def test_moving_a_document_to_another_collection_purges_it(purge_server, handbook):
    private = Collection.get_first_root_node().add_child(name="Private")
    purge_server.clear()
    handbook.collection = private
    handbook.save()
    assert {handbook.url, f"/api/v2/documents/{handbook.pk}/"} <= purged(purge_server)
