"""Cached menus, breadcrumbs and footers follow every content change."""

import pytest
from wagtail.models import Page

from core.models import ProgramSettings
from tests.factories.home import ContentPageFactory

pytestmark = pytest.mark.django_db


def menu(client, url="/"):
    html = client.get(url).content.decode()
    start = html.index('aria-label="Main"')
    return html[start : html.index("</nav>", start)]


def test_menu_follows_publish_and_unpublish(client, home_page):
    about = ContentPageFactory(parent=home_page, title="About us", show_in_menus=True)
    about.save_revision().publish()
    assert "About us" in menu(client)

    about.unpublish()
    assert "About us" not in menu(client)

    news = ContentPageFactory(
        parent=home_page, title="News", show_in_menus=True, live=False
    )
    assert "News" not in menu(client)
    news.save_revision().publish()
    assert "News" in menu(client)


def test_menu_follows_delete(client, home_page):
    about = ContentPageFactory(parent=home_page, title="About us", show_in_menus=True)
    about.save_revision().publish()
    assert "About us" in menu(client)
    Page.objects.get(pk=about.pk).delete()
    assert "About us" not in menu(client)


def test_breadcrumbs_follow_a_move(client, home_page):
    first = ContentPageFactory(parent=home_page, title="First section", slug="first")
    second = ContentPageFactory(parent=home_page, title="Second section", slug="second")
    child = ContentPageFactory(parent=first, title="Child", slug="child")
    child.save_revision().publish()
    assert "First section" in client.get("/first/child/").content.decode()

    child.move(second, pos="last-child")
    html = client.get("/second/child/").content.decode()
    assert "Second section" in html
    assert "First section" not in html


def test_footer_follows_site_settings(client, home_page):
    client.get("/")
    program = ProgramSettings.for_site(home_page.get_site())
    program.footer_text = "A brand new footer sentence."
    program.save()
    assert "A brand new footer sentence." in client.get("/").content.decode()


def test_cached_fragments_save_queries_on_repeat_visits(
    client, home_page, django_assert_max_num_queries
):
    ContentPageFactory(parent=home_page, title="About us", show_in_menus=True)
    client.get("/")
    with django_assert_max_num_queries(8):
        client.get("/")


def test_a_visitors_first_page_view_writes_nothing(client, home_page):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        assert client.get("/").status_code == 200
    writes = [
        q["sql"]
        for q in queries.captured_queries
        if q["sql"].lstrip().upper().startswith(("INSERT", "UPDATE", "DELETE"))
    ]
    assert writes == []
    assert not ProgramSettings.objects.exists()


def test_home_sections_follow_partner_edits(client, home_page):
    from tests.factories.people import PartnerFactory

    partner = PartnerFactory(name="MCNC")
    assert "MCNC" in client.get("/").content.decode()
    partner.name = "MCNC (North Carolina's research and education network)"
    partner.save()
    assert "research and education network" in client.get("/").content.decode()
