"""Who may import a cohort's roster (rosters/views.py): the Program Director
(`rosters.add_rosterimport`, from `people/roles.py`) and superusers."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser, User

IMPORT_ROSTERS = "rosters.add_rosterimport"


def may_import_rosters(user: User | AnonymousUser) -> bool:
    """The Program Director and superusers (an active account's permission)."""
    return user.is_active and user.has_perm(IMPORT_ROSTERS)
