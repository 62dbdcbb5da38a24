"""The program calendar as iCalendar (RFC 5545), written with the `icalendar` library.

One VCALENDAR of VEVENTs. A session with a time of day is a timed event in UTC and
shows as busy; an assignment open for days or weeks (an asynchronous session, or any
session that runs past one day) is an all-day event over those dates and shows as
free (TRANSP:TRANSPARENT), so subscribing does not block three weeks of a calendar.
Calendar clients (Outlook, Google Calendar, Apple Calendar) subscribe to the result;
the library escapes TEXT values and folds lines at 75 octets.
"""

import datetime
from zoneinfo import ZoneInfo

import icalendar

PRODID = "-//CeCTO Portal//EN"
CALENDAR_NAME = "CeCTO program calendar"
CALENDAR_TIMEZONE = "America/New_York"
PROGRAM_TIMEZONE = ZoneInfo(CALENDAR_TIMEZONE)


class CalendarEvent:
    """One VEVENT's facts; `all_day` events cover the local dates from start to end."""

    def __init__(
        self,
        *,
        uid,
        starts_at,
        ends_at,
        summary,
        description="",
        location="",
        url="",
        categories=(),
        all_day=False,
    ):
        self.uid = uid
        self.starts_at = starts_at
        self.ends_at = ends_at
        self.summary = summary
        self.description = description
        self.location = location
        self.url = url
        self.categories = categories
        self.all_day = all_day

    def dates(self):
        """The first day and the day after the last (DTEND is exclusive), in New York."""
        start = self.starts_at.astimezone(PROGRAM_TIMEZONE)
        end = self.ends_at.astimezone(PROGRAM_TIMEZONE)
        one_day = datetime.timedelta(days=1)
        # Ending at midnight ends with the day before; ending later includes that day.
        after = end.date() if end.time() == datetime.time(0) else end.date() + one_day
        return start.date(), max(after, start.date() + one_day)

    def component(self, stamp):
        event = icalendar.Event()
        event.add("uid", self.uid)
        event.add("dtstamp", stamp.astimezone(datetime.UTC))
        if self.all_day:
            first, after = self.dates()
            event.add("dtstart", first)
            event.add("dtend", after)
            event.add("transp", "TRANSPARENT")
        else:
            event.add("dtstart", self.starts_at.astimezone(datetime.UTC))
            event.add("dtend", self.ends_at.astimezone(datetime.UTC))
            event.add("transp", "OPAQUE")
        event.add("summary", self.summary)
        if self.description:
            event.add("description", self.description)
        if self.location:
            event.add("location", self.location)
        if self.url:
            event.add("url", self.url)
        if self.categories:
            event.add("categories", list(self.categories))
        return event


def build_calendar(events, *, name=CALENDAR_NAME, stamp=None):
    """The VCALENDAR of `events`.

    `name` is the calendar name clients show for a subscription; pass None for a
    single-event file, so importing it adds the event instead of a new calendar.
    """
    stamp = stamp or datetime.datetime.now(datetime.UTC)
    calendar = icalendar.Calendar()
    calendar.add("version", "2.0")
    calendar.add("prodid", PRODID)
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    if name:
        calendar.add("x-wr-calname", name)
        calendar.add("x-wr-timezone", CALENDAR_TIMEZONE)
    for event in events:
        calendar.add_component(event.component(stamp))
    return calendar


def render_calendar(events, *, name=CALENDAR_NAME, stamp=None):
    """The calendar as UTF-8 bytes with CRLF line endings."""
    return build_calendar(events, name=name, stamp=stamp).to_ical()
