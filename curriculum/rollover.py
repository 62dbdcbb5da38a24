"""Roll-over: next year's cohorts and calendar, made from this year's.

`plan_rollover(FROM, TO)` reads the Class of FROM's cohorts (every track that has
one) and their sessions (`ModuleSession.objects.for_cohort`: live modules only) and
works out, without writing anything:

- the shift: whole weeks, so each date keeps its weekday and its week of the
  program. By default the number of weeks that brings FROM's first day of
  instruction nearest the same calendar day in TO's year (Tuesday 24 February 2026
  becomes Tuesday 23 February 2027); or the director gives the new first day
  (`starts_on`), which must fall on the same weekday;
- the cohorts to create, each FROM cohort's dates shifted;
- each session to copy, old date to new. Times keep their local time of day
  (settings.TIME_ZONE, America/New_York) across daylight-saving changes; hours,
  mode, location, meeting link, faculty and kind are copied.

`apply_rollover(plan, user)` writes it in one transaction and logs it in Wagtail's
log. Running it twice creates nothing new:

- a session is "already there" when its module has a session of the same title
  and kind dated within the new year's cohorts' dates; it is left alone, however
  it was edited for the new year;
- TO's cohorts may exist only if a previous roll-over from FROM made them (the
  `curriculum.rollover` log entry on each cohort); a year whose cohorts were made
  by hand or by another roll-over is refused (RolloverError), nothing written.

Modules are pages. The new sessions are written as rows of the live module and added
to the module's latest revision: a module without unpublished changes is published
again from that revision (it stays live, and its live revision holds the sessions);
a module with a draft keeps it as a draft, now holding the new sessions too, so the
next editor's save or publish keeps them.
"""

from __future__ import annotations

import collections
import dataclasses
import datetime
from typing import TYPE_CHECKING, Any

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from wagtail.log_actions import log
from wagtail.models import ModelLogEntry

from curriculum.models import ModulePage, ModuleSession, Track
from people.models import Cohort

if TYPE_CHECKING:
    from django.contrib.auth.models import User

ROLLOVER_ACTION = "curriculum.rollover"
SESSIONS_ACTION = "curriculum.rollover.sessions"

COPIED_FIELDS = ["title", "kind", "mode", "location", "meeting_link", "hours"]


class RolloverError(Exception):
    """Bad input: the roll-over is refused and nothing is written."""


@dataclasses.dataclass
class CohortPlan:
    track: Track
    starts_on: datetime.date
    ends_on: datetime.date
    source: Cohort
    existing: Cohort | None = None

    @property
    def is_new(self) -> bool:
        return self.existing is None


@dataclasses.dataclass
class SessionPlan:
    source: ModuleSession
    starts_at: datetime.datetime
    ends_at: datetime.datetime
    existing: ModuleSession | None = None

    @property
    def is_new(self) -> bool:
        return self.existing is None


@dataclasses.dataclass
class RolloverPlan:
    from_year: int
    to_year: int
    weeks: int
    cohorts: list[CohortPlan]
    sessions: list[SessionPlan]

    @property
    def new_cohorts(self) -> list[CohortPlan]:
        return [c for c in self.cohorts if c.is_new]

    @property
    def new_sessions(self) -> list[SessionPlan]:
        return [s for s in self.sessions if s.is_new]

    @property
    def is_empty(self) -> bool:
        return not self.new_cohorts and not self.new_sessions

    def lines(self) -> list[str]:
        """The plan as text, for the management command."""
        fmt = "%a %d %b %Y %H:%M"
        out = [
            f"Roll over the Class of {self.from_year} to the Class of "
            f"{self.to_year}: {self.weeks} weeks later.",
            "Cohorts:",
        ]
        for c in self.cohorts:
            state = "create" if c.is_new else "exists"
            out.append(
                f"  [{state}] {c.track} — Class of {self.to_year}: "
                f"{c.starts_on:%a %d %b %Y} to {c.ends_on:%a %d %b %Y}"
            )
        out.append("Sessions:")
        for s in self.sessions:
            state = "copy" if s.is_new else "exists"
            old = timezone.localtime(s.source.starts_at)
            new = timezone.localtime(s.starts_at)
            out.append(
                f"  [{state}] {s.source.module.title}: {s.source.title} "
                f"{old:{fmt}} -> {new:{fmt}}"
            )
        out.append(
            f"{len(self.new_cohorts)} cohorts and {len(self.new_sessions)} sessions "
            "to create."
        )
        return out


