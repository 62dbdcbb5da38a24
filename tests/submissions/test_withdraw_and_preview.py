"""After writing: the preview (authors only, no writes), what was sent (authors and
reviewers), withdrawing a practice in review back to a draft (its author only)."""

import pytest
from django.core import mail
from django.test import Client
from wagtail.models import PageLogEntry, WorkflowState

from case_studies.models import BestPracticePage
from tests.submissions.test_permissions_participant import create

pytestmark = pytest.mark.django_db


def withdraw_url(page):
    return f"/best-practices/submissions/{page.pk}/withdraw/"


def sent_url(page):
    return f"/best-practices/submissions/{page.pk}/"


def preview_url(page):
    return f"/best-practices/submissions/{page.pk}/preview/"


@pytest.fixture
def in_review(author_client, program, reviewers):
    page = create(author_client, program, action="submit")
    assert page.current_workflow_state.status == WorkflowState.STATUS_IN_PROGRESS
    mail.outbox.clear()
    return page


# --- Withdrawing ----------------------------------------------------------------------


def test_author_withdraws_a_practice_in_review_back_to_a_draft(
    author_client, author, in_review, reviewers, django_capture_on_commit_callbacks
):
    state = in_review.current_workflow_state
    assert "Withdraw from review" in author_client.get(withdraw_url(in_review)).text

    with django_capture_on_commit_callbacks(execute=True):
        response = author_client.post(withdraw_url(in_review), follow=True)

    state.refresh_from_db()
    assert state.status == WorkflowState.STATUS_CANCELLED
    page = BestPracticePage.objects.get(pk=in_review.pk)
    assert page.current_workflow_state is None and not page.live
    # Its author may edit it again, and the message names what happened.
    assert (
        author_client.get(f"/best-practices/submissions/{page.pk}/edit/").status_code
        == 200
    )
    assert "is withdrawn from review and is a draft again" in response.text
    assert "Mentoring new directors" in response.text
    # The current task's reviewers (Faculty) are told, not the author.
    to = sorted(address for message in mail.outbox for address in message.to)
    assert to == sorted([reviewers["faculty"].email, reviewers["director"].email])
    assert all("Withdrawn from review" in m.subject for m in mail.outbox)
    assert all("has withdrawn" in m.body for m in mail.outbox)
    # Wagtail's audit log records the cancellation, with who did it.
    entry = PageLogEntry.objects.filter(
        page=page, action="wagtail.workflow.cancel"
    ).get()
    assert entry.user == author


def test_withdrawing_is_refused_for_another_participants_practice(
    client, classmate, in_review
):
    client.force_login(classmate)
    assert client.get(withdraw_url(in_review)).status_code == 403
    assert client.post(withdraw_url(in_review)).status_code == 403
    assert in_review.current_workflow_state.status == WorkflowState.STATUS_IN_PROGRESS
    assert mail.outbox == []


def test_withdrawing_a_draft_is_refused(author_client, program):
    draft = create(author_client, program)
    assert author_client.get(withdraw_url(draft)).status_code == 409
    response = author_client.post(withdraw_url(draft), follow=True)
    assert "It is not in review" in response.text
    assert not WorkflowState.objects.exists()


def test_withdrawing_a_published_practice_is_refused(author_client, in_review):
    in_review.current_workflow_state.cancel()
    in_review.get_latest_revision().publish()
    response = author_client.post(withdraw_url(in_review), follow=True)
    assert "It is published" in response.text
    assert BestPracticePage.objects.get(pk=in_review.pk).live


def test_withdrawing_needs_a_post(author_client, in_review):
    author_client.get(withdraw_url(in_review))
    assert in_review.current_workflow_state.status == WorkflowState.STATUS_IN_PROGRESS


# --- What was sent --------------------------------------------------------------------


def test_dashboard_shows_the_submitted_date_and_what_was_sent(author_client, in_review):
    html = author_client.get("/dashboard/").text
    assert "Submitted <time" in html
    assert sent_url(in_review) in html
    assert withdraw_url(in_review) in html
    response = author_client.get(sent_url(in_review))
    assert response.status_code == 200
    assert "Monthly calls." in response.text
    assert "Submitted" in response.text


def test_a_reviewer_can_read_what_was_sent(client, in_review, reviewers):
    from tests.two_factor import sign_in_verified

    sign_in_verified(client, reviewers["faculty"])
    response = client.get(sent_url(in_review))
    assert response.status_code == 200
    assert "Monthly calls." in response.text
    assert withdraw_url(in_review) not in response.text


def test_another_participant_cannot_read_what_was_sent(client, classmate, in_review):
    client.force_login(classmate)
    assert client.get(sent_url(in_review)).status_code == 403


def test_visitors_are_asked_to_sign_in_for_what_was_sent(in_review):
    visitor = Client()
    assert visitor.get(sent_url(in_review)).status_code == 302
    assert visitor.get(preview_url(in_review)).status_code == 302


# --- Preview --------------------------------------------------------------------------


def test_save_and_preview_shows_the_draft_in_the_public_template(
    author_client, program
):
    token = author_client.get("/best-practices/submit/").context["form"]["form_token"]
    response = author_client.post(
        "/best-practices/submit/",
        {
            "form_token": token.value(),
            "title": "Shared help desk",
            "body": "<h1>The problem</h1><div>One queue.</div>",
            "body_format": "html",
            "action": "preview",
        },
    )
    page = BestPracticePage.objects.get()
    assert response["Location"] == preview_url(page)
    assert not page.live

    response = author_client.get(preview_url(page))
    html = response.text
    assert response.status_code == 200
    assert "template-best-practice" in html  # the public template
    assert "Preview: not published" in html
    assert "<h2>The problem</h2><p>One queue.</p>" in html
    assert response["X-Robots-Tag"] == "noindex"
    assert f"/best-practices/submissions/{page.pk}/edit/" in html


def test_previewing_writes_nothing(
    author_client, program, django_assert_max_num_queries
):
    page = create(author_client, program)
    revisions = page.revisions.count()
    author_client.get(preview_url(page))
    assert page.revisions.count() == revisions
    assert (
        BestPracticePage.objects.get(pk=page.pk).latest_revision_id
        == page.latest_revision_id
    )


def test_a_participant_can_only_preview_their_own(
    client, classmate, author_client, program
):
    page = create(author_client, program)
    client.force_login(classmate)
    assert client.get(preview_url(page)).status_code == 403
