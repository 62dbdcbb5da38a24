"""rosters.permissions.may_import_rosters, per role: the Program Director and
superusers only."""

import pytest
from django.contrib.auth.models import AnonymousUser

from people import roles
from rosters.permissions import may_import_rosters
from tests.factories.core import UserFactory

pytestmark = pytest.mark.django_db

GROUPS = {
    "participant": [roles.PARTICIPANTS],
    "alumna": [roles.PARTICIPANTS],
    "superintendent": [roles.SUPERINTENDENTS],
    "faculty": [roles.FACULTY],
    "director": [roles.PROGRAM_DIRECTOR, roles.FACULTY],
}


@pytest.mark.parametrize(
    ("who", "allowed"),
    [
        ("participant", False),
        ("alumna", False),
        ("superintendent", False),
        ("faculty", False),
        ("director", True),
        ("inactive director", False),
        ("admin", True),
        ("anonymous", False),
    ],
)
def test_who_may_import_a_roster(groups, who, allowed):
    if who == "anonymous":
        user = AnonymousUser()
    elif who == "admin":
        user = UserFactory(username="root", superuser=True)
    else:
        user = UserFactory(username="u", is_active=not who.startswith("inactive"))
        user.groups.add(*(groups[n] for n in GROUPS[who.removeprefix("inactive ")]))
    assert may_import_rosters(user) is allowed
