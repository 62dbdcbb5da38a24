"""Roll-over (curriculum/rollover.py): next year's cohorts and calendar from this
year's, planned first, idempotent, refused for a year made another way; the admin
screen is the Program Director's and superusers'."""

import datetime
from decimal import Decimal
from io import StringIO
from zoneinfo import ZoneInfo

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse
from wagtail.models import ModelLogEntry

from curriculum.models import ModulePage, ModuleSession
from curriculum.rollover import (
    ROLLOVER_ACTION,
    RolloverError,
    apply_rollover,
    plan_rollover,
    rollover,
)
from people.models import Cohort
from tests.factories.core import UserFactory
from tests.factories.curriculum import (
    CurriculumIndexPageFactory,
    ModulePageFactory,
    TrackFactory,
)
from tests.factories.people import CohortFactory
from tests.two_factor import sign_in_verified

pytestmark = pytest.mark.django_db

EASTERN = ZoneInfo("America/New_York")


def at(day, time="10:00"):
    return datetime.datetime.fromisoformat(f"{day}T{time}").replace(tzinfo=EASTERN)


def add_session(module, title, day, time="10:00", hours=3, **fields):
    start = at(day, time)
    return ModuleSession.objects.create(
        module=module,
        title=title,
        kind=fields.pop("kind", "session"),
        mode=fields.pop("mode", "face-to-face"),
        location=fields.pop("location", "Chapel Hill"),
        hours=Decimal(hours),
        starts_at=start,
        ends_at=start + datetime.timedelta(hours=hours),
        **fields,
    )


@pytest.fixture
def year_2026(home_page):
    """The Class of 2026 on two tracks (Tuesday 24 February to 2 December) and a
    live module on both with a winter (EST), a summer (EDT) and a joint session."""
    cecto = TrackFactory(name="CeCTO Certification", slug="cecto")
    leaders = TrackFactory(name="Leaders", slug="leaders")
    for track in (cecto, leaders):
        CohortFactory(
            year=2026,
            track=track,
            starts_on=datetime.date(2026, 2, 24),
            ends_on=datetime.date(2026, 12, 2),
        )
    index = CurriculumIndexPageFactory(parent=home_page)
    module = ModulePageFactory(parent=index, tracks=[cecto, leaders])
    add_session(module, "Kick-off", "2026-02-24", "09:00", kind="joint")
    add_session(module, "Governance", "2026-06-16", "10:00", hours=6)
    add_session(module, "Graduation", "2026-12-02", "14:00", kind="graduation")
    module.save_revision().publish()
    module.refresh_from_db()
    return {"module": module, "tracks": (cecto, leaders)}


def test_plan_keeps_weekday_week_of_program_and_local_time(year_2026):
    plan = plan_rollover(2026, 2027)
    assert plan.weeks == 52
    assert {(c.starts_on, c.ends_on) for c in plan.cohorts} == {
        (datetime.date(2027, 2, 23), datetime.date(2027, 12, 1))
    }
    assert len(plan.cohorts) == 2
    for item in plan.sessions:
        old = item.source.starts_at.astimezone(EASTERN)
        new = item.starts_at.astimezone(EASTERN)
        assert new.weekday() == old.weekday()
        assert (new.date() - old.date()).days == 52 * 7
        # The same wall time, winter (EST) and summer (EDT) alike.
        assert new.time() == old.time()
        assert (
            item.ends_at - item.starts_at == item.source.ends_at - item.source.starts_at
        )
    times = {
        item.source.title: item.starts_at.astimezone(EASTERN) for item in plan.sessions
    }
    assert times["Kick-off"] == at("2027-02-23", "09:00")
    assert times["Governance"] == at("2027-06-15", "10:00")
    assert times["Governance"].utcoffset() == datetime.timedelta(hours=-4)


def test_a_start_date_given_must_be_the_same_weekday(year_2026):
    plan = plan_rollover(2026, 2027, starts_on=datetime.date(2027, 2, 9))
    assert plan.weeks == 50
    with pytest.raises(RolloverError, match="must be a Tuesday"):
        plan_rollover(2026, 2027, starts_on=datetime.date(2027, 2, 8))


