"""Who may see completion and graduate a cohort (credentials/graduation_views.py).

Decided per role (the model permissions come from `people/roles.py`):

- the Program Director and superusers (`credentials.graduate_cohort`): every
  cohort; graduate, with a confirmation step, and undo;
- Faculty (`attendance.add_attendance`): the completion of the cohorts they teach
  (`Cohort.objects.taught_by`), read only;
- everyone else (participants, superintendents, alumni, anonymous visitors): nothing.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from attendance import permissions as attendance_permissions
from people.models import Cohort

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser, User
    from django.db.models import QuerySet

    AnyUser = User | AnonymousUser | None

GRADUATE = "credentials.graduate_cohort"


def may_graduate(user: AnyUser) -> bool:
    """The Program Director and superusers graduate and undo."""
    return bool(
        user
        and user.is_authenticated
        and user.is_active
        and (user.is_superuser or user.has_perm(GRADUATE))
    )


def may_view_completion(user: AnyUser) -> bool:
    """Faculty and above see completion (which cohorts: `completion_cohorts`)."""
    return may_graduate(user) or attendance_permissions.may_record_some(user)


def completion_cohorts(
    user: AnyUser,
) -> QuerySet[Cohort]:
    """The cohorts whose completion `user` may see (a lazy queryset): every cohort
    for those who graduate or record every cohort's attendance, the cohorts they
    teach for Faculty, none for anyone else."""
    cohorts = Cohort.objects.all()
    if may_graduate(user) or attendance_permissions.may_record_all(user):
        return cohorts
    if not attendance_permissions.may_record_some(user):
        return cohorts.none()
    return cohorts.taught_by(user)
