"""Personal calendar feeds: /calendar/<token>.ics carries one person's own sessions
(their cohorts', the joint meetings, what they teach), with no sign-in; resetting the
address makes the old one 404; the dashboard shows it with copy and subscribe."""

import datetime
from decimal import Decimal

import icalendar
import pytest
from django.http import HttpRequest
from django.test import override_settings
from django.utils import timezone
from wagtail.models import ModelLogEntry

from curriculum.choices import DeliveryMode, SessionKind
from curriculum.models import CalendarFeed, ModuleSession
from people.choices import EnrollmentStatus
from tests.factories.core import UserFactory
from tests.factories.curriculum import (
    CurriculumIndexPageFactory,
    ModulePageFactory,
    TrackFactory,
)
from tests.factories.people import (
    CohortFactory,
    EnrollmentFactory,
    FacultyFactory,
    ParticipantFactory,
)

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()


def day(offset):
    """A date `offset` days from today."""
    return TODAY + datetime.timedelta(days=offset)


def add_session(module, title, offset, *, kind=SessionKind.SESSION, faculty=None):
    start = timezone.make_aware(
        datetime.datetime.combine(day(offset), datetime.time(10, 0))
    )
    return ModuleSession.objects.create(
        module=module,
        title=title,
        kind=kind,
        mode=DeliveryMode.FACE_TO_FACE,
        location="Chapel Hill",
        hours=Decimal("3"),
        starts_at=start,
        ends_at=start + datetime.timedelta(hours=3),
        faculty=faculty,
    )


@pytest.fixture
def program(home_page):
    """Two tracks, each with this year's and last year's class; a module per track,
    a joint module on both, a module taught by `teacher`."""
    cecto, leaders = TrackFactory(name="CeCTO"), TrackFactory(name="Leaders")
    curriculum = CurriculumIndexPageFactory(parent=home_page)
    teacher = FacultyFactory(user=UserFactory(username="teacher"))
    cecto_module = ModulePageFactory(parent=curriculum, title="Gov", tracks=[cecto])
    leaders_module = ModulePageFactory(
        parent=curriculum, title="Board", tracks=[leaders]
    )
    joint = ModulePageFactory(parent=curriculum, title="Joint", tracks=[cecto, leaders])
    taught = ModulePageFactory(
        parent=curriculum, title="Taught", tracks=[leaders], faculty=[teacher]
    )
    this_year = {
        track: CohortFactory(
            year=TODAY.year + 1, track=track, starts_on=day(-30), ends_on=day(200)
        )
        for track in (cecto, leaders)
    }
    last_year = CohortFactory(
        year=TODAY.year, track=cecto, starts_on=day(-400), ends_on=day(-40)
    )
    sessions = {
        "cecto": add_session(cecto_module, "CeCTO governance day", 10),
        "cecto-last-year": add_session(cecto_module, "Last year's governance", -100),
        "leaders": add_session(leaders_module, "Superintendents' board day", 12),
        "joint": add_session(joint, "Joint kick-off", 5, kind=SessionKind.JOINT),
        "taught-module": add_session(taught, "Taught by module", 20),
        "taught-session": add_session(
            leaders_module, "Taught by name", 25, faculty=teacher
        ),
        "outside": add_session(cecto_module, "After graduation", 300),
    }
    for module in (cecto_module, leaders_module, joint, taught):
        module.save_revision().publish()
    participant = ParticipantFactory(user=UserFactory(username="cand"))
    EnrollmentFactory(person=participant, cohort=this_year[cecto])
    return {
        "cecto": cecto,
        "leaders": leaders,
        "cohort": this_year[cecto],
        "last_year": last_year,
        "participant": participant,
        "teacher": teacher,
        "sessions": sessions,
        "module": cecto_module,
    }


def feed_for(person):
    return CalendarFeed.for_user(person.user)


def events_of(client, feed):
    response = client.get(feed.get_absolute_url())
    assert response.status_code == 200, response.status_code
    calendar = icalendar.Calendar.from_ical(response.content)
    return {str(event["SUMMARY"]): event for event in calendar.walk("VEVENT")}


