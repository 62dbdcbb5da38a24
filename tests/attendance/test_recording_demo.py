"""Demo attendance (demo/attendance.py): varied, deterministic, idempotent."""

import pytest

from attendance.models import Attendance, HoursAdjustment
from demo.attendance import ADJUSTMENT_REASON, seed_attendance
from people.choices import EnrollmentStatus
from tests.attendance.recording import Program, add_session

pytestmark = pytest.mark.django_db


@pytest.fixture
def program(home_page, groups):
    program = Program(home_page, groups)
    for day in range(20, 30):
        add_session(program.module, -day, title=f"Session {day}")
    add_session(program.module, -5, title="Reflection", mode="asynchronous")
    program.enroll(12)
    program.enroll(1, status=EnrollmentStatus.WITHDRAWN)
    program.enroll(3, cohort=program.leaders_cohort)
    return program


def test_past_sessions_are_recorded_once_for_everyone_not_withdrawn(program):
    created = seed_attendance()
    assert created > 0
    assert seed_attendance() == 0
    for session in (program.past, program.joint):
        assert Attendance.objects.filter(session=session).exists()
    assert not Attendance.objects.filter(session=program.future).exists()
    assert not Attendance.objects.filter(
        enrollment__status=EnrollmentStatus.WITHDRAWN
    ).exists()


def test_the_demo_tells_every_story(program):
    seed_attendance()
    statuses = set(Attendance.objects.values_list("status", flat=True))
    assert {"present", "absent", "partial", "excused", "completed"} <= statuses
    partial = Attendance.objects.filter(status="partial").select_related("session")
    assert all(0 < a.hours < a.session.hours for a in partial)
    adjustment = HoursAdjustment.objects.get(enrollment__cohort=program.cohort)
    assert adjustment.reason == ADJUSTMENT_REASON
    assert adjustment.created_by == program.director
    assert set(Attendance.objects.values_list("recorded_by__username", flat=True)) <= {
        "faculty",
        "director",
    }


def test_members_are_at_different_points_of_their_hours(program):
    seed_attendance()
    hours = {}
    for record in Attendance.objects.filter(enrollment__cohort=program.cohort):
        hours[record.enrollment_id] = hours.get(record.enrollment_id, 0) + record.hours
    assert len(set(hours.values())) >= 3
