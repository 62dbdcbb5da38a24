"""The roster import: reading, every error class by row and column, matching,
idempotence and a flat query count."""

import io

import openpyxl
import pytest
from django.conf import settings
from django.db import IntegrityError, connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import ModelLogEntry
from wagtail.search.backends import get_search_backend

from demo.people import LEA_CODES, LEAS
from people.choices import EnrollmentStatus, PersonRole
from people.models import Enrollment, Person, Role
from rosters.choices import ImportSource, ImportStatus
from rosters.importer import import_roster
from rosters.models import RosterImport
from rosters.reading import RosterFileError, read_roster
from tests.factories.curriculum import TrackFactory
from tests.factories.people import (
    CohortFactory,
    EnrollmentFactory,
    LEAFactory,
    PersonFactory,
)
from tests.rosters.files import HEADERS, csv_bytes, people_rows, row, xlsx_bytes

pytestmark = pytest.mark.django_db


def counts():
    return (Person.objects.count(), Enrollment.objects.count())


def errors_of(result):
    return [(problem.row, problem.column, problem.message) for problem in result.errors]


def only_error(content, name="roster.csv"):
    """Imports the file, which must fail with exactly one problem; returns it."""
    before = counts()
    result = import_roster(content, name)
    assert counts() == before, "a file with an error must write nothing"
    assert not RosterImport.objects.exists()
    assert len(result.errors) == 1, errors_of(result)
    return result.errors[0]


# --- A valid file ----------------------------------------------------------------


def test_csv_import_creates_people_and_enrollments(roster_world):
    content = csv_bytes(
        [
            row(),
            row(
                first="Sam",
                last="Eberly",
                email="sam.eberly@blue.example",
                title="Superintendent",
                lea="045",
                track="leaders-21st-century",
                status="",
            ),
        ]
    )
    result = import_roster(content, "roster.csv")

    assert result.ok, errors_of(result)
    assert result.summary == {
        "rows": 2,
        "people_created": 2,
        "people_matched": 0,
        "people_updated": 0,
        "enrollments_created": 2,
        "enrollments_unchanged": 0,
    }
    ada = Person.objects.get(email="ada.byron@alder.example")
    assert (ada.first_name, ada.last_name, ada.slug) == ("Ada", "Byron", "ada-byron")
    assert ada.job_title == "Chief Technology Officer"
    assert ada.lea == roster_world["alder"]
    assert ada.has_role(PersonRole.PARTICIPANT)
    sam = Person.objects.get(email="sam.eberly@blue.example")
    assert sam.lea == roster_world["blue"]  # found by its code
    assert sam.has_role(PersonRole.SUPERINTENDENT)  # the Leaders track
    enrollment = sam.enrollments.get()
    assert enrollment.cohort == roster_world["leaders_2026"]
    assert enrollment.status == EnrollmentStatus.ENROLLED  # the default


def test_import_is_recorded_and_logged_in_wagtails_log(roster_world):
    result = import_roster(csv_bytes([row()]), "roster.csv")

    record = RosterImport.objects.get()
    assert result.record == record
    assert record.status == ImportStatus.IMPORTED
    assert record.source == ImportSource.COMMAND
    assert record.summary["people_created"] == 1
    assert bytes(record.content) == b""
    entry = ModelLogEntry.objects.get(action="rosters.import")
    assert entry.object_id == str(record.pk)
    assert entry.data["enrollments_created"] == 1
    assert "roster.csv" in entry.message


def test_csv_with_byte_order_mark_and_loose_headers(roster_world):
    headers = ["FIRST NAME", "last_name", "e mail", "Job title", "lea code"]
    headers += ["  Track ", "Cohort Year", "STATUS"]
    result = import_roster(csv_bytes([row()], headers=headers, bom=True), "r.csv")
    assert result.ok, errors_of(result)
    assert Person.objects.filter(email="ada.byron@alder.example").exists()


def test_optional_columns_may_be_left_out(roster_world):
    headers = ["First name", "Last name", "E-mail", "Track", "Cohort year"]
    rows = [["Ada", "Byron", "ada@alder.example", "CeCTO Certification", "2026"]]
    result = import_roster(csv_bytes(rows, headers=headers), "r.csv")
    assert result.ok, errors_of(result)
    person = Person.objects.get()
    assert person.lea is None
    assert person.enrollments.get().status == EnrollmentStatus.ENROLLED


def test_xlsx_import_with_numbers_for_year_and_code(roster_world):
    rows = [row(year=2026, lea=15)]  # numbers, as a spreadsheet stores them
    result = import_roster(xlsx_bytes(rows), "roster.xlsx")
    assert result.ok, errors_of(result)
    person = Person.objects.get()
    assert person.lea == roster_world["alder"]  # 15 read as the code 015
    assert person.enrollments.get().cohort == roster_world["cecto_2026"]


