"""A best practice's whole review, each person in a browser context of their own.

A participant writes and submits it with a PDF on the public site; a faculty member
approves it in Wagtail's editor, scoring the rubric in the approval dialog; the
Program Director approves the last task of the "Best-practice review" workflow,
which publishes it; a visitor who is not signed in finds it with the site search and
downloads its PDF.
"""

import re

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from playwright.sync_api import expect

from tests.browser.conftest import assert_accessible, screenshot, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# A word no demo page uses, so the search can only find this practice.
WORD = "Quillfeather"
TITLE = f"{WORD} device rotation ledger"
RUBRIC = {
    "Relevance": "4 — Exemplary",
    "Evidence": "3 — Proficient",
    "Transferability": "3 — Proficient",
    "Clarity": "4 — Exemplary",
}


def _card(page, title):
    """The dashboard's card for a best practice."""
    return page.get_by_role("article").filter(
        has=page.get_by_role("heading", name=title)
    )


def _open_from_admin_dashboard(page, title):
    """From 'Awaiting your review' on the admin's dashboard to the page's editor."""
    review = page.locator(
        "section", has=page.get_by_role("heading", name="Awaiting your review")
    )
    review.get_by_role("link", name=title).click()
    page.wait_for_url(re.compile(r"/admin/pages/\d+/edit/$"))
    expect(page.locator("#id_title")).to_have_value(title)


