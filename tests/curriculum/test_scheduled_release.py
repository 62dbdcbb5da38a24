"""Modules scheduled for a release date go live when publish_scheduled runs."""

import datetime
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from tests.factories.curriculum import CurriculumIndexPageFactory, ModulePageFactory

pytestmark = pytest.mark.django_db


def test_module_goes_live_on_its_release_date(home_page, admin_user):
    index = CurriculumIndexPageFactory(parent=home_page)
    module = ModulePageFactory(parent=index, live=False, slug="spring-module")
    release = timezone.now() + datetime.timedelta(hours=1)
    module.go_live_at = release
    revision = module.save_revision(user=admin_user)
    revision.publish(
        user=admin_user
    )  # with a future date this schedules, not publishes
    module.refresh_from_db()
    assert not module.live

    call_command("publish_scheduled", stdout=StringIO())
    module.refresh_from_db()
    assert not module.live  # not yet

    # An hour passes: move the release into the past, in the revision as stored.
    past = timezone.now() - datetime.timedelta(minutes=1)
    revision.approved_go_live_at = past
    revision.content["go_live_at"] = past.isoformat()
    revision.save(update_fields=["approved_go_live_at", "content"])
    call_command("publish_scheduled", stdout=StringIO())
    module.refresh_from_db()
    assert module.live


def test_the_admin_shows_the_programs_time_zone(settings):
    assert settings.TIME_ZONE == "America/New_York"
    assert settings.WAGTAIL_USER_TIME_ZONES == ["America/New_York"]