def test_completed_enrollment_gets_the_cohorts_graduation_date(roster_world):
    import_roster(csv_bytes([row(status="Completed")]), "r.csv")
    enrollment = Enrollment.objects.get()
    assert enrollment.status == EnrollmentStatus.COMPLETED
    assert enrollment.completed_on == roster_world["cecto_2026"].ends_on


def test_one_person_in_two_cohorts_is_created_once(roster_world):
    rows = [row(), row(track="Leaders for the 21st Century", lea="")]
    result = import_roster(csv_bytes(rows), "r.csv")
    assert result.summary["people_created"] == 1
    assert result.summary["enrollments_created"] == 2
    person = Person.objects.get()
    assert {role.slug for role in person.roles.all()} == {
        PersonRole.PARTICIPANT,
        PersonRole.SUPERINTENDENT,
    }


def test_same_names_get_distinct_slugs(roster_world):
    PersonFactory(first_name="Ada", last_name="Byron")  # holds "ada-byron"
    rows = [row(email="one@alder.example"), row(email="two@alder.example")]
    import_roster(csv_bytes(rows), "r.csv")
    slugs = set(Person.objects.values_list("slug", flat=True))
    assert slugs == {"ada-byron", "ada-byron-2", "ada-byron-3"}


def test_new_people_are_found_by_search(roster_world):
    import_roster(csv_bytes([row(first="Zebulon")]), "r.csv")
    found = get_search_backend().search("Zebulon", Person)
    assert [person.first_name for person in found] == ["Zebulon"]


# --- Matching and idempotence ------------------------------------------------------


def test_second_import_of_the_same_file_creates_nothing(roster_world):
    content = csv_bytes(people_rows(5))
    import_roster(content, "r.csv")
    before = counts()

    result = import_roster(content, "r.csv")

    assert counts() == before
    assert result.summary == {
        "rows": 5,
        "people_created": 0,
        "people_matched": 5,
        "people_updated": 0,
        "enrollments_created": 0,
        "enrollments_unchanged": 5,
    }
    assert "0 created, 5 matched" in result.report_lines()[1]


def test_people_are_matched_by_email_whatever_its_case(roster_world):
    person = PersonFactory(
        first_name="Ada",
        last_name="Lovelace",
        email="Ada.Byron@Alder.example",
        job_title="",
        roles=[PersonRole.FACULTY],
    )
    result = import_roster(csv_bytes([row(email="ADA.BYRON@alder.EXAMPLE")]), "r.csv")

    assert Person.objects.count() == 1
    assert result.summary["people_matched"] == 1
    assert result.summary["people_updated"] == 1
    person.refresh_from_db()
    # Nothing overwritten; blanks filled, the role added beside the others.
    assert (person.last_name, person.email) == ("Lovelace", "Ada.Byron@Alder.example")
    assert person.job_title == "Chief Technology Officer"
    assert person.lea == roster_world["alder"]
    assert {role.slug for role in person.roles.all()} == {
        PersonRole.FACULTY,
        PersonRole.PARTICIPANT,
    }
    assert person.enrollments.get().cohort == roster_world["cecto_2026"]


def test_existing_values_are_not_overwritten(roster_world):
    person = PersonFactory(
        email="ada.byron@alder.example",
        job_title="Director of Technology",
        lea=roster_world["blue"],
        roles=[PersonRole.PARTICIPANT],
    )
    result = import_roster(csv_bytes([row()]), "r.csv")
    person.refresh_from_db()
    assert person.job_title == "Director of Technology"
    assert person.lea == roster_world["blue"]
    assert result.summary["people_updated"] == 0


def test_existing_enrollment_is_left_as_it_is_with_a_warning(roster_world):
    enrollment = EnrollmentFactory(
        person=PersonFactory(email="ada.byron@alder.example"),
        cohort=roster_world["cecto_2026"],
        status=EnrollmentStatus.WITHDRAWN,
    )
    result = import_roster(csv_bytes([row(status="enrolled")]), "r.csv")

    enrollment.refresh_from_db()
    assert enrollment.status == EnrollmentStatus.WITHDRAWN
    assert result.summary["enrollments_unchanged"] == 1
    assert [w.row for w in result.warnings] == [2]
    assert "left as it is" in result.warnings[0].message


# --- Every error class, by row and column; nothing written -----------------------


