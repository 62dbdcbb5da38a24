"""The review e-mails: who is told what at each transition of both workflows."""

import datetime
import smtplib

import pytest
from django.core import mail
from django.utils import timezone
from wagtail.models import TaskState, WorkflowState
from wagtail.users.models import UserProfile

from case_studies.models import BestPracticeAuthor
from outbox.models import OutgoingEmail
from people.roles import FACULTY, PARTICIPANTS, PROGRAM_DIRECTOR, sync_roles
from submissions import notifications, signal_handlers
from submissions.workflows import sync_workflows
from tests.factories.case_studies import (
    BestPracticeIndexPageFactory,
    BestPracticePageFactory,
)
from tests.factories.core import UserFactory
from tests.factories.curriculum import CurriculumIndexPageFactory, ModulePageFactory
from tests.factories.people import FacultyFactory, ParticipantFactory

pytestmark = pytest.mark.django_db

RUBRIC = {"relevance": 4, "evidence": 3, "transferability": 4, "clarity": 2}


@pytest.fixture
def sections(home_page, groups):
    curriculum = CurriculumIndexPageFactory(parent=home_page)
    practices = BestPracticeIndexPageFactory(parent=home_page)
    sync_roles()  # page permissions (the director publishes) need the sections
    sync_workflows()
    return {"curriculum": curriculum, "practices": practices}


@pytest.fixture
def people(groups):
    def user(username, *group_names, **kwargs):
        kwargs.setdefault("email", f"{username}@example.org")
        account = UserFactory(username=username, **kwargs)
        account.groups.add(*(groups[name] for name in group_names))
        return account

    participant = user("parker", PARTICIPANTS)
    coauthor = user("casey", PARTICIPANTS)
    return {
        "faculty": user("farrah", FACULTY),
        "faculty2": user("felix", FACULTY),
        "retired_faculty": user("ferris", FACULTY, is_active=False),
        "faculty_without_email": user("fenna", FACULTY, email=""),
        "director": user("dana", PROGRAM_DIRECTOR),
        "admin": user("root", superuser=True),
        "participant": participant,
        "coauthor": coauthor,
        "participant_person": ParticipantFactory(user=participant),
        "coauthor_person": ParticipantFactory(user=coauthor),
        "offline_person": ParticipantFactory(),
    }


@pytest.fixture
def practice(sections, people):
    """A participant's draft, written with a co-author and an author with no account."""
    return BestPracticePageFactory(
        parent=sections["practices"],
        title="One-to-one device rollout",
        live=False,
        owner=people["participant"],
        authors=[
            people["participant_person"],
            people["coauthor_person"],
            people["offline_person"],
        ],
    )


@pytest.fixture
def act(django_capture_on_commit_callbacks):
    """Run a workflow action, then the e-mails it queued; return the new ones."""

    def run(action):
        sent_before = len(mail.outbox)
        with django_capture_on_commit_callbacks(execute=True):
            result = action()
        act.result = result
        return mail.outbox[sent_before:]

    return run


def submit(page, user):
    page.save_revision(user=user)
    return page.get_workflow().start(page, user)


def decide(page, user, action, **kwargs):
    task_state = page.current_workflow_task_state
    return task_state.task.specific.on_action(task_state, user, action, **kwargs)


def recipients(messages):
    return sorted(address for message in messages for address in message.to)


def to(messages, user):
    found = [message for message in messages if message.to == [user.email]]
    assert len(found) == 1, f"{user.email} got {len(found)} messages"
    return found[0]


def emails(*users):
    return sorted(user.email for user in users)


# --- Best-practice review ------------------------------------------------------------


def test_submission_tells_active_faculty_reviewers_and_confirms_to_the_authors(
    act, practice, people
):
    sent = act(lambda: submit(practice, people["participant"]))

    assert recipients(sent) == emails(
        people["faculty"], people["faculty2"], people["participant"], people["coauthor"]
    )
    review = to(sent, people["faculty"])
    assert review.subject == "[CeCTO] Awaiting your review: One-to-one device rollout"
    assert f"http://testserver/admin/pages/{practice.pk}/edit/" in review.body
    assert "Faculty review" in review.body
    receipt = to(sent, people["participant"])
    assert receipt.subject == (
        "[CeCTO] We received your best practice: One-to-one device rollout"
    )
    assert "http://testserver/dashboard/" in receipt.body
    assert "/admin/" not in receipt.body
    assert all(
        message.from_email == "CeCTO Portal <no-reply@cecto.example>"
        for message in sent
    )


