"""Cohort.objects.taught_by(user): the cohorts a person teaches, per role."""

import datetime

import pytest
from django.contrib.auth.models import AnonymousUser

from people.models import Cohort
from people.roles import SUPERINTENDENTS
from tests.attendance.recording import Program, add_session, staff_user
from tests.factories.core import UserFactory
from tests.factories.people import CohortFactory, EnrollmentFactory, FacultyFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def program(home_page, groups):
    return Program(home_page, groups)


def taught(user):
    return set(Cohort.objects.taught_by(user))


def test_faculty_on_a_modules_faculty_teach_its_tracks_cohorts(program):
    assert taught(program.faculty_user) == {program.cohort}
    assert taught(program.leaders_faculty_user) == {program.leaders_cohort}


def test_faculty_teach_no_cohort_of_a_track_whose_module_is_unpublished(program):
    program.module.unpublish()
    assert taught(program.faculty_user) == set()


def test_faculty_leading_a_session_teach_the_cohorts_it_belongs_to(program, groups):
    person = FacultyFactory(first_name="Sam", last_name="Lead")
    user = staff_user(groups, "session-lead", "Faculty", person)
    add_session(program.leaders_module, 3, title="Guest session", faculty=person)
    assert taught(user) == {program.leaders_cohort}


def test_a_session_outside_a_cohorts_dates_makes_no_teacher_of_it(program, groups):
    person = FacultyFactory(first_name="Old", last_name="Lead")
    user = staff_user(groups, "old-lead", "Faculty", person)
    add_session(program.leaders_module, -400, title="Long ago", faculty=person)
    assert taught(user) == set()


def test_faculty_not_teaching_a_cohort_teach_none(program, groups):
    user = staff_user(groups, "idle", "Faculty", FacultyFactory())
    assert taught(user) == set()


def test_a_cohort_taught_two_ways_is_listed_once(program):
    add_session(program.module, 2, title="Taught twice", faculty=program.teacher)
    assert list(Cohort.objects.taught_by(program.faculty_user)) == [program.cohort]


def test_the_director_teaches_only_what_they_teach(program):
    assert taught(program.director) == set()


def test_participants_superintendents_and_alumni_teach_nothing(program, groups):
    superintendent = UserFactory(username="supe")
    superintendent.groups.add(groups[SUPERINTENDENTS])
    alumna = staff_user(groups, "alumna", "Participants")
    old = CohortFactory(year=2012, track=program.cecto)
    EnrollmentFactory(person__user=alumna, cohort=old, status="completed")
    assert taught(program.participant) == set()
    assert taught(superintendent) == set()
    assert taught(alumna) == set()


def test_anonymous_visitors_teach_nothing(program):
    assert taught(AnonymousUser()) == set()
    assert taught(None) == set()


def test_taught_by_is_lazy_and_one_query(program, django_assert_num_queries):
    cohorts = Cohort.objects.taught_by(program.faculty_user)
    with django_assert_num_queries(1):
        assert list(cohorts) == [program.cohort]


def test_it_narrows_another_cohort_queryset(program):
    later = datetime.date.today() + datetime.timedelta(days=1)
    assert not Cohort.objects.filter(starts_on__gte=later).taught_by(
        program.faculty_user
    )
