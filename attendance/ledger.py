"""The hours ledger: what an enrollment has earned, against its track's requirement.

`ledger_for(enrollment)` and `ledgers_for(enrollments)` read the ledger of one
enrollment or of many in one query whatever their number: a UNION ALL of the
attendance summed per enrollment and topic area in the database and the
adjustments, beside the cohorts' sessions, which are cached per cohort under the
content version (one query per cohort when not) (`_rows`). Pass enrollments with
`cohort__track` selected.

The rules, which docs/guides/director.md ("Hours ledger and progress") repeats for staff:

- A session's hours count towards its module's main topic area. Present and
  completed earn all of the session's hours (as the session reads now, so a
  corrected session corrects every ledger); partial earns the hours recorded on
  the attendance; absent, excused and not completed earn none
  (`Attendance.earned_hours`).
- A manual adjustment counts towards its own topic area, or "Other" without one;
  negative adjustments take hours away. The ledger lists each with its reason.
- Every joint meeting of the cohort (a session of kind "joint") is required. One
  is attended when the person was present, partly present or completed it; an
  excused absence still leaves it required (a make-up is recorded as an
  adjustment). "Still required" is every joint meeting not attended: the past ones
  missed and those to come.
- The hours scheduled by a day are the hours of the cohort's sessions that ended
  before that day began: a session today counts from tomorrow, which leaves
  faculty the day to record it. Only up to the track's requirement is expected.
- Behind schedule: an enrolled (not completed or withdrawn) person whose earned
  hours are more than 10% and at least 4 hours below the hours scheduled so far.
  Both margins keep one missed short session, or attendance not yet recorded for
  the last one, from raising the flag.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from functools import partial
from typing import TYPE_CHECKING, Any, cast

from django.db.models import (
    Case,
    CharField,
    DateTimeField,
    DecimalField,
    F,
    Field,
    IntegerField,
    Sum,
    Value,
    When,
)
from django.db.models.functions import Cast
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from attendance.choices import EARNING, AttendanceStatus
from attendance.models import Attendance, HoursAdjustment
from caching import cached_by_version
from curriculum.choices import SessionKind
from curriculum.models import ModuleSession
from people.choices import EnrollmentStatus

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

    from people.models import Cohort, Enrollment

    # A topic area as the ledger keys it: (pk, name, sort order); None: "Other".
    TopicKey = tuple[int | None, StrOrPromise, int]

ZERO = Decimal("0")
# "Behind schedule": earned below the scheduled hours by more than this share...
BEHIND_SHARE = Decimal("0.10")
# ...and by at least this many hours.
BEHIND_MIN_HOURS = Decimal("4")
# How many of the cohort's next sessions a ledger lists.
NEXT_SESSIONS = 3
OTHER = _("Other")

HOURS = DecimalField(max_digits=7, decimal_places=1)
# The hours one attendance row earns (Attendance.earned_hours, in SQL).
EARNED = Case(
    When(status=AttendanceStatus.PARTIAL, then=F("hours")),
    When(
        status__in=[s for s in EARNING if s != AttendanceStatus.PARTIAL],
        then=F("session__hours"),
    ),
    default=Value(ZERO),
    output_field=HOURS,
)
# The columns of the ledger's one query (`_rows`), shared by its three parts: the
# cohorts' sessions, the attendance summed per enrollment and topic area, and the
# adjustments one by one. The number comes last: the attendance part's is a sum.
ROW_FIELDS = (
    "part",  # "session", "attendance" or "adjustment"
    "owner",  # the cohort (sessions), or the enrollment (the others)
    "ref",  # the session's or the adjustment's pk
    "text",  # the session's title, the adjustment's reason
    "session_kind",
    "at",  # the session's start, the adjustment's date
    "ends",  # the session's end
    "label",  # the session's module's title
    "topic_id",
    "topic_name",
    "topic_order",
    "joint",  # the joint meeting attended (attendance)
    "number",  # the session's hours, the hours earned, the hours adjusted
)


@dataclass(frozen=True)
class LedgerSession:
    """One of the cohort's sessions, as the ledger needs it (no page loaded)."""

    pk: int
    title: str
    kind: str
    starts_at: datetime.datetime
    ends_at: datetime.datetime
    hours: Decimal
    module_title: str
    topic_id: int
    topic_name: str
    topic_sort_order: int

    @property
    def is_joint(self) -> bool:
        return self.kind == SessionKind.JOINT

    def ended_before(self, day: datetime.date) -> bool:
        return timezone.localtime(self.ends_at).date() < day


