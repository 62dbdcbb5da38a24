"""/events.ics and the personal feeds are kept under the content version: the next
request after a change to a session, its module, its faculty, the cohorts or an
enrollment shows it; the clock ends them too."""

import datetime
from types import SimpleNamespace

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from curriculum.models import CalendarFeed, ModulePage, ModuleSession
from curriculum.views import (
    FEED_CACHE_TIMEOUT,
    FEED_HISTORY,
    TAUGHT_HISTORY,
    _feed_lifetime,
)
from people.choices import EnrollmentStatus
from tests.curriculum.test_events import (
    add_session,
    at,
    events_of,
    parse_ics,
    prop,
)
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


@pytest.fixture
def module(home_page):
    index = CurriculumIndexPageFactory(parent=home_page)
    return ModulePageFactory(parent=index, title="Leading change", slug="change")


def summaries(client):
    response = client.get("/events.ics")
    assert response.status_code == 200
    return sorted(prop(e, "SUMMARY") for e in events_of(parse_ics(response.content)))


def test_the_feed_is_kept_and_the_next_request_reads_nothing(client, module):
    add_session(module, "Kick-off", 5)
    first = client.get("/events.ics")
    with CaptureQueriesContext(connection) as queries:
        second = client.get("/events.ics")
    assert len(queries) == 0
    assert second.content == first.content
    assert second["Content-Type"] == "text/calendar; charset=utf-8"
    assert second["Content-Disposition"] == 'inline; filename="cecto-calendar.ics"'


def test_a_session_edited_and_published_with_its_module_shows_next_request(
    client, module
):
    add_session(module, "Kick-off", 5)
    assert summaries(client) == ["Kick-off"]

    # As the editor does: the module's sessions edited in a revision, published.
    page = ModulePage.objects.get(pk=module.pk)
    sessions = list(page.sessions.all())
    sessions[0].title = "Opening day"
    page.sessions = sessions
    page.save_revision().publish()

    assert summaries(client) == ["Opening day"]


def test_a_session_saved_on_its_own_shows_next_request(client, module):
    """As a roll-over does: rows added to a live module without its publish."""
    assert summaries(client) == []
    session = add_session(module, "Budget workshop", 10)
    assert summaries(client) == ["Budget workshop"]

    session.title = "Budget workshop (moved)"
    session.save()
    assert summaries(client) == ["Budget workshop (moved)"]

    ModuleSession.objects.filter(pk=session.pk).first().delete()
    assert summaries(client) == []


def test_an_unpublished_module_leaves_the_feed_next_request(client, module):
    add_session(module, "Kick-off", 5)
    assert summaries(client) == ["Kick-off"]
    module.unpublish()
    assert summaries(client) == []


def test_a_faculty_members_new_name_shows_next_request(client, module):
    teacher = FacultyFactory(first_name="Farrah", last_name="Okafor")
    add_session(module, "Kick-off", 5, faculty=teacher)
    assert "Okafor" in client.get("/events.ics").content.decode()

    teacher.last_name = "Mensah"
    teacher.save()
    body = client.get("/events.ics").content.decode()
    assert "Mensah" in body and "Okafor" not in body


def test_a_cohort_added_changes_which_sessions_the_public_sees_next_request(
    client, home_page
):
    """The public program year comes from the cohorts: once a cohort's dates hold
    this year's sessions, last year's finished ones leave the feed."""
    track = TrackFactory()
    index = CurriculumIndexPageFactory(parent=home_page)
    module = ModulePageFactory(parent=index, slug="change", tracks=[track])
    add_session(module, "Last year's wrap-up", -20)
    add_session(module, "This year's kick-off", 5)
    assert summaries(client) == ["Last year's wrap-up", "This year's kick-off"]

    today = timezone.localdate()
    CohortFactory(
        track=track,
        year=today.year,
        starts_on=today + datetime.timedelta(days=1),
        ends_on=today + datetime.timedelta(days=300),
    )
    assert summaries(client) == ["This year's kick-off"]


