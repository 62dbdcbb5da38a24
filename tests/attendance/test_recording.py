"""Recording attendance from the session's own screen (attendance/views.py)."""

from decimal import Decimal

import pytest
from django.urls import reverse
from wagtail.models import ModelLogEntry

from attendance.models import Attendance
from people.choices import EnrollmentStatus
from people.roles import sync_roles
from tests.attendance.recording import Program, add_session

pytestmark = pytest.mark.django_db


@pytest.fixture
def program(home_page, groups):
    return Program(home_page, groups)


@pytest.fixture
def faculty_client(verified_client, program):
    verified_client.sign_in(program.faculty_user)
    return verified_client


def record_url(session):
    return reverse("attendance_sessions:record", args=[session.pk])


def statuses(session):
    return {
        a.enrollment_id: (a.status, a.hours, a.note)
        for a in Attendance.objects.filter(session=session)
    }


def test_the_screen_lists_the_cohorts_people_but_not_the_withdrawn(
    program, faculty_client
):
    stayed, left = program.enroll(2)
    left.status = EnrollmentStatus.WITHDRAWN
    left.save()
    response = faculty_client.get(record_url(program.past))
    assert response.status_code == 200
    content = response.content.decode()
    assert stayed.person.full_name in content
    assert program.participant_person.full_name in content
    assert left.person.full_name not in content
    assert f'name="status-{left.pk}"' not in content


def test_all_present_records_everyone_with_the_sessions_hours(program, faculty_client):
    people = program.enroll(3)
    response = faculty_client.post(record_url(program.past), {"fill": "1"})
    assert response.status_code == 302
    recorded = statuses(program.past)
    assert set(recorded) == {p.pk for p in people} | {program.participant_enrollment.pk}
    assert set(recorded.values()) == {("present", Decimal("3.0"), "")}
    record = Attendance.objects.filter(session=program.past).first()
    assert record.recorded_by == program.faculty_user
    assert record.recorded_at is not None


def test_per_person_changes_keep_the_others(program, faculty_client):
    first, second = program.enroll(2)
    faculty_client.post(record_url(program.past), {"fill": "1"})
    response = faculty_client.post(
        record_url(program.past),
        {
            f"status-{first.pk}": "absent",
            f"note-{first.pk}": "Ill",
            f"status-{second.pk}": "present",
            f"status-{program.participant_enrollment.pk}": "excused",
        },
    )
    assert response.status_code == 302
    recorded = statuses(program.past)
    assert recorded[first.pk] == ("absent", Decimal("0"), "Ill")
    assert recorded[second.pk] == ("present", Decimal("3.0"), "")
    assert recorded[program.participant_enrollment.pk][0] == "excused"


def test_the_rest_present_keeps_the_statuses_chosen(program, faculty_client):
    first, second = program.enroll(2)
    faculty_client.post(
        record_url(program.past), {"fill": "1", f"status-{first.pk}": "absent"}
    )
    recorded = statuses(program.past)
    assert recorded[first.pk][0] == "absent"
    assert recorded[second.pk][0] == "present"


def test_save_without_the_rest_leaves_the_others_unrecorded(program, faculty_client):
    first, _second = program.enroll(2)
    faculty_client.post(record_url(program.past), {f"status-{first.pk}": "present"})
    assert set(statuses(program.past)) == {first.pk}


def test_partial_attendance_keeps_its_hours(program, faculty_client):
    (person,) = program.enroll(1)
    faculty_client.post(
        record_url(program.past),
        {f"status-{person.pk}": "partial", f"hours-{person.pk}": "1.5"},
    )
    assert statuses(program.past)[person.pk] == ("partial", Decimal("1.5"), "")


@pytest.mark.parametrize("hours", ["", "0", "3", "4.5"])
def test_partial_hours_must_be_above_zero_and_below_the_sessions(
    program, faculty_client, hours
):
    first, _second = program.enroll(2)
    response = faculty_client.post(
        record_url(program.past),
        {
            "fill": "1",
            f"status-{first.pk}": "partial",
            f"hours-{first.pk}": hours,
        },
    )
    assert response.status_code == 200
    assert not Attendance.objects.exists()
    content = response.content.decode()
    assert "Nothing was saved" in content
    assert "Partial hours must be fewer" in content or "Enter the hours" in content


