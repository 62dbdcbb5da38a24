"""Attendance > Cohort progress (attendance/report_views.py): who may see which
cohort, what each row says, sorting, the CSV and XLSX exports (no formulas), and a
query count that does not grow with the cohort."""

import csv
import datetime
import io
from decimal import Decimal

import openpyxl
import pytest
from django.urls import reverse
from django.utils import timezone

from attendance.choices import AttendanceStatus
from attendance.models import HoursAdjustment
from attendance.report_views import hours_number, hours_text
from people.choices import EnrollmentStatus
from people.roles import FACULTY, PARTICIPANTS, PROGRAM_DIRECTOR
from tests.attendance.test_ledger import build_program, record
from tests.factories.core import UserFactory
from tests.factories.people import (
    CohortFactory,
    EnrollmentFactory,
    FacultyFactory,
    ParticipantFactory,
)
from tests.two_factor import sign_in, sign_in_verified

pytestmark = pytest.mark.django_db

INDEX = "attendance_progress"
REPORT = "attendance_progress_cohort"


@pytest.fixture
def program(home_page, groups):
    """build_program's sessions, all held (two years back), in a cohort that runs
    until after today; its first session is led by the teaching faculty member."""
    today = timezone.localdate()
    program = build_program(
        home_page,
        cohort_start=datetime.date(today.year - 2, 8, 1),
        ends=today + datetime.timedelta(days=120),
    )
    program.other_cohort = CohortFactory(year=today.year + 3, track=program.cecto)
    return program


@pytest.fixture
def users(groups, program):
    teacher = FacultyFactory(first_name="Tess")
    program.sessions.lead1.faculty = teacher
    program.sessions.lead1.save()

    def user(username, *group_names, person=None):
        account = UserFactory(username=username)
        account.groups.add(*(groups[name] for name in group_names))
        if person is not None:
            person.user = account
            person.save()
        return account

    return {
        "participant": user("parker", PARTICIPANTS, person=ParticipantFactory()),
        "teaching": user("tess", FACULTY, person=teacher),
        "not_teaching": user("nora", FACULTY, person=FacultyFactory()),
        "director": user("dana", PROGRAM_DIRECTOR, FACULTY),
        "superuser": UserFactory(username="root", superuser=True),
    }


def enroll(cohort, first, last, **kwargs):
    person = ParticipantFactory(first_name=first, last_name=last)
    return EnrollmentFactory(person=person, cohort=cohort, **kwargs)


@pytest.fixture
def people(program):
    """Three participants at different points, and one who withdrew."""
    ada = enroll(program.cohort, "Ada", "Zimmer")
    ben = enroll(program.cohort, "Ben", "Adams")
    cy = enroll(program.cohort, "Cy", "Moreno")
    gone = enroll(program.cohort, "Gil", "Withdrawn", status=EnrollmentStatus.WITHDRAWN)
    for session in ("lead1", "lead2", "lead3", "data1", "data2", "joint1", "joint2"):
        record(ada, getattr(program.sessions, session), AttendanceStatus.PRESENT)
    record(ben, program.sessions.lead2, AttendanceStatus.PRESENT)
    record(ben, program.sessions.data1, AttendanceStatus.PARTIAL, "2.5")
    HoursAdjustment.objects.create(
        enrollment=ben,
        topic_area=program.topics.data,
        hours=Decimal(4),
        reason="Make-up session for Data governance",
    )
    record(cy, program.sessions.joint1, AttendanceStatus.PRESENT)
    HoursAdjustment.objects.create(
        enrollment=cy, hours=Decimal(20), reason="Credit for prior learning"
    )
    record(gone, program.sessions.lead2, AttendanceStatus.PRESENT)
    return {"ada": ada, "ben": ben, "cy": cy, "gone": gone}


def assert_refused(response):
    """Wagtail's admin answers a PermissionDenied with a redirect to its dashboard
    and a "no permission" message (wagtail/admin/auth.py, require_admin_access)."""
    assert response.status_code == 302
    assert response.url == reverse("wagtailadmin_home")


def report_url(cohort, **query):
    url = reverse(REPORT, args=[cohort.pk])
    if query:
        url += "?" + "&".join(f"{key}={value}" for key, value in query.items())
    return url


# --- Who may see it -----------------------------------------------------------------


def test_anonymous_visitors_are_sent_to_sign_in(client, program):
    for url in (reverse(INDEX), report_url(program.cohort)):
        response = client.get(url)
        assert response.status_code == 302
        assert "/login/" in response.url


