"""The whole path, through the public site and Wagtail's admin, as people use them:
a participant submits with a PDF, faculty request changes, the participant sees the
comment and resubmits, faculty approve, the director publishes, and the practice is
listed at /best-practices/ with its attachment public. Every step is in the history."""

import pytest
from django.core import mail
from django.test import Client
from wagtail.models import PageLogEntry

from case_studies.models import BestPracticePage
from tests.submissions.conftest import pdf_file
from tests.two_factor import sign_in_verified

pytestmark = pytest.mark.django_db

RUBRIC = {"relevance": 3, "evidence": 2, "transferability": 3, "clarity": 4}


def act(client, page, action, **data):
    """Post a workflow decision as the admin's dialog does."""
    state = page.current_workflow_task_state
    response = client.post(
        f"/admin/pages/workflow/action/{page.pk}/{action}/{state.pk}/", data
    )
    assert response.status_code == 302, response.content[:500]


def test_submission_review_and_publication(
    program, author, reviewers, django_capture_on_commit_callbacks
):
    participant, faculty, director = Client(), Client(), Client()
    participant.force_login(author)
    sign_in_verified(faculty, reviewers["faculty"])
    sign_in_verified(director, reviewers["director"])

    # The participant writes it and submits it for review, with a PDF.
    token = participant.get("/best-practices/submit/").context["form"]["form_token"]
    with django_capture_on_commit_callbacks(execute=True):
        response = participant.post(
            "/best-practices/submit/",
            {
                "form_token": token.value(),
                "title": "Shared help desk for three districts",
                "intro": "Three small districts share one help desk.",
                "topic_areas": [program["topics"][0].pk],
                "tags": "help desk",
                "body": "<p>We pooled staff.</p>",
                "attachment": pdf_file(),
                "action": "submit",
            },
        )
    assert response.status_code == 302
    page = BestPracticePage.objects.get()
    assert not page.live and page.attachment is not None
    assert "In review" in participant.get("/dashboard/").content.decode()
    assert (
        Client().get(page.attachment.url).status_code == 302
    )  # private until published

    # Faculty find it on their dashboard, read it, and request changes with the rubric.
    assert page.title in faculty.get("/admin/").content.decode()
    task = page.current_workflow_task
    preview = faculty.get(f"/admin/pages/workflow/preview/{page.pk}/{task.pk}/")
    assert preview.status_code == 200 and b"We pooled staff." in preview.content
    assert faculty.get(f"/admin/pages/{page.pk}/edit/").status_code == 200
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        act(faculty, page, "reject", comment="Add your ticket numbers.", **RUBRIC)
    to_participant = [m for m in mail.outbox if author.email in m.to]
    assert to_participant and "Add your ticket numbers." in to_participant[0].body
    assert "/admin/" not in to_participant[0].body

    # The participant sees the comment and scores, edits and resubmits.
    dashboard = participant.get("/dashboard/").content.decode()
    assert "Changes requested" in dashboard and "Add your ticket numbers." in dashboard
    with django_capture_on_commit_callbacks(execute=True):
        response = participant.post(
            f"/best-practices/submissions/{page.pk}/edit/",
            {
                "title": "Shared help desk for three districts",
                "intro": "Three small districts share one help desk; 4,100 tickets a year.",
                "topic_areas": [program["topics"][0].pk],
                "tags": "help desk",
                "body": "<p>We pooled staff and closed 4,100 tickets.</p>",
                "action": "submit",
            },
        )
    assert response.status_code == 302
    page.refresh_from_db()
    assert page.current_workflow_task.name == "Faculty review"

    # Faculty approve; the director approves and so publishes.
    with django_capture_on_commit_callbacks(execute=True):
        act(faculty, page, "approve", comment="Much stronger.", **RUBRIC)
    page.refresh_from_db()
    assert page.current_workflow_task.name == "Program Director approval"
    assert not page.live
    with django_capture_on_commit_callbacks(execute=True):
        act(director, page, "approve", comment="Publishing it.")
    page.refresh_from_db()
    assert page.live

    # Visitors find it, with its attachment now public.
    visitor = Client()
    assert (
        "Shared help desk for three districts"
        in visitor.get("/best-practices/").content.decode()
    )
    assert visitor.get(page.url).status_code == 200
    page.attachment.refresh_from_db()
    assert visitor.get(page.attachment.url).status_code == 200

    # Every transition is in the page history and the audit log.
    actions = list(
        PageLogEntry.objects.filter(page=page)
        .order_by("timestamp")
        .values_list("action", flat=True)
    )
    for expected in (
        "wagtail.workflow.start",
        "wagtail.workflow.reject",
        "wagtail.workflow.resume",
        "wagtail.workflow.approve",
        "wagtail.publish",
    ):
        assert expected in actions, (expected, actions)
    assert director.get(f"/admin/pages/{page.pk}/history/").status_code == 200