def test_dry_run_writes_nothing(year_2026):
    out = StringIO()
    call_command("rollover_cohort", "2026", "2027", "--dry-run", stdout=out)
    assert "Governance" in out.getvalue() and "Dry run" in out.getvalue()
    assert not Cohort.objects.filter(year=2027).exists()
    assert ModuleSession.objects.count() == 3


def test_rollover_creates_cohorts_and_sessions_once(year_2026):
    out = StringIO()
    call_command("rollover_cohort", "2026", "2027", stdout=out)
    assert "Created 2 cohorts and 3 sessions" in out.getvalue()
    new = ModuleSession.objects.filter(starts_at__year=2027)
    assert new.count() == 3
    governance = new.get(title="Governance")
    assert (governance.hours, governance.mode, governance.location) == (
        Decimal("6.0"),
        "face-to-face",
        "Chapel Hill",
    )
    cohorts = Cohort.objects.filter(year=2027)
    assert cohorts.count() == 2
    assert ModelLogEntry.objects.filter(action=ROLLOVER_ACTION).count() == 2

    # Again: the cohorts were made by this roll-over, so it is a no-op.
    plan = plan_rollover(2026, 2027)
    assert plan.is_empty
    assert apply_rollover(plan) == ([], 0)
    assert ModuleSession.objects.count() == 6
    assert Cohort.objects.count() == 4


def test_a_session_edited_for_the_new_year_is_left_alone(year_2026):
    module = year_2026["module"]
    # Written by hand for 2027 at another time and place.
    hand = add_session(module, "Governance", "2027-06-22", "13:00", location="RTP")
    rollover(2026, 2027)
    hand.refresh_from_db()
    assert (hand.location, hand.starts_at) == ("RTP", at("2027-06-22", "13:00"))
    assert ModuleSession.objects.filter(title="Governance").count() == 2


def test_refused_into_a_year_with_cohorts_made_another_way(year_2026):
    CohortFactory(year=2027, track=year_2026["tracks"][0])
    with pytest.raises(CommandError, match="already has cohorts"):
        call_command("rollover_cohort", "2026", "2027", stdout=StringIO())
    assert Cohort.objects.filter(year=2027).count() == 1
    assert ModuleSession.objects.count() == 3


def test_refused_from_a_year_without_cohorts_or_backwards(year_2026):
    with pytest.raises(RolloverError, match="no cohorts"):
        plan_rollover(2019, 2020)
    with pytest.raises(RolloverError, match="later year"):
        plan_rollover(2026, 2025)


def test_refused_rollover_from_another_year_is_refused_too(year_2026):
    rollover(2026, 2027)
    # 2027's cohorts came from 2026, not from 2025's roll-over.
    CohortFactory(year=2025, track=year_2026["tracks"][0])
    with pytest.raises(RolloverError, match="already has cohorts"):
        plan_rollover(2025, 2027)


def test_module_stays_live_and_its_revision_holds_the_new_sessions(year_2026):
    module = year_2026["module"]
    rollover(2026, 2027)
    module = ModulePage.objects.get(pk=module.pk)
    assert module.live and not module.has_unpublished_changes
    held = module.get_latest_revision_as_object().sessions.all()
    assert len([s for s in held if s.starts_at.year == 2027]) == 3
    # An editor's next save and publish keeps them.
    module.get_latest_revision_as_object().save_revision().publish()
    assert ModuleSession.objects.filter(starts_at__year=2027).count() == 3


def test_a_module_with_a_draft_keeps_the_draft_and_the_new_sessions(year_2026):
    module = year_2026["module"]
    draft = module.get_latest_revision_as_object()
    draft.intro = "Rewritten, not published yet."
    draft.save_revision()
    rollover(2026, 2027)
    module = ModulePage.objects.get(pk=module.pk)
    assert module.live and module.has_unpublished_changes
    assert module.intro != "Rewritten, not published yet."
    latest = module.get_latest_revision_as_object()
    assert latest.intro == "Rewritten, not published yet."
    # Live now (the cohort sees them) and kept when the draft is published.
    assert ModuleSession.objects.filter(starts_at__year=2027).count() == 3
    module.latest_revision.publish()
    assert ModuleSession.objects.filter(starts_at__year=2027).count() == 3
    assert ModulePage.objects.get(pk=module.pk).intro == "Rewritten, not published yet."


