"""Who may see and record attendance, and for which cohorts and sessions.

Decided per role (the model permissions come from `people/roles.py`):

- superusers and the Program Director (`attendance.record_all_attendance`): every
  cohort and every session;
- Faculty (`attendance.add_attendance`): the cohorts they teach
  (`Cohort.objects.taught_by`);
- everyone else (participants, superintendents, anonymous visitors): nothing.

Only the Program Director (and superusers) add hours adjustments.

Every function here builds querysets without running a query, except `may_record`
(at most one `EXISTS` query, none for the director) and the permission checks, which
Django caches on the user for the request.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, TypeGuard

from django.db.models import Exists, OuterRef
from django.utils import timezone

from curriculum.models import ModuleSession
from people.models import Cohort

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser, User
    from django.db.models import QuerySet

    from people.models import Enrollment

    AnyUser = User | AnonymousUser | None

RECORD = "attendance.add_attendance"
RECORD_ALL = "attendance.record_all_attendance"
ADJUST_HOURS = "attendance.add_hoursadjustment"


def _active(user: AnyUser) -> TypeGuard[User]:
    return user is not None and user.is_authenticated and user.is_active


def may_record_all(user: AnyUser) -> bool:
    """The Program Director and superusers: every cohort, every session."""
    return _active(user) and (user.is_superuser or user.has_perm(RECORD_ALL))


def may_record_some(user: AnyUser) -> bool:
    """Faculty and above: may open the attendance screens at all."""
    return _active(user) and (user.is_superuser or user.has_perm(RECORD))


def may_see_progress(user: AnyUser) -> bool:
    """Faculty and above open the progress report (which cohorts: `cohorts_for`)."""
    return may_record_some(user)


def may_adjust_hours(user: AnyUser) -> bool:
    """Only the Program Director (and superusers) add hours adjustments."""
    return _active(user) and (user.is_superuser or user.has_perm(ADJUST_HOURS))


def cohorts_for(user: AnyUser) -> QuerySet[Cohort]:
    """The cohorts whose attendance `user` may see and record (a lazy queryset)."""
    cohorts = Cohort.objects.all()
    if may_record_all(user):
        return cohorts
    if not may_record_some(user):
        return cohorts.none()
    return cohorts.taught_by(user)


def session_cohorts(session: ModuleSession) -> QuerySet[Cohort]:
    """The cohorts a session belongs to: every cohort of one of its module's tracks
    whose dates hold the session's day (the converse of `for_cohort`)."""
    day = timezone.localdate(session.starts_at)
    return Cohort.objects.filter(
        track__modules=session.module_id,
        track__modules__live=True,
        starts_on__lte=day,
        ends_on__gte=day,
    ).distinct()


def recordable_sessions(user: AnyUser) -> QuerySet[ModuleSession]:
    """The sessions `user` may record attendance for: sessions that belong to at
    least one cohort the user may see (a lazy queryset)."""
    sessions = ModuleSession.objects.filter(module__live=True)
    if not may_record_some(user):
        return sessions.none()
    in_cohort = Cohort.objects.filter(
        track__modules=OuterRef("module_id"),
        starts_on__lte=OuterRef("starts_at__date"),
        ends_on__gte=OuterRef("starts_at__date"),
    )
    if not may_record_all(user):
        in_cohort = in_cohort.filter(pk__in=cohorts_for(user).values("pk"))
    return sessions.filter(Exists(in_cohort))


def recordable_cohorts(user: AnyUser, session: ModuleSession) -> QuerySet[Cohort]:
    """The cohorts of `session` whose attendance `user` may record (a lazy queryset)."""
    cohorts = session_cohorts(session)
    if may_record_all(user):
        return cohorts
    return cohorts.filter(pk__in=cohorts_for(user).values("pk"))


def may_record(user: AnyUser, session: ModuleSession | None) -> bool:
    """May `user` record attendance at `session` for at least one of its cohorts?"""
    if not may_record_some(user) or session is None:
        return False
    if may_record_all(user):
        return True
    return recordable_cohorts(user, session).exists()


def may_see_enrollment(user: AnyUser, enrollment: Enrollment) -> bool:
    """Staff see the hours of the enrollments of the cohorts they may see; a
    participant sees only their own (through their dashboard, not the admin)."""
    if not _active(user):
        return False
    if may_record_all(user):
        return True
    if (
        may_record_some(user)
        and cohorts_for(user).filter(pk=enrollment.cohort_id).exists()
    ):
        return True
    return enrollment.person.user_id == user.pk