def test_a_person_not_in_the_cohort_is_refused_and_nothing_written(
    program, faculty_client
):
    (person,) = program.enroll(1)
    (stranger,) = program.enroll(1, cohort=program.leaders_cohort)
    response = faculty_client.post(
        record_url(program.past),
        {
            "fill": "1",
            f"status-{person.pk}": "present",
            f"status-{stranger.pk}": "present",
        },
    )
    assert response.status_code == 200
    assert "not enrolled in this session" in response.content.decode()
    assert not Attendance.objects.exists()
    assert not ModelLogEntry.objects.filter(action="attendance.record").exists()


def test_a_withdrawn_person_is_refused_too(program, faculty_client):
    (person,) = program.enroll(1, status=EnrollmentStatus.WITHDRAWN)
    response = faculty_client.post(
        record_url(program.past), {f"status-{person.pk}": "present"}
    )
    assert response.status_code == 200
    assert not Attendance.objects.exists()


def test_a_recorded_status_not_sent_is_kept(program, faculty_client):
    first, second = program.enroll(2)
    faculty_client.post(record_url(program.past), {f"status-{first.pk}": "absent"})
    faculty_client.post(record_url(program.past), {"fill": "1"})
    recorded = statuses(program.past)
    assert recorded[first.pk][0] == "absent"
    assert recorded[second.pk][0] == "present"


def test_a_recorded_status_cannot_be_blanked(program, faculty_client):
    (person,) = program.enroll(1)
    faculty_client.post(record_url(program.past), {f"status-{person.pk}": "present"})
    response = faculty_client.post(
        record_url(program.past), {f"status-{person.pk}": ""}
    )
    assert response.status_code == 200
    assert "Choose a status" in response.content.decode()
    assert statuses(program.past)[person.pk][0] == "present"


def test_an_asynchronous_session_is_completed_not_attended(program, faculty_client):
    assignment = add_session(
        program.module, -3, title="Reading reflection", mode="asynchronous", hours="2"
    )
    first, second = program.enroll(2)
    response = faculty_client.get(record_url(assignment))
    content = response.content.decode()
    assert "Mark the rest completed and save" in content
    assert 'value="present"' not in content
    faculty_client.post(
        record_url(assignment), {"fill": "1", f"status-{first.pk}": "not-completed"}
    )
    recorded = statuses(assignment)
    assert recorded[first.pk] == ("not-completed", Decimal("0"), "")
    assert recorded[second.pk] == ("completed", Decimal("2.0"), "")


def test_present_is_refused_for_an_asynchronous_session(program, faculty_client):
    assignment = add_session(program.module, -3, mode="asynchronous")
    (person,) = program.enroll(1)
    response = faculty_client.post(
        record_url(assignment), {f"status-{person.pk}": "present"}
    )
    assert response.status_code == 200
    assert not Attendance.objects.exists()


def test_a_future_session_is_refused_and_says_why(program, faculty_client):
    (_person,) = program.enroll(1)
    response = faculty_client.get(record_url(program.future))
    assert "Attendance can be recorded from" in (response.content.decode())
    response = faculty_client.post(
        record_url(program.future), {"fill": "1"}, follow=True
    )
    assert "Attendance can be recorded from" in (response.content.decode())
    assert not Attendance.objects.exists()


def test_a_future_assignment_says_it_has_not_opened(program, faculty_client):
    assignment = add_session(program.module, 2, mode="asynchronous")
    program.enroll(1)
    response = faculty_client.post(record_url(assignment), {"fill": "1"}, follow=True)
    assert "Completion can be marked from" in response.content.decode()
    assert not Attendance.objects.exists()


def test_a_joint_session_lists_each_cohort_the_user_records(program, verified_client):
    (cecto,) = program.enroll(1)
    (leader,) = program.enroll(1, cohort=program.leaders_cohort)
    verified_client.sign_in(program.director)
    content = verified_client.get(record_url(program.joint)).content.decode()
    assert str(program.cohort) in content and str(program.leaders_cohort) in content
    verified_client.sign_in(program.faculty_user)
    content = verified_client.get(record_url(program.joint)).content.decode()
    assert cecto.person.full_name in content
    assert leader.person.full_name not in content
    response = verified_client.post(
        record_url(program.joint), {f"status-{leader.pk}": "present"}
    )
    assert not Attendance.objects.exists(), response.status_code


