"""The curriculum index's cards and the module page's cached parts follow every
publish, unpublish and edit on the next request; what depends on the visitor or the
clock is never cached."""

import datetime
from decimal import Decimal

import pytest
from django.utils import timezone

from curriculum.models import ModulePage, ModuleSession
from tests.factories.case_studies import CaseStudyIndexPageFactory, CaseStudyPageFactory
from tests.factories.curriculum import (
    CurriculumIndexPageFactory,
    ModuleMaterialsPageFactory,
    ModulePageFactory,
    TopicAreaFactory,
)
from tests.factories.people import FacultyFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def index(home_page):
    return CurriculumIndexPageFactory(parent=home_page)


@pytest.fixture
def module(index):
    return ModulePageFactory(
        parent=index,
        title="Governing district technology",
        slug="governance",
        topic_area=TopicAreaFactory(name="IT governance"),
    )


def html(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def publish_edit(page, **fields):
    draft = page.get_latest_revision_as_object() if page.latest_revision else page
    for name, value in fields.items():
        setattr(draft, name, value)
    draft.save_revision().publish()


def test_curriculum_index_cards_follow_publish_edit_and_unpublish(
    client, index, module
):
    assert "Governing district technology" in html(client, "/curriculum/")

    publish_edit(module, title="Governing technology well", contact_hours=Decimal("30"))
    page = html(client, "/curriculum/")
    assert "Governing technology well" in page
    assert "Governing district technology" not in page

    second = ModulePageFactory(parent=index, title="Risk and resilience", live=False)
    assert "Risk and resilience" not in html(client, "/curriculum/")
    second.save_revision().publish()
    assert "Risk and resilience" in html(client, "/curriculum/")

    second.refresh_from_db()
    second.unpublish()
    assert "Risk and resilience" not in html(client, "/curriculum/")


def test_curriculum_index_cards_follow_a_topic_area_edit(client, index, module):
    assert "IT governance" in html(client, "/curriculum/")
    topic = module.topic_area
    topic.name = "Technology governance"
    topic.save()
    assert "Technology governance" in html(client, "/curriculum/")


def test_module_page_follows_an_edit(client, module):
    assert "Explain governance." in html(client, "/curriculum/governance/")
    publish_edit(
        module,
        learning_objectives="<p>Write decision rights.</p>",
        competencies="Chair a committee",
        contact_hours=Decimal("31.5"),
        synchronous_online=True,
    )
    page = html(client, "/curriculum/governance/")
    for text in ("Write decision rights.", "Chair a committee", "31.5", "Synchronous"):
        assert text in page, text
    assert "Explain governance." not in page


def test_module_page_follows_its_faculty_and_related_case_studies(
    client, home_page, module
):
    teacher = FacultyFactory(first_name="Farrah", last_name="Okafor")
    case = CaseStudyPageFactory(
        parent=CaseStudyIndexPageFactory(parent=home_page), title="Alder Creek"
    )
    assert "Farrah Okafor" not in html(client, "/curriculum/governance/")

    publish_edit(module, faculty=[teacher])
    publish_edit(case, related_modules=[module])
    page = html(client, "/curriculum/governance/")
    assert "Farrah Okafor" in page
    assert "Alder Creek" in page

    teacher.first_name = "Fara"
    teacher.save()
    assert "Fara Okafor" in html(client, "/curriculum/governance/")

    case.refresh_from_db()
    case.unpublish()
    assert "Alder Creek" not in html(client, "/curriculum/governance/")


def test_module_page_sessions_are_not_cached(client, module):
    """Sessions follow the clock (past ones drop off), so they are read each time."""
    assert "Kick-off" not in html(client, "/curriculum/governance/")
    start = timezone.now() + datetime.timedelta(days=7)
    ModuleSession.objects.create(
        module=module,
        title="Kick-off",
        starts_at=start,
        ends_at=start + datetime.timedelta(hours=3),
        mode="face-to-face",
        hours=Decimal("3"),
    )
    assert "Kick-off" in html(client, "/curriculum/governance/")


def test_module_page_materials_link_follows_the_visitor(
    client, participant_user, module
):
    ModuleMaterialsPageFactory(parent=module)
    assert "Sign in to open the materials" in html(client, "/curriculum/governance/")
    client.force_login(participant_user)
    page = html(client, "/curriculum/governance/")
    assert "Open the materials" in page
    assert "Sign in to open the materials" not in page


def test_module_page_preview_shows_the_draft_not_the_cached_page(
    client, admin_user, module
):
    assert "Explain governance." in html(client, "/curriculum/governance/")
    draft = ModulePage.objects.get(pk=module.pk)
    draft.learning_objectives = "<p>A draft objective.</p>"
    draft.contact_hours = Decimal("99")
    preview = draft.make_preview_request()
    preview.render()
    page = preview.content.decode()
    assert "A draft objective." in page
    assert "99" in page
    assert "Explain governance." in html(client, "/curriculum/governance/")


def test_module_page_materials_link_follows_publish_and_unpublish(client, module):
    materials = ModuleMaterialsPageFactory(parent=module, live=False)
    assert "Participant materials" not in html(client, "/curriculum/governance/")
    materials.save_revision().publish()
    assert "Participant materials" in html(client, "/curriculum/governance/")
    materials.refresh_from_db()
    materials.unpublish()
    assert "Participant materials" not in html(client, "/curriculum/governance/")
