"""Demo attendance: every cohort's past sessions recorded, in deterministic patterns.

For each cohort whose sessions have begun (the Class of 2026 in the demo), each
session already started gets a record for every member who has not withdrawn:
most are present at nearly everything, a few miss a session in three (so they fall
behind schedule), one was there for part of a session, one was excused, and one has
a manual hours adjustment with its reason. Asynchronous sessions are completed or
not. Records are attributed to the session's faculty member when they have a
sign-in, otherwise to the demo faculty member or the Program Director.

Idempotent: a record that exists is left as it is; the adjustment is made once.
"""

from decimal import ROUND_DOWN, Decimal

from django.contrib.auth import get_user_model
from django.utils import timezone

from attendance.choices import AttendanceStatus
from attendance.models import Attendance, HoursAdjustment
from curriculum.choices import DeliveryMode
from curriculum.models import ModuleSession
from people.choices import EnrollmentStatus
from people.models import Cohort, Enrollment

ADJUSTMENT_REASON = (
    "Make-up session: watched the recording of a missed session and submitted "
    "its written reflection."
)
EXCUSED_NOTE = "Excused: called away for a district emergency."
PARTIAL_NOTE = "Left at the break for a board meeting."


def seed_attendance():
    """Records the past sessions of every cohort under way or finished; returns the
    number of records and adjustments created."""
    users = {
        user.username: user
        for user in get_user_model().objects.filter(
            username__in=["director", "faculty"]
        )
    }
    created = 0
    for cohort in Cohort.objects.filter(starts_on__lte=timezone.localdate()):
        created += seed_cohort_attendance(cohort, users)
    return created


def seed_cohort_attendance(cohort, users):
    sessions = list(
        ModuleSession.objects.for_cohort(cohort)
        .filter(starts_at__lte=timezone.now())
        .select_related("faculty__user")
        .order_by("starts_at", "pk")
    )
    enrollments = list(
        Enrollment.objects.filter(cohort=cohort)
        .exclude(status=EnrollmentStatus.WITHDRAWN)
        .order_by("pk")
    )
    if not sessions or not enrollments:
        return 0
    existing = set(
        Attendance.objects.filter(
            session__in=sessions, enrollment__in=enrollments
        ).values_list("session_id", "enrollment_id")
    )
    attended = [
        index
        for index, session in enumerate(sessions)
        if session.mode != DeliveryMode.ASYNCHRONOUS and session.hours > 1
    ]
    # The second member was there for part of one session, the third excused once.
    special = {(1, attended[1 % len(attended)]): "partial"} if attended else {}
    if attended:
        special[2, attended[2 % len(attended)]] = "excused"
    records = []
    for s_index, session in enumerate(sessions):
        recorder = recorded_by(session, users)
        for e_index, enrollment in enumerate(enrollments):
            if (session.pk, enrollment.pk) in existing:
                continue
            status, hours, note = pattern(
                e_index, s_index, session, special.get((e_index, s_index))
            )
            records.append(
                Attendance(
                    session=session,
                    enrollment=enrollment,
                    status=status,
                    hours=hours,
                    note=note,
                    recorded_by=recorder,
                )
            )
    Attendance.objects.bulk_create(records)
    return len(records) + seed_adjustment(enrollments, users.get("director"))


def recorded_by(session, users):
    """The session's own faculty member if they sign in, else a demo staff user."""
    if session.faculty and session.faculty.user:
        return session.faculty.user
    return users.get("faculty") or users.get("director")


def pattern(e_index, s_index, session, special=None):
    """(status, hours earned, note) of the `e_index`th member at the `s_index`th
    session: deterministic, so every run tells the same story. `special` is
    "partial" or "excused" for the one record that tells that story."""
    completion = session.mode == DeliveryMode.ASYNCHRONOUS
    full = (
        AttendanceStatus.COMPLETED if completion else AttendanceStatus.PRESENT,
        session.hours,
        "",
    )
    missed = (
        AttendanceStatus.NOT_COMPLETED if completion else AttendanceStatus.ABSENT,
        Decimal("0"),
        "",
    )
    behind = e_index % 7 == 4  # a few members miss one session in three
    if behind and s_index % 3 == 1:
        return missed
    if special == "partial":
        half = (session.hours / 2).quantize(Decimal("0.1"), rounding=ROUND_DOWN)
        return AttendanceStatus.PARTIAL, half, PARTIAL_NOTE
    if special == "excused":
        return AttendanceStatus.EXCUSED, Decimal("0"), EXCUSED_NOTE
    if (e_index * 7 + s_index) % 29 == 0:  # now and then, anyone misses one
        return missed
    return full


def seed_adjustment(enrollments, director):
    """One make-up credit, for the fourth member, made once."""
    if len(enrollments) < 4:
        return 0
    _adjustment, created = HoursAdjustment.objects.get_or_create(
        enrollment=enrollments[3],
        reason=ADJUSTMENT_REASON,
        defaults={"hours": Decimal("3.0"), "created_by": director},
    )
    return int(created)
