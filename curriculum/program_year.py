"""Program years: which class a session belongs to, and the year the public sees.

A module holds the sessions of every year it is taught: each class (a `Cohort`, one
track's class of one year) takes those dated from its start to its graduation. Public
pages present one program year, the newest, and whatever is still to come; the
sessions of earlier years are history, which the admin and that class's own
participants (on their dashboard and personal calendar) still see. Which year is
public depends on the modules' sessions, so `public_program_year` lives beside
them in `curriculum/models.py`.
"""

import dataclasses
import datetime
from decimal import Decimal

from django.utils import timezone

from people.models import Cohort


@dataclasses.dataclass(frozen=True)
class ProgramYear:
    """One class year's dates: its cohorts' first day of instruction to graduation."""

    year: int
    starts_on: datetime.date
    ends_on: datetime.date

    def __contains__(self, day):
        return self.starts_on <= day <= self.ends_on


def shown_to_public(session, program_year, now):
    """Whether public pages show `session`: it is in the public program year or
    has not ended yet (the previous class's graduation next week is news, its
    spring sessions are history)."""
    if program_year is None or session.ends_at >= now:
        return True
    return timezone.localdate(session.starts_at) in program_year


# --- The contact-hours check, per program year --------------------------------------


def cohort_years(track_ids):
    """[ProgramYear] of the tracks' cohorts, one per cohort, oldest class first."""
    return [
        ProgramYear(year, starts_on, ends_on)
        for year, starts_on, ends_on in Cohort.objects.filter(track__in=track_ids)
        .order_by("year", "starts_on")
        .values_list("year", "starts_on", "ends_on")
    ]


def year_of(starts_at, years):
    """The class year whose dates hold a session starting at `starts_at` (the class
    graduating first, where two classes overlap), or None outside every one."""
    day = timezone.localdate(starts_at)
    return next((span.year for span in years if day in span), None)


@dataclasses.dataclass
class YearHours:
    """A program year's sessions' hours beside the module's contact hours."""

    year: int | None  # None: sessions outside every class's dates
    sessions: Decimal
    contact: Decimal
    # A later year not begun yet whose sessions fall short: it is being planned.
    planning: bool = False

    @property
    def agree(self):
        return self.sessions == self.contact

    @property
    def blocks_publishing(self):
        return not self.agree and not self.planning

    @property
    def label(self):
        if self.year is None:
            return "Sessions outside every class's dates"
        return f"The Class of {self.year}'s sessions"


def hours_by_year(contact_hours, sessions, years, now=None):
    """[YearHours], one per program year of `sessions` ((starts_at, hours) pairs),
    in year order; [] without sessions.

    Every year's sessions must add up to the contact hours, with one exception: a
    year that has not begun (its class starts later) and falls short, while
    another year is on the module too, is being planned. It does not stop the
    module from being published (that would block fixing a typo while next year's
    calendar is drawn up); the editor sees a warning instead. A module's only
    year, a year under way or past, and a year with too many hours must agree.
    """
    today = timezone.localdate(now or timezone.now())
    groups = {}
    for starts_at, hours in sessions:
        day = timezone.localdate(starts_at)
        group = groups.setdefault(year_of(starts_at, years), [Decimal(0), day])
        group[0] += hours
        group[1] = min(group[1], day)
    # A class begins on its first day of instruction; sessions outside every class
    # begin with the first of them.
    begins = {}
    for span in years:
        begins[span.year] = min(begins.get(span.year, span.starts_on), span.starts_on)
    checks = []
    for year, (total, first) in groups.items():
        not_begun = begins.get(year, first) > today
        planning = len(groups) > 1 and not_begun and total < contact_hours
        checks.append(YearHours(year, total, contact_hours, planning))
    return sorted(checks, key=lambda check: (check.year is not None, check.year or 0))
