"""A module's contact hours agree with its sessions: an editor cannot publish a
module whose sessions add up to something else, and sees a warning on a draft."""

import datetime
from decimal import Decimal

import pytest
from django.utils import timezone
from wagtail.test.utils.form_data import querydict_from_html

from curriculum.models import ModuleSession
from tests.factories.curriculum import (
    CurriculumIndexPageFactory,
    ModulePageFactory,
    TrackFactory,
)

pytestmark = pytest.mark.django_db


def add_session(module, hours, days):
    start = timezone.now() + datetime.timedelta(days=days)
    return ModuleSession.objects.create(
        module=module,
        title=f"Session in {days} days",
        kind="session",
        mode="face-to-face",
        location="Chapel Hill",
        hours=Decimal(hours),
        starts_at=start,
        ends_at=start + datetime.timedelta(hours=float(hours)),
    )


@pytest.fixture
def module(home_page):
    curriculum = CurriculumIndexPageFactory(parent=home_page)
    module = ModulePageFactory(
        parent=curriculum,
        title="Governance",
        contact_hours=Decimal("12"),
        tracks=[TrackFactory()],
    )
    add_session(module, "6", 10)
    add_session(module, "2", 20)
    module.save_revision().publish()
    return module


@pytest.fixture
def editor(verified_client, admin_user):
    verified_client.sign_in(admin_user)
    return verified_client


def edit_form(client, module):
    response = client.get(f"/admin/pages/{module.pk}/edit/")
    assert response.status_code == 200
    data = querydict_from_html(response.content.decode(), "page-edit-form")
    # StreamFields are drawn by JavaScript: an empty stream of each, as a browser
    # with nothing added would send.
    for stream in ("body", "resources"):
        data.setdefault(f"{stream}-count", "0")
    # Wagtail's switch widget is not read back as checked by the helper.
    data["face_to_face"] = "on"
    return response, data


def test_hours_check_compares_contact_hours_with_the_sessions(module):
    [check] = module.hours_check()
    # No cohort's dates hold these sessions: they are checked together.
    assert (check.year, check.sessions, check.contact) == (None, 8, 12)
    assert not check.agree and check.blocks_publishing
    module.contact_hours = Decimal("8.0")
    assert module.hours_check()[0].agree


def test_editor_cannot_publish_a_module_whose_sessions_disagree(editor, module):
    _response, data = edit_form(editor, module)
    data["action-publish"] = "action-publish"

    response = editor.post(f"/admin/pages/{module.pk}/edit/", data)

    assert response.status_code == 200
    assert "The sessions add up to 8 hours but the contact hours say 12." in (
        response.content.decode()
    )
    module.refresh_from_db()
    assert module.live_revision_id == module.latest_revision_id


def test_editor_publishes_once_the_hours_agree(editor, module):
    _response, data = edit_form(editor, module)
    data["contact_hours"] = "8"
    data["action-publish"] = "action-publish"

    response = editor.post(f"/admin/pages/{module.pk}/edit/", data)

    assert response.status_code == 302
    module.refresh_from_db()
    assert module.contact_hours == Decimal("8")


def test_editor_may_save_a_draft_that_disagrees_and_sees_a_warning(editor, module):
    _response, data = edit_form(editor, module)
    data["contact_hours"] = "10"

    response = editor.post(f"/admin/pages/{module.pk}/edit/", data)

    assert response.status_code == 302
    response, _data = edit_form(editor, module)
    content = response.content.decode()
    assert "The sessions below add up to <strong>8 hours</strong>" in content
    assert "contact hours (Content tab) say <strong>10</strong>" in content


def test_editor_sees_no_warning_when_the_hours_agree(editor, module):
    module.contact_hours = Decimal("8")
    module.save_revision().publish()

    response, _data = edit_form(editor, module)

    assert "The sessions below add up to" not in response.content.decode()


def test_every_demo_module_adds_up_and_the_tracks_still_total_240_and_20():
    from demo.curriculum import CECTO, LEADERS, MODULES

    for module in MODULES:
        sessions = sum(session["hours"] for session in module["sessions"])
        assert sessions == Decimal(module["hours"]), module["slug"]
    totals = {
        track: sum(Decimal(m["hours"]) for m in MODULES if track in m["tracks"])
        for track in (CECTO, LEADERS)
    }
    assert totals == {CECTO: 240, LEADERS: 20}
