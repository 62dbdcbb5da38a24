"""Modules hold every year's sessions: public pages present the newest program year
and what is still to come, nothing twice; each class's sessions must add up to the
module's contact hours, except a later year still being planned."""

import datetime
from decimal import Decimal

import pytest
from django.utils import timezone
from wagtail.test.utils.form_data import querydict_from_html

from curriculum.models import ModuleSession, public_program_year
from curriculum.program_year import ProgramYear, hours_by_year
from home.models import HomePage
from tests.factories.curriculum import (
    CurriculumIndexPageFactory,
    ModulePageFactory,
    TrackFactory,
)
from tests.factories.people import CohortFactory
from tests.sitemaps import sitemap_text

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()


def day(offset):
    return TODAY + datetime.timedelta(days=offset)


def at(offset, hour=10):
    return timezone.make_aware(
        datetime.datetime.combine(day(offset), datetime.time(hour))
    )


def add_session(module, title, offset, hours="3"):
    start = at(offset)
    return ModuleSession.objects.create(
        module=module,
        title=title,
        kind="session",
        mode="face-to-face",
        location="Chapel Hill",
        hours=Decimal(hours),
        starts_at=start,
        ends_at=start + datetime.timedelta(hours=float(hours)),
    )


@pytest.fixture
def two_years(home_page):
    """The class under way (graduates in 4 days) and next year's class, on one
    module holding both years' "Kick-off" and "Graduation" (6 hours a year)."""
    track = TrackFactory()
    under_way = CohortFactory(
        year=TODAY.year, track=track, starts_on=day(-300), ends_on=day(4)
    )
    next_class = CohortFactory(
        year=TODAY.year + 1, track=track, starts_on=day(70), ends_on=day(350)
    )
    curriculum = CurriculumIndexPageFactory(parent=home_page)
    module = ModulePageFactory(
        parent=curriculum,
        slug="gov",
        title="Governance",
        contact_hours=Decimal("6"),
        tracks=[track],
    )
    sessions = {
        "old kick-off": add_session(module, "Kick-off", -280),
        "old graduation": add_session(module, "Graduation", 4),
        "kick-off": add_session(module, "Kick-off", 75),
        "graduation": add_session(module, "Graduation", 340),
    }
    module.save_revision().publish()
    return {
        "track": track,
        "under_way": under_way,
        "next": next_class,
        "curriculum": curriculum,
        "module": module,
        "sessions": sessions,
    }


def titles_and_days(sessions):
    return [(s.title, timezone.localdate(s.starts_at)) for s in sessions]


# --- The public program year ---------------------------------------------------------


def test_public_program_year_is_the_latest_cohort_year_with_sessions(two_years):
    # A class created ahead, with no sessions yet, is not presented.
    CohortFactory(year=TODAY.year + 2, track=two_years["track"])

    assert public_program_year() == ProgramYear(TODAY.year + 1, day(70), day(350))


def test_without_cohorts_there_is_no_public_program_year(home_page):
    module = ModulePageFactory(parent=CurriculumIndexPageFactory(parent=home_page))
    add_session(module, "Kick-off", 10)

    assert public_program_year() is None


def test_events_list_the_new_year_and_the_class_under_ways_graduation_once(
    client, two_years
):
    upcoming = client.get("/events/").context["page_obj"].object_list
    past = client.get("/events/?view=past").context["page_obj"].object_list

    assert titles_and_days(upcoming) == [
        ("Graduation", day(4)),
        ("Kick-off", day(75)),
        ("Graduation", day(340)),
    ]
    # Last year's kick-off is history: not on the public calendar.
    assert list(past) == []


def test_feed_and_one_event_file_leave_out_earlier_years(client, two_years):
    body = client.get("/events.ics").content.decode()
    old = two_years["sessions"]["old kick-off"]

    assert body.count("SUMMARY:Kick-off") == 1
    assert f"session-{old.pk}@" not in body
    assert client.get(f"/events/{old.pk}.ics").status_code == 404


def test_module_page_lists_this_years_sessions_not_last_years(client, two_years):
    response = client.get("/curriculum/gov/")

    assert titles_and_days(response.context["sessions"]) == [
        ("Graduation", day(4)),
        ("Kick-off", day(75)),
        ("Graduation", day(340)),
    ]