def test_participant_cannot_see_or_export_the_report(client, program, users, people):
    sign_in(client, users["participant"])

    for url in (
        reverse(INDEX),
        report_url(program.cohort),
        report_url(program.cohort, export="csv"),
    ):
        response = client.get(url)
        assert response.status_code == 302
        assert "/login/" in response.url


def test_faculty_see_the_cohorts_they_teach_and_no_other(
    client, program, users, people
):
    sign_in_verified(client, users["teaching"])

    index = client.get(reverse(INDEX))
    assert index.status_code == 200
    assert report_url(program.cohort) in index.content.decode()
    assert report_url(program.other_cohort) not in index.content.decode()
    assert report_url(program.leaders_cohort) not in index.content.decode()

    assert client.get(report_url(program.cohort)).status_code == 200
    assert_refused(client.get(report_url(program.other_cohort)))
    assert_refused(client.get(report_url(program.leaders_cohort, export="csv")))


def test_faculty_teaching_no_cohort_see_none_and_are_refused_each(
    client, program, users, people
):
    sign_in_verified(client, users["not_teaching"])

    index = client.get(reverse(INDEX))
    assert index.status_code == 200
    assert "You teach no cohort yet" in index.content.decode()
    assert_refused(client.get(report_url(program.cohort)))
    assert_refused(client.get(report_url(program.cohort, export="xlsx")))


@pytest.mark.parametrize("role", ["director", "superuser"])
def test_the_director_and_superusers_see_every_cohort(
    client, program, users, people, role
):
    sign_in_verified(client, users[role])

    index = client.get(reverse(INDEX)).content.decode()
    for cohort in (program.cohort, program.leaders_cohort, program.other_cohort):
        assert report_url(cohort) in index
        assert client.get(report_url(cohort)).status_code == 200


def test_an_unknown_cohort_is_not_found(client, users, program):
    sign_in_verified(client, users["director"])

    assert client.get(reverse(REPORT, args=[999_999])).status_code == 404


def test_the_report_is_in_the_admin_menu_for_those_who_may_see_it(
    client, program, users
):
    for role in ("teaching", "not_teaching", "director"):
        sign_in_verified(client, users[role])
        assert (
            reverse(INDEX) in client.get(reverse("wagtailadmin_home")).content.decode()
        )


# --- What it shows --------------------------------------------------------------------


def rows(response):
    return {row["person"].last_name: row for row in response.context["rows"]}


def test_each_participant_has_hours_topics_joint_meetings_and_schedule(
    client, program, users, people
):
    sign_in_verified(client, users["director"])

    response = client.get(report_url(program.cohort))

    assert response.status_code == 200
    by_name = rows(response)
    assert set(by_name) == {"Zimmer", "Adams", "Moreno"}  # not the withdrawn one
    ada, ben, cy = by_name["Zimmer"], by_name["Adams"], by_name["Moreno"]
    # Every session attended: 25 hours, whole hours without ".0".
    assert (ada["earned"], ada["required"], ada["left"]) == ("25", "240", "215")
    assert ada["topics"] == ["12", "9", "4", "0"]
    assert ada["ledger"].joint_still_required == []
    assert not ada["ledger"].behind
    # 6 + 2.5 attended + 4 adjusted; two joint meetings missed; behind (25 held).
    assert ben["earned"] == "12.5"
    assert ben["topics"] == ["6", "6.5", "0", "0"]
    assert ben["adjustments"] == ["+4 h: Make-up session for Data governance"]
    assert [s.title for s in ben["ledger"].joint_missed] == ["Winter", "Spring"]
    assert ben["ledger"].behind
    # 2 attended + 20 of prior learning ("Other"), not behind.
    assert cy["topics"] == ["0", "0", "2", "20"]
    assert not cy["ledger"].behind
    assert [str(t.name) for t in response.context["topics"]] == [
        "Leadership",
        "Data and privacy",
        "Collaboration",
        "Other",
    ]
    page = response.content.decode()
    assert "12.5 of 240" in page
    assert "Behind schedule" in page
    assert "12.5 hours short of 25" in page
    assert "Withdrawn" not in page


def test_only_the_director_gets_a_link_to_add_an_adjustment(
    client, program, users, people
):
    link = reverse("hours_adjustments:add") + f"?enrollment={people['ben'].pk}"
    sign_in_verified(client, users["director"])
    assert link in client.get(report_url(program.cohort)).content.decode()

    sign_in_verified(client, users["teaching"])
    assert link not in client.get(report_url(program.cohort)).content.decode()


