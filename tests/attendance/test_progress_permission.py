"""attendance.permissions.may_see_progress, per role: Faculty (teaching the cohort
or not), the Program Director and superusers open the progress report."""

import pytest
from django.contrib.auth.models import AnonymousUser

from attendance.permissions import may_see_progress
from people import roles
from tests.attendance.recording import Program, staff_user
from tests.factories.core import UserFactory
from tests.factories.people import FacultyFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def program(home_page, groups):
    program = Program(home_page, groups)
    program.idle_faculty = staff_user(groups, "idle", roles.FACULTY, FacultyFactory())
    program.superintendent = UserFactory(username="sam")
    program.superintendent.groups.add(groups[roles.SUPERINTENDENTS])
    return program


@pytest.mark.parametrize(
    ("who", "allowed"),
    [
        ("faculty_user", True),
        ("idle_faculty", True),
        ("director", True),
        ("superuser", True),
        ("participant", False),
        ("superintendent", False),
        ("anonymous", False),
    ],
)
def test_who_opens_the_progress_report(program, who, allowed):
    user = AnonymousUser() if who == "anonymous" else getattr(program, who)
    assert may_see_progress(user) is allowed
