"""Creating, editing and submitting participants' best practices, each in one transaction.

Participants have no admin permissions; everything here acts for them with Wagtail's
model API (``add_child``, ``save_revision``, ``Workflow.start``,
``WorkflowState.resume``). Nothing here publishes: publication only happens when the
Program Director approves the last task of the best-practice workflow.

Attachments are Wagtail documents in the private "Participant submissions"
collection until the page is published; ``publish_attachment`` (a ``page_published``
receiver) then moves them to the public "Best practice attachments" collection, and
``withdraw_attachment`` moves them back when the page is unpublished or deleted.
While private, ``submissions.permissions.may_open_attachment`` says who may
download them.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any, cast

from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from wagtail.documents import get_document_model
from wagtail.models import Collection, CollectionViewRestriction, Page, WorkflowState

from case_studies.models import (
    BestPracticeAuthor,
    BestPracticeIndexPage,
    BestPracticePage,
)
from people import roles
from people.choices import EnrollmentStatus
from people.models import Person
from submissions import notifications
from submissions.participant_forms import SUBMIT
from submissions.permissions import may_write_best_practices

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser, User
    from django.core.files.uploadedfile import UploadedFile
    from django.db.models import QuerySet
    from wagtail.documents.models import AbstractDocument
    from wagtail.models import PageViewRestriction

    from people.models import Cohort, Enrollment

SUBMISSIONS_COLLECTION = "Participant submissions"
# The public collection of published best practices' files (demo/case_studies.py
# fills the same one).
PUBLIC_ATTACHMENTS_COLLECTION = "Best practice attachments"
# Two identical creates this close together are one double submission.
DUPLICATE_WINDOW = datetime.timedelta(minutes=10)


class SubmissionRefused(Exception):
    """A participant action that cannot be done; the message says why."""


# --- Who may do what ----------------------------------------------------------------


def participant_person(user: User | AnonymousUser) -> Person | None:
    """The user's Person if they may write best practices (Participants group), else None."""
    if not user.is_authenticated:
        return None
    person = Person.objects.filter(user=user).first()
    if person is None or not may_write_best_practices(user):
        return None
    return person


def current_enrollment(
    person: Person, enrollments: Iterable[Enrollment] | None = None
) -> Enrollment | None:
    """The enrollment that counts now: an 'enrolled' one first, else the latest."""
    if enrollments is None:
        enrollments = person.enrollments.select_related("cohort__track")
    enrollments = sorted(
        enrollments,
        key=lambda e: (e.status == EnrollmentStatus.ENROLLED, e.cohort.year, e.pk),
        reverse=True,
    )
    return enrollments[0] if enrollments else None


def co_author_choices(person: Person, cohort: Cohort | None) -> QuerySet[Person]:
    """Other people in the same cohort (not withdrawn); nobody when there is no cohort."""
    if cohort is None:
        return Person.objects.none()
    return (
        Person.objects.filter(enrollments__cohort=cohort)
        .exclude(enrollments__cohort=cohort, enrollments__status="withdrawn")
        .exclude(pk=person.pk)
        .select_related("lea", "partner")
        .distinct()
        .order_by("last_name", "first_name")
    )


def editable_state(page: BestPracticePage) -> tuple[bool, WorkflowState | None]:
    """(can_edit, workflow_state): participants edit drafts and 'changes requested'."""
    if page.live:
        return False, None
    state = page.current_workflow_state
    if state is None:
        last = page.workflow_states.order_by("-created_at", "-pk").first()
        approved = last is not None and last.status == WorkflowState.STATUS_APPROVED
        return not approved, None
    return state.status == WorkflowState.STATUS_NEEDS_CHANGES, state


# --- Collections --------------------------------------------------------------------


def _child_collection(name: str) -> Collection:
    root = Collection.get_first_root_node()
    collection = root.get_children().filter(name=name).first()
    return collection or root.add_child(name=name)


def submissions_collection() -> Collection:
    """The private collection for unpublished attachments, created and restricted once."""
    collection = _child_collection(SUBMISSIONS_COLLECTION)
    if not CollectionViewRestriction.objects.filter(collection=collection).exists():
        restriction = CollectionViewRestriction.objects.create(
            collection=collection, restriction_type=CollectionViewRestriction.GROUPS
        )
        restriction.groups.set(roles.materials_reader_groups())
    return collection


def _shown_publicly(page: Page) -> bool:
    """Live, and under no view restriction (its own or a section's above it)."""
    return page.live and Page.objects.filter(pk=page.pk).public().exists()


def publish_attachment(sender: object, instance: Page, **kwargs: object) -> None:
    """page_published receiver: a published practice's attachment becomes public.

    Not while the practice is in a private section. Attachments earlier revisions
    published, and this one replaced, go back to the private collection.
    """
    page = instance.specific if hasattr(instance, "specific") else instance
    if not isinstance(page, BestPracticePage):
        return
    _withdraw_replaced(page)
    if not page.attachment_id or not _shown_publicly(page):
        return
    document = cast("AbstractDocument", page.attachment)  # its id is set
    if document.collection.name != SUBMISSIONS_COLLECTION:
        return
    document.collection = _child_collection(PUBLIC_ATTACHMENTS_COLLECTION)
    document.save(update_fields=["collection"])


