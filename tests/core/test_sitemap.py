"""The sitemap index (core/sitemaps.py): /sitemap.xml lists paged sections."""

import datetime
import re

import pytest
from defusedxml import ElementTree as ET
from django.db import connection
from django.template.loader import render_to_string
from django.test.utils import CaptureQueriesContext
from wagtail.models import PageViewRestriction

from core.sitemaps import PageSitemap, SubpageSitemap, render_urlset, sitemap_paths
from home.models import TopicIndexPage
from tests.factories.curriculum import TopicAreaFactory
from tests.factories.home import ContentPageFactory
from tests.sitemaps import sitemap_page_paths, sitemap_text

pytestmark = pytest.mark.django_db

NS = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
PAGE_SIZE = 3


@pytest.fixture
def small_pages(monkeypatch):
    """Sitemap pages of three URLs, so a handful of pages spans several."""
    monkeypatch.setattr(PageSitemap, "limit", PAGE_SIZE)
    monkeypatch.setattr(SubpageSitemap, "limit", PAGE_SIZE)


def add_pages(parent, count, prefix="page"):
    return [
        ContentPageFactory(parent=parent, title=f"{prefix} {n}", slug=f"{prefix}-{n}")
        for n in range(count)
    ]


def locations(xml):
    return re.findall(r"<loc>([^<]+)</loc>", xml)


def test_the_index_lists_each_section_and_each_of_its_pages(
    client, home_page, small_pages
):
    add_pages(home_page, 7)  # 8 pages with the home page: 3 + 3 + 2
    home_page.add_child(instance=TopicIndexPage(title="Topics", slug="topics"))
    TopicAreaFactory(slug="leadership")

    response = client.get("/sitemap.xml")

    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/xml")
    root = ET.fromstring(response.content)
    assert root.tag == f"{NS}sitemapindex"
    assert sitemap_page_paths(client) == [
        "/sitemap-pages.xml",
        "/sitemap-pages.xml?p=2",
        "/sitemap-pages.xml?p=3",
        "/sitemap-subpages.xml",
    ]


def test_each_page_is_valid_xml_within_the_limit_and_all_pages_are_listed_once(
    client, home_page, small_pages
):
    pages = add_pages(home_page, 7)
    seen = []
    for path in sitemap_page_paths(client):
        response = client.get(path)
        assert response.status_code == 200
        root = ET.fromstring(response.content)
        assert root.tag == f"{NS}urlset"
        urls = root.findall(f"{NS}url")
        assert len(urls) <= PAGE_SIZE
        seen += [url.find(f"{NS}loc").text for url in urls]
    expected = [home_page.get_full_url()] + [page.get_full_url() for page in pages]
    assert sorted(seen) == sorted(expected)


def test_the_default_page_size_is_well_under_the_protocol_limit():
    assert PageSitemap.limit == SubpageSitemap.limit == 5000 < 50_000


@pytest.mark.parametrize("page", ["4", "0", "x"])
def test_a_page_beyond_the_last_is_not_found(client, home_page, small_pages, page):
    add_pages(home_page, 7)
    assert client.get("/sitemap-pages.xml?p=3").status_code == 200
    assert client.get(f"/sitemap-pages.xml?p={page}").status_code == 404


def test_an_unknown_section_is_not_found(client, home_page):
    assert client.get("/sitemap-nothing.xml").status_code == 404


def test_drafts_private_pages_and_pages_under_them_are_left_out(client, home_page):
    public = ContentPageFactory(parent=home_page, slug="public")
    draft = ContentPageFactory(parent=home_page, slug="draft", draft=True)
    private = ContentPageFactory(parent=home_page, slug="private")
    under = ContentPageFactory(parent=private, slug="under")
    PageViewRestriction.objects.create(
        page=private, restriction_type=PageViewRestriction.LOGIN
    )

    found = locations(sitemap_text(client))

    assert public.get_full_url() in found
    for page in (draft, private, under):
        assert page.get_full_url() not in found


