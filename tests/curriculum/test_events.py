"""The program calendar: /events/, the /events.ics feed and one .ics file per event."""

import datetime
import re
from decimal import Decimal

import icalendar
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.models import PageViewRestriction

from core.dates import long_date, time_span
from curriculum.calendar import render_calendar
from curriculum.models import ModuleSession
from tests.factories.curriculum import CurriculumIndexPageFactory, ModulePageFactory
from tests.factories.people import FacultyFactory
from tests.querycount import MAX_QUERIES, count_queries

pytestmark = pytest.mark.django_db

UTC_DATE_TIME = re.compile(r"^\d{8}T\d{6}Z$")
DATE = re.compile(r"^\d{8}$")
CONTENT_LINE = re.compile(r"^([A-Za-z0-9-]+)((?:;[^:]*)?):(.*)$")


def parse_ics(body):
    """A strict RFC 5545 reader for the tests: returns the VCALENDAR as nested dicts.

    Checks CRLF line endings, 75-octet lines, BEGIN/END nesting and the properties
    every calendar and event must have; unfolds lines and unescapes TEXT values.
    """
    assert body.endswith(b"\r\n")
    physical = body[:-2].split(b"\r\n")
    for line in physical:
        assert b"\n" not in line and b"\r" not in line, line
        assert len(line) <= 75, (len(line), line)
    text_lines = [line.decode("utf-8") for line in physical]
    unfolded = []
    for line in text_lines:
        if line.startswith((" ", "\t")):
            assert unfolded, "a continuation line cannot come first"
            unfolded[-1] += line[1:]
        else:
            unfolded.append(line)

    root = {"name": None, "props": {}, "children": []}
    stack = [root]
    for line in unfolded:
        match = CONTENT_LINE.match(line)
        assert match, f"not a content line: {line!r}"
        name, _params, value = match.groups()
        name = name.upper()
        if name == "BEGIN":
            component = {"name": value, "props": {}, "children": []}
            stack[-1]["children"].append(component)
            stack.append(component)
        elif name == "END":
            assert len(stack) > 1 and stack[-1]["name"] == value, (line, stack[-1])
            stack.pop()
        else:
            assert len(stack) > 1, f"property outside a component: {line!r}"
            stack[-1]["props"].setdefault(name, []).append(value)
            stack[-1].setdefault("params", {})[name] = _params
    assert len(stack) == 1, "unclosed component"
    assert len(root["children"]) == 1
    calendar = root["children"][0]
    assert calendar["name"] == "VCALENDAR"
    assert calendar["props"]["VERSION"] == ["2.0"]
    assert calendar["props"]["PRODID"] == ["-//CeCTO Portal//EN"]
    for event in calendar["children"]:
        assert event["name"] == "VEVENT"
        for required in ("UID", "DTSTAMP", "DTSTART", "DTEND", "SUMMARY"):
            assert len(event["props"].get(required, [])) == 1, (required, event)
        assert UTC_DATE_TIME.match(event["props"]["DTSTAMP"][0])
        # Timed events in UTC; all-day events as dates (VALUE=DATE), both ends.
        for stamp in ("DTSTART", "DTEND"):
            value, params = event["props"][stamp][0], event["params"][stamp]
            if params == ";VALUE=DATE":
                assert DATE.match(value), (stamp, value)
            else:
                assert params == "" and UTC_DATE_TIME.match(value), (stamp, value)
    return calendar


def unescape(value):
    return re.sub(r"\\(.)", lambda m: "\n" if m.group(1) in "nN" else m.group(1), value)


def prop(event, name):
    return unescape(event["props"][name][0])


def events_of(calendar):
    return [c for c in calendar["children"] if c["name"] == "VEVENT"]


def at(days, hour=9):
    """An aware datetime `days` from today at `hour` o'clock, New York time."""
    day = timezone.localdate() + datetime.timedelta(days=days)
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


def add_session(module, title, days, **kwargs):
    values = {
        "kind": "session",
        "mode": "face-to-face",
        "location": "Chapel Hill",
        "hours": Decimal("3"),
    }
    values.update(kwargs)
    return ModuleSession.objects.create(
        module=module,
        title=title,
        starts_at=at(days),
        ends_at=at(days, hour=12),
        **values,
    )


@pytest.fixture
def index(home_page):
    return CurriculumIndexPageFactory(parent=home_page)


@pytest.fixture
def module(index):
    return ModulePageFactory(parent=index, title="Leading change", slug="change")


@pytest.fixture
def program(module):
    teacher = FacultyFactory(first_name="Farrah", last_name="Okafor")
    return {
        "old": add_session(module, "Long ago", -200),
        "recent": add_session(module, "Kick-off", -30, kind="joint", faculty=teacher),
        "soon": add_session(
            module, "Budget workshop", 10, mode="synchronous", location=""
        ),
        "joint": add_session(module, "September joint session", 40, kind="joint"),
        "graduation": add_session(module, "Graduation", 80, kind="graduation"),
    }