@dataclass(frozen=True)
class Adjustment:
    """A manual adjustment, as the ledger lists it: hours, reason, topic area."""

    pk: int
    hours: Decimal
    reason: str
    topic_id: int | None
    topic_name: str | None
    topic_sort_order: int | None
    created_at: datetime.datetime


@dataclass
class TopicHours:
    """Hours earned in one topic area (`topic_id` None: "Other"), beside the hours
    of the cohort's sessions in it."""

    topic_id: int | None
    name: StrOrPromise
    sort_order: int
    earned: Decimal = ZERO
    scheduled: Decimal = ZERO


@dataclass
class Ledger:
    """One enrollment's hours, requirement, joint meetings and schedule."""

    enrollment: Enrollment
    today: datetime.date
    required: Decimal
    topics: list[TopicHours] = field(default_factory=list)
    adjustments: list[Adjustment] = field(default_factory=list)
    joint_attended: list[LedgerSession] = field(default_factory=list)
    joint_missed: list[LedgerSession] = field(default_factory=list)
    joint_upcoming: list[LedgerSession] = field(default_factory=list)
    next_sessions: list[LedgerSession] = field(default_factory=list)
    scheduled_to_date: Decimal = ZERO
    scheduled_total: Decimal = ZERO

    @property
    def earned(self) -> Decimal:
        return sum((topic.earned for topic in self.topics), ZERO)

    @property
    def adjusted(self) -> Decimal:
        return sum((adjustment.hours for adjustment in self.adjustments), ZERO)

    @property
    def left(self) -> Decimal:
        """Hours still to earn (never below 0)."""
        return max(self.required - self.earned, ZERO)

    @property
    def complete(self) -> bool:
        return self.earned >= self.required

    @property
    def progress_value(self) -> Decimal:
        """The earned hours for a progress bar: between 0 and the requirement."""
        return min(max(self.earned, ZERO), self.required)

    @property
    def percent(self) -> int:
        if not self.required:
            return 100
        return int(self.progress_value * 100 / self.required)

    @property
    def joint_still_required(self) -> list[LedgerSession]:
        """Joint meetings not attended: the past ones missed, then those to come."""
        return [*self.joint_missed, *self.joint_upcoming]

    @property
    def joint_total(self) -> int:
        return len(self.joint_attended) + len(self.joint_still_required)

    @property
    def expected(self) -> Decimal:
        """The hours the calendar expects by today, up to the requirement."""
        return min(self.scheduled_to_date, self.required)

    @property
    def shortfall(self) -> Decimal:
        return max(self.expected - self.earned, ZERO)

    @property
    def behind(self) -> bool:
        """Enrolled, and more than 10% and at least 4 hours below the hours
        scheduled so far (see the module's docstring)."""
        if self.enrollment.status != EnrollmentStatus.ENROLLED or not self.expected:
            return False
        return (
            self.shortfall > self.expected * BEHIND_SHARE
            and self.shortfall >= BEHIND_MIN_HOURS
        )

    def topic_hours(self, topic_id: int | None) -> Decimal:
        """Hours earned in the topic area `topic_id` (None: "Other")."""
        for topic in self.topics:
            if topic.topic_id == topic_id:
                return topic.earned
        return ZERO


def ledger_for(enrollment: Enrollment, today: datetime.date | None = None) -> Ledger:
    """The ledger of one enrollment (see `ledgers_for`)."""
    return ledgers_for([enrollment], today=today)[enrollment.pk]


