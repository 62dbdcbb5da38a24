"""Who may see and record attendance: attendance/permissions.py, per role."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.urls import reverse

from attendance import permissions
from attendance.models import Attendance
from tests.attendance.recording import Program, add_session
from tests.factories.curriculum import ModulePageFactory
from tests.two_factor import sign_in

pytestmark = pytest.mark.django_db


@pytest.fixture
def program(home_page, groups):
    return Program(home_page, groups)


def test_director_and_superuser_see_every_cohort(program):
    everyone = {program.cohort, program.leaders_cohort}
    assert set(permissions.cohorts_for(program.director)) == everyone
    assert set(permissions.cohorts_for(program.superuser)) == everyone


def test_faculty_see_the_cohorts_of_the_modules_they_teach(program):
    assert list(permissions.cohorts_for(program.faculty_user)) == [program.cohort]
    assert list(permissions.cohorts_for(program.leaders_faculty_user)) == [
        program.leaders_cohort
    ]


def test_faculty_leading_one_session_see_that_sessions_cohorts(program):
    program.joint.faculty = program.teacher
    program.joint.save()
    assert set(permissions.cohorts_for(program.faculty_user)) == {
        program.cohort,
        program.leaders_cohort,
    }


def test_faculty_of_a_draft_module_see_no_cohort(program, home_page):
    draft = ModulePageFactory(
        parent=program.module.get_parent(), draft=True, tracks=[program.leaders]
    )
    draft.faculty.set([program.teacher])
    draft.save()
    assert list(permissions.cohorts_for(program.faculty_user)) == [program.cohort]


def test_faculty_leading_a_session_outside_the_cohorts_dates_gain_nothing(program):
    add_session(program.leaders_module, -400, faculty=program.teacher)
    assert list(permissions.cohorts_for(program.faculty_user)) == [program.cohort]


def test_participants_and_anonymous_see_no_cohort(program):
    assert not permissions.cohorts_for(program.participant).exists()
    assert not permissions.cohorts_for(AnonymousUser()).exists()


def test_inactive_faculty_see_no_cohort(program):
    program.faculty_user.is_active = False
    program.faculty_user.save()
    assert not permissions.cohorts_for(program.faculty_user).exists()


def test_cohorts_for_is_one_query(program, django_assert_num_queries):
    user = type(program.faculty_user).objects.get(pk=program.faculty_user.pk)
    user.has_perm(permissions.RECORD)  # the permission cache, once per request
    with django_assert_num_queries(1):
        list(permissions.cohorts_for(user))


def test_may_record_per_role(program):
    assert permissions.may_record(program.superuser, program.past)
    assert permissions.may_record(program.director, program.leaders_past)
    assert permissions.may_record(program.faculty_user, program.past)
    assert permissions.may_record(program.faculty_user, program.joint)
    assert not permissions.may_record(program.faculty_user, program.leaders_past)
    assert not permissions.may_record(program.participant, program.past)
    assert not permissions.may_record(AnonymousUser(), program.past)


def test_a_joint_session_belongs_to_both_tracks_cohorts(program):
    assert set(permissions.session_cohorts(program.joint)) == {
        program.cohort,
        program.leaders_cohort,
    }
    assert list(
        permissions.recordable_cohorts(program.faculty_user, program.joint)
    ) == [program.cohort]


def test_recordable_sessions_per_role(program):
    old = add_session(program.module, -400, title="Before the cohort began")
    mine = set(permissions.recordable_sessions(program.faculty_user))
    assert mine == {program.past, program.future, program.joint}
    every = set(permissions.recordable_sessions(program.director))
    assert every == {program.past, program.future, program.joint, program.leaders_past}
    assert old not in every
    assert not permissions.recordable_sessions(program.participant).exists()


def test_only_the_director_adjusts_hours(program):
    assert permissions.may_adjust_hours(program.director)
    assert permissions.may_adjust_hours(program.superuser)
    assert not permissions.may_adjust_hours(program.faculty_user)
    assert not permissions.may_adjust_hours(program.participant)
    assert not permissions.may_adjust_hours(AnonymousUser())


def test_who_sees_an_enrollment(program):
    enrollment = program.participant_enrollment
    leaders = program.enroll(1, cohort=program.leaders_cohort)[0]
    assert permissions.may_see_enrollment(program.director, leaders)
    assert permissions.may_see_enrollment(program.faculty_user, enrollment)
    assert not permissions.may_see_enrollment(program.faculty_user, leaders)
    assert permissions.may_see_enrollment(program.participant, enrollment)
    assert not permissions.may_see_enrollment(program.participant, leaders)
    assert not permissions.may_see_enrollment(AnonymousUser(), enrollment)


# --- The screens, per role ------------------------------------------------------


def screens(program):
    """Every attendance screen, by what it shows."""
    return {
        "sessions": reverse("attendance_sessions:index"),
        "record": reverse("attendance_sessions:record", args=[program.past.pk]),
        "record other track": reverse(
            "attendance_sessions:record", args=[program.leaders_past.pk]
        ),
        "history": reverse("attendance_sessions:history", args=[program.past.pk]),
        "history other track": reverse(
            "attendance_sessions:history", args=[program.leaders_past.pk]
        ),
        "adjustments": reverse("hours_adjustments:index"),
        "add adjustment": reverse("hours_adjustments:add"),
    }


SCREENS = {
    "sessions",
    "record",
    "record other track",
    "history",
    "history other track",
    "adjustments",
    "add adjustment",
}
ALLOWED = {
    "superuser": SCREENS,
    "director": SCREENS,
    "faculty_user": {"sessions", "record", "history"},
    "participant": set(),
}


@pytest.mark.parametrize("who", list(ALLOWED))
def test_each_role_reaches_only_its_screens(program, client, who):
    sign_in(client, getattr(program, who))
    for name, url in screens(program).items():
        status = client.get(url).status_code
        if name in ALLOWED[who]:
            assert status == 200, (who, name, status)
        else:
            assert status in (302, 403, 404), (who, name, status)


def test_anonymous_visitors_are_sent_to_sign_in(program, client):
    for url in screens(program).values():
        response = client.get(url)
        assert response.status_code == 302
        assert "next=" in response["Location"]


@pytest.mark.parametrize("who", ["participant", "leaders_faculty_user"])
def test_those_who_may_not_record_write_nothing(program, client, who):
    sign_in(client, getattr(program, who))
    enrollment = program.participant_enrollment
    response = client.post(
        reverse("attendance_sessions:record", args=[program.past.pk]),
        {"fill": "1", f"status-{enrollment.pk}": "present"},
    )
    assert response.status_code in (302, 403)
    assert not Attendance.objects.exists()


def test_anonymous_visitors_write_nothing(program, client):
    client.post(
        reverse("attendance_sessions:record", args=[program.past.pk]), {"fill": "1"}
    )
    assert not Attendance.objects.exists()


def test_faculty_list_only_the_sessions_they_may_record(program, client):
    sign_in(client, program.faculty_user)
    response = client.get(reverse("attendance_sessions:index"), {"when": "all"})
    listed = {session.pk for session in response.context["object_list"]}
    assert listed == {program.past.pk, program.future.pk, program.joint.pk}


def test_the_attendance_menu_is_shown_to_recorders_only(program, client):
    sign_in(client, program.faculty_user)
    content = client.get(reverse("wagtailadmin_home")).content.decode()
    assert reverse("attendance_sessions:index") in content
    assert reverse("hours_adjustments:index") not in content
    sign_in(client, program.director)
    content = client.get(reverse("wagtailadmin_home")).content.decode()
    assert reverse("hours_adjustments:index") in content