def test_faculty_approval_tells_the_director_and_gives_authors_the_comment_and_scores(
    act, practice, people
):
    submit(practice, people["participant"])

    sent = act(
        lambda: decide(
            practice, people["faculty"], "approve", comment="Strong evidence.", **RUBRIC
        )
    )

    assert recipients(sent) == emails(
        people["director"], people["participant"], people["coauthor"]
    )
    awaiting = to(sent, people["director"])
    assert awaiting.subject == "[CeCTO] Awaiting your review: One-to-one device rollout"
    assert "Program Director approval" in awaiting.body
    assert "Strong evidence." in awaiting.body
    assert f"/admin/pages/{practice.pk}/edit/" in awaiting.body
    passed = to(sent, people["coauthor"])
    assert passed.subject == (
        "[CeCTO] Your best practice passed faculty review: One-to-one device rollout"
    )
    assert "Strong evidence." in passed.body
    assert "- Relevance: 4 — Exemplary" in passed.body
    assert "- Clarity: 2 — Developing" in passed.body
    assert "http://testserver/dashboard/" in passed.body
    assert "/admin/" not in passed.body


def test_faculty_request_for_changes_goes_to_the_authors_with_comment_scores_and_edit_link(
    act, practice, people
):
    submit(practice, people["participant"])

    sent = act(
        lambda: decide(
            practice, people["faculty"], "reject", comment="Add your results.", **RUBRIC
        )
    )

    # The owner is also an author: one message each; the author without an account
    # is not reachable; nobody approved earlier, so no reviewer is told.
    assert recipients(sent) == emails(people["participant"], people["coauthor"])
    message = to(sent, people["participant"])
    assert message.subject == "[CeCTO] Changes requested: One-to-one device rollout"
    assert "Add your results." in message.body
    assert "- Evidence: 3 — Proficient" in message.body
    assert (
        f"http://testserver/best-practices/submissions/{practice.pk}/edit/"
        in message.body
    )
    assert "http://testserver/dashboard/" in message.body
    assert "/admin/" not in message.body


def test_director_request_for_changes_also_tells_the_faculty_member_who_approved(
    act, practice, people
):
    submit(practice, people["participant"])
    decide(practice, people["faculty"], "approve", comment="Strong.", **RUBRIC)

    sent = act(
        lambda: decide(
            practice, people["director"], "reject", comment="Name the vendor."
        )
    )

    assert recipients(sent) == emails(
        people["faculty"], people["participant"], people["coauthor"]
    )
    author = to(sent, people["participant"])
    assert author.subject == "[CeCTO] Changes requested: One-to-one device rollout"
    assert "Name the vendor." in author.body
    assert "Rubric scores" not in author.body
    assert "/admin/" not in author.body
    reviewer = to(sent, people["faculty"])
    assert reviewer.subject == (
        "[CeCTO] Changes requested after your approval: One-to-one device rollout"
    )
    assert "Name the vendor." in reviewer.body
    assert f"/admin/pages/{practice.pk}/edit/" in reviewer.body


def test_resubmission_goes_back_to_the_reviewers_and_confirms_receipt(
    act, practice, people
):
    submit(practice, people["participant"])
    decide(practice, people["faculty"], "reject", comment="Add results.", **RUBRIC)
    practice.save_revision(user=people["participant"])

    sent = act(lambda: practice.current_workflow_state.resume(people["participant"]))

    assert recipients(sent) == emails(
        people["faculty"], people["faculty2"], people["participant"], people["coauthor"]
    )
    assert "resubmitted" in to(sent, people["faculty"]).body
    receipt = to(sent, people["participant"])
    assert receipt.subject == (
        "[CeCTO] We received your changes: One-to-one device rollout"
    )
    assert "/admin/" not in receipt.body


def test_final_approval_publishes_and_tells_each_author_once_with_the_public_link(
    act, practice, people
):
    submit(practice, people["participant"])
    decide(practice, people["faculty"], "approve", comment="Strong.", **RUBRIC)

    sent = act(
        lambda: decide(
            practice, people["director"], "approve", comment="Welcome addition."
        )
    )

    practice.refresh_from_db()
    assert practice.live
    assert recipients(sent) == emails(people["participant"], people["coauthor"])
    message = to(sent, people["participant"])
    assert message.subject == (
        "[CeCTO] Approved and published: One-to-one device rollout"
    )
    assert "Welcome addition." in message.body
    assert f"http://testserver{practice.url}" in message.body
    assert "/admin/" not in message.body