def ledgers_for(
    enrollments: Iterable[Enrollment], today: datetime.date | None = None
) -> dict[int, Ledger]:
    """{enrollment pk: Ledger} for `enrollments` (with `cohort__track` selected), as
    of `today` (a date; the local date by default). One query for any number of
    enrollments, none without any."""
    enrollments = list(enrollments)
    if not enrollments:
        return {}
    today = today or timezone.localdate()
    cohorts = {e.cohort_id: e.cohort for e in enrollments}
    sessions, earned, joint_attended, adjustments = _read(cohorts.values(), enrollments)

    ledgers = {}
    for enrollment in enrollments:
        cohort_sessions = sessions.get(enrollment.cohort_id, [])
        ledger = Ledger(
            enrollment=enrollment,
            today=today,
            required=Decimal(enrollment.cohort.track.required_hours),
            adjustments=adjustments[enrollment.pk],
        )
        for session in cohort_sessions:
            ledger.scheduled_total += session.hours
            if session.ended_before(today):
                ledger.scheduled_to_date += session.hours
            elif len(ledger.next_sessions) < NEXT_SESSIONS:
                ledger.next_sessions.append(session)
        ledger.topics = _topics(cohort_sessions, earned[enrollment.pk], ledger)
        attended = joint_attended[enrollment.pk]
        for session in cohort_sessions:
            if not session.is_joint:
                continue
            if session.pk in attended:
                ledger.joint_attended.append(session)
            elif session.ended_before(today):
                ledger.joint_missed.append(session)
            else:
                ledger.joint_upcoming.append(session)
        ledgers[enrollment.pk] = ledger
    return ledgers


def _topics(
    sessions: list[LedgerSession], earned: dict[TopicKey, Decimal], ledger: Ledger
) -> list[TopicHours]:
    """The ledger's rows per topic area: those of the cohort's sessions, of the
    hours earned and of the adjustments, in the topic areas' order, "Other" last."""
    topics = {}

    def row(topic_id: int | None, name: StrOrPromise, sort_order: int) -> TopicHours:
        if topic_id not in topics:
            topics[topic_id] = TopicHours(topic_id, name, sort_order)
        return topics[topic_id]

    for session in sessions:
        row(
            session.topic_id, session.topic_name, session.topic_sort_order
        ).scheduled += session.hours
    for key, hours in earned.items():
        row(*key).earned += hours
    for adjustment in ledger.adjustments:
        if adjustment.topic_id is None:
            row(None, OTHER, 0).earned += adjustment.hours
        else:
            # An adjustment with a topic area has the area's name and order.
            key = cast(
                "TopicKey",
                (
                    adjustment.topic_id,
                    adjustment.topic_name,
                    adjustment.topic_sort_order,
                ),
            )
            row(*key).earned += adjustment.hours
    return sorted(
        topics.values(), key=lambda t: (t.topic_id is None, t.sort_order, str(t.name))
    )


def _none(field: Field) -> Cast:
    """A typed NULL: PostgreSQL reads an untyped NULL in two parts of a UNION as
    text, which it then cannot match with a number or a date."""
    return Cast(Value(None), output_field=field)


def _rows(
    cohorts: Iterable[Cohort], enrollments: Iterable[Enrollment]
) -> list[dict[str, Any]]:
    """Every row the ledgers of `enrollments` need. Columns: ROW_FIELDS.

    The cohorts' sessions (`ModuleSession.objects.for_cohort`) are the same for
    everyone in a cohort and change only with content (sessions, modules, topic
    areas and cohorts all move the content version), so each cohort's are kept
    under it (`_session_rows`). The attendance, summed in the database per
    enrollment, topic area and joint meeting attended, and the adjustments are read
    fresh, in one query (a UNION ALL)."""
    ids = [e.pk for e in enrollments]
    text = CharField()
    rows = []
    for cohort in cohorts:
        rows += cached_by_version(
            f"ledger-sessions:{cohort.pk}", partial(_session_rows, cohort)
        )
    attended = (
        Attendance.objects.filter(enrollment__in=ids)
        .annotate(
            part=Value("attendance", output_field=text),
            owner=F("enrollment_id"),
            ref=_none(IntegerField()),
            text=Value("", output_field=text),
            session_kind=Value("", output_field=text),
            at=_none(DateTimeField()),
            ends=_none(DateTimeField()),
            label=Value("", output_field=text),
            topic_id=F("session__module__topic_area_id"),
            topic_name=F("session__module__topic_area__name"),
            topic_order=F("session__module__topic_area__sort_order"),
            joint=Case(
                When(
                    session__kind=SessionKind.JOINT,
                    status__in=list(EARNING),
                    then=F("session_id"),
                ),
                default=None,
                output_field=IntegerField(),
            ),
        )
        .values(*ROW_FIELDS[:-1])
        .annotate(number=Sum(EARNED))
        .order_by()
    )
    adjusted = (
        HoursAdjustment.objects.filter(enrollment__in=ids)
        .annotate(
            part=Value("adjustment", output_field=text),
            owner=F("enrollment_id"),
            ref=F("pk"),
            text=F("reason"),
            session_kind=Value("", output_field=text),
            at=F("created_at"),
            ends=_none(DateTimeField()),
            label=Value("", output_field=text),
            topic_id=F("topic_area_id"),
            topic_name=F("topic_area__name"),
            topic_order=F("topic_area__sort_order"),
            joint=_none(IntegerField()),
            number=Cast("hours", HOURS),
        )
        .values(*ROW_FIELDS)
        .order_by()
    )
    return rows + list(attended.union(adjusted, all=True))


