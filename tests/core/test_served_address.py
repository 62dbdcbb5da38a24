"""The address the portal is served at (PORTAL_BASE_URL) is the one in every link."""

from django.contrib.auth import get_user_model
from django.core import mail
from django.core.management import call_command
from wagtail.models import Site

from core.sites import served_host, served_url, sync_default_site
from tests.factories.news import NewsIndexPageFactory, NewsPageFactory
from tests.sitemaps import sitemap_text

SERVED = "http://portal.example.org:8080"


def test_the_default_site_follows_the_served_address(home_page, settings):
    settings.PORTAL_BASE_URL = SERVED

    call_command("sync_site", verbosity=0)

    site = Site.objects.get(is_default_site=True)
    assert (site.hostname, site.port) == ("portal.example.org", 8080)
    assert site.root_url == SERVED
    assert site.site_name == "CeCTO Portal"


def test_an_https_address_on_its_default_port_keeps_port_443(home_page, settings):
    settings.PORTAL_BASE_URL = "https://cecto.example.org/"

    site = sync_default_site()

    assert (site.hostname, site.port) == ("cecto.example.org", 443)
    assert site.root_url == "https://cecto.example.org"
    assert served_url("/events/") == "https://cecto.example.org/events/"
    assert served_host() == "cecto.example.org"


def test_the_sitemap_lists_pages_at_the_served_address(client, home_page, settings):
    settings.PORTAL_BASE_URL = SERVED
    sync_default_site()

    body = sitemap_text(client)

    assert f"<loc>{SERVED}/</loc>" in body
    assert "localhost" not in body


def test_the_news_feed_links_items_at_the_served_address(client, home_page, settings):
    settings.PORTAL_BASE_URL = SERVED
    sync_default_site()
    news = NewsIndexPageFactory(parent=home_page)
    item = NewsPageFactory(parent=news, title="Cohort graduates")

    feed = client.get("/news/feed/")

    assert feed.status_code == 200
    assert f'href="{SERVED}/news/{item.slug}/"' in feed.content.decode()


def test_a_password_reset_email_links_to_the_served_address(client, db, settings):
    settings.PORTAL_BASE_URL = SERVED
    get_user_model().objects.create_user(
        "ada", "ada@example.org", "a long passphrase 42"
    )

    client.post("/accounts/password-reset/", {"email": "ada@example.org"})

    (message,) = mail.outbox
    assert f"{SERVED}/accounts/password-reset/" in message.body
    assert "testserver" not in message.body


def test_a_visitor_sees_the_site_name_on_the_sign_in_page(client, db):
    page = client.get("/accounts/login/", HTTP_HOST="127.0.0.1:8000").content.decode()

    assert "<title>Sign in | CeCTO Portal</title>" in page
    assert 'site-brand__name">CeCTO Portal<' in page
    assert ">127.0.0.1:8000<" not in page
