"""Receivers that e-mail the people of a review when it moves on.

Each receiver only notes what happened; after the transaction commits, the
messages are built by `submissions.notifications` (which says who gets what, and
why Wagtail's own workflow e-mails are switched off) and sent. A failure there is
logged and never undoes or interrupts the workflow action.
"""

import logging

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from wagtail.models import (
    Page,
    PageViewRestriction,
    Revision,
    TaskState,
    WorkflowState,
)
from wagtail.signals import (
    page_published,
    page_unpublished,
    task_approved,
    task_rejected,
    task_submitted,
    workflow_approved,
    workflow_rejected,
    workflow_submitted,
)

from case_studies.models import (
    BestPracticeIndexPage,
    BestPracticePage,
    CaseStudyIndexPage,
)
from curriculum.models import CurriculumIndexPage
from people.roles import sync_roles
from submissions import notifications
from submissions.services import (
    publish_attachment,
    restriction_changed,
    withdraw_attachment,
)
from submissions.workflows import sync_workflows

logger = logging.getLogger(__name__)

# Wagtail's workflow e-mail receivers, by the (signal, sender, dispatch_uid) slot
# each is connected to in wagtail/admin/signal_handlers.py.
WAGTAIL_WORKFLOW_EMAILS = [
    (task_submitted, TaskState, "group_approval_task_submitted_email_notification"),
    (workflow_submitted, WorkflowState, "workflow_state_submitted_email_notification"),
    (workflow_rejected, WorkflowState, "workflow_state_rejected_email_notification"),
    (workflow_approved, WorkflowState, "workflow_state_approved_email_notification"),
]


def _after_commit(build, load, *args):
    """Build and send the messages once the transaction has committed."""

    def deliver():
        try:
            messages = build(*load(*args))
        except Exception:
            logger.exception(
                "Could not prepare the review e-mails (%s)", build.__name__
            )
            return
        notifications.send_messages(messages)

    transaction.on_commit(deliver, robust=True)


def _task_state(pk, user):
    return TaskState.objects.get(pk=pk).specific, user


def _workflow_state(pk, user):
    return WorkflowState.objects.get(pk=pk), user


def _page(pk, revision_pk):
    revision = Revision.objects.filter(pk=revision_pk).first() if revision_pk else None
    return Page.objects.get(pk=pk).specific, revision


def on_task_submitted(sender, instance, user=None, **kwargs):
    _after_commit(notifications.task_submitted_messages, _task_state, instance.pk, user)


def on_task_approved(sender, instance, user=None, **kwargs):
    _after_commit(notifications.task_approved_messages, _task_state, instance.pk, user)


def on_task_rejected(sender, instance, user=None, **kwargs):
    _after_commit(notifications.task_rejected_messages, _task_state, instance.pk, user)


def on_workflow_approved(sender, instance, user=None, **kwargs):
    _after_commit(
        notifications.workflow_approved_messages, _workflow_state, instance.pk, user
    )


def on_page_published(sender, instance, revision=None, **kwargs):
    _after_commit(
        notifications.page_published_messages,
        _page,
        instance.pk,
        revision.pk if revision else None,
    )


def replaced_by_portal_emails(sender, **kwargs):
    """Holds the slot of one of Wagtail's workflow e-mail receivers: ours send instead."""


def silence_wagtail_workflow_emails():
    """Keep Wagtail's workflow e-mails from being sent, whichever app is ready first.

    Disconnects them if `wagtail.admin` is ready already, and holds their slots so
    its later `register_signal_handlers()` connects nothing (a signal ignores a
    second receiver for the same dispatch_uid and sender).
    """
    for signal, sender, dispatch_uid in WAGTAIL_WORKFLOW_EMAILS:
        signal.disconnect(sender=sender, dispatch_uid=dispatch_uid)
        signal.connect(
            replaced_by_portal_emails, sender=sender, dispatch_uid=dispatch_uid
        )


def register_signal_handlers():
    """Connect the review e-mails (for every task state class) in Wagtail's place."""
    silence_wagtail_workflow_emails()
    task_submitted.connect(on_task_submitted, dispatch_uid="submissions_task_submitted")
    task_approved.connect(on_task_approved, dispatch_uid="submissions_task_approved")
    task_rejected.connect(on_task_rejected, dispatch_uid="submissions_task_rejected")
    workflow_approved.connect(
        on_workflow_approved,
        sender=WorkflowState,
        dispatch_uid="submissions_workflow_approved",
    )
    page_published.connect(
        on_page_published,
        sender=BestPracticePage,
        dispatch_uid="submissions_page_published",
    )
    # A published practice's attachment leaves the private submissions collection.
    page_published.connect(
        publish_attachment,
        sender=BestPracticePage,
        dispatch_uid="submissions_publish_attachment",
    )
    # ...and goes back to it when the practice is unpublished or deleted.
    page_unpublished.connect(
        withdraw_attachment,
        sender=BestPracticePage,
        dispatch_uid="submissions_withdraw_attachment_unpublished",
    )
    post_delete.connect(
        withdraw_attachment,
        sender=BestPracticePage,
        dispatch_uid="submissions_withdraw_attachment_deleted",
    )
    # ...and while the practice is in a private section.
    post_save.connect(
        restriction_changed,
        sender=PageViewRestriction,
        dispatch_uid="submissions_attachment_restriction_saved",
    )
    post_delete.connect(
        restriction_changed,
        sender=PageViewRestriction,
        dispatch_uid="submissions_attachment_restriction_deleted",
    )
    # A section index created after deploy gets its workflow and group permissions.
    for model in (CurriculumIndexPage, CaseStudyIndexPage, BestPracticeIndexPage):
        post_save.connect(
            on_section_created,
            sender=model,
            dispatch_uid=f"submissions_section_{model.__name__}",
        )


def on_section_created(sender, instance, created, raw=False, **kwargs):
    if created and not raw:
        transaction.on_commit(lambda: (sync_workflows(), sync_roles()))