def test_curriculum_map_calendar_is_the_public_program_year_only(two_years):
    sessions = two_years["curriculum"].program_year_sessions()

    assert titles_and_days(sessions) == [
        ("Kick-off", day(75)),
        ("Graduation", day(340)),
    ]


def test_home_page_next_sessions_show_each_session_once(two_years, home_page):
    home = HomePage.objects.get(pk=home_page.pk)

    assert titles_and_days(home.get_upcoming_sessions()) == [
        ("Graduation", day(4)),
        ("Kick-off", day(75)),
        ("Graduation", day(340)),
    ]


def test_search_finds_this_years_kick_off_not_last_years(client, two_years):
    response = client.get("/search/", {"q": "kick-off"})

    events = [r for r in response.context["results"] if r.kind == "event"]
    assert [r.obj.pk for r in events] == [two_years["sessions"]["kick-off"].pk]


def test_sitemap_lists_the_module_once(client, two_years):
    content = sitemap_text(client)

    assert content.count("/curriculum/gov/</loc>") == 1


# --- Contact hours per program year --------------------------------------------------


def test_hours_are_checked_per_class(two_years):
    checks = two_years["module"].hours_check()

    assert [(c.year, c.sessions, c.agree) for c in checks] == [
        (TODAY.year, Decimal("6"), True),
        (TODAY.year + 1, Decimal("6"), True),
    ]


def years(*spans):
    return [ProgramYear(year, day(a), day(b)) for year, a, b in spans]


def test_a_later_year_short_of_hours_is_being_planned_and_does_not_block():
    spans = years((2026, -300, 4), (2027, 70, 350))
    sessions = [(at(-280), Decimal(6)), (at(80), Decimal(2))]

    past, planned = hours_by_year(Decimal(6), sessions, spans)

    assert past.agree and not planned.agree
    assert planned.planning and not planned.blocks_publishing


def test_a_year_under_way_or_with_too_many_hours_blocks():
    spans = years((2026, -300, 4), (2027, 70, 350))
    short_now = [(at(-280), Decimal(2)), (at(80), Decimal(6))]
    too_many_later = [(at(-280), Decimal(6)), (at(80), Decimal(8))]

    under_way, _later = hours_by_year(Decimal(6), short_now, spans)
    _earlier, later = hours_by_year(Decimal(6), too_many_later, spans)

    assert under_way.blocks_publishing
    assert later.blocks_publishing and not later.planning


def test_a_modules_only_year_must_agree_even_before_it_begins():
    (only,) = hours_by_year(Decimal(6), [(at(80), Decimal(2))], years((2027, 70, 350)))

    assert only.blocks_publishing


@pytest.fixture
def editor(verified_client, admin_user):
    verified_client.sign_in(admin_user)
    return verified_client


def publish_form(client, module):
    response = client.get(f"/admin/pages/{module.pk}/edit/")
    data = querydict_from_html(response.content.decode(), "page-edit-form")
    for stream in ("body", "resources"):
        data.setdefault(f"{stream}-count", "0")
    data["face_to_face"] = "on"
    data["action-publish"] = "action-publish"
    return data


def test_editor_publishes_while_next_years_sessions_are_being_planned(
    editor, two_years
):
    module = two_years["module"]
    two_years["sessions"]["graduation"].delete()
    module.save_revision().publish()

    response = editor.post(
        f"/admin/pages/{module.pk}/edit/", publish_form(editor, module)
    )

    assert response.status_code == 302
    page = editor.get(f"/admin/pages/{module.pk}/edit/").content.decode()
    assert f"The Class of {TODAY.year + 1}&#x27;s sessions add up to" in page
    assert "being planned" in page


def test_editor_cannot_publish_when_the_class_under_way_is_short(editor, two_years):
    module = two_years["module"]
    two_years["sessions"]["old kick-off"].delete()
    module.save_revision().publish()

    response = editor.post(
        f"/admin/pages/{module.pk}/edit/", publish_form(editor, module)
    )

    assert response.status_code == 200
    assert (
        f"The Class of {TODAY.year}&#x27;s sessions add up to 3 hours but the "
        "contact hours say 6."
    ) in response.content.decode()