def test_a_best_practice_is_submitted_reviewed_published_and_found(demo_site, new_page):
    from wagtail.models import TaskState, WorkflowState

    from case_studies.models import BestPracticePage
    from demo.base import pdf_bytes
    from submissions.models import RubricTaskState
    from submissions.services import (
        PUBLIC_ATTACHMENTS_COLLECTION,
        SUBMISSIONS_COLLECTION,
    )
    from submissions.workflows import DIRECTOR_APPROVAL_TASK, FACULTY_REVIEW_TASK

    pdf = pdf_bytes(TITLE, ["One shared ledger for every device we rotate."])
    mail.outbox.clear()

    # --- The participant writes it and submits it for review -----------------------
    participant = new_page()
    sign_in(participant, "participant")
    participant.goto("/dashboard/")
    participant.get_by_role("link", name="Write a best practice").click()
    participant.wait_for_url("**/best-practices/submit/")
    participant.get_by_label("Title").fill(TITLE)
    participant.get_by_label("Summary").fill(
        "One ledger tracks every device we rotate between schools."
    )
    participant.get_by_label("IT governance").check()
    participant.get_by_label("Tags").fill("devices, inventory")
    participant.get_by_label("Body").fill(
        "We kept one ledger for every device.\n\nLosses fell by half in a year."
    )
    participant.get_by_label("Attachment (optional)").set_input_files(
        {"name": "ledger.pdf", "mimeType": "application/pdf", "buffer": pdf}
    )
    participant.get_by_role("button", name="Submit for review").click()
    participant.wait_for_url("**/dashboard/")
    expect(participant.get_by_text("Submitted for review.")).to_be_visible()
    expect(_card(participant, TITLE)).to_contain_text("In review with Faculty")
    screenshot(participant, "dashboard-in-review")

    practice = BestPracticePage.objects.get(draft_title=TITLE)
    assert not practice.live
    assert practice.current_workflow_task.name == FACULTY_REVIEW_TASK
    assert practice.attachment.collection.name == SUBMISSIONS_COLLECTION
    document_url = practice.attachment.url

    # Until it is published, the attachment is not for visitors.
    visitor = new_page()
    response = visitor.request.get(document_url, max_redirects=0)
    assert response.status == 302
    assert response.headers["location"].startswith("/accounts/login/")

    # --- Faculty approve it in the editor, scoring the rubric ----------------------
    faculty = new_page()
    sign_in(faculty, "faculty", admin=True)
    _open_from_admin_dashboard(faculty, TITLE)
    # Approve is the editor's main button for a reviewer.
    faculty.get_by_role("button", name="Approve", exact=True).click()
    dialog = faculty.get_by_role("dialog")
    expect(dialog.get_by_role("heading", name="Approve")).to_be_visible()
    for criterion, score in RUBRIC.items():
        dialog.get_by_label(criterion).select_option(label=score)
    dialog.get_by_label("Comment").fill("Clear, with evidence; approved.")
    screenshot(faculty, "admin-review")
    dialog.get_by_role("button", name="Approve").click()
    # The reviewer lands on the dashboard, told what they did and what remains.
    faculty.wait_for_url(re.compile(r"/admin/$"))
    expect(faculty.get_by_text(f"You approved '{TITLE}'.")).to_be_visible()

    review = RubricTaskState.objects.get(workflow_state__object_id=str(practice.pk))
    assert review.status == TaskState.STATUS_APPROVED
    assert review.finished_by.username == "faculty"
    assert (review.relevance, review.evidence, review.transferability) == (4, 3, 3)
    assert review.clarity == 4
    assert review.comment == "Clear, with evidence; approved."
    practice.refresh_from_db()
    assert not practice.live
    assert practice.current_workflow_task.name == DIRECTOR_APPROVAL_TASK

    participant.reload()
    expect(_card(participant, TITLE)).to_contain_text(
        "In review with the Program Director"
    )

    # --- The Program Director approves the last task, which publishes it -----------
    director = new_page()
    sign_in(director, "director", admin=True)
    _open_from_admin_dashboard(director, TITLE)
    director.get_by_role("button", name="Approve and publish", exact=True).click()
    dialog = director.get_by_role("dialog")
    expect(dialog.get_by_role("heading", name="Approve and publish")).to_be_visible()
    screenshot(director, "admin-approve-and-publish")
    dialog.get_by_role("button", name="Approve and publish").click()
    director.wait_for_url(re.compile(r"/admin/$"))
    expect(director.get_by_text(f"You approved '{TITLE}'.")).to_be_visible()

    practice.refresh_from_db()
    assert practice.live
    state = practice.workflow_states.get()
    assert state.status == WorkflowState.STATUS_APPROVED
    assert practice.attachment.collection.name == PUBLIC_ATTACHMENTS_COLLECTION

    author = get_user_model().objects.get(username="participant")
    told = [m for m in mail.outbox if m.to == [author.email]]
    assert [m.subject for m in told if "published" in m.subject.lower()] == [
        f"[CeCTO] Approved and published: {TITLE}"
    ]
    participant.reload()
    expect(_card(participant, TITLE)).to_contain_text("Published")

    # --- A visitor finds it, reads it and downloads the PDF ------------------------
    visitor.goto("/search/")
    search = visitor.get_by_label(
        "Search pages, modules, case studies, best practices, news, events and people"
    )
    search.fill(WORD.lower())
    search.press("Enter")
    visitor.wait_for_url(re.compile(rf"/search/\?q={WORD.lower()}"))
    result = visitor.get_by_role("link", name=TITLE)
    expect(result).to_be_visible()
    # The excerpt keeps the body's paragraphs apart.
    expect(visitor.get_by_role("main")).to_contain_text("every device. Losses fell")
    screenshot(visitor, "search-finds-published")

    result.click()
    visitor.wait_for_url(f"**{practice.url}")
    expect(visitor.get_by_role("heading", level=1)).to_have_text(TITLE)
    expect(visitor.get_by_text("Losses fell by half in a year.")).to_be_visible()
    download = visitor.get_by_role("link", name=re.compile(r"\(PDF, \d+ bytes\)"))
    expect(download).to_be_visible()
    screenshot(visitor, "best-practice-published")
    assert_accessible(visitor)

    response = visitor.request.get(download.get_attribute("href"))
    assert response.ok, f"attachment: HTTP {response.status}"
    assert response.headers["content-type"] == "application/pdf"
    assert response.body() == pdf
