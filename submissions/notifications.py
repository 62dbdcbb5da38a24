"""Who is told what when a page moves through a review workflow.

The functions here decide the recipients of each transition and build the messages
(one e-mail per person, plain text from `templates/emails/`); `send_messages()` puts
them in the portal's e-mail queue (`outbox.queue`), which retries while the mail server
is down. `signal_handlers.py` calls them once the transaction has committed.

| transition | who is told | links |
| --- | --- | --- |
| submitted, or resubmitted after changes (`task_submitted` on a first task or after a rejected or cancelled one) | reviewers of the current task: active members of its groups, not the submitter | admin edit page |
| | best practice: its authors, "we received it" | /dashboard/ |
| a task approved, the workflow goes on (`task_submitted` of the next task) | reviewers of the next task (Program Director approval) | admin edit page |
| faculty review approved (`task_approved` on the rubric task) | best practice: its authors, with the comment and rubric scores | /dashboard/ |
| changes requested at any step (`task_rejected`) | best practice: its authors, with the comment (and the scores at faculty review) | public edit page, /dashboard/ |
| | module or case study: the submitter, with the comment | admin edit page |
| | everyone who approved an earlier task in this workflow run, with the comment | admin edit page |
| approved at the last step (`workflow_approved`) | module or case study: the submitter, with the comment | public page, admin edit page |
| | best practice scheduled for later: its authors, with the go-live date | /dashboard/ |
| published (`page_published`) | best practice by participants: its authors, "approved and published" with the final comment when the workflow published it, "published" on a first publication by staff; nothing for later republishing by staff | public page |

"Its authors" are the page's owner and every author with a user account, once each.
Nobody inactive, nobody without an e-mail address and never the person who acted is
e-mailed (the "we received it" note goes to the submitter too). Reviewers and
module submitters use the admin and its account settings, so their Wagtail
notification preferences ("submitted", "approved", "rejected") are honoured;
participants have no such settings and always hear about their own submissions.

Decisions:

- Wagtail's own workflow e-mails (wagtail/admin/signal_handlers.py) are switched off
  for every workflow, and these messages replace them: Wagtail's link to the admin,
  which participants cannot open; carry no comment on approval; mail superusers on
  every submission; tell nobody who approved earlier when a later step rejects; and
  its "task submitted" receiver is connected for the sender `TaskState` only, so it
  never fires for the rubric task (`RubricTaskState`). One module now decides every
  recipient, for both workflows. Superusers are not reviewers: only the task's groups.
- "Published" has a single sender, `page_published`: when the final approval publishes
  a best practice, that receiver words it "approved and published" and carries the
  final comment; the `workflow_approved` receiver writes to participants only when the
  approval did not publish (a go-live date in the future), and the go-live itself is
  then the publication.
- Participant-facing messages link to the public site only, never to /admin/.
- Messages about a review name the version under review (the task's revision), so
  a live page's new title and newly added co-authors are used.
- Nothing is sent for cancelled workflows.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext as _
from wagtail.models import AbstractGroupApprovalTask, TaskState, WorkflowState

from case_studies.models import BestPracticePage
from core.sites import served_url
from outbox.queue import send_email
from people import roles
from submissions.choices import Score
from submissions.models import RubricTaskState, submitter_ids

if TYPE_CHECKING:
    from django.contrib.auth.models import User
    from django_stubs_ext import StrOrPromise
    from wagtail.models import Page, Revision

    from outbox.models import OutgoingEmail

logger = logging.getLogger(__name__)

SUBJECT_PREFIX = "[CeCTO]"


@dataclass(frozen=True)
class Message:
    """One e-mail to one person."""

    to: str
    subject: str
    body: str

    def send(self) -> OutgoingEmail:
        """Queue the e-mail (outbox.queue); returns its `OutgoingEmail`."""
        return send_email(
            self.subject,
            self.body,
            [self.to],
            from_email=settings.DEFAULT_FROM_EMAIL,
            headers={"Auto-Submitted": "auto-generated"},
        )


def send_messages(messages: Iterable[Message]) -> int:
    """Queue each message; a failure to queue one is logged and skips only that one.

    Returns the number queued. Delivery, and its retries, happen on the worker.
    """
    queued = 0
    for message in messages:
        try:
            message.send()
            queued += 1
        except Exception:
            logger.exception(
                "Could not queue the e-mail %r to %s", message.subject, message.to
            )
    return queued


# --- Links ------------------------------------------------------------------------


def absolute_url(path: str) -> str:
    """The address the portal is served at (PORTAL_BASE_URL) followed by `path`."""
    return served_url(path)


def admin_edit_url(page: Page) -> str:
    return absolute_url(reverse("wagtailadmin_pages:edit", args=[page.pk]))


def public_url(page: Page) -> str:
    """The page's address on the public site ("" if it has none)."""
    url = page.get_url() or ""
    return absolute_url(url) if url.startswith("/") else url


