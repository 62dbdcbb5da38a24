"""The Program Director's week, in Chromium at 1280 and 375 px.

A participant's best practice has passed faculty review with the rubric. The
director signs in to the admin with her second factor, opens it from "Awaiting your
review", approves and publishes it after a confirmation (from the keyboard), and
reads the rubric report with its drill-down and exports. Then the records: Cohorts,
Enrollments, People and LEAs with their exports in each listing's header,
Applicants (one set to "Contacted"), Attendance > Sessions (a session recorded) and
the cohort progress report (sorted, exported).

Axe runs on every screen (Wagtail's own known violations aside, see ADMIN_KNOWN),
and screenshots go to test-artifacts/screenshots/.
"""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import (
    ADMIN_KNOWN,
    WORKFLOW_DIALOG_KNOWN,
    assert_accessible,
    screenshot,
    sign_in,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PRACTICE = "Planning technology and curriculum together"  # the demo's draft


def practice_reviewed_by_faculty():
    """The demo participant's draft, submitted and approved by faculty with the
    rubric: it waits for the Program Director."""
    from django.contrib.auth import get_user_model

    from case_studies.models import BestPracticePage

    users = get_user_model().objects.in_bulk(
        ["participant", "faculty"], field_name="username"
    )
    practice = BestPracticePage.objects.get(title=PRACTICE)
    practice.save_revision(user=users["participant"])
    practice.get_workflow().start(practice, users["participant"])
    state = practice.current_workflow_task_state
    state.task.specific.on_action(
        state,
        users["faculty"],
        "approve",
        comment="Clear, with evidence.",
        relevance=4,
        evidence=3,
        transferability=3,
        clarity=4,
    )
    return practice


def shown(page, name, width, *, known=ADMIN_KNOWN):
    screenshot(page, f"director-{width}-{name}")
    assert_accessible(page, known=known)


def go(page, width, section, item=None):
    """Through Wagtail's main menu, as a person would; on a phone the sidebar is
    folded behind its toggle first."""
    if width < 800:
        page.get_by_role("button", name="Toggle sidebar").click()
    menu = page.get_by_role("navigation", name="Main menu")
    if item is None:
        menu.get_by_role("link", name=section, exact=True).click()
    else:
        menu.get_by_role("button", name=section, exact=True).click()
        menu.get_by_role("link", name=item, exact=True).click()
    page.wait_for_load_state()


def header_exports(page):
    """The listing's CSV and XLSX downloads, shown in its header (not in a menu),
    each answering with a file."""
    actions = page.get_by_role("navigation", name="Actions")
    for kind, content_type in (
        ("CSV", "text/csv"),
        ("XLSX", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
    ):
        link = actions.get_by_role("link", name=f"Download {kind}")
        expect(link).to_be_visible()
        response = page.request.get(link.get_attribute("href"))
        assert response.ok, f"{kind} export: HTTP {response.status}"
        assert response.headers["content-type"].startswith(content_type)


@pytest.mark.parametrize("width", [1280, 375])
def test_director_approves_and_publishes_then_reads_the_rubric_report(
    demo_site, new_page, width
):
    practice = practice_reviewed_by_faculty()
    page = new_page()
    page.set_viewport_size({"width": width, "height": 900})

    sign_in(page, "director", admin=True)
    page.wait_for_url(re.compile(r"/admin/$"))
    awaiting = page.locator(
        "section", has=page.get_by_role("heading", name="Awaiting your review")
    )
    row = awaiting.locator("tr", has=page.get_by_role("link", name=PRACTICE))
    expect(row).to_contain_text("Program Director approval")
    shown(page, "admin-dashboard", width)

    # --- Approve and publish: one main button, then a confirmation -----------------
    row.get_by_role("link", name=PRACTICE).click()
    page.wait_for_url(re.compile(r"/admin/pages/\d+/edit/$"))
    button = page.get_by_role("button", name="Approve and publish", exact=True)
    expect(button).to_be_visible()
    shown(page, "review", width)
    button.focus()
    page.keyboard.press("Enter")
    dialog = page.get_by_role("dialog")
    expect(dialog.get_by_role("heading", name="Approve and publish")).to_be_visible()
    shown(page, "approve-and-publish", width, known=WORKFLOW_DIALOG_KNOWN)
    confirm = dialog.get_by_role("button", name="Approve and publish")
    confirm.focus()
    with page.expect_navigation():
        page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/admin/$"))
    expect(page.locator(".messages")).to_contain_text(f"You approved '{PRACTICE}'.")
    expect(awaiting.get_by_role("link", name=PRACTICE)).to_have_count(0)
    practice.refresh_from_db()
    assert practice.live
    shown(page, "published", width)

    # --- The rubric report, its drill-down and its exports -------------------------
    go(page, width, "Reports", "Review rubric by cohort")
    expect(page.get_by_role("heading", level=1)).to_have_text("Review rubric by cohort")
    table = page.get_by_role("table")
    expect(table).to_contain_text("2027")
    shown(page, "rubric-report", width)
    links = page.get_by_role("main")
    for kind in ("CSV", "XLSX"):
        expect(links.get_by_role("link", name=f"Download {kind}")).to_be_visible()
    table.get_by_role("link", name="2027").click()
    page.wait_for_url("**/admin/reports/rubric/2027/")
    drill_down = page.get_by_role("table")
    expect(drill_down).to_contain_text(PRACTICE)
    expect(drill_down).to_contain_text("Farrah Okafor")
    shown(page, "rubric-drill-down", width)
    csv = page.get_by_role("main").get_by_role("link", name="Download CSV")
    response = page.request.get(csv.get_attribute("href"))
    assert response.ok
    assert response.headers["content-type"].startswith("text/csv")
    assert PRACTICE in response.text()

    # The practice is public now.
    page.goto(practice.url)
    expect(page.get_by_role("heading", level=1)).to_have_text(PRACTICE)


@pytest.mark.parametrize("width", [1280, 375])
def test_director_keeps_the_programs_records(demo_site, new_page, width):
    from applicants.models import Applicant

    page = new_page()
    page.set_viewport_size({"width": width, "height": 900})
    sign_in(page, "director", admin=True)
    page.wait_for_url(re.compile(r"/admin/$"))

    # --- Cohorts, their roster, enrollments, people and LEAs, each exportable ------
    go(page, width, "Cohorts", "Cohorts")
    expect(page.get_by_role("heading", level=1)).to_have_text("Cohorts")
    expect(page.get_by_role("table")).to_contain_text("Headcount")
    header_exports(page)
    shown(page, "cohorts", width)

    go(page, width, "Cohorts", "Enrollments")
    expect(page.get_by_role("heading", level=1)).to_have_text("Enrollments")
    header_exports(page)
    shown(page, "enrollments", width)

    go(page, width, "People", "People")
    expect(page.get_by_role("heading", level=1)).to_have_text("People")
    header_exports(page)
    shown(page, "people", width)

    go(page, width, "LEAs")
    expect(page.get_by_role("heading", level=1)).to_have_text("LEAs")
    header_exports(page)
    students = page.get_by_role("table").inner_text()
    assert re.search(r"\b\d{1,3},\d{3}\b", students), (
        "student counts without separators"
    )
    shown(page, "leas", width)

    # --- Applicants: one contacted ---------------------------------------------------
    go(page, width, "Applicants")
    expect(page.get_by_role("heading", level=1)).to_have_text("Applicants")
    header_exports(page)
    shown(page, "applicants", width)
    applicant = Applicant.objects.filter(status="new").order_by("pk").first()
    name = f"{applicant.first_name} {applicant.last_name}"
    page.get_by_role("table").get_by_role("link", name=name).click()
    page.wait_for_url(re.compile(r"/admin/applicants/edit/\d+/$"))
    shown(page, "applicant", width)
    page.get_by_role("combobox", name=re.compile(r"^Status")).select_option(
        label="Contacted"
    )
    page.get_by_role("button", name="Save").first.click()
    page.wait_for_url("**/admin/applicants/")
    expect(page.locator(".messages")).to_contain_text(name)
    applicant.refresh_from_db()
    assert applicant.status == "contacted"

    # --- Attendance: a session recorded ---------------------------------------------
    go(page, width, "Attendance", "Sessions")
    expect(page.get_by_role("heading", level=1)).to_have_text("Sessions")
    shown(page, "sessions", width)
    page.get_by_role("table").locator("tbody").get_by_role("link").first.click()
    page.wait_for_url(re.compile(r"/admin/attendance/sessions/\d+/$"))
    first_status = page.get_by_label(re.compile(r"^Status of ")).first
    first_status.select_option(label="Absent")
    shown(page, "session", width)
    page.get_by_role("button", name="Mark the rest present and save").click()
    page.wait_for_load_state()
    expect(page.locator(".messages")).to_be_visible()
    shown(page, "session-recorded", width)

    # --- The cohort progress report: sorted, exported -------------------------------
    go(page, width, "Attendance", "Cohort progress")
    expect(page.get_by_role("heading", level=1)).to_have_text("Cohort progress")
    shown(page, "progress-cohorts", width)
    page.get_by_role("link", name="CeCTO Certification — Class of 2026").click()
    page.wait_for_url(re.compile(r"/admin/attendance/progress/\d+/$"))
    page.get_by_label("Sort by").select_option(label="Hours, fewest first")
    page.get_by_role("button", name="Sort").click()
    page.wait_for_url(re.compile(r"[?&]sort=-hours"))
    expect(page.get_by_role("table").locator("tbody tr").first).to_contain_text(
        "Behind schedule", ignore_case=True
    )
    csv = page.get_by_role("link", name="Download CSV")
    response = page.request.get(csv.get_attribute("href"))
    assert response.ok and response.headers["content-type"].startswith("text/csv")
    shown(page, "progress", width)
