"""News at /news/: newest first, paginated, with an Atom feed of live public items."""

import datetime
import xml.etree.ElementTree as ET

import pytest
from wagtail.models import PageViewRestriction

from home.models import HomePage
from news.models import NewsIndexPage, NewsPage
from tests.factories.news import NewsIndexPageFactory, NewsPageFactory

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture
def news_index(home_page):
    return NewsIndexPageFactory(parent=home_page)


def test_news_lives_in_one_index_under_home():
    assert NewsIndexPage in HomePage.allowed_subpage_models()
    assert set(NewsIndexPage.allowed_subpage_models()) == {NewsPage}
    assert set(NewsPage.allowed_parent_page_models()) == {NewsIndexPage}
    assert not NewsPage.allowed_subpage_models()


def test_the_index_lists_live_public_news_newest_first(client, news_index):
    NewsPageFactory(parent=news_index, title="Older", date=datetime.date(2024, 1, 1))
    NewsPageFactory(parent=news_index, title="Newer", date=datetime.date(2024, 6, 1))
    NewsPageFactory(parent=news_index, title="Unpublished", draft=True)
    private = NewsPageFactory(parent=news_index, title="Members only")
    PageViewRestriction.objects.create(
        page=private, restriction_type=PageViewRestriction.LOGIN
    )
    response = client.get("/news/")
    assert response.status_code == 200
    content = response.content.decode()
    assert content.index("Newer") < content.index("Older")
    assert "Unpublished" not in content and "Members only" not in content
    assert content.count("<h1") == 1
    assert 'type="application/atom+xml"' in content and "/news/feed/" in content


def test_the_index_is_paginated(client, news_index):
    for _ in range(news_index.paginate_by + 1):
        NewsPageFactory(parent=news_index)
    first = client.get("/news/")
    assert len(first.context["items"]) == news_index.paginate_by
    second = client.get("/news/?page=2")
    assert len(second.context["items"]) == 1


def test_a_news_page_shows_its_date_and_body(client, news_index):
    item = NewsPageFactory(parent=news_index, date=datetime.date(2024, 3, 5))
    response = client.get(item.url)
    assert response.status_code == 200
    assert b'datetime="2024-03-05"' in response.content
    assert b"The news in full." in response.content


def test_the_feed_is_atom_and_excludes_drafts_and_private_news(client, news_index):
    NewsPageFactory(
        parent=news_index, title="Graduation", date=datetime.date(2024, 1, 1)
    )
    NewsPageFactory(
        parent=news_index, title="New cohort", date=datetime.date(2024, 2, 1)
    )
    NewsPageFactory(parent=news_index, title="Draft news", draft=True)
    private = NewsPageFactory(parent=news_index, title="Private news")
    PageViewRestriction.objects.create(
        page=private, restriction_type=PageViewRestriction.LOGIN
    )
    response = client.get("/news/feed/")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    root = ET.fromstring(response.content)  # noqa: S314 (our own feed)
    assert root.tag == f"{ATOM}feed"
    entries = root.findall(f"{ATOM}entry")
    titles = [entry.findtext(f"{ATOM}title") for entry in entries]
    assert titles == ["New cohort", "Graduation"]
    link = entries[0].find(f"{ATOM}link").get("href")
    assert link.startswith("http://") and link.endswith("/news/new-cohort/")
