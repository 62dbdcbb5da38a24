"""The portal's one date style, for pages, feeds and e-mails.

"Tuesday, February 9, 2027, 10:00 a.m.": the weekday and the month in full, the
time with a.m./p.m. (AP style), "noon" and "midnight" by name, always in the
program's time zone (America/New_York, TIME_ZONE). Templates use the filters in
core/templatetags/dates.py (`|long_date`, `|long_datetime`, `|long_time`); Python
code (feeds, e-mails) calls these functions.
"""

import datetime

from django.utils import timezone


def _local(value):
    """An aware datetime in the current (program) time zone; dates unchanged."""
    if isinstance(value, datetime.datetime) and timezone.is_aware(value):
        return timezone.localtime(value)
    return value


def long_date(value):
    """'Tuesday, February 9, 2027' for a date or datetime; '' for None."""
    if not value:
        return ""
    value = _local(value)
    return f"{value:%A}, {value:%B} {value.day}, {value.year}"


def long_time(value):
    """'10:00 a.m.', '3:30 p.m.', 'noon' or 'midnight'; '' for None."""
    if not value:
        return ""
    value = _local(value)
    if (value.hour, value.minute) == (12, 0):
        return "noon"
    if (value.hour, value.minute) == (0, 0):
        return "midnight"
    hour = value.hour % 12 or 12
    return f"{hour}:{value.minute:02d} {'a.m.' if value.hour < 12 else 'p.m.'}"


def long_datetime(value):
    """'Tuesday, February 9, 2027, 10:00 a.m.'; '' for None."""
    if not value:
        return ""
    return f"{long_date(value)}, {long_time(value)}"


def time_span(starts_at, ends_at):
    """A session's span: 'Tuesday, February 9, 2027, 10:00 a.m. to 1:00 p.m.' on one
    day, or both dates in full when it runs over several days."""
    if _local(starts_at).date() == _local(ends_at).date():
        return f"{long_datetime(starts_at)} to {long_time(ends_at)}"
    return f"{long_datetime(starts_at)} to {long_datetime(ends_at)}"
