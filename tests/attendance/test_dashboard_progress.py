"""/dashboard/: the participant's own hours ledger (templates/attendance/includes/
progress.html): the progress bar with the number in text, hours by topic area,
adjustments, joint meetings still required and the next sessions; never anyone
else's hours, and nothing for staff without an enrollment."""

import datetime
import re
from decimal import Decimal

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from attendance.choices import AttendanceStatus
from attendance.models import HoursAdjustment
from curriculum.choices import SessionKind
from people.choices import EnrollmentStatus
from people.roles import FACULTY, PARTICIPANTS, PROGRAM_DIRECTOR
from tests.attendance.test_ledger import add_session, build_program, record
from tests.factories.core import UserFactory
from tests.factories.people import EnrollmentFactory, FacultyFactory, ParticipantFactory
from tests.querycount import MAX_QUERIES, count_queries
from tests.two_factor import sign_in_verified

pytestmark = pytest.mark.django_db


@pytest.fixture
def program(home_page):
    """build_program's sessions, all in the past (two years back), in a cohort that
    runs until after today, with one session and one joint meeting to come."""
    today = timezone.localdate()
    program = build_program(
        home_page,
        cohort_start=datetime.date(today.year - 2, 8, 1),
        ends=today + datetime.timedelta(days=120),
    )
    program.sessions.next = add_session(
        program.modules.lead,
        today + datetime.timedelta(days=10),
        "3",
        title="Budget workshop",
    )
    program.sessions.next_joint = add_session(
        program.modules.joint,
        today + datetime.timedelta(days=30),
        "2",
        kind=SessionKind.JOINT,
        title="Summer joint meeting",
    )
    return program


def participant(groups, cohort, username):
    user = UserFactory(username=username)
    user.groups.add(groups[PARTICIPANTS])
    person = ParticipantFactory(user=user, first_name=username.title())
    return user, EnrollmentFactory(person=person, cohort=cohort)


@pytest.fixture
def parker(groups, program):
    return participant(groups, program.cohort, "parker")


def text(response):
    """The page's text with tags removed and spaces collapsed."""
    html = response.content.decode()
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def progress_bar(response):
    match = re.search(r"<progress[^>]*>", response.content.decode())
    return match.group(0) if match else None


def test_participant_sees_their_hours_of_the_requirement_as_bar_and_text(
    client, program, parker
):
    user, enrollment = parker
    record(enrollment, program.sessions.lead2, AttendanceStatus.PRESENT)
    record(enrollment, program.sessions.data1, AttendanceStatus.PARTIAL, "2.5")
    client.force_login(user)

    response = client.get("/dashboard/")

    page = text(response)
    assert "Your hours" in page
    assert "8.5 of 240 hours" in page
    assert "231.5 hours to go" in page
    bar = progress_bar(response)
    assert 'max="240"' in bar
    assert 'value="8.5"' in bar
    assert 'aria-labelledby="progress-summary"' in bar
    # By topic area: earned beside the cohort's scheduled hours, whole hours as "6".
    assert "Leadership 6 15 " in page
    assert "Data and privacy 2.5 9 " in page
    assert "Collaboration 0 6 " in page


def test_dashboard_lists_adjustments_joint_meetings_and_next_sessions(
    client, program, parker
):
    user, enrollment = parker
    HoursAdjustment.objects.create(
        enrollment=enrollment,
        topic_area=program.topics.data,
        hours=Decimal(4),
        reason="Make-up session for Data governance",
    )
    HoursAdjustment.objects.create(
        enrollment=enrollment, hours=Decimal("-1.5"), reason="Left the retreat early"
    )
    record(enrollment, program.sessions.joint1, AttendanceStatus.PRESENT)
    client.force_login(user)

    page = text(client.get("/dashboard/"))

    assert "+4 h: Make-up session for Data governance (Data and privacy)" in page
    assert "-1.5 h: Left the retreat early" in page
    assert "You have attended 1 of 3 joint meetings" in page
    # The spring meeting passed unattended; the summer one is to come.
    assert "Spring (missed: ask program staff about a make-up)" in page
    assert "Summer joint meeting" in page
    assert "Budget workshop (Leading change, 3 hours)" in page
    assert "4.5 of 240 hours" in page


def test_one_hour_left_reads_in_the_singular(client, program, parker):
    user, enrollment = parker
    HoursAdjustment.objects.create(
        enrollment=enrollment, hours=Decimal(239), reason="Credit for prior learning"
    )
    client.force_login(user)

    page = text(client.get("/dashboard/"))

    assert "239 of 240 hours &mdash; 1 hour to go." in page


