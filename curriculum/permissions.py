"""Who may roll the program over to a new year (curriculum/rollover_views.py).

The Program Director (`people.add_cohort`, from `people/roles.py`: the roll-over
creates cohorts) and superusers; nobody else (Faculty, participants,
superintendents, anonymous visitors).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser, User

ROLLOVER_PERMISSION = "people.add_cohort"


def may_roll_over(user: User | AnonymousUser | None) -> bool:
    """The Program Director and superusers roll the program over."""
    return bool(
        user
        and user.is_authenticated
        and user.is_active
        and (user.is_superuser or user.has_perm(ROLLOVER_PERMISSION))
    )