# The admin screen, per role.

URL = "/admin/rollover/"


@pytest.fixture
def director(groups):
    user = UserFactory(username="director")
    user.groups.add(groups["Program Director"])
    return user


@pytest.fixture
def faculty(groups):
    user = UserFactory(username="faculty")
    user.groups.add(groups["Faculty"])
    return user


def test_url_is_named():
    assert reverse("curriculum_rollover") == URL


def test_anonymous_is_sent_to_sign_in(client, year_2026):
    response = client.get(URL)
    assert response.status_code == 302 and "login" in response["Location"]


def test_participant_and_faculty_are_refused(
    client, year_2026, participant_user, faculty
):
    client.force_login(participant_user)
    assert client.get(URL).status_code in (302, 403)
    sign_in_verified(client, faculty)
    # Wagtail answers PermissionDenied with a redirect to the dashboard.
    response = client.get(URL)
    assert (response.status_code, response["Location"]) == (302, "/admin/")
    response = client.post(URL, {"from_year": 2026, "to_year": 2027, "step": "confirm"})
    assert (response.status_code, response["Location"]) == (302, "/admin/")
    assert not Cohort.objects.filter(year=2027).exists()


@pytest.mark.parametrize("who", ["director", "superuser"])
def test_director_and_superuser_plan_then_confirm(
    client, year_2026, director, admin_user, who
):
    sign_in_verified(client, director if who == "director" else admin_user)
    assert client.get(URL).status_code == 200
    response = client.post(URL, {"from_year": 2026, "to_year": 2027, "step": "plan"})
    assert response.status_code == 200
    content = response.content.decode()
    assert "Governance" in content and "Tue 23 Feb 2027" in content
    assert not Cohort.objects.filter(year=2027).exists()  # the plan writes nothing
    response = client.post(URL, {"from_year": 2026, "to_year": 2027, "step": "confirm"})
    assert response.status_code == 302
    assert Cohort.objects.filter(year=2027).count() == 2
    assert ModuleSession.objects.filter(starts_at__year=2027).count() == 3
    entry = ModelLogEntry.objects.get(
        action=ROLLOVER_ACTION,
        object_id=str(Cohort.objects.filter(year=2027).first().pk),
    )
    assert entry.user_id == (director if who == "director" else admin_user).pk


def test_screen_refuses_bad_input_clearly(client, year_2026, director):
    CohortFactory(year=2027, track=year_2026["tracks"][0])
    sign_in_verified(client, director)
    response = client.post(URL, {"from_year": 2026, "to_year": 2027, "step": "confirm"})
    assert response.status_code == 400
    assert "already has cohorts" in response.content.decode()
    assert ModuleSession.objects.count() == 3


def test_menu_item_for_the_director_only(client, year_2026, director, faculty):
    sign_in_verified(client, director)
    assert "Roll over to next year" in client.get("/admin/").content.decode()
    sign_in_verified(client, faculty)
    assert "Roll over to next year" not in client.get("/admin/").content.decode()


def test_time_of_day_kept_when_the_shift_crosses_a_dst_change(year_2026):
    # 3 November 2026 is after DST ends (EST); 2 November 2027 is before it (EDT).
    add_session(year_2026["module"], "Final joint meeting", "2026-11-03", "10:00")
    plan = plan_rollover(2026, 2027)
    item = next(s for s in plan.sessions if s.source.title == "Final joint meeting")
    new = item.starts_at.astimezone(EASTERN)
    assert new == at("2027-11-02", "10:00")
    assert new.utcoffset() == datetime.timedelta(hours=-4)
    assert item.source.starts_at.astimezone(EASTERN).utcoffset() == datetime.timedelta(
        hours=-5
    )
    # 52 weeks in UTC would have been 11:00 local: the wall time wins.
    assert item.starts_at - item.source.starts_at == datetime.timedelta(
        weeks=52, hours=-1
    )