def test_dashboard_updates_as_soon_as_attendance_is_recorded(client, program, parker):
    user, enrollment = parker
    client.force_login(user)
    assert "0 of 240 hours" in text(client.get("/dashboard/"))

    record(enrollment, program.sessions.lead1, AttendanceStatus.PRESENT)
    assert "3 of 240 hours" in text(client.get("/dashboard/"))

    record(enrollment, program.sessions.lead1, AttendanceStatus.ABSENT)
    record(enrollment, program.sessions.lead2, AttendanceStatus.PRESENT)
    assert "6 of 240 hours" in text(client.get("/dashboard/"))


def test_dashboard_shows_attendance_recorded_on_the_session_screen(
    groups, program, parker
):
    user, _enrollment = parker
    participant_client, director_client = Client(), Client()
    participant_client.force_login(user)
    director = UserFactory(username="dana")
    director.groups.add(groups[PROGRAM_DIRECTOR])
    sign_in_verified(director_client, director)
    assert "0 of 240 hours" in text(participant_client.get("/dashboard/"))

    response = director_client.post(
        reverse("attendance_sessions:record", args=[program.sessions.lead2.pk]),
        {"fill": "1"},
    )

    assert response.status_code == 302
    assert "6 of 240 hours" in text(participant_client.get("/dashboard/"))


def test_participant_never_sees_another_participants_hours(
    client, groups, program, parker
):
    user, _mine = parker
    _other_user, theirs = participant(groups, program.cohort, "quinn")
    record(theirs, program.sessions.lead2, AttendanceStatus.PRESENT)
    HoursAdjustment.objects.create(
        enrollment=theirs, hours=Decimal(11), reason="Credit for Quinn's CGCIO"
    )
    client.force_login(user)

    response = client.get("/dashboard/")

    page = text(response)
    assert "0 of 240 hours" in page
    assert "Quinn" not in page
    assert "17 of 240" not in page
    assert 'value="0"' in progress_bar(response)


def test_a_behind_participant_is_told_so(client, program, parker):
    user, _enrollment = parker
    client.force_login(user)

    page = text(client.get("/dashboard/"))

    # 25 hours of the cohort's sessions have passed; nothing recorded.
    assert "Behind schedule:" in page
    assert "add up to 25 hours, and you have 0" in page


def test_the_leaders_track_counts_towards_20_hours(client, groups, program):
    user, enrollment = participant(groups, program.leaders_cohort, "lee")
    record(enrollment, program.sessions.joint1, AttendanceStatus.PRESENT)
    client.force_login(user)

    assert "2 of 20 hours" in text(client.get("/dashboard/"))


def test_a_withdrawn_participant_sees_no_hours(client, program, parker):
    user, enrollment = parker
    enrollment.status = EnrollmentStatus.WITHDRAWN
    enrollment.save()
    client.force_login(user)

    response = client.get("/dashboard/")

    assert "Your hours" not in text(response)
    assert progress_bar(response) is None


def test_staff_without_an_enrollment_see_no_progress_block(
    verified_client, groups, program
):
    faculty = UserFactory(username="farrah")
    faculty.groups.add(groups[FACULTY])
    FacultyFactory(user=faculty)
    verified_client.sign_in(faculty)

    response = verified_client.get("/dashboard/")

    assert response.status_code == 200
    assert "Your hours" not in text(response)
    assert progress_bar(response) is None


def test_staff_without_a_person_record_see_no_progress_block(
    verified_client, admin_user, program
):
    verified_client.sign_in(admin_user)

    response = verified_client.get("/dashboard/")

    assert response.status_code == 200
    assert progress_bar(response) is None


def test_dashboard_queries_stay_flat_from_5_to_50_participants(
    client, groups, program, parker
):
    user, _enrollment = parker
    sessions = [
        program.sessions.lead1,
        program.sessions.lead2,
        program.sessions.data1,
        program.sessions.joint1,
    ]

    def add_classmates(count, start):
        for n in range(start, start + count):
            _user, enrollment = participant(groups, program.cohort, f"p{n}")
            for session in sessions:
                record(enrollment, session, AttendanceStatus.PRESENT)
            HoursAdjustment.objects.create(
                enrollment=enrollment, hours=1, reason="Make-up"
            )

    for session in sessions:
        record(_enrollment, session, AttendanceStatus.PRESENT)
    client.force_login(user)
    add_classmates(4, 1)
    few = count_queries(client, "/dashboard/")
    add_classmates(45, 5)
    many = count_queries(client, "/dashboard/")

    assert many == few
    assert many <= MAX_QUERIES
