"""Who may download a class's compendium (case_studies/compendium.py).

Built on `people/roles.py`: staff (Faculty, the Program Director, superusers) and
the people enrolled in or graduated from one of the year's cohorts (not those who
withdrew); nobody else (superintendents and participants of other years, inactive
accounts, anonymous visitors).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from people import roles
from people.choices import EnrollmentStatus
from people.models import Enrollment

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser, User


def may_download_compendium(user: User | AnonymousUser, year: int) -> bool:
    """Staff, and those enrolled in or graduated from a cohort of `year`. No query
    for a visitor not signed in, one or two for anyone else."""
    if not user.is_authenticated or not user.is_active:
        return False
    if user.is_superuser:
        return True
    if roles.is_staff_member(user):
        return True
    return Enrollment.objects.filter(
        person__user=user,
        cohort__year=year,
        status__in=[EnrollmentStatus.ENROLLED, EnrollmentStatus.COMPLETED],
    ).exists()