def submission_edit_url(page: Page) -> str:
    """The participant's public form for the page (/best-practices/submissions/<id>/edit/)."""
    return absolute_url(reverse("submissions:edit", kwargs={"page_id": page.pk}))


def dashboard_url() -> str:
    """The participant's dashboard (/dashboard/)."""
    return absolute_url(reverse("submissions:dashboard"))


# --- Recipients ---------------------------------------------------------------------


def _pks(users: Iterable[User | None]) -> set[int]:
    return {user.pk for user in users if user is not None}


def reachable(
    users: Iterable[User | None], exclude: Iterable[User | None] = ()
) -> list[User]:
    """Users, once each, in order, leaving out the inactive, those without an e-mail
    address and anyone in `exclude`."""
    skip = _pks(exclude)
    result = []
    for user in users:
        if user is None or not user.is_active or not user.email or user.pk in skip:
            continue
        skip.add(user.pk)
        result.append(user)
    return result


def _wants(user: User, preference: str) -> bool:
    """Whether the user's Wagtail notification preference (default on) allows it."""
    profile = getattr(user, "wagtail_userprofile", None)
    return getattr(profile, preference, True)


def author_recipients(
    page: BestPracticePage, exclude: Iterable[User | None] = ()
) -> list[User]:
    """A best practice's owner and every author with a user account."""
    return reachable(page.author_users(), exclude)


def is_participant_submission(page: Page) -> bool:
    """A best practice with at least one author (or its owner) among the participants."""
    if not isinstance(page, BestPracticePage):
        return False
    return any(roles.is_participant(user) for user in author_recipients(page))


def reviewer_recipients(
    task_state: TaskState, exclude: Iterable[User | None] = ()
) -> list[User]:
    """Active members of the task's groups who want submission notifications."""
    task = task_state.task.specific
    if not isinstance(task, AbstractGroupApprovalTask):
        return []
    # Nobody is asked to review their own work (submissions.models.NoSelfReviewMixin).
    own = submitter_ids(_page(task_state.workflow_state))
    users = (
        get_user_model()
        .objects.filter(groups__in=task.groups.all(), is_active=True)
        .exclude(email="")
        .exclude(pk__in=own)
        .select_related("wagtail_userprofile")
        .distinct()
        .order_by("pk")
    )
    return [
        user
        for user in reachable(users, exclude)
        if _wants(user, "submitted_notifications")
    ]


def submitter_recipients(
    workflow_state: WorkflowState,
    preference: str,
    exclude: Iterable[User | None] = (),
) -> list[User]:
    """The person who started the workflow, if their preferences allow it."""
    user = workflow_state.requested_by
    return [user for user in reachable([user], exclude) if _wants(user, preference)]


def earlier_approvers(
    task_state: TaskState, exclude: Iterable[User | None] = ()
) -> list[User]:
    """Everyone who approved a task in this workflow run before `task_state`."""
    states = (
        TaskState.objects.filter(
            workflow_state_id=task_state.workflow_state_id,
            status=TaskState.STATUS_APPROVED,
        )
        .exclude(pk=task_state.pk)
        .select_related("finished_by")
        .order_by("finished_at", "pk")
    )
    return reachable([state.finished_by for state in states], exclude)


# --- Message content ----------------------------------------------------------------


def _page(workflow_state: WorkflowState) -> Page:
    page = workflow_state.content_object
    return page.specific if hasattr(page, "specific") else page


def _reviewed_page(task_state: TaskState) -> Page:
    """The version under review (its title and authors), which for a live page being
    re-reviewed is not the published one."""
    if task_state.revision_id:
        return task_state.revision.as_object()
    return _page(task_state.workflow_state)