def test_missing_required_column_is_reported_once(roster_world):
    headers = [h for h in HEADERS if h != "E-mail"]
    rows = [[c for i, c in enumerate(row()) if i != 2] for _ in range(3)]
    problem = only_error(csv_bytes(rows, headers=headers))
    assert (problem.row, problem.column) == (1, '"e-mail"')
    assert "required column is missing" in problem.message


def test_unknown_lea(roster_world):
    problem = only_error(csv_bytes([row(), row(email="b@x.example", lea="Nowhere")]))
    assert (problem.row, problem.column) == (3, '"LEA" (E)')
    assert "Nowhere" in problem.message


def test_unknown_track(roster_world):
    problem = only_error(csv_bytes([row(track="Astronomy")]))
    assert (problem.row, problem.column) == (2, '"Track" (F)')


def test_no_cohort_for_that_track_and_year(roster_world):
    problem = only_error(csv_bytes([row(year="2031")]))
    assert (problem.row, problem.column) == (2, '"Cohort year" (G)')
    assert "no cohort of CeCTO Certification for 2031" in problem.message


def test_year_that_is_not_a_year(roster_world):
    problem = only_error(csv_bytes([row(year="next year")]))
    assert (problem.row, problem.column) == (2, '"Cohort year" (G)')


def test_malformed_email(roster_world):
    problem = only_error(csv_bytes([row(), row(email="ada-at-alder")]))
    assert (problem.row, problem.column) == (3, '"E-mail" (C)')
    assert "not an e-mail address" in problem.message


def test_duplicate_row(roster_world):
    rows = [row(), row(email="b@x.example"), row(email="ADA.BYRON@alder.example")]
    problem = only_error(csv_bytes(rows))
    assert (problem.row, problem.column) == (4, '"E-mail" (C)')
    assert "as row 2" in problem.message


def test_bad_status(roster_world):
    problem = only_error(csv_bytes([row(status="graduated")]))
    assert (problem.row, problem.column) == (2, '"Status" (H)')


def test_empty_required_cell(roster_world):
    problem = only_error(csv_bytes([row(last="")]))
    assert (problem.row, problem.column) == (2, '"Last name" (B)')
    assert "empty" in problem.message


def test_too_long_a_cell(roster_world):
    problem = only_error(csv_bytes([row(first="A" * 81)]))
    assert (problem.row, problem.column) == (2, '"First name" (A)')


def test_cell_under_no_header(roster_world):
    content = (
        csv_bytes([row()]) + b"Bo,Lee,bo@x.example,,,CeCTO Certification,2026,,?\r\n"
    )
    problem = only_error(content)
    assert (problem.row, problem.column) == (3, "I")


def test_every_problem_is_reported_and_nothing_is_written(roster_world):
    rows = [row()] + [row(email=f"bad{n}", track="Nope") for n in range(3)]
    before = counts()
    result = import_roster(csv_bytes(rows), "r.csv")
    assert counts() == before
    assert [(p.row, p.column[:8]) for p in result.errors] == [
        (3, '"E-mail"'),
        (3, '"Track" '),
        (4, '"E-mail"'),
        (4, '"Track" '),
        (5, '"E-mail"'),
        (5, '"Track" '),
    ]
    assert result.report_lines() == ["6 problem(s) found; nothing was imported."]


def test_row_numbers_count_blank_lines_as_a_spreadsheet_does(roster_world):
    bad = ",".join(row(email="not-an-address")).encode()
    content = csv_bytes([row()]) + b"\r\n" + bad + b"\r\n"
    result = import_roster(content, "r.csv")
    assert [p.row for p in result.errors] == [4]


def test_xlsx_errors_name_the_sheets_rows_and_columns(roster_world):
    rows = [row(), row(email="b@x.example", lea="Nowhere")]
    problem = only_error(xlsx_bytes(rows), "roster.xlsx")
    assert (problem.row, problem.column) == (3, '"LEA" (E)')


def test_dry_run_writes_nothing_and_says_what_it_would_do(roster_world):
    PersonFactory(email="pat0@district.example")
    before = counts()
    result = import_roster(csv_bytes(people_rows(3)), "r.csv", dry_run=True)
    assert counts() == before
    assert not RosterImport.objects.exists()
    assert result.summary["people_created"] == 2
    assert result.summary["people_matched"] == 1
    assert result.summary["enrollments_created"] == 3
    assert "would be created" in result.report_lines()[1]


# --- Files that are not rosters ---------------------------------------------------


