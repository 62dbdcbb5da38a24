"""What a visitor finds in the header and footer on every page: the main menu
(news and the program calendar included), the statements and the contact address."""

import re

import pytest
from wagtail.models import Site

from core.models import ProgramSettings
from core.templatetags.portal_tags import real_email
from tests.factories.home import ContentPageFactory
from tests.factories.news import NewsIndexPageFactory
from tests.querycount import MAX_QUERIES, count_queries

pytestmark = pytest.mark.django_db


def menu_links(content):
    menu = re.search(r'<ul class="main-menu">(.*?)</ul>', content, re.S).group(1)
    return re.findall(r'href="([^"]+)"[^>]*>([^<]+)</a>', menu)


@pytest.fixture
def news(home_page):
    index = NewsIndexPageFactory(parent=home_page, show_in_menus=True)
    ContentPageFactory(
        parent=home_page, title="About the program", slug="about", show_in_menus=True
    )
    return index


def test_visitor_finds_news_and_the_calendar_in_the_main_menu(client, news):
    links = menu_links(client.get("/").content.decode())

    assert ("/about/", "About the program") in links
    assert ("/news/", "News") in links
    # The calendar is a view, not a page: it comes last, after the pages.
    assert links[-1] == ("/events/", "Events")


def test_visitor_on_the_calendar_sees_events_marked_current(client, news):
    content = client.get("/events/").content.decode()

    assert re.search(r'href="/events/" aria-current="page">Events<', content)
    assert 'href="/news/" aria-current' not in content


def test_visitor_in_the_news_sees_news_marked_current(client, news):
    content = client.get("/news/").content.decode()

    assert 'href="/news/" aria-current="page">News<' in content
    assert 'href="/events/" aria-current' not in content


def test_the_menu_with_the_calendar_stays_within_the_query_budget(client, news):
    assert count_queries(client, "/about/") <= MAX_QUERIES


def test_visitor_finds_the_statements_in_the_footer(client, home_page):
    content = client.get("/").content.decode()
    footer = content[content.index('<footer class="site-footer">') :]

    assert '<a href="/accessibility/">Accessibility statement</a>' in footer
    assert '<a href="/privacy/">Privacy statement</a>' in footer


def test_footer_shows_the_programs_contact_address(client, home_page):
    site = Site.objects.get(root_page=home_page)
    ProgramSettings.objects.update_or_create(
        site=site, defaults={"contact_email": "cecto@sog.unc.edu"}
    )

    content = client.get("/").content.decode()

    assert 'href="mailto:cecto@sog.unc.edu"' in content


def test_footer_never_shows_the_placeholder_address(client, home_page):
    """A fresh install keeps the model's default (example.org): no address at all
    is better than a made-up one."""
    site = Site.objects.get(root_page=home_page)
    ProgramSettings.objects.update_or_create(site=site, defaults={})

    content = client.get("/").content.decode()

    assert "example.org" not in content
    assert "mailto:" not in content


@pytest.mark.parametrize(
    ("address", "shown"),
    [
        ("cecto@example.org", ""),
        ("someone@cecto.example", ""),
        ("a@mail.test", ""),
        ("cecto@sog.unc.edu", "cecto@sog.unc.edu"),
        ("", ""),
    ],
)
def test_real_email_drops_reserved_domains(address, shown):
    assert real_email(address) == shown