def test_approval_with_a_later_go_live_date_says_when_it_will_be_published(
    act, practice, people
):
    practice.go_live_at = timezone.now() + datetime.timedelta(days=3)
    submit(practice, people["participant"])
    decide(practice, people["faculty"], "approve", comment="Strong.", **RUBRIC)

    sent = act(lambda: decide(practice, people["director"], "approve", comment=""))

    practice.refresh_from_db()
    assert not practice.live
    assert recipients(sent) == emails(people["participant"], people["coauthor"])
    message = to(sent, people["participant"])
    assert message.subject == "[CeCTO] Approved: One-to-one device rollout"
    assert "will be published on" in message.body
    assert "/admin/" not in message.body


def test_publishing_a_participants_practice_directly_tells_its_authors(
    act, practice, people
):
    revision = practice.save_revision(user=people["director"])

    sent = act(lambda: revision.publish(user=people["director"]))

    assert recipients(sent) == emails(people["participant"], people["coauthor"])
    message = to(sent, people["coauthor"])
    assert message.subject == "[CeCTO] Published: One-to-one device rollout"
    assert "http://testserver/best-practices/" in message.body
    assert "/admin/" not in message.body


def test_republishing_a_published_practice_outside_a_workflow_sends_nothing(
    act, practice, people
):
    practice.save_revision(user=people["director"]).publish(user=people["director"])
    practice.refresh_from_db()

    sent = act(
        lambda: practice.save_revision(user=people["director"]).publish(
            user=people["director"]
        )
    )

    assert sent == []


def test_changes_to_a_live_practice_are_announced_with_the_reviewed_title_and_authors(
    act, sections, people
):
    practice = BestPracticePageFactory(
        parent=sections["practices"],
        title="Device rollout",
        owner=people["participant"],
        authors=[people["participant_person"]],
    )
    draft = practice.get_latest_revision_as_object()
    draft.title = "Device rollout, two years on"
    draft.authors = [
        BestPracticeAuthor(person=people["participant_person"]),
        BestPracticeAuthor(person=people["coauthor_person"]),
    ]
    draft.save_revision(user=people["participant"])

    sent = act(lambda: practice.get_workflow().start(practice, people["participant"]))

    receipt = to(sent, people["coauthor"])
    assert receipt.subject == (
        "[CeCTO] We received your best practice: Device rollout, two years on"
    )


def test_participants_never_receive_wagtails_admin_linked_emails(act, practice, people):
    participant_mail = []
    steps = [
        lambda: submit(practice, people["participant"]),
        lambda: decide(
            practice, people["faculty"], "reject", comment="More.", **RUBRIC
        ),
        lambda: practice.current_workflow_state.resume(people["participant"]),
        lambda: decide(
            practice, people["faculty"], "approve", comment="Good.", **RUBRIC
        ),
        lambda: decide(practice, people["director"], "approve", comment="Yes."),
    ]
    for step in steps:
        sent = act(step)
        participant_mail += [m for m in sent if m.to == [people["participant"].email]]
        # Superusers are not reviewers, and nobody hears twice of one transition.
        assert people["admin"].email not in recipients(sent)
        assert len(recipients(sent)) == len(set(recipients(sent)))

    assert [m.subject.split(":")[0] for m in participant_mail] == [
        "[CeCTO] We received your best practice",
        "[CeCTO] Changes requested",
        "[CeCTO] We received your changes",
        "[CeCTO] Your best practice passed faculty review",
        "[CeCTO] Approved and published",
    ]
    assert not any("/admin" in m.body for m in participant_mail)


def test_wagtails_workflow_emails_stay_off_whichever_app_is_ready_first(
    act, practice, people
):
    from wagtail.admin import signal_handlers as wagtail_handlers

    # wagtail.admin ready after submissions (INSTALLED_APPS order): a no-op.
    wagtail_handlers.register_signal_handlers()
    try:
        # wagtail.admin ready first: its receivers connected, then ours switch them off.
        for signal, sender, uid in signal_handlers.WAGTAIL_WORKFLOW_EMAILS:
            signal.disconnect(sender=sender, dispatch_uid=uid)
        wagtail_handlers.register_signal_handlers()
    finally:
        signal_handlers.silence_wagtail_workflow_emails()

    submit(practice, people["participant"])
    decide(practice, people["faculty"], "approve", comment="Strong.", **RUBRIC)
    sent = act(lambda: decide(practice, people["director"], "approve", comment="Yes."))

    # Wagtail would mail the superuser on submission and the requester, with an
    # admin link, on approval.
    assert recipients(sent) == emails(people["participant"], people["coauthor"])
    assert not any("/admin/" in message.body for message in sent)
    assert people["admin"].email not in recipients(mail.outbox)


# --- Module review ------------------------------------------------------------------