def test_a_publish_shows_up_on_the_next_request_with_the_page_cache_on(
    client, home_page, settings
):
    settings.PAGE_CACHE_TIMEOUT = 300
    assert client.get("/sitemap-pages.xml").status_code == 200
    assert client.get("/sitemap-pages.xml")["X-Cache"] == "HIT"
    page = ContentPageFactory(parent=home_page, slug="fresh", draft=True)
    assert page.get_full_url() not in sitemap_text(client)

    page.save_revision().publish()
    text = sitemap_text(client)
    assert page.get_full_url() in text
    assert "<lastmod>" in text  # the last publication

    page.refresh_from_db()
    page.unpublish()
    assert page.get_full_url() not in sitemap_text(client)


def test_a_sitemap_page_costs_the_same_few_queries_however_many_pages(
    client, home_page
):
    def queries():
        client.get("/sitemap-pages.xml")  # warm per-process caches
        with CaptureQueriesContext(connection) as captured:
            response = client.get("/sitemap-pages.xml")
        assert response.status_code == 200
        return len(captured)

    add_pages(home_page, 3, prefix="few")
    few = queries()
    add_pages(home_page, 40, prefix="many")
    many = queries()
    assert many == few <= 5


def test_the_index_and_the_subpages_cost_a_few_queries(client, home_page):
    home_page.add_child(instance=TopicIndexPage(title="Topics", slug="topics"))
    TopicAreaFactory.create_batch(5)
    add_pages(home_page, 10)
    for path in ("/sitemap.xml", "/sitemap-subpages.xml"):
        client.get(path)
        with CaptureQueriesContext(connection) as captured:
            assert client.get(path).status_code == 200
        assert len(captured) <= 10, (path, [q["sql"] for q in captured])


def test_purging_covers_the_index_and_every_page_of_each_section(
    home_page, small_pages
):
    add_pages(home_page, 7)
    paths = sitemap_paths(home_page.get_site())
    assert paths[0] == "/sitemap.xml"
    assert {
        "/sitemap-pages.xml",
        "/sitemap-pages.xml?p=3",
        "/sitemap-pages.xml?p=4",  # one beyond: a page that has just emptied
        "/sitemap-subpages.xml",
    } <= set(paths)


def test_publishing_purges_the_sitemap_pages_from_the_cdn(purge_server, home_page):
    page = ContentPageFactory(parent=home_page, slug="news-item", draft=True)
    purge_server.clear()
    page.save_revision().publish()
    purged = {path for _host, path in purge_server}
    assert {"/sitemap.xml", "/sitemap-pages.xml", "/sitemap-subpages.xml"} <= purged


def test_robots_txt_points_at_the_index(client, home_page):
    lines = client.get("/robots.txt").content.decode().splitlines()
    assert any(
        line.startswith("Sitemap: ") and line.endswith("/sitemap.xml") for line in lines
    )


# --- Kept under the content version ----------------------------------------------


def test_a_sitemap_page_is_kept_and_the_next_request_reads_nothing(client, home_page):
    add_pages(home_page, 3)
    for path in ("/sitemap.xml", "/sitemap-pages.xml", "/sitemap-subpages.xml"):
        first = client.get(path)
        with CaptureQueriesContext(connection) as captured:
            second = client.get(path)
        assert len(captured) == 0, path
        assert second.content == first.content
        assert second["Content-Type"] == first["Content-Type"]
        assert second["X-Robots-Tag"] == "noindex, noodp, noarchive"
        assert second.get("Last-Modified") == first.get("Last-Modified")


def test_publish_and_unpublish_show_on_the_next_request_with_the_page_cache_off(
    client, home_page
):
    assert client.get("/sitemap-pages.xml").status_code == 200  # kept
    page = ContentPageFactory(parent=home_page, slug="fresh", draft=True)
    page.save_revision().publish()
    assert page.get_full_url() in locations(sitemap_text(client))

    page.refresh_from_db()
    page.unpublish()
    assert page.get_full_url() not in locations(sitemap_text(client))


