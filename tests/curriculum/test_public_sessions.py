"""ModuleSession.objects.public(): the sessions anyone may see, as the calendar, the
home page and a curriculum's program year list them."""

import datetime
from decimal import Decimal

import pytest
from django.utils import timezone
from wagtail.models import PageViewRestriction

from curriculum.models import ModuleSession
from tests.factories.curriculum import CurriculumIndexPageFactory, ModulePageFactory

pytestmark = pytest.mark.django_db


def session(module, title, days):
    starts = timezone.now() + datetime.timedelta(days=days)
    return ModuleSession.objects.create(
        module=module,
        title=title,
        kind="session",
        mode="face-to-face",
        location="Chapel Hill",
        hours=Decimal("3"),
        starts_at=starts,
        ends_at=starts + datetime.timedelta(hours=3),
    )


@pytest.fixture
def index(home_page):
    return CurriculumIndexPageFactory(parent=home_page)


def test_sessions_of_live_public_modules_are_public(index):
    module = ModulePageFactory(parent=index, slug="open")
    shown = session(module, "Open session", 5)
    assert list(ModuleSession.objects.public()) == [shown]


def test_sessions_of_draft_modules_are_not_public(index):
    draft = ModulePageFactory(parent=index, slug="draft", draft=True)
    session(draft, "Draft session", 5)
    assert not ModuleSession.objects.public().exists()


def test_sessions_of_private_modules_are_not_public(index):
    private = ModulePageFactory(parent=index, slug="private")
    PageViewRestriction.objects.create(
        page=private, restriction_type=PageViewRestriction.PASSWORD, password="s3cret"
    )
    session(private, "Private session", 5)
    assert not ModuleSession.objects.public().exists()


def test_public_sessions_come_with_their_module_and_faculty(
    index, django_assert_num_queries
):
    module = ModulePageFactory(parent=index, slug="open")
    session(module, "Open session", 5)
    sessions = list(ModuleSession.objects.public())
    with django_assert_num_queries(0):
        assert sessions[0].module.title == module.title
        assert sessions[0].faculty is None


def test_public_narrows_another_session_queryset(index):
    module = ModulePageFactory(parent=index, slug="open")
    soon = session(module, "Soon", 5)
    session(module, "Later", 50)
    within_a_week = timezone.now() + datetime.timedelta(days=7)
    narrowed = ModuleSession.objects.filter(starts_at__lt=within_a_week).public()
    assert list(narrowed) == [soon]