def shift_local(
    moment: datetime.datetime, shift: datetime.timedelta
) -> datetime.datetime:
    """`moment` moved by `shift` in local wall time: 10:00 stays 10:00 across DST."""
    zone = timezone.get_default_timezone()
    local = timezone.localtime(moment, zone).replace(tzinfo=None)
    return timezone.make_aware(local + shift, zone)


def _weeks(
    first_day: datetime.date,
    from_year: int,
    to_year: int,
    starts_on: datetime.date | None,
) -> int:
    if starts_on is not None:
        if starts_on.weekday() != first_day.weekday():
            raise RolloverError(
                f"The new first day, {starts_on:%A %d %B %Y}, must be a "
                f"{first_day:%A}: the Class of {from_year} began on "
                f"{first_day:%A %d %B %Y}."
            )
        weeks = (starts_on - first_day).days // 7
    else:
        year = first_day.year + (to_year - from_year)
        try:
            same_day = first_day.replace(year=year)
        except ValueError:  # 29 February
            same_day = first_day.replace(year=year, day=28)
        weeks = round((same_day - first_day).days / 7)
    if weeks <= 0:
        raise RolloverError("The new cohorts must begin after the old ones.")
    return weeks


def rolled_over_from(cohort: Cohort, from_year: int) -> bool:
    """True when a roll-over from the Class of `from_year` created `cohort`."""
    entries = ModelLogEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(Cohort),
        object_id=str(cohort.pk),
        action=ROLLOVER_ACTION,
    )
    return any((e.data or {}).get("from_year") == from_year for e in entries)


def plan_rollover(
    from_year: int, to_year: int, starts_on: datetime.date | None = None
) -> RolloverPlan:
    """The roll-over's plan (RolloverPlan); RolloverError for bad input."""
    if to_year <= from_year:
        raise RolloverError(
            f"Roll over to a later year: the Class of {to_year} is not after "
            f"the Class of {from_year}."
        )
    sources = list(Cohort.objects.filter(year=from_year).select_related("track"))
    if not sources:
        raise RolloverError(f"The Class of {from_year} has no cohorts to roll over.")
    existing = {
        c.track_id: c
        for c in Cohort.objects.filter(year=to_year).select_related("track")
    }
    foreign = [c for c in existing.values() if not rolled_over_from(c, from_year)]
    if foreign:
        names = ", ".join(str(c) for c in foreign)
        raise RolloverError(
            f"The Class of {to_year} already has cohorts ({names}) that were not "
            f"made by rolling over the Class of {from_year}: nothing was changed."
        )
    first_day = min(c.starts_on for c in sources)
    weeks = _weeks(first_day, from_year, to_year, starts_on)
    shift = datetime.timedelta(weeks=weeks)

    cohorts = []
    for source in sources:
        there = existing.get(source.track_id)
        cohorts.append(
            CohortPlan(
                track=source.track,
                starts_on=there.starts_on if there else source.starts_on + shift,
                ends_on=there.ends_on if there else source.ends_on + shift,
                source=source,
                existing=there,
            )
        )

    # Each session once (joint sessions are on both tracks' modules), in date order.
    found = {}
    for source in sources:
        for session in ModuleSession.objects.for_cohort(source).select_related(
            "module", "faculty"
        ):
            found[session.pk] = session
    old_sessions = sorted(
        found.values(), key=lambda s: (s.starts_at, s.module_id, s.sort_order or 0)
    )

    # What the new year already has, by module, title and kind (counted, so two
    # sessions of the same name are matched one for one).
    new_first = min(c.starts_on for c in cohorts)
    new_last = max(c.ends_on for c in cohorts)
    present = collections.defaultdict(list)
    for session in ModuleSession.objects.filter(
        module_id__in={s.module_id for s in old_sessions},
        starts_at__date__gte=new_first,
        starts_at__date__lte=new_last,
    ).order_by("starts_at", "pk"):
        present[(session.module_id, session.title, session.kind)].append(session)

    sessions = []
    for session in old_sessions:
        matches = present.get((session.module_id, session.title, session.kind))
        sessions.append(
            SessionPlan(
                source=session,
                starts_at=shift_local(session.starts_at, shift),
                ends_at=shift_local(session.ends_at, shift),
                existing=matches.pop(0) if matches else None,
            )
        )
    return RolloverPlan(from_year, to_year, weeks, cohorts, sessions)