def test_each_save_is_logged_with_its_changes(program, faculty_client):
    first, second = program.enroll(2)
    faculty_client.post(record_url(program.past), {"fill": "1"})
    faculty_client.post(
        record_url(program.past),
        {
            f"status-{first.pk}": "partial",
            f"hours-{first.pk}": "2",
            f"status-{second.pk}": "present",
            f"status-{program.participant_enrollment.pk}": "present",
        },
    )
    entries = list(
        ModelLogEntry.objects.filter(action="attendance.record").order_by("pk")
    )
    assert len(entries) == 2
    assert all(entry.user == program.faculty_user for entry in entries)
    assert entries[0].object_id == str(program.past.pk)
    assert len(entries[0].data["changes"]) == 3
    (change,) = entries[1].data["changes"]
    assert change["enrollment"] == first.pk
    assert (change["from"], change["to"], change["hours"]) == (
        "present",
        "partial",
        "2",
    )
    assert "Present → Partial (2 h)" in entries[1].message


def test_saving_nothing_new_logs_nothing(program, faculty_client):
    program.enroll(1)
    faculty_client.post(record_url(program.past), {"fill": "1"})
    response = faculty_client.post(record_url(program.past), {"fill": "1"}, follow=True)
    assert "nothing was saved" in [str(m) for m in response.context["messages"]][-1]
    assert ModelLogEntry.objects.filter(action="attendance.record").count() == 1


def test_the_sessions_history_shows_the_log(program, faculty_client):
    program.enroll(1)
    faculty_client.post(record_url(program.past), {"fill": "1"})
    response = faculty_client.get(
        reverse("attendance_sessions:history", args=[program.past.pk])
    )
    assert response.status_code == 200
    assert "Attendance recorded" in response.content.decode()


def test_the_screen_shows_who_recorded(program, faculty_client):
    program.enroll(1)
    program.faculty_user.first_name, program.faculty_user.last_name = "Farrah", "O"
    program.faculty_user.save()
    faculty_client.post(record_url(program.past), {"fill": "1"})
    content = faculty_client.get(record_url(program.past)).content.decode()
    assert "Farrah O," in content


# --- Reaching the screen: the Sessions list and the module's edit screen ------------


def test_the_sessions_list_links_each_session_to_its_screen(program, faculty_client):
    program.enroll(2)
    faculty_client.post(record_url(program.past), {"fill": "1"})
    response = faculty_client.get(reverse("attendance_sessions:index"))
    content = response.content.decode()
    assert record_url(program.past) in content
    assert "3 of 3" in content  # two enrolled and the participant
    assert str(program.cohort) in content


def test_the_sessions_list_filters_by_module_cohort_and_month(program, verified_client):
    verified_client.sign_in(program.director)
    url = reverse("attendance_sessions:index")

    def listed(**params):
        response = verified_client.get(url, params)
        return {session.pk for session in response.context["object_list"]}

    assert listed(module=program.leaders_module.pk) == {program.leaders_past.pk}
    assert listed(cohort=program.leaders_cohort.pk) == {
        program.leaders_past.pk,
        program.joint.pk,
    }
    assert listed(track=program.leaders.pk) == {
        program.leaders_past.pk,
        program.joint.pk,
    }
    month = program.future.starts_at.astimezone().strftime("%Y-%m")
    assert program.future.pk in listed(month=month, when="all")
    assert listed() == {program.past.pk, program.leaders_past.pk, program.joint.pk}
    assert listed(when="upcoming") == {program.future.pk}


def test_a_modules_edit_screen_links_to_its_sessions_attendance(
    program, faculty_client
):
    sync_roles()  # Faculty's page permissions, on the curriculum made by Program
    response = faculty_client.get(
        reverse("wagtailadmin_pages:edit", args=[program.module.pk])
    )
    assert response.status_code == 200
    expected = reverse("attendance_sessions:index") + f"?module={program.module.pk}"
    assert expected in response.content.decode()