def _name(user: User | None) -> str:
    if user is None:
        return _("Someone")
    return user.get_full_name() or user.get_username()


def rubric_scores(task_state: TaskState) -> list[tuple[str, StrOrPromise]]:
    """[(criterion, "4 — Exemplary")] for the scored criteria of a faculty review."""
    if not isinstance(task_state, RubricTaskState):
        return []
    return [
        (label, Score(score).label)
        for label, score in task_state.scores
        if score is not None
    ]


def _previous_task_state(task_state: TaskState) -> TaskState | None:
    return (
        TaskState.objects.filter(
            workflow_state_id=task_state.workflow_state_id, pk__lt=task_state.pk
        )
        .order_by("-pk")
        .first()
    )


def _subject(template: StrOrPromise, page: Page) -> str:
    subject = f"{SUBJECT_PREFIX} {template % {'title': page.title}}"
    return " ".join(subject.split())


def _render(template: str, context: dict[str, Any]) -> str:
    """Plain text, with the blank lines left by template tags folded."""
    text = render_to_string(template, context).strip()
    return re.sub(r"\n{3,}", "\n\n", re.sub(r"[ \t]+\n", "\n", text)) + "\n"


def _messages(
    recipients: Iterable[User], subject: str, template: str, context: dict[str, Any]
) -> list[Message]:
    return [
        Message(
            to=user.email,
            subject=subject,
            body=_render(template, {**context, "recipient_name": _name(user)}),
        )
        for user in recipients
    ]


def _context(
    page: Page, task_state: TaskState | None = None, user: User | None = None
) -> dict[str, Any]:
    context = {
        "page": page,
        "title": page.title,
        "kind": page._meta.verbose_name,
        "actor_name": _name(user),
        "site_name": settings.WAGTAIL_SITE_NAME,
    }
    if task_state is not None:
        context.update(
            task_name=task_state.task.name,
            comment=(task_state.comment or "").strip(),
            scores=rubric_scores(task_state),
        )
    return context


# --- Transitions --------------------------------------------------------------------


def task_submitted_messages(
    task_state: TaskState, user: User | None = None
) -> list[Message]:
    """A task started: its reviewers are told; best-practice authors get a receipt
    when it was submitted or resubmitted (not when it moves on after an approval)."""
    workflow_state = task_state.workflow_state
    page = _reviewed_page(task_state)
    previous = _previous_task_state(task_state)
    resubmitted = previous is not None and previous.status in (
        TaskState.STATUS_REJECTED,
        TaskState.STATUS_CANCELLED,
    )
    moved_on = previous is not None and not resubmitted
    earlier = [
        {
            "task_name": state.task.name,
            "reviewer_name": _name(state.finished_by),
            "comment": (state.comment or "").strip(),
        }
        for state in TaskState.objects.filter(
            workflow_state=workflow_state, status=TaskState.STATUS_APPROVED
        )
        .select_related("task", "finished_by")
        .order_by("finished_at", "pk")
    ]
    context = {
        **_context(page, task_state, user),
        "submitter_name": _name(workflow_state.requested_by),
        "resubmitted": resubmitted,
        "moved_on": moved_on,
        "earlier": earlier,
        "review_url": admin_edit_url(page),
        "dashboard_url": dashboard_url(),
    }
    messages = _messages(
        reviewer_recipients(task_state, exclude=[user, workflow_state.requested_by]),
        _subject(_("Awaiting your review: %(title)s"), page),
        "emails/review_requested.txt",
        context,
    )
    if isinstance(page, BestPracticePage) and not moved_on:
        messages += _messages(
            author_recipients(page),
            _subject(
                _("We received your changes: %(title)s")
                if resubmitted
                else _("We received your best practice: %(title)s"),
                page,
            ),
            "emails/submission_received.txt",
            context,
        )
    return messages