def test_participant_feed_has_only_their_own_cohorts_sessions_and_joint_meetings(
    client, program
):
    events = events_of(client, feed_for(program["participant"]))

    assert set(events) == {"CeCTO governance day", "Joint kick-off"}


def test_participant_feed_keeps_an_earlier_class_they_completed(client, program):
    EnrollmentFactory(
        person=program["participant"], cohort=program["last_year"], completed=True
    )

    events = events_of(client, feed_for(program["participant"]))

    assert "Last year's governance" in events


def test_withdrawn_enrollment_adds_nothing_to_the_feed(client, program):
    enrollment = program["participant"].enrollments.get()
    enrollment.status = EnrollmentStatus.WITHDRAWN
    enrollment.save()

    assert events_of(client, feed_for(program["participant"])) == {}


def test_faculty_feed_has_the_sessions_they_teach(client, program):
    events = events_of(client, feed_for(program["teacher"]))

    # Named on the session, or on the faculty of the session's module.
    assert set(events) == {"Taught by module", "Taught by name"}


def test_faculty_enrolled_in_a_cohort_sees_both(client, program):
    EnrollmentFactory(person=program["teacher"], cohort=program["cohort"])

    events = events_of(client, feed_for(program["teacher"]))

    assert set(events) == {
        "Taught by module",
        "Taught by name",
        "CeCTO governance day",
        "Joint kick-off",
    }


def test_feed_needs_no_sign_in_and_is_private_and_not_indexed(client, program):
    response = client.get(feed_for(program["participant"]).get_absolute_url())

    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert "private" in response["Cache-Control"]
    assert "noindex" in response["X-Robots-Tag"]
    assert not response.cookies


def test_unknown_token_answers_404(client, program):
    feed_for(program["participant"])

    assert client.get("/calendar/not-a-token.ics").status_code == 404
    assert client.get("/calendar/" + "x" * 200 + ".ics").status_code == 404


def test_inactive_users_feed_answers_404(client, program):
    feed = feed_for(program["participant"])
    program["participant"].user.is_active = False
    program["participant"].user.save()

    assert client.get(feed.get_absolute_url()).status_code == 404


def test_reset_makes_the_old_address_404_and_the_new_one_work(client, program):
    user = program["participant"].user
    old = feed_for(program["participant"]).get_absolute_url()
    client.force_login(user)

    response = client.post("/calendar/reset/")

    assert response.status_code == 302
    assert response["Location"] == "/dashboard/#calendar-heading"
    client.logout()
    assert client.get(old).status_code == 404
    feed = CalendarFeed.objects.get(user=user)
    assert feed.reset_at is not None
    assert feed.get_absolute_url() != old
    assert client.get(feed.get_absolute_url()).status_code == 200
    assert ModelLogEntry.objects.filter(
        action="curriculum.calendar_feed.reset", user=user
    ).exists()


def test_reset_needs_a_signed_in_post(client, program):
    feed = feed_for(program["participant"])
    client.force_login(program["participant"].user)

    assert client.get("/calendar/reset/").status_code == 405
    client.logout()
    response = client.post("/calendar/reset/")
    assert response.status_code == 302 and "/accounts/" in response["Location"]
    assert CalendarFeed.objects.get().token == feed.token


def test_tokens_are_long_random_and_one_per_user(program):
    first = feed_for(program["participant"])
    again = feed_for(program["participant"])
    other = feed_for(program["teacher"])

    assert first.pk == again.pk
    assert len(first.token) >= 43 and first.token != other.token