def _withdraw_replaced(page: BestPracticePage) -> None:
    earlier = {
        content.get("attachment")
        for content in page.revisions.values_list("content", flat=True)
    } - {page.attachment_id, None}
    if earlier:
        for document in get_document_model().objects.filter(pk__in=earlier):
            _make_private(document, leaving=page)


def _make_private(
    document: AbstractDocument, leaving: BestPracticePage | None = None
) -> None:
    """Back to the submissions collection unless a live, public practice shows it."""
    if document.collection.name != PUBLIC_ATTACHMENTS_COLLECTION:
        return
    others = BestPracticePage.objects.live().public().filter(attachment=document)
    if leaving is not None:
        others = others.exclude(pk=leaving.pk)
    if others.exists():
        return
    document.collection = submissions_collection()
    document.save(update_fields=["collection"])


def restriction_changed(
    sender: object, instance: PageViewRestriction, **kwargs: object
) -> None:
    """PageViewRestriction post_save/post_delete receiver: the attachments of the
    practices under the page follow it, private while it is, public again after."""
    page = Page.objects.filter(pk=instance.page_id).first()
    if page is None:  # the page itself is being deleted
        return
    practices = (
        BestPracticePage.objects.descendant_of(page, inclusive=True)
        .filter(attachment__isnull=False)
        .select_related("attachment__collection")
    )
    for practice in practices:
        if _shown_publicly(practice):
            publish_attachment(None, practice)
        else:
            _make_private(practice.attachment)


def withdraw_attachment(sender: object, instance: Page, **kwargs: object) -> None:
    """page_unpublished and post_delete receiver: the attachment becomes private again.

    Back to the private submissions collection, unless another live best practice
    still shows it. A delete of a live page unpublishes it first (Wagtail's
    pre_delete receiver), so this runs while its row still says live: it is left
    out by key. Saving the document starts a new content version (core) and, with
    a CDN, purges the document's URLs and the documents API.
    """
    page = instance if isinstance(instance, BestPracticePage) else instance.specific
    if not isinstance(page, BestPracticePage) or not page.attachment_id:
        return
    document = (
        get_document_model()
        .objects.select_related("collection")
        .filter(pk=page.attachment_id)
        .first()
    )
    if document is not None:
        _make_private(document, leaving=page)


# --- Writing ------------------------------------------------------------------------


def _unique_slug(parent: Page, title: str, exclude_pk: int | None = None) -> str:
    base = slugify(title)[:200] or "best-practice"
    taken = set(
        Page.objects.child_of(parent)
        .exclude(pk=exclude_pk)
        .filter(slug__startswith=base)
        .values_list("slug", flat=True)
    )
    slug, n = base, 2
    while slug in taken:
        slug, n = f"{base}-{n}", n + 1
    return slug


def _store_attachment(
    uploaded: UploadedFile, title: str, user: User
) -> AbstractDocument:
    document = get_document_model()(
        title=title[:255],
        file=uploaded,
        collection=submissions_collection(),
        uploaded_by_user=user,
    )
    document._set_document_file_metadata()
    document.save()
    return document


def _apply(
    page: BestPracticePage,
    data: dict[str, Any],
    *,
    person: Person,
    cohort_people: QuerySet[Person],
    document: AbstractDocument | None,
) -> None:
    """Copy the form's data onto `page` (not saved yet)."""
    page.title = data["title"]
    page.draft_title = data["title"]
    page.intro = data["intro"]
    page.body = data["body"]
    page.topic_areas.set(data["topic_areas"])
    page.tags.set(data["tags"])
    if document is not None:
        page.attachment = document
    elif data.get("remove_attachment"):
        page.attachment = None

    # The writer and the owner always stay authors, as do authors staff added from
    # outside the cohort; the form manages the cohort co-authors only.
    existing = {author.person_id: author for author in page.authors.all()}
    keep = [person.pk]
    if page.owner_id and page.owner_id != person.user_id:
        owner = Person.objects.filter(user_id=page.owner_id).first()
        if owner is not None:
            keep.append(owner.pk)
    cohort_ids = set(cohort_people.values_list("pk", flat=True))
    keep += [pid for pid in existing if pid not in cohort_ids and pid not in keep]
    keep += [p.pk for p in data["co_authors"] if p.pk not in keep]
    page.authors = [
        existing.get(pid) or BestPracticeAuthor(person_id=pid) for pid in keep
    ]
    for order, author in enumerate(page.authors.all()):
        author.sort_order = order


def _send_for_review(
    page: BestPracticePage, user: User, state: WorkflowState | None
) -> None:
    if state is not None and state.status == WorkflowState.STATUS_NEEDS_CHANGES:
        state.resume(user)
        return
    workflow = page.get_workflow()
    if workflow is None:
        raise SubmissionRefused(
            _("Reviews are not set up yet, so your draft is saved but not submitted.")
        )
    workflow.start(page, user)