def _session_rows(cohort: Cohort) -> list[dict[str, Any]]:
    """The cohort's sessions as ledger rows (ROW_FIELDS)."""
    text = CharField()
    return list(
        ModuleSession.objects.for_cohort(cohort)
        .annotate(
            part=Value("session", output_field=text),
            owner=Value(cohort.pk, output_field=IntegerField()),
            ref=F("pk"),
            text=F("title"),
            session_kind=F("kind"),
            at=F("starts_at"),
            ends=F("ends_at"),
            label=F("module__title"),
            topic_id=F("module__topic_area_id"),
            topic_name=F("module__topic_area__name"),
            topic_order=F("module__topic_area__sort_order"),
            joint=_none(IntegerField()),
            number=Cast("hours", HOURS),
        )
        .values(*ROW_FIELDS)
        .order_by()
    )


def _read(
    cohorts: Iterable[Cohort], enrollments: Iterable[Enrollment]
) -> tuple[
    defaultdict[int, list[LedgerSession]],
    defaultdict[int, defaultdict[TopicKey, Decimal]],
    defaultdict[int, set[int]],
    defaultdict[int, list[Adjustment]],
]:
    """The rows of `_rows`, sorted out: ({cohort pk: [LedgerSession, ...] by
    start}, {enrollment pk: {topic key: hours}}, {enrollment pk: {joint session
    pks attended}}, {enrollment pk: [Adjustment, ...] oldest first})."""
    sessions: defaultdict[int, list[LedgerSession]] = defaultdict(list)
    earned: defaultdict[int, defaultdict[TopicKey, Decimal]] = defaultdict(
        lambda: defaultdict(lambda: ZERO)
    )
    joint: defaultdict[int, set[int]] = defaultdict(set)
    adjustments: defaultdict[int, list[Adjustment]] = defaultdict(list)
    for row in _rows(cohorts, enrollments):
        owner = row["owner"]
        if row["part"] == "session":
            sessions[owner].append(
                LedgerSession(
                    pk=row["ref"],
                    title=row["text"],
                    kind=row["session_kind"],
                    starts_at=row["at"],
                    ends_at=row["ends"],
                    hours=row["number"],
                    module_title=row["label"],
                    topic_id=row["topic_id"],
                    topic_name=row["topic_name"],
                    topic_sort_order=row["topic_order"],
                )
            )
        elif row["part"] == "adjustment":
            adjustments[owner].append(
                Adjustment(
                    pk=row["ref"],
                    hours=row["number"],
                    reason=row["text"],
                    topic_id=row["topic_id"],
                    topic_name=row["topic_name"],
                    topic_sort_order=row["topic_order"],
                    created_at=row["at"],
                )
            )
        else:
            key = (row["topic_id"], row["topic_name"], row["topic_order"])
            earned[owner][key] += row["number"] or ZERO
            if row["joint"] is not None:
                joint[owner].add(row["joint"])
    for rows in sessions.values():
        rows.sort(key=lambda session: (session.starts_at, session.pk))
    for adjusted in adjustments.values():
        adjusted.sort(key=lambda adjustment: (adjustment.created_at, adjustment.pk))
    return sessions, earned, joint, adjustments


def progress_for(
    enrollment: Enrollment | None, today: datetime.date | None = None
) -> Ledger | None:
    """The ledger a participant's dashboard shows for their current enrollment: one
    enrolled or completed (a withdrawn place shows none), or None."""
    if enrollment is None or enrollment.status == EnrollmentStatus.WITHDRAWN:
        return None
    return ledger_for(enrollment, today=today)