def test_the_feed_is_kept_until_a_listed_session_could_leave_it():
    now = at(0, hour=10)
    in_an_hour = SimpleNamespace(ends_at=now + datetime.timedelta(minutes=20))
    ended = SimpleNamespace(ends_at=now - datetime.timedelta(days=3))
    later = SimpleNamespace(ends_at=now + datetime.timedelta(days=30))

    # Until the next end of a session still under way or to come...
    assert _feed_lifetime([later, in_an_hour], now) == 20 * 60
    # ...or until an ended one falls out of the history...
    edge = SimpleNamespace(ends_at=now - FEED_HISTORY + datetime.timedelta(seconds=90))
    assert _feed_lifetime([later, edge], now) == 90
    # ...and an hour at most, so each event's stamp is refreshed.
    assert _feed_lifetime([ended, later], now) == FEED_CACHE_TIMEOUT.total_seconds()
    assert _feed_lifetime([], now) == FEED_CACHE_TIMEOUT.total_seconds()
    # Less than a second left: not kept at all.
    instant = SimpleNamespace(ends_at=now + datetime.timedelta(milliseconds=300))
    assert _feed_lifetime([instant], now) == 0


def test_a_feed_with_under_a_second_left_is_not_kept(client, module, monkeypatch):
    add_session(module, "Kick-off", 5)
    monkeypatch.setattr("curriculum.views._feed_lifetime", lambda sessions, now: 0)
    client.get("/events.ics")
    with CaptureQueriesContext(connection) as queries:
        client.get("/events.ics")
    assert len(queries) > 0


# --- Personal feeds: /calendar/<token>.ics ------------------------------------------


@pytest.fixture
def enrolled(home_page):
    """A participant enrolled in this year's class of a track with one module."""
    track = TrackFactory()
    index = CurriculumIndexPageFactory(parent=home_page)
    module = ModulePageFactory(parent=index, slug="gov", tracks=[track])
    today = timezone.localdate()
    cohort = CohortFactory(
        track=track,
        year=today.year,
        starts_on=today - datetime.timedelta(days=30),
        ends_on=today + datetime.timedelta(days=200),
    )
    participant = ParticipantFactory(user=UserFactory(username="cand"))
    enrollment = EnrollmentFactory(person=participant, cohort=cohort)
    add_session(module, "Governance day", 10)
    return {
        "module": module,
        "enrollment": enrollment,
        "feed": CalendarFeed.for_user(participant.user),
    }


def personal_summaries(client, feed):
    response = client.get(feed.get_absolute_url())
    assert response.status_code == 200, response.status_code
    return sorted(prop(e, "SUMMARY") for e in events_of(parse_ics(response.content)))


def test_a_personal_feed_is_kept_and_costs_only_the_token_look_up(client, enrolled):
    url = enrolled["feed"].get_absolute_url()
    first = client.get(url)
    with CaptureQueriesContext(connection) as queries:
        second = client.get(url)
    assert len(queries) == 1  # the token
    assert second.content == first.content
    assert second["Cache-Control"] == first["Cache-Control"]
    assert "private" in second["Cache-Control"]


def test_a_session_or_a_withdrawal_shows_in_the_personal_feed_next_request(
    client, enrolled
):
    feed = enrolled["feed"]
    assert personal_summaries(client, feed) == ["Governance day"]

    add_session(enrolled["module"], "Budget day", 20)
    assert personal_summaries(client, feed) == ["Budget day", "Governance day"]

    enrolled["enrollment"].status = EnrollmentStatus.WITHDRAWN
    enrolled["enrollment"].save()
    assert personal_summaries(client, feed) == []


def test_a_reset_address_answers_404_at_once_though_its_feed_was_kept(client, enrolled):
    feed = enrolled["feed"]
    old_url = feed.get_absolute_url()
    assert client.get(old_url).status_code == 200
    feed.reset()
    assert client.get(old_url).status_code == 404
    assert client.get(feed.get_absolute_url()).status_code == 200


def test_each_person_gets_their_own_kept_feed(client, enrolled):
    other = ParticipantFactory(user=UserFactory(username="other"))
    other_feed = CalendarFeed.for_user(other.user)
    assert personal_summaries(client, enrolled["feed"]) == ["Governance day"]
    assert personal_summaries(client, other_feed) == []


def test_a_personal_feed_is_kept_until_a_taught_session_leaves_it():
    now = at(0, hour=10)
    taught = SimpleNamespace(
        ends_at=now - TAUGHT_HISTORY + datetime.timedelta(minutes=5)
    )
    upcoming = SimpleNamespace(ends_at=now + datetime.timedelta(minutes=1))
    # An upcoming session's end changes nothing in a personal feed.
    assert _feed_lifetime([upcoming], now, after_end=(TAUGHT_HISTORY,)) == 3600
    assert _feed_lifetime([taught], now, after_end=(TAUGHT_HISTORY,)) == 300