def task_approved_messages(
    task_state: TaskState, user: User | None = None
) -> list[Message]:
    """A task approved with more to come: best-practice authors hear the faculty
    review's outcome. (The next reviewers are told by `task_submitted_messages`; the
    final approval by `workflow_approved_messages` and `page_published_messages`.)"""
    workflow_state = task_state.workflow_state
    page = _reviewed_page(task_state)
    if workflow_state.status != WorkflowState.STATUS_IN_PROGRESS:
        return []
    if not (
        isinstance(page, BestPracticePage) and isinstance(task_state, RubricTaskState)
    ):
        return []
    current = workflow_state.current_task_state
    context = {
        **_context(page, task_state, user),
        "next_task_name": current.task.name if current else "",
        "dashboard_url": dashboard_url(),
    }
    return _messages(
        author_recipients(page, exclude=[user]),
        _subject(_("Your best practice passed faculty review: %(title)s"), page),
        "emails/faculty_review_passed.txt",
        context,
    )


def task_rejected_messages(
    task_state: TaskState, user: User | None = None
) -> list[Message]:
    """Changes requested: the authors (or the module's submitter) with the comment,
    and everyone who approved an earlier step of this run."""
    workflow_state = task_state.workflow_state
    page = _reviewed_page(task_state)
    subject = _subject(_("Changes requested: %(title)s"), page)
    context = {
        **_context(page, task_state, user),
        "edit_url": submission_edit_url(page),
        "dashboard_url": dashboard_url(),
        "admin_url": admin_edit_url(page),
    }
    if isinstance(page, BestPracticePage):
        told = author_recipients(page, exclude=[user])
        messages = _messages(told, subject, "emails/changes_requested.txt", context)
    else:
        told = submitter_recipients(
            workflow_state, "rejected_notifications", exclude=[user]
        )
        messages = _messages(
            told, subject, "emails/changes_requested_submitter.txt", context
        )
    messages += _messages(
        earlier_approvers(task_state, exclude=[user, *told]),
        _subject(_("Changes requested after your approval: %(title)s"), page),
        "emails/changes_requested_reviewer.txt",
        context,
    )
    return messages


def workflow_approved_messages(
    workflow_state: WorkflowState, user: User | None = None
) -> list[Message]:
    """The last step approved. A module's submitter is told here; a best practice's
    authors only if it is not yet live (a go-live date ahead), since its
    publication is announced by `page_published_messages`."""
    page = _page(workflow_state)
    final = workflow_state.current_task_state
    context = {
        **_context(page, final.specific if final else None, user),
        "live": page.live,
        "public_url": public_url(page) if page.live else "",
        "admin_url": admin_edit_url(page),
        "dashboard_url": dashboard_url(),
    }
    if isinstance(page, BestPracticePage):
        if page.live:
            return []
        return _messages(
            author_recipients(page, exclude=[user]),
            _subject(_("Approved: %(title)s"), page),
            "emails/approved_scheduled.txt",
            context,
        )
    return _messages(
        submitter_recipients(workflow_state, "approved_notifications", exclude=[user]),
        _subject(_("Approved: %(title)s"), page),
        "emails/module_approved.txt",
        context,
    )


def publishing_approval(page: Page, revision: Revision | None) -> TaskState | None:
    """The final task state of the workflow that published `revision`, or None when
    the page was published some other way (by staff, outside a workflow)."""
    latest = (
        WorkflowState.objects.for_instance(page)
        .select_related("current_task_state")
        .order_by("-created_at", "-pk")
        .first()
    )
    if latest is None or latest.status != WorkflowState.STATUS_APPROVED:
        return None
    final = latest.current_task_state
    # The workflow published the revision it approved: one that existed at approval.
    if final is None or final.finished_at is None:
        return None
    if revision is not None and revision.created_at > final.finished_at:
        return None
    return final.specific


def page_published_messages(
    page: Page, revision: Revision | None = None
) -> list[Message]:
    """A participants' best practice went live: its authors are told, once."""
    if not (page.live and is_participant_submission(page)):
        return []
    approval = publishing_approval(page, revision)
    first_publication = page.first_published_at == page.last_published_at
    if approval is None and not first_publication:
        return []
    context = {
        **_context(page, approval, approval.finished_by if approval else None),
        "approved": approval is not None,
        "public_url": public_url(page),
        "dashboard_url": dashboard_url(),
    }
    subject = (
        _("Approved and published: %(title)s")
        if approval is not None
        else _("Published: %(title)s")
    )
    return _messages(
        author_recipients(page),
        _subject(subject, page),
        "emails/published.txt",
        context,
    )