@pytest.fixture
def module(sections, people):
    return ModulePageFactory(
        parent=sections["curriculum"],
        title="Budgeting for technology",
        live=False,
        owner=people["faculty"],
    )


def test_module_submission_tells_the_peer_reviewers_but_not_the_submitter(
    act, module, people
):
    sent = act(lambda: submit(module, people["faculty"]))

    assert recipients(sent) == emails(people["faculty2"])
    message = sent[0]
    assert message.subject == "[CeCTO] Awaiting your review: Budgeting for technology"
    assert f"/admin/pages/{module.pk}/edit/" in message.body


def test_module_changes_requested_by_the_director_tell_submitter_and_peer_reviewer(
    act, module, people
):
    submit(module, people["faculty"])
    director_told = act(
        lambda: decide(module, people["faculty2"], "approve", comment="Clear.")
    )
    assert recipients(director_told) == emails(people["director"])

    sent = act(
        lambda: decide(module, people["director"], "reject", comment="Fix the hours.")
    )

    assert recipients(sent) == emails(people["faculty"], people["faculty2"])
    submitter = to(sent, people["faculty"])
    assert submitter.subject == "[CeCTO] Changes requested: Budgeting for technology"
    assert "Fix the hours." in submitter.body
    assert f"/admin/pages/{module.pk}/edit/" in submitter.body
    assert (
        "Changes requested after your approval" in to(sent, people["faculty2"]).subject
    )


def test_module_final_approval_tells_the_submitter_with_comment_and_links(
    act, module, people
):
    submit(module, people["faculty"])
    decide(module, people["faculty2"], "approve", comment="Clear.")

    sent = act(
        lambda: decide(module, people["director"], "approve", comment="Ship it.")
    )

    module.refresh_from_db()
    assert module.live
    assert recipients(sent) == emails(people["faculty"])
    message = sent[0]
    assert message.subject == "[CeCTO] Approved: Budgeting for technology"
    assert "Ship it." in message.body
    assert f"http://testserver{module.url}" in message.body
    assert f"/admin/pages/{module.pk}/edit/" in message.body


def test_reviewer_who_turned_off_submission_notifications_is_not_told(
    act, module, people
):
    profile = UserProfile.get_for_user(people["faculty2"])
    profile.submitted_notifications = False
    profile.save()

    sent = act(lambda: submit(module, people["faculty"]))

    assert sent == []


# --- Robustness and the rules behind the recipients ------------------------------------


def test_a_mail_failure_is_logged_and_does_not_break_the_workflow_action(
    act, practice, people, monkeypatch, caplog
):
    def refuse(self, *args, **kwargs):
        raise smtplib.SMTPException("mail server down")

    monkeypatch.setattr(mail.EmailMultiAlternatives, "send", refuse)

    sent = act(lambda: submit(practice, people["participant"]))

    assert sent == []
    # Each e-mail is kept for "Retry now" (tests/outbox/test_email_queue.py).
    assert set(OutgoingEmail.objects.values_list("status", flat=True)) == {"failed"}
    state = WorkflowState.objects.get()
    assert state.status == WorkflowState.STATUS_IN_PROGRESS
    assert state.current_task_state.status == TaskState.STATUS_IN_PROGRESS
    assert "Could not send the e-mail" in caplog.text


def test_an_error_preparing_the_emails_does_not_break_the_workflow_action(
    act, practice, people, monkeypatch, caplog
):
    def broken(*args, **kwargs):
        raise RuntimeError("template missing")

    monkeypatch.setattr(notifications, "task_submitted_messages", broken)

    sent = act(lambda: submit(practice, people["participant"]))

    assert sent == []
    assert practice.current_workflow_task_state is not None
    assert "Could not prepare the review e-mails" in caplog.text


def test_nothing_is_sent_when_the_action_is_rolled_back(practice, people):
    # Without the on-commit callbacks being run (the test's transaction never
    # commits), no e-mail leaves.
    submit(practice, people["participant"])

    assert mail.outbox == []


def test_author_recipients_are_owner_and_authors_once_each_and_reachable(
    practice, people
):
    people["coauthor"].is_active = False
    people["coauthor"].save()

    assert notifications.author_recipients(practice) == [people["participant"]]
    assert (
        notifications.author_recipients(practice, exclude=[people["participant"]]) == []
    )


def test_a_best_practice_by_staff_alone_is_not_a_participant_submission(
    sections, people
):
    page = BestPracticePageFactory(
        parent=sections["practices"],
        owner=people["director"],
        authors=[FacultyFactory(user=people["faculty"])],
    )

    assert not notifications.is_participant_submission(page)
