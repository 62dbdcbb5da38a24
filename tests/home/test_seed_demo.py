"""The demo command: builds the portal once, and never twice."""

from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import ImproperlyConfigured
from django.core.management import call_command
from wagtail.images import get_image_model
from wagtail.models import Page, Site

from curriculum.models import Track
from home.models import ContentPage, HomePage

DEMO_USERNAMES = {
    "admin",
    "director",
    "faculty",
    "participant",
    "participant2",
    "superintendent",
}


def snapshot():
    return {
        "pages": Page.objects.count(),
        "users": get_user_model().objects.count(),
        "images": get_image_model().objects.count(),
        "tracks": Track.objects.count(),
        "sites": Site.objects.count(),
        "revisions": sum(page.revisions.count() for page in Page.objects.all()),
    }


@pytest.fixture
def seeded(root_page):
    out = StringIO()
    call_command("seed_demo", stdout=out)
    return out.getvalue()


def test_seed_demo_builds_home_tracks_and_pages(seeded):
    home = HomePage.objects.get()
    assert Site.objects.get(is_default_site=True).root_page_id == home.pk
    assert set(ContentPage.objects.child_of(home).values_list("slug", flat=True)) >= {
        "about",
        "tracks",
        "partners",
    }
    assert list(Track.objects.values_list("required_hours", flat=True)) == [240, 20]
    assert home.hero_image is not None
    assert home.hero_image.description  # alt text for every generated image


def test_seed_demo_creates_the_demo_sign_ins(seeded, settings):
    users = get_user_model().objects.filter(username__in=DEMO_USERNAMES)
    assert set(users.values_list("username", flat=True)) == DEMO_USERNAMES
    assert all(user.check_password(settings.DEMO_PASSWORD) for user in users)
    assert users.get(username="admin").is_superuser
    assert not users.filter(is_superuser=True).exclude(username="admin").exists()


def test_seed_demo_reports_progress(seeded):
    assert "[1/3]" in seeded
    assert "Demo content is ready." in seeded


def test_seed_demo_run_twice_adds_nothing(seeded):
    before = snapshot()
    out = StringIO()
    call_command("seed_demo", stdout=out)
    assert snapshot() == before
    assert " 0 created" in out.getvalue()


def test_seed_demo_images_are_generated_offline(seeded):
    image = get_image_model().objects.get(title="Program hero")
    assert (image.width, image.height) == (1600, 900)


def test_seed_demo_refuses_under_production_settings(root_page, settings):
    settings.DEMO_CONTENT_ALLOWED = False
    with pytest.raises(ImproperlyConfigured, match="Demo content is refused"):
        call_command("seed_demo", stdout=StringIO())
    assert not HomePage.objects.exists()


def test_demo_home_page_renders_program_overview(seeded, client):
    response = client.get("/")
    assert response.status_code == 200
    content = response.content.decode()
    assert "CeCTO Certification" in content
    assert "Leaders for the 21st Century" in content
    assert "240" in content


def test_admin_demo_sign_in_opens_the_wagtail_admin(seeded, client, settings):
    assert client.login(username="admin", password=settings.DEMO_PASSWORD)
    response = client.get("/admin/")
    assert response.status_code == 200
    assert b"Dashboard" in response.content or b"dashboard" in response.content
