"""curriculum.permissions.may_roll_over, per role: the Program Director and
superusers only."""

import pytest
from django.contrib.auth.models import AnonymousUser

from curriculum.permissions import may_roll_over
from people import roles
from tests.factories.core import UserFactory

pytestmark = pytest.mark.django_db

ROLES = {
    "participant": [roles.PARTICIPANTS],
    "superintendent": [roles.SUPERINTENDENTS],
    "faculty": [roles.FACULTY],
    "director": [roles.PROGRAM_DIRECTOR, roles.FACULTY],
}


@pytest.mark.parametrize(
    ("who", "allowed"),
    [
        ("participant", False),
        ("superintendent", False),
        ("faculty", False),
        ("director", True),
        ("admin", True),
        ("inactive director", False),
        ("anonymous", False),
    ],
)
def test_who_may_roll_the_program_over(groups, who, allowed):
    if who == "anonymous":
        user = AnonymousUser()
    elif who == "admin":
        user = UserFactory(username="root", superuser=True)
    else:
        names = ROLES[who.removeprefix("inactive ")]
        user = UserFactory(username="u", is_active=not who.startswith("inactive"))
        user.groups.add(*(groups[name] for name in names))
    assert may_roll_over(user) is allowed
    assert may_roll_over(None) is False
