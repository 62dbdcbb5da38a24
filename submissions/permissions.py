"""Who may write, read, review and open best practices in review.

Built on `people/roles.py` and on the page's own authorship
(`BestPracticePage.authored_by_user`, `BestPracticePage.objects.authored_by`):

- participants (the Participants group) write best practices, and edit their own;
- a practice's authors (its owner and co-authors) read and withdraw it, and open
  its attachments, in every state;
- its reviewers *now* (`reviews_now`: whoever has an action on its current workflow
  task; never its own authors, `submissions.models.NoSelfReviewMixin`) read it and
  open its attachments while it is in their review;
- staff (Faculty, the Program Director) and superusers see the rubric report.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from case_studies.models import BestPracticePage
from people import roles

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser, User
    from django.http import HttpRequest
    from wagtail.documents.models import AbstractDocument

    AnyUser = User | AnonymousUser


def may_write_best_practices(user: AnyUser) -> bool:
    """Participants (the Participants group) write best practices. One query."""
    return roles.is_participant(user)


def may_see_rubric_report(user: AnyUser) -> bool:
    """Staff (Faculty, the Program Director) and superusers see the rubric report."""
    return user.is_active and (user.is_superuser or roles.is_staff_member(user))


def reviews_now(page: BestPracticePage, user: AnyUser) -> bool:
    """Is `user` among the practice's reviewers now: do they have an action on the
    current task of its workflow in progress? (Wagtail's task decides, so its
    groups, and nobody reviewing their own work.)"""
    task_state = page.current_workflow_task_state
    return bool(task_state and task_state.task.specific.get_actions(page, user))


def may_review(page: BestPracticePage, user: AnyUser) -> bool:
    """Reviewers: those with an action on its current task, or who may edit it."""
    if page.permissions_for_user(user).can_edit():
        return True
    return reviews_now(page, user)


def may_open_attachment(
    user: AnyUser,
    document: AbstractDocument,
    request: HttpRequest | None = None,
) -> bool:
    """Whether `user` may download a private best-practice attachment.

    Its authors and its uploader always; site administrators always; reviewers
    (Faculty, the Program Director) only while it is in their review (a workflow in
    progress whose current task they can act on). Once the practice is published,
    whoever may see the page (a published practice in a private section keeps its
    attachment private: `request` is checked against the page's restrictions). A
    draft nobody submitted, or one sent back for changes, is its authors' alone.
    """
    if not user.is_authenticated or not user.is_active:
        return False
    if user.is_superuser or document.uploaded_by_user_id == user.pk:
        return True
    for page in BestPracticePage.objects.filter(attachment=document):
        if page.authored_by_user(user):
            return True
        if page.live and request is not None:
            restrictions = page.get_view_restrictions()
            if all(r.accept_request(request) for r in restrictions):
                return True
        if reviews_now(page, user):
            return True
    return False