def test_visitor_sees_upcoming_events_in_date_order_with_their_facts(client, program):
    response = client.get("/events/")
    assert response.status_code == 200
    html = response.content.decode()
    titles = ["Budget workshop", "September joint session", "Graduation"]
    positions = [html.index(title) for title in titles]
    assert positions == sorted(positions)
    assert "Long ago" not in html
    assert "Kick-off" not in html
    assert 'href="/curriculum/change/"' in html
    assert "Online" in html
    assert "Joint meeting of both tracks" in html
    assert "Graduation ceremony" in html
    assert html.count("event--highlight") == 2
    assert f'href="/events/{program["soon"].pk}.ics"' in html
    month = timezone.localtime(program["soon"].starts_at).strftime("%B %Y")
    assert month in html


def test_visitor_sees_past_events_newest_first(client, program):
    html = client.get("/events/?view=past").content.decode()
    assert html.index("Kick-off") < html.index("Long ago")
    assert "Okafor" in html
    assert "Budget workshop" not in html


def test_events_are_paginated_twenty_per_page(client, module):
    for n in range(25):
        add_session(module, f"Weekly session {n:02d}", 1 + n)
    first = client.get("/events/").content.decode()
    second = client.get("/events/?page=2").content.decode()
    assert "Weekly session 19" in first and "Weekly session 20" not in first
    assert "Weekly session 20" in second and "Weekly session 24" in second


def test_feed_is_a_valid_calendar_of_upcoming_and_recent_events(client, program):
    response = client.get("/events.ics")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert response["Content-Disposition"] == 'inline; filename="cecto-calendar.ics"'
    calendar = parse_ics(response.content)
    props = calendar["props"]
    assert props["CALSCALE"] == ["GREGORIAN"]
    assert props["METHOD"] == ["PUBLISH"]
    assert props["X-WR-CALNAME"] == ["CeCTO program calendar"]
    assert props["X-WR-TIMEZONE"] == ["America/New_York"]

    events = {prop(e, "SUMMARY"): e for e in events_of(calendar)}
    assert set(events) == {
        "Kick-off",
        "Budget workshop",
        "September joint session",
        "Graduation",
    }
    kickoff = events["Kick-off"]
    # Stable UIDs and every link on the served address (PORTAL_BASE_URL: testserver).
    assert prop(kickoff, "UID") == f"session-{program['recent'].pk}@testserver"
    start = program["recent"].starts_at.astimezone(datetime.UTC)
    assert prop(kickoff, "DTSTART") == start.strftime("%Y%m%dT%H%M%SZ")
    assert prop(kickoff, "LOCATION") == "Chapel Hill"
    assert prop(kickoff, "URL") == "http://testserver/curriculum/change/"
    assert "Module: http://testserver/curriculum/change/" in prop(
        kickoff, "DESCRIPTION"
    )
    assert prop(kickoff, "TRANSP") == "OPAQUE"  # a session at a time is busy
    # Descriptions use the portal's one date style (core/dates.py).
    when = time_span(program["recent"].starts_at, program["recent"].ends_at)
    assert f"When: {when}\n" in prop(kickoff, "DESCRIPTION")
    assert when.endswith(", 9:00 a.m. to noon")
    assert prop(kickoff, "CATEGORIES") == "Joint meeting of both tracks"
    assert "Farrah Okafor" in prop(kickoff, "DESCRIPTION")
    assert prop(events["Budget workshop"], "LOCATION") == "Online"

    # And an independent parser (the one many calendar tools use) reads it the same.
    parsed = icalendar.Calendar.from_ical(response.content)
    summaries = {str(event["SUMMARY"]) for event in parsed.walk("VEVENT")}
    assert summaries == set(events)
    starts = {str(e["SUMMARY"]): e.decoded("DTSTART") for e in parsed.walk("VEVENT")}
    assert starts["Kick-off"] == program["recent"].starts_at


def test_feed_escapes_text_and_folds_long_lines(client, module):
    title = "Budget; planning, and \\ review — a very long title " + "é" * 60
    add_session(module, title, 5, location="Room 1, Building B;\nChapel Hill")
    calendar = parse_ics(client.get("/events.ics").content)
    (event,) = events_of(calendar)
    assert prop(event, "SUMMARY") == title
    assert prop(event, "LOCATION") == "Room 1, Building B;\nChapel Hill"
    assert "Budget\\; planning\\, and \\\\ review" in event["props"]["SUMMARY"][0]