def test_sorted_by_name_or_by_hours(client, program, users, people):
    sign_in_verified(client, users["director"])

    def order(**query):
        response = client.get(report_url(program.cohort, **query))
        return [row["person"].last_name for row in response.context["rows"]]

    assert order() == ["Adams", "Moreno", "Zimmer"]
    assert order(sort="name") == ["Adams", "Moreno", "Zimmer"]
    assert order(sort="hours") == ["Zimmer", "Moreno", "Adams"]
    assert order(sort="-hours") == ["Adams", "Moreno", "Zimmer"]
    assert order(sort="nonsense") == ["Adams", "Moreno", "Zimmer"]


def test_hours_are_written_with_separators_and_no_trailing_zero():
    assert hours_text(Decimal("24.0")) == "24"
    assert hours_text(Decimal("2.5")) == "2.5"
    assert hours_text(Decimal("1240")) == "1,240"
    assert hours_text(Decimal("12345.5")) == "12,345.5"
    assert hours_text(Decimal("-1.5")) == "-1.5"
    assert hours_number(Decimal("24.0")) == 24
    assert isinstance(hours_number(Decimal("24.0")), int)
    assert hours_number(Decimal("2.5")) == 2.5


# --- Exports --------------------------------------------------------------------------


def test_csv_export_has_a_row_per_participant_and_no_formula(
    client, program, users, people
):
    people["ben"].person.first_name = "=HYPERLINK(1)"
    people["ben"].person.save()
    sign_in_verified(client, users["teaching"])

    response = client.get(report_url(program.cohort, sort="hours", export="csv"))

    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv"
    assert "progress-" in response["Content-Disposition"]
    body = b"".join(response.streaming_content).decode()
    table = list(csv.DictReader(io.StringIO(body)))
    assert [row["Participant"] for row in table] == [
        "Ada Zimmer",
        "Cy Moreno",
        "'=HYPERLINK(1) Adams",
    ]
    ben = table[2]
    assert ben["Hours earned"] == "12.5"
    assert ben["Hours required"] == "240"
    assert ben["Hours: Leadership"] == "6"
    assert ben["Hours: Data and privacy"] == "6.5"
    assert ben["Joint meetings still required"] == "Winter; Spring"
    assert ben["Joint meetings missed"] == "2"
    assert ben["Behind schedule"] == "Yes"
    assert ben["Adjustments"] == "Make-up session for Data governance: +4 h"
    assert table[0]["Hours earned"] == "25"
    assert table[0]["Behind schedule"] == "No"
    assert table[1]["Hours: Other"] == "20"


def test_xlsx_export_has_number_cells_and_no_formula(client, program, users, people):
    people["ada"].person.last_name = "=SUM(A1)"
    people["ada"].person.save()
    sign_in_verified(client, users["director"])

    response = client.get(report_url(program.cohort, export="xlsx"))

    assert response.status_code == 200
    sheet = openpyxl.load_workbook(
        io.BytesIO(b"".join(response.streaming_content))
    ).active
    values = list(sheet.values)
    headings = values[0]
    assert headings[:7] == (
        "Participant",
        "E-mail",
        "LEA or organization",
        "Status",
        "Hours earned",
        "Hours required",
        "Hours left",
    )
    by_name = {row[0]: dict(zip(headings, row, strict=True)) for row in values[1:]}
    assert set(by_name) == {"Ben Adams", "Cy Moreno", "Ada =SUM(A1)"}
    assert by_name["Ben Adams"]["Hours earned"] == 12.5
    assert by_name["Ada =SUM(A1)"]["Hours earned"] == 25
    for row in sheet.iter_rows():
        for cell in row:
            assert cell.data_type != "f"


# --- Query counts ---------------------------------------------------------------------


def test_report_queries_stay_flat_from_5_to_50_participants(
    client, program, users, django_assert_max_num_queries
):
    sign_in_verified(client, users["director"])
    sessions = [program.sessions.lead1, program.sessions.joint1]

    def add(count, start):
        for n in range(start, start + count):
            enrollment = enroll(program.cohort, f"P{n}", f"Person{n:03d}")
            for session in sessions:
                record(enrollment, session, AttendanceStatus.PRESENT)
            HoursAdjustment.objects.create(
                enrollment=enrollment,
                topic_area=program.topics.data,
                hours=1,
                reason="Make-up",
            )

    def count(url):
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        client.get(url)
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        assert response.status_code == 200
        return len(queries)

    add(5, 0)
    few = count(report_url(program.cohort))
    few_export = count(report_url(program.cohort, export="csv"))
    add(45, 5)
    many = count(report_url(program.cohort))
    many_export = count(report_url(program.cohort, export="csv"))

    assert many == few
    assert many_export == few_export
    with django_assert_max_num_queries(few):
        client.get(report_url(program.cohort, sort="hours"))