@pytest.mark.parametrize(
    ("content", "name", "message"),
    [
        (b"a,b\n1,2\n", "roster.txt", "CSV or an XLSX"),
        (b"PK\x03\x04not really a zip", "roster.xlsx", "not XLSX"),
        (b"First name\n\x00\x01", "roster.csv", "not CSV"),
        ("First name\nZoë\n".encode("latin-1"), "roster.csv", "UTF-8"),
        (b"", "roster.csv", "empty"),
    ],
)
def test_unreadable_files_are_refused(roster_world, content, name, message):
    with pytest.raises(RosterFileError, match=message):
        read_roster(content, name)


def test_xlsx_renamed_to_csv_is_refused(roster_world):
    with pytest.raises(RosterFileError, match="not CSV"):
        read_roster(xlsx_bytes([row()]), "roster.csv")


# --- Speed: the query count does not grow with the rows ---------------------------


def queries_for(rows, prefix):
    content = csv_bytes(
        [
            row(first=f"{prefix}{n}", last="Lee", email=f"{prefix}{n}@d.example")
            for n in range(rows)
        ]
    )
    with CaptureQueriesContext(connection) as queries:
        result = import_roster(content, "r.csv")
    assert result.ok
    return len(queries)


def test_query_count_of_an_import_is_flat(roster_world):
    # Half new, half matched people, so every kind of lookup and write runs.
    for n in range(25):
        PersonFactory(email=f"old{n}@d.example", job_title="")
    # Once per process, whatever the rows: the log entry's content type is looked
    # up and then kept by Django, so the first import of a run counts it alone.
    queries_for(1, "warm")
    small = queries_for(5, "new")
    large = queries_for(50, "more")
    matched = queries_for(25, "old")  # every person matched, blanks filled
    assert large == small
    assert matched <= small + 25  # the search index updates each changed person


# --- The documented sample files --------------------------------------------------


@pytest.mark.parametrize("name", ["roster-sample.csv", "roster-sample.xlsx"])
def test_the_sample_roster_imports_into_the_demo_world(db, name):
    for slug in PersonRole.values:
        Role.objects.get_or_create(slug=slug)
    for lea_name, region in LEAS:
        LEAFactory(name=lea_name, region=region, code=LEA_CODES[lea_name])
    for track_name, slug, certifies in [
        ("CeCTO Certification", "cecto-certification", True),
        ("Leaders for the 21st Century", "leaders-21st-century", False),
    ]:
        CohortFactory(
            year=2027,
            track=TrackFactory(name=track_name, slug=slug, certifies=certifies),
        )
    content = (settings.BASE_DIR / "docs" / name).read_bytes()

    result = import_roster(content, name)

    assert result.ok, errors_of(result)
    assert result.warnings == []
    assert result.summary["people_created"] == 6
    assert Person.objects.filter(roles__slug=PersonRole.SUPERINTENDENT).count() == 2


def test_a_file_with_headers_only_is_an_error(roster_world):
    problem = only_error(csv_bytes([]))
    assert problem.row == 2
    assert "no rows" in problem.message


def test_a_conflicting_write_during_the_import_writes_nothing(
    roster_world, monkeypatch
):
    def enrollment_made_meanwhile(*args, **kwargs):
        raise IntegrityError("unique_enrollment_per_cohort")

    monkeypatch.setattr(Enrollment.objects, "bulk_create", enrollment_made_meanwhile)
    result = import_roster(csv_bytes(people_rows(2)), "r.csv")
    assert not result.ok
    assert "nothing was imported" in result.errors[0].message
    assert counts() == (0, 0)
    assert not RosterImport.objects.exists()


def test_xlsx_row_numbers_count_blank_rows_and_cells_off_the_header(roster_world):
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(HEADERS)
    sheet.append(row())
    sheet.append([])
    sheet.append(row(email="b@x.example", track="Astronomy"))
    sheet["J4"] = "a note"
    content = io.BytesIO()
    workbook.save(content)

    result = import_roster(content.getvalue(), "roster.xlsx")

    assert [(p.row, p.column) for p in result.errors] == [
        (4, '"Track" (F)'),
        (4, "J"),
    ]


def test_an_import_moves_the_content_version_on_commit(
    roster_world, django_capture_on_commit_callbacks
):
    """Bulk writes send no signals: the import itself tells the per-version caches
    (search, rosters) that people changed, once it has committed."""
    from caching.version import content_version

    before = content_version()
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        result = import_roster(csv_bytes([row()]), "roster.csv")
    assert result.checked.ok and callbacks
    assert content_version() != before


def test_a_dry_run_leaves_the_content_version_alone(
    roster_world, django_capture_on_commit_callbacks
):
    from caching.version import content_version

    before = content_version()
    with django_capture_on_commit_callbacks(execute=True):
        import_roster(csv_bytes([row()]), "roster.csv", dry_run=True)
    assert content_version() == before