def test_a_three_week_assignment_is_an_all_day_free_event(client, module):
    # Open from 9:00 on day 5 to 17:00 on day 26, as the demo's assignments are.
    assignment = add_session(module, "Assignment: a charter", 5, mode="asynchronous")
    assignment.ends_at = at(26, hour=17)
    assignment.save()
    calendar = parse_ics(client.get("/events.ics").content)
    (event,) = events_of(calendar)
    first = timezone.localdate() + datetime.timedelta(days=5)
    after_last = timezone.localdate() + datetime.timedelta(days=27)
    assert event["params"]["DTSTART"] == ";VALUE=DATE"
    assert prop(event, "DTSTART") == first.strftime("%Y%m%d")
    assert prop(event, "DTEND") == after_last.strftime("%Y%m%d")  # exclusive
    assert prop(event, "TRANSP") == "TRANSPARENT"
    assert f"Open from {long_date(first)} to " in prop(event, "DESCRIPTION")

    body = client.get("/events.ics").content
    (parsed,) = icalendar.Calendar.from_ical(body).walk("VEVENT")
    assert parsed.decoded("DTSTART") == first
    assert parsed.decoded("DTEND") - parsed.decoded("DTSTART") == datetime.timedelta(22)


def test_a_one_day_asynchronous_task_is_all_day_on_its_date(client, module):
    reading = add_session(module, "Reading", 3, mode="asynchronous")
    body = client.get(f"/events/{reading.pk}.ics").content
    (event,) = events_of(parse_ics(body))
    day = timezone.localdate() + datetime.timedelta(days=3)
    assert prop(event, "DTSTART") == day.strftime("%Y%m%d")
    assert prop(event, "DTEND") == (day + datetime.timedelta(1)).strftime("%Y%m%d")
    assert prop(event, "TRANSP") == "TRANSPARENT"


def test_feed_links_use_the_served_address_not_the_request_host(
    client, program, settings
):
    settings.PORTAL_BASE_URL = "https://cecto.example.org"
    calendar = parse_ics(client.get("/events.ics").content)
    for event in events_of(calendar):
        assert prop(event, "URL") == "https://cecto.example.org/curriculum/change/"
        assert prop(event, "UID").endswith("@cecto.example.org")
    html = client.get("/events/").content.decode()
    assert "webcal://cecto.example.org/events.ics" in html


def test_render_calendar_uses_crlf_only():
    body = render_calendar([])
    assert body == (
        b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//CeCTO Portal//EN\r\n"
        b"CALSCALE:GREGORIAN\r\nMETHOD:PUBLISH\r\n"
        b"X-WR-CALNAME:CeCTO program calendar\r\nX-WR-TIMEZONE:America/New_York\r\n"
        b"END:VCALENDAR\r\n"
    )


def test_visitor_downloads_one_event_as_an_attachment(client, program):
    session = program["graduation"]
    response = client.get(f"/events/{session.pk}.ics")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert response["Content-Disposition"] == (
        f'attachment; filename="cecto-event-{session.pk}.ics"'
    )
    calendar = parse_ics(response.content)
    assert "X-WR-CALNAME" not in calendar["props"]
    (event,) = events_of(calendar)
    assert prop(event, "SUMMARY") == "Graduation"
    assert prop(event, "CATEGORIES") == "Graduation ceremony"


def test_sessions_of_draft_or_private_modules_are_hidden_everywhere(client, index):
    draft = ModulePageFactory(parent=index, slug="draft", draft=True)
    private = ModulePageFactory(parent=index, slug="private")
    PageViewRestriction.objects.create(
        page=private, restriction_type=PageViewRestriction.PASSWORD, password="s3cret"
    )
    hidden = [
        add_session(draft, "Draft session", 3),
        add_session(private, "Private session", 4),
    ]
    html = client.get("/events/").content.decode()
    assert "Draft session" not in html and "Private session" not in html
    assert events_of(parse_ics(client.get("/events.ics").content)) == []
    for session in hidden:
        assert client.get(f"/events/{session.pk}.ics").status_code == 404
    assert client.get("/events/999999.ics").status_code == 404


def test_calendar_views_only_read(client, program):
    urls = ["/events/", "/events/?view=past", "/events.ics"]
    urls.append(f"/events/{program['soon'].pk}.ics")
    # Wagtail creates the site's settings row on the first render of any page; that
    # one-off write belongs to base.html's footer, not to the calendar.
    client.get("/")
    with CaptureQueriesContext(connection) as queries:
        for url in urls:
            assert client.get(url).status_code == 200
    writes = [
        q["sql"]
        for q in queries
        if q["sql"].lstrip().upper().startswith(("INSERT", "UPDATE", "DELETE"))
    ]
    assert writes == []
    assert client.post("/events.ics").status_code == 405


@pytest.mark.parametrize("url", ["/events/", "/events.ics"])
def test_calendar_queries_do_not_grow_with_sessions(client, index, url):
    def fill(count):
        for n in range(count):
            module = ModulePageFactory(parent=index)
            add_session(module, f"Session {n}", 1 + n, faculty=FacultyFactory())

    fill(5)
    few = count_queries(client, url)
    fill(45)
    many = count_queries(client, url)
    assert few == many
    assert many <= MAX_QUERIES


def test_module_page_offers_each_session_as_a_calendar_file(client, program):
    html = client.get("/curriculum/change/").content.decode()
    for session in program.values():
        assert f'href="/events/{session.pk}.ics"' in html
