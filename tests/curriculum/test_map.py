"""/curriculum/map/ as a visitor and as staff: a chart of hours per topic area and
per track with its figures in tables, the program year's sessions by month, whole
hours without ".0", and the tracks' balance shown to staff only."""

import datetime
import re
from decimal import Decimal

import pytest
from django.template import Context, Template
from django.utils import timezone

from curriculum.models import ModuleSession
from tests.factories.curriculum import (
    CurriculumIndexPageFactory,
    ModulePageFactory,
    TopicAreaFactory,
    TrackFactory,
)
from tests.querycount import MAX_QUERIES, count_queries

pytestmark = pytest.mark.django_db


@pytest.fixture
def curriculum(home_page):
    index = CurriculumIndexPageFactory(parent=home_page)
    cecto = TrackFactory(name="CeCTO Certification", required_hours=240)
    leaders = TrackFactory(name="Leaders for the 21st Century", required_hours=20)
    security = TopicAreaFactory(name="Security")
    finance = TopicAreaFactory(name="Financial trends")
    ModulePageFactory(
        parent=index,
        title="Security for school technology leaders",
        topic_area=security,
        contact_hours=Decimal("232"),
        tracks=[cecto],
    )
    funding = ModulePageFactory(
        parent=index,
        title="Funding the refresh",
        topic_area=finance,
        contact_hours=Decimal("8"),
        tracks=[cecto, leaders],
    )
    return {"index": index, "funding": funding, "security": security}


def add_session(module, when, hours="2"):
    return ModuleSession.objects.create(
        module=module,
        title=f"Session on {when:%B %d}",
        kind="session",
        mode="synchronous",
        meeting_link="https://meet.example.org/x",
        hours=Decimal(hours),
        starts_at=when,
        ends_at=when + datetime.timedelta(hours=2),
    )


def section(html, heading_id):
    start = html.index(f'id="{heading_id}"')
    return html[start : html.index("</section>", start)]


def test_visitor_sees_a_chart_of_hours_per_topic_area_with_the_table(
    client, curriculum
):
    html = client.get("/curriculum/map/").content.decode()
    topics = section(html, "map-topics-heading")

    # The chart: one SVG bar per topic, sized by attributes (no inline style).
    bars = re.findall(r'<rect class="hours-bar__fill" width="([\d.]+)"', topics)
    assert bars == ["100.0", "3.4"]  # Security 232 h is the widest; 8 / 232
    assert 'aria-hidden="true"' in topics and "style=" not in html
    # The table: hours per topic and per track, the totals below.
    assert "<caption" in topics
    row = re.search(r"<th scope=\"row\">Financial trends</th>(.*?)</tr>", topics, re.S)
    assert re.findall(r'<td class="numeric">(\d+)</td>', row.group(1)) == [
        "8",
        "8",
        "8",
    ]
    foot = topics[topics.index("<tfoot>") :]
    assert re.findall(r'<td class="numeric">(\d+)</td>', foot) == ["240", "8", "240"]


def test_visitor_sees_whole_hours_without_a_decimal_point(client, curriculum):
    html = client.get("/curriculum/map/").content.decode()

    assert "232.0" not in html and "240.0" not in html
    assert "Funding the refresh</a> (8 h)" in html


def test_visitor_sees_the_hours_per_track_but_not_the_staff_status(client, curriculum):
    html = client.get("/curriculum/map/").content.decode()
    tracks = section(html, "track-hours-heading")

    assert "240 of 240 h" in tracks and "8 of 20 h" in tracks
    assert 'class="hours-bar__required" x1="100.0"' in tracks
    for staff_only in ("alert--warning", "Balanced", "short", "Status"):
        assert staff_only not in tracks


def test_staff_see_which_track_does_not_add_up(verified_client, admin_user, curriculum):
    verified_client.sign_in(admin_user)

    html = verified_client.get("/curriculum/map/").content.decode()
    tracks = section(html, "track-hours-heading")

    assert "alert--warning" in tracks
    assert "modules add up to 8 of 20 required hours (12 short)" in tracks
    assert "Balanced" in tracks


def test_visitor_sees_the_program_year_by_month(client, curriculum):
    year = timezone.localdate().year + 1
    tz = timezone.get_current_timezone()
    funding = curriculum["funding"]
    add_session(funding, datetime.datetime(year, 2, 9, 10, tzinfo=tz))
    add_session(funding, datetime.datetime(year, 4, 14, 10, tzinfo=tz))
    add_session(funding, datetime.datetime(year, 11, 3, 10, tzinfo=tz))
    add_session(funding, datetime.datetime(year + 1, 3, 1, 10, tzinfo=tz))

    html = client.get("/curriculum/map/").content.decode()
    calendar = section(html, "map-calendar-heading")

    months = re.findall(r'<h3 class="month-grid__title">(\w+)</h3>', calendar)
    assert months == [
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
    ]
    assert calendar.count("No sessions.") == 7
    assert f"Sessions by month, {year}" in calendar
    assert "Session on February 09" in calendar
    assert "Session on March 01" not in calendar  # next year's program


def test_map_queries_do_not_grow_with_modules_and_sessions(client, curriculum):
    tz = timezone.get_current_timezone()
    year = timezone.localdate().year + 1
    few = count_queries(client, "/curriculum/map/")
    for n in range(20):
        module = ModulePageFactory(
            parent=curriculum["index"], topic_area=curriculum["security"]
        )
        add_session(module, datetime.datetime(year, 2 + n % 9, 1, 10, tzinfo=tz))

    many = count_queries(client, "/curriculum/map/")

    assert many == few <= MAX_QUERIES


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        (Decimal("24.0"), "24"),
        (Decimal("2.5"), "2.5"),
        (Decimal("0.5"), "0.5"),
        (240, "240"),
        (Decimal("-12.0"), "-12"),
        (None, ""),
    ],
)
def test_hours_filter_drops_the_decimal_of_whole_hours(value, shown):
    template = Template("{% load hours_tags %}{{ value|hours }}")
    assert template.render(Context({"value": value})) == shown
