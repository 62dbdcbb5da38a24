"""credentials.permissions: who graduates a cohort and whose completion each role
sees (Faculty: the cohorts they teach, `Cohort.objects.taught_by`)."""

import pytest
from django.contrib.auth.models import AnonymousUser

from credentials.permissions import (
    completion_cohorts,
    may_graduate,
    may_view_completion,
)
from people import roles
from tests.attendance.recording import Program, staff_user
from tests.factories.core import UserFactory
from tests.factories.people import CohortFactory, EnrollmentFactory, FacultyFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def program(home_page, groups):
    program = Program(home_page, groups)
    program.superintendent = UserFactory(username="sam")
    program.superintendent.groups.add(groups[roles.SUPERINTENDENTS])
    program.alumna = staff_user(groups, "alma", roles.PARTICIPANTS)
    old = CohortFactory(year=2012)  # a track of its own
    EnrollmentFactory(person__user=program.alumna, cohort=old, status="completed")
    program.idle_faculty = staff_user(groups, "idle", roles.FACULTY, FacultyFactory())
    return program


def actor(program, who):
    return AnonymousUser() if who == "anonymous" else getattr(program, who)


@pytest.mark.parametrize(
    ("who", "graduates", "views"),
    [
        ("superuser", True, True),
        ("director", True, True),
        ("faculty_user", False, True),
        ("idle_faculty", False, True),
        ("participant", False, False),
        ("alumna", False, False),
        ("superintendent", False, False),
        ("anonymous", False, False),
    ],
)
def test_who_graduates_and_who_sees_completion(program, who, graduates, views):
    user = actor(program, who)
    assert may_graduate(user) is graduates
    assert may_view_completion(user) is views


def test_the_director_and_superusers_see_every_cohort(program):
    every = {program.cohort, program.leaders_cohort}
    assert every <= set(completion_cohorts(program.director))
    assert every <= set(completion_cohorts(program.superuser))


def test_faculty_see_the_cohorts_they_teach_only(program):
    assert set(completion_cohorts(program.faculty_user)) == {program.cohort}
    assert set(completion_cohorts(program.leaders_faculty_user)) == {
        program.leaders_cohort
    }


def test_faculty_teaching_no_cohort_see_none(program):
    assert not completion_cohorts(program.idle_faculty).exists()


@pytest.mark.parametrize(
    "who", ["participant", "alumna", "superintendent", "anonymous"]
)
def test_everyone_else_sees_no_cohort(program, who):
    assert not completion_cohorts(actor(program, who)).exists()


def test_an_inactive_director_graduates_nothing(program):
    program.director.is_active = False
    program.director.save()
    assert not may_graduate(program.director)
    assert not completion_cohorts(program.director).exists()