def create_submission(
    *,
    user: User,
    person: Person,
    cohort: Cohort | None,
    data: dict[str, Any],
    action: str,
    cohort_people: QuerySet[Person],
) -> tuple[BestPracticePage, bool]:
    """Create the draft page (and submit it if asked); returns (page, created)."""
    index = BestPracticeIndexPage.objects.first()
    if index is None:
        raise SubmissionRefused(
            _("Best practices cannot be written yet: the section does not exist.")
        )
    document = None
    try:
        with transaction.atomic():
            # Serialize creates under the index (PostgreSQL), so a double click can
            # not slip two identical pages past the check below.
            Page.objects.select_for_update().filter(pk=index.pk).first()
            duplicate = (
                BestPracticePage.objects.child_of(index)
                .filter(
                    owner=user,
                    draft_title=data["title"],
                    latest_revision_created_at__gte=timezone.now() - DUPLICATE_WINDOW,
                )
                .first()
            )
            if duplicate is not None:
                return duplicate, False
            if data.get("attachment"):
                document = _store_attachment(data["attachment"], data["title"], user)
            page = BestPracticePage(
                owner=user,
                live=False,
                has_unpublished_changes=True,
                cohort=cohort,
                slug=_unique_slug(index, data["title"]),
            )
            _apply(
                page,
                data,
                person=person,
                cohort_people=cohort_people,
                document=document,
            )
            index.add_child(instance=page)
            page.save_revision(user=user, clean=action == SUBMIT, log_action=True)
            if action == SUBMIT:
                _send_for_review(page, user, None)
            if page.live:  # pragma: no cover - a participant never publishes
                raise SubmissionRefused(_("Participants cannot publish."))
    except BaseException:
        _delete_file(document)
        raise
    return page, True


def update_submission(
    *,
    user: User,
    person: Person,
    page: BestPracticePage,
    data: dict[str, Any],
    action: str,
    cohort_people: QuerySet[Person],
) -> BestPracticePage:
    """Save the participant's changes as a new revision; resubmit if asked."""
    document = None
    try:
        with transaction.atomic():
            locked = Page.objects.select_for_update().filter(pk=page.pk).first()
            if locked is None:
                raise SubmissionRefused(_("This best practice no longer exists."))
            page = BestPracticePage.objects.get(pk=page.pk)
            can_edit, state = editable_state(page)
            if not can_edit:
                raise SubmissionRefused(
                    _("This best practice is with reviewers, so it cannot be changed.")
                )
            if data.get("attachment"):
                document = _store_attachment(data["attachment"], data["title"], user)
            draft = page.get_latest_revision_as_object()
            _apply(
                draft,
                data,
                person=person,
                cohort_people=cohort_people,
                document=document,
            )
            if draft.first_published_at is None:
                draft.slug = _unique_slug(
                    page.get_parent(), data["title"], exclude_pk=page.pk
                )
            # The page is not live, so its row may follow the draft: the dashboard
            # finds co-authors through it.
            draft.save()
            draft.save_revision(user=user, clean=action == SUBMIT, log_action=True)
            if action == SUBMIT:
                _send_for_review(draft, user, state)
            draft.refresh_from_db(fields=["live"])
            if draft.live:  # pragma: no cover - a participant never publishes
                raise SubmissionRefused(_("Participants cannot publish."))
    except BaseException:
        _delete_file(document)
        raise
    return draft


def _delete_file(document: AbstractDocument | None) -> None:
    """A rolled-back document row leaves its file in storage: remove it."""
    if document is not None and document.file.name:
        document.file.storage.delete(document.file.name)


# --- Withdrawing --------------------------------------------------------------------


def withdraw_submission(*, user: User, page: BestPracticePage) -> int:
    """Take the author's practice out of review, back to a draft.

    Cancels the workflow (Wagtail logs ``wagtail.workflow.cancel`` in the page's
    audit log, with the user) and e-mails the current task's reviewers through the
    portal's queue. Refused for published pages, drafts and pages not the user's.
    Returns the number of reviewers told.
    """
    with transaction.atomic():
        locked = Page.objects.select_for_update().filter(pk=page.pk).first()
        if locked is None:
            raise SubmissionRefused(_("This best practice no longer exists."))
        page = BestPracticePage.objects.get(pk=page.pk)
        if not page.authored_by_user(user):
            raise SubmissionRefused(
                _("You can only withdraw best practices you wrote or co-wrote.")
            )
        if page.live:
            raise SubmissionRefused(
                _("It is published, so it cannot be withdrawn from review.")
            )
        state = page.current_workflow_state
        if state is None or state.status != WorkflowState.STATUS_IN_PROGRESS:
            raise SubmissionRefused(
                _("It is not in review, so there is nothing to withdraw.")
            )
        task_state = state.current_task_state
        reviewers = notifications.reviewer_recipients(task_state, exclude=[user])
        context = notifications._context(page, task_state, user)
        subject = notifications._subject(_("Withdrawn from review: %(title)s"), page)
        state.cancel(user=user)
        messages = notifications._messages(
            reviewers, subject, "emails/withdrawn.txt", context
        )
        transaction.on_commit(lambda: notifications.send_messages(messages))
    return len(reviewers)
