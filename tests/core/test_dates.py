"""The one date style: "Tuesday, February 9, 2027, 10:00 a.m.", in New York time."""

import datetime
from types import SimpleNamespace
from zoneinfo import ZoneInfo

import pytest
from django.template import Context, Template
from django.template.loader import render_to_string

from core.dates import long_date, long_datetime, long_time, time_span

NEW_YORK = ZoneInfo("America/New_York")


def ny(*args):
    return datetime.datetime(*args, tzinfo=NEW_YORK)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (ny(2027, 2, 9, 10, 0), "Tuesday, February 9, 2027, 10:00 a.m."),
        (ny(2027, 2, 9, 15, 30), "Tuesday, February 9, 2027, 3:30 p.m."),
        (ny(2027, 2, 9, 12, 0), "Tuesday, February 9, 2027, noon"),
        (ny(2027, 2, 9, 0, 0), "Tuesday, February 9, 2027, midnight"),
        (ny(2027, 2, 9, 0, 5), "Tuesday, February 9, 2027, 12:05 a.m."),
        (ny(2027, 2, 9, 12, 45), "Tuesday, February 9, 2027, 12:45 p.m."),
    ],
)
def test_long_datetime_names_the_weekday_and_uses_a_m_p_m(value, expected):
    assert long_datetime(value) == expected


def test_times_are_shown_in_new_york_whatever_zone_they_come_in():
    # 15:00 UTC is 10:00 in New York in winter (EST) and 11:00 in summer (EDT).
    assert long_datetime(datetime.datetime(2027, 2, 9, 15, tzinfo=datetime.UTC)) == (
        "Tuesday, February 9, 2027, 10:00 a.m."
    )
    assert long_time(datetime.datetime(2027, 7, 9, 15, tzinfo=datetime.UTC)) == (
        "11:00 a.m."
    )
    # 02:00 UTC on the 10th is still the evening of the 9th in New York.
    late = datetime.datetime(2027, 2, 10, 2, tzinfo=datetime.UTC)
    assert long_date(late) == "Tuesday, February 9, 2027"


def test_a_plain_date_and_nothing():
    assert long_date(datetime.date(2027, 11, 5)) == "Friday, November 5, 2027"
    assert long_date(None) == long_datetime(None) == long_time(None) == ""


def test_a_span_names_the_day_once_unless_it_runs_over_days():
    assert time_span(ny(2027, 2, 9, 9), ny(2027, 2, 9, 12)) == (
        "Tuesday, February 9, 2027, 9:00 a.m. to noon"
    )
    assert time_span(ny(2027, 3, 25, 9), ny(2027, 4, 15, 17)) == (
        "Thursday, March 25, 2027, 9:00 a.m. to Thursday, April 15, 2027, 5:00 p.m."
    )


def test_template_filters_use_the_same_style():
    template = Template(
        "{% load dates %}{{ at|long_date }}|{{ at|long_datetime }}|{{ at|long_time }}"
        "|{{ at|time_span:end }}"
    )
    html = template.render(
        Context({"at": ny(2027, 2, 9, 10), "end": ny(2027, 2, 9, 13)})
    )
    assert html == (
        "Tuesday, February 9, 2027|Tuesday, February 9, 2027, 10:00 a.m.|10:00 a.m."
        "|Tuesday, February 9, 2027, 10:00 a.m. to 1:00 p.m."
    )


def test_an_approval_email_gives_the_publishing_time_in_the_date_style():
    body = render_to_string(
        "emails/approved_scheduled.txt",
        {
            "recipient_name": "Ada",
            "title": "Budget transparency",
            "page": SimpleNamespace(go_live_at=ny(2027, 2, 9, 10)),
        },
    )
    assert "published on Tuesday, February 9, 2027, 10:00 a.m." in body