def test_uids_stay_the_same_when_a_session_is_edited_and_the_feed_updates(
    client, program
):
    feed = feed_for(program["participant"])
    before = events_of(client, feed)["CeCTO governance day"]
    session = program["sessions"]["cecto"]
    module = program["module"]
    edited = module.sessions.get(pk=session.pk)
    edited.title = "CeCTO governance day (moved)"
    edited.starts_at += datetime.timedelta(hours=2)
    edited.ends_at += datetime.timedelta(hours=2)
    edited.save()
    module.save_revision().publish()

    after = events_of(client, feed)

    assert "CeCTO governance day" not in after
    moved = after["CeCTO governance day (moved)"]
    assert str(moved["UID"]) == str(before["UID"])
    assert moved.decoded("DTSTART") == before.decoded("DTSTART") + datetime.timedelta(
        hours=2
    )


def test_a_session_added_later_shows_at_the_next_refresh(client, program):
    feed = feed_for(program["participant"])
    events_of(client, feed)  # a first read, as a calendar program's

    add_session(program["module"], "Added afterwards", 15)

    assert "Added afterwards" in events_of(client, feed)


@override_settings(PORTAL_BASE_URL="https://cecto.example.org")
def test_links_and_uids_use_the_served_address(client, program):
    events = events_of(client, feed_for(program["participant"]))

    event = events["CeCTO governance day"]
    assert str(event["URL"]).startswith("https://cecto.example.org/")
    assert str(event["UID"]).endswith("@cecto.example.org")
    assert "https://cecto.example.org/" in str(event["DESCRIPTION"])


def test_feed_is_a_valid_calendar_with_new_york_times(client, program):
    from tests.curriculum.test_events import parse_ics

    body = client.get(feed_for(program["participant"]).get_absolute_url()).content
    calendar = parse_ics(body)

    assert calendar["props"]["X-WR-CALNAME"] == ["CeCTO: your sessions"]
    assert calendar["props"]["X-WR-TIMEZONE"] == ["America/New_York"]


def test_feed_query_count_does_not_grow_with_sessions_or_cohorts(
    client, program, django_assert_max_num_queries
):
    feed = feed_for(program["participant"])
    client.get(feed.get_absolute_url())
    with django_assert_max_num_queries(6):
        client.get(feed.get_absolute_url())
    module = program["module"]
    for offset in range(30, 60):
        add_session(module, f"More {offset}", offset, faculty=FacultyFactory())
    EnrollmentFactory(person=program["participant"], cohort=program["last_year"])
    for offset in range(-300, -280):
        add_session(module, f"Earlier {offset}", offset)

    with django_assert_max_num_queries(6):
        events = events_of(client, feed)

    assert len(events) == 2 + 30 + 20 + 1


def test_dashboard_shows_the_calendar_address_with_copy_subscribe_and_reset(
    client, program
):
    user = program["participant"].user
    client.login(username=user.username, password="password", request=HttpRequest())

    content = client.get("/dashboard/").content.decode()

    feed = CalendarFeed.objects.get(user=user)
    assert 'id="calendar-heading">Your calendar</h2>' in content
    assert f'value="http://testserver/calendar/{feed.token}.ics"' in content
    assert f'href="webcal://testserver/calendar/{feed.token}.ics"' in content
    assert "Copy address" in content and "js/copy-address" in content
    assert 'action="/calendar/reset/"' in content and "Reset address" in content
    assert "the old one stops working" in content
    # The script is a file with the page's nonce (the CSP allows no inline script).
    assert "<script>" not in content


@pytest.mark.parametrize(
    "group", ["Participants", "Faculty", "Program Director", "Superintendents", None]
)
def test_each_role_resets_only_their_own_calendar(client, program, groups, group):
    """Anyone signed in has one feed and resets only it; the superuser (None) too."""
    from tests.two_factor import sign_in_verified

    user = UserFactory(is_superuser=group is None, is_staff=group is None)
    if group:
        user.groups.add(groups[group])
    others = feed_for(program["participant"]).token
    own = CalendarFeed.for_user(user).token
    sign_in_verified(client, user)

    assert client.post("/calendar/reset/").status_code == 302

    assert CalendarFeed.objects.get(user=user).token != own
    assert CalendarFeed.objects.get(user=program["participant"].user).token == others
    # With no person record there is nothing of theirs to list, and no one else's.
    assert events_of(client, CalendarFeed.objects.get(user=user)) == {}