@transaction.atomic
def apply_rollover(
    plan: RolloverPlan, user: User | None = None
) -> tuple[list[Cohort], int]:
    """Write the plan's new cohorts and sessions; return (cohorts, sessions) created."""
    data = {"from_year": plan.from_year, "to_year": plan.to_year, "weeks": plan.weeks}
    created_cohorts = []
    for item in plan.new_cohorts:
        cohort = Cohort(
            year=plan.to_year,
            track=item.track,
            starts_on=item.starts_on,
            ends_on=item.ends_on,
        )
        cohort.full_clean()
        cohort.save()
        log(cohort, ROLLOVER_ACTION, user=user, data=data)
        created_cohorts.append(cohort)

    by_module: collections.defaultdict[int, list[SessionPlan]] = (
        collections.defaultdict(list)
    )
    for session_plan in plan.new_sessions:
        by_module[session_plan.source.module_id].append(session_plan)
    created_sessions = 0
    for module_id, items in by_module.items():
        created_sessions += _add_sessions(module_id, items, user, data)
    return created_cohorts, created_sessions


def _add_sessions(
    module_id: int, items: list[SessionPlan], user: User | None, data: dict[str, Any]
) -> int:
    """Add the module's new sessions, live and in its latest revision."""
    page = ModulePage.objects.get(pk=module_id)
    order = page.sessions.aggregate(last=Max("sort_order"))["last"] or 0
    rows = []
    for offset, item in enumerate(items, start=1):
        source = item.source
        row = ModuleSession(
            module=page,
            starts_at=item.starts_at,
            ends_at=item.ends_at,
            faculty_id=source.faculty_id,
            sort_order=order + offset,
            **{field: getattr(source, field) for field in COPIED_FIELDS},
        )
        row.save()
        rows.append(row)

    # The latest revision holds them too, by their ids: saving the page from it
    # (the editor, or the publish below) keeps them instead of deleting them.
    draft = page.has_unpublished_changes
    latest = page.get_latest_revision_as_object()
    held = {s.pk for s in latest.sessions.all()}
    for row in rows:
        if row.pk not in held:
            latest.sessions.add(
                ModuleSession(
                    pk=row.pk,
                    starts_at=row.starts_at,
                    ends_at=row.ends_at,
                    faculty_id=row.faculty_id,
                    sort_order=row.sort_order,
                    **{field: getattr(row, field) for field in COPIED_FIELDS},
                )
            )
    revision = latest.save_revision(user=user, clean=False)
    if page.live and not draft:
        revision.publish(user=user)
    log(page, SESSIONS_ACTION, user=user, data={**data, "sessions": len(rows)})
    return len(rows)


def rollover(
    from_year: int,
    to_year: int,
    *,
    starts_on: datetime.date | None = None,
    user: User | None = None,
    dry_run: bool = False,
) -> RolloverPlan:
    """Plan, and unless `dry_run` apply; return the plan."""
    plan = plan_rollover(from_year, to_year, starts_on)
    if not dry_run:
        apply_rollover(plan, user=user)
    return plan