def test_a_page_made_private_leaves_the_kept_sitemap_on_the_next_request(
    client, home_page
):
    page = ContentPageFactory(parent=home_page, slug="soon-private")
    assert page.get_full_url() in locations(sitemap_text(client))
    PageViewRestriction.objects.create(
        page=page, restriction_type=PageViewRestriction.LOGIN
    )
    assert page.get_full_url() not in locations(sitemap_text(client))


def test_a_new_sitemap_page_shows_in_the_kept_index_on_the_next_request(
    client, home_page, small_pages
):
    add_pages(home_page, 2)  # 3 with the home page: one page
    assert sitemap_page_paths(client) == [
        "/sitemap-pages.xml",
        "/sitemap-subpages.xml",
    ]
    page = ContentPageFactory(parent=home_page, slug="fourth", draft=True)
    page.save_revision().publish()
    assert "/sitemap-pages.xml?p=2" in sitemap_page_paths(client)


def test_a_new_topic_area_shows_in_the_kept_subpages_on_the_next_request(
    client, home_page
):
    topics = home_page.add_child(instance=TopicIndexPage(title="Topics", slug="topics"))
    before = client.get("/sitemap-subpages.xml").content.decode()
    TopicAreaFactory(slug="leadership")
    after = client.get("/sitemap-subpages.xml").content.decode()
    url = topics.get_full_url() + "leadership/"
    assert url not in before and url in after


def test_each_address_is_kept_apart(client, home_page):
    """The index names its pages with the request's scheme; a ?p= is its own page."""
    plain = client.get("/sitemap.xml").content.decode()
    secure = client.get("/sitemap.xml", secure=True).content.decode()
    assert "<loc>http://testserver/sitemap-pages.xml</loc>" in plain
    assert "<loc>https://testserver/sitemap-pages.xml</loc>" in secure


def test_a_page_beyond_the_last_stays_not_found_once_the_first_is_kept(
    client, home_page
):
    assert client.get("/sitemap-pages.xml").status_code == 200
    assert client.get("/sitemap-pages.xml?p=2").status_code == 404
    assert client.get("/sitemap-pages.xml?p=2").status_code == 404


LASTMOD = datetime.datetime(2026, 3, 1, 2, 30, tzinfo=datetime.UTC)  # Feb 28 in NY


@pytest.mark.parametrize(
    "urls",
    [
        [],
        [{"location": "https://example.org/"}],
        [
            {"location": "https://example.org/a?x=1&y=<2>", "lastmod": LASTMOD},
            {
                "location": "https://example.org/b/",
                "lastmod": datetime.date(2025, 1, 2),
            },
            {"location": "https://example.org/c/'\"", "lastmod": None},
            {
                "location": "https://example.org/d/",
                "lastmod": LASTMOD,
                "changefreq": "weekly",
                "priority": "0.5",
                "alternates": [
                    {"lang_code": "es", "location": "https://example.org/es/d/"},
                    {"lang_code": "x-default", "location": "https://example.org/d/"},
                ],
            },
            {"location": "https://example.org/e/", "changefreq": "", "priority": ""},
        ],
    ],
)
def test_sitemap_pages_are_written_as_djangos_template_writes_them(urls):
    assert render_urlset(urls) == render_to_string("sitemap.xml", {"urlset": urls})


def test_a_whole_sitemap_page_is_what_the_template_gives(client, home_page):
    pages = add_pages(home_page, 5)
    for page in pages:
        page.save_revision().publish()
        page.refresh_from_db()
    response = client.get("/sitemap-pages.xml")
    urls = [
        {"location": page.get_full_url(), "lastmod": page.last_published_at}
        for page in [home_page, *pages]
    ]
    assert urls[-1]["lastmod"] is not None
    expected = render_to_string("sitemap.xml", {"urlset": urls})
    assert response.content.decode() == expected
