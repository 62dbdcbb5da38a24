"""An iCalendar (RFC 5545) writer for the program calendar, written by hand.

Only what the feed needs: one VCALENDAR of VEVENTs with times in UTC, TEXT escaping
(RFC 5545 section 3.3.11) and line folding at 75 octets (section 3.1). Calendar clients
(Outlook, Google Calendar, Apple Calendar) subscribe to the result.
"""

import datetime

PRODID = "-//CeCTO Portal//EN"
CALENDAR_NAME = "CeCTO program calendar"
CALENDAR_TIMEZONE = "America/New_York"
LINE_LIMIT = 75  # octets, excluding the CRLF


def escape_text(value):
    """A TEXT value: backslash, semicolon, comma and newlines escaped."""
    return (
        str(value)
        .replace("\\", "\\\\")
        .replace(";", "\\;")
        .replace(",", "\\,")
        .replace("\r\n", "\\n")
        .replace("\r", "\\n")
        .replace("\n", "\\n")
    )


def format_utc(value):
    """A DATE-TIME in UTC form, such as 20270209T140000Z."""
    return value.astimezone(datetime.UTC).strftime("%Y%m%dT%H%M%SZ")


def fold(line):
    """Split a content line into lines of at most 75 octets, never inside a character.

    Each continuation line starts with one space, which counts towards its 75 octets.
    """
    parts, current, size = [], "", 0
    for char in line:
        width = len(char.encode())
        if size + width > LINE_LIMIT:
            parts.append(current)
            current, size = " ", 1
        current += char
        size += width
    parts.append(current)
    return parts


class CalendarEvent:
    """One VEVENT; text values are given plain and escaped on output."""

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
    ):
        self.uid = uid
        self.starts_at = starts_at
        self.ends_at = ends_at
        self.summary = summary
        self.description = description
        self.location = location
        self.url = url
        self.categories = categories

    def content_lines(self, stamp):
        lines = [
            "BEGIN:VEVENT",
            f"UID:{escape_text(self.uid)}",
            f"DTSTAMP:{format_utc(stamp)}",
            f"DTSTART:{format_utc(self.starts_at)}",
            f"DTEND:{format_utc(self.ends_at)}",
            f"SUMMARY:{escape_text(self.summary)}",
        ]
        if self.description:
            lines.append(f"DESCRIPTION:{escape_text(self.description)}")
        if self.location:
            lines.append(f"LOCATION:{escape_text(self.location)}")
        if self.url:
            # URI values are not TEXT: no escaping, but they are folded like any line.
            lines.append(f"URL:{self.url}")
        if self.categories:
            lines.append(
                "CATEGORIES:" + ",".join(escape_text(c) for c in self.categories)
            )
        lines.append("END:VEVENT")
        return lines


def render_calendar(events, *, name=CALENDAR_NAME, stamp=None):
    """The calendar as UTF-8 bytes with CRLF line endings.

    `name` is the calendar name clients show for a subscription; pass None for a
    single-event file, so importing it adds the event instead of a new calendar.
    """
    stamp = stamp or datetime.datetime.now(datetime.UTC)
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:{PRODID}",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
    ]
    if name:
        lines += [
            f"X-WR-CALNAME:{escape_text(name)}",
            f"X-WR-TIMEZONE:{CALENDAR_TIMEZONE}",
        ]
    for event in events:
        lines += event.content_lines(stamp)
    lines.append("END:VCALENDAR")
    folded = [part for line in lines for part in fold(line)]
    return ("\r\n".join(folded) + "\r\n").encode()
