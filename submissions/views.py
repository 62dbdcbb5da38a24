"""Writing best practices on the public site: the form, its preview, what was sent,
withdrawing; and a person's best practices in words, which the dashboard lists."""

import secrets

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.db.models import Q
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods
from taggit.utils import edit_string_for_tags
from wagtail.models import Page, WorkflowState

from case_studies.models import BestPracticePage
from people.roles import REVIEWER_WORDS
from submissions.models import RubricTaskState
from submissions.participant_forms import SAVE_DRAFT, SUBMIT, BestPracticeForm
from submissions.permissions import may_review
from submissions.services import (
    SubmissionRefused,
    co_author_choices,
    create_submission,
    current_enrollment,
    editable_state,
    participant_person,
    update_submission,
    withdraw_submission,
)

TOKENS_KEY = "submissions:form_tokens"
MAX_TOKENS = 20
SAVED = _("Your draft is saved.")
SUBMITTED = _(
    "Submitted for review. Faculty will review it; you'll get an e-mail when "
    "something changes."
)
# "Preview" saves a draft, then shows it as the public will see it.
PREVIEW = "preview"


# --- Your best practices (also on the dashboard) ---------------------------------


class Submission:
    """A best practice on the dashboard, with its review state in words."""

    def __init__(self, page, state):
        self.page = page
        self.state = state
        self.status = "draft"
        self.label = _("Draft")
        self.reviewers = ""
        self.comment = ""
        self.scores = []
        self.can_edit = False
        self.can_withdraw = False
        # When it was last sent for review (the workflow run's start).
        self.submitted_at = (
            state.created_at
            if state is not None and state.status != WorkflowState.STATUS_CANCELLED
            else None
        )

    @property
    def title(self):
        return self.page.draft_title or self.page.title


def submissions_for(user):
    """My best practices with their states; a fixed number of queries however many."""
    pages = list(
        BestPracticePage.objects.authored_by(user)
        .defer_streamfields()
        .order_by("-latest_revision_created_at", "-pk")
    )
    if not pages:
        return []
    page_type = ContentType.objects.get_for_model(Page)
    latest = {}
    for state in (
        WorkflowState.objects.filter(
            base_content_type=page_type, object_id__in=[str(p.pk) for p in pages]
        )
        .select_related(
            "current_task_state__task", "current_task_state__rubrictaskstate"
        )
        .order_by("created_at", "pk")
    ):
        latest[int(state.object_id)] = state

    task_ids = {
        s.current_task_state.task_id
        for s in latest.values()
        if s.status == WorkflowState.STATUS_IN_PROGRESS and s.current_task_state_id
    }
    groups = reviewer_groups(task_ids)

    submissions = []
    for page in pages:
        state = latest.get(page.pk)
        item = Submission(page, state)
        if page.live:
            item.status, item.label = "published", _("Published")
        elif state is None or state.status == WorkflowState.STATUS_CANCELLED:
            item.can_edit = True
        elif state.status == WorkflowState.STATUS_IN_PROGRESS:
            task = state.current_task_state.task if state.current_task_state else None
            names = groups.get(task.pk, []) if task else []
            item.status = "in_review"
            item.reviewers = " and ".join(REVIEWER_WORDS.get(n, n) for n in names)
            item.label = (
                _("In review with %(who)s") % {"who": item.reviewers}
                if item.reviewers
                else _("In review")
            )
            item.task_name = task.name if task else ""
            item.can_withdraw = True
        elif state.status == WorkflowState.STATUS_NEEDS_CHANGES:
            item.status, item.label = "changes_requested", _("Changes requested")
            item.can_edit = True
            task_state = state.current_task_state
            item.comment = task_state.comment if task_state else ""
            rubric = getattr(task_state, "rubrictaskstate", None)
            if rubric is not None and rubric.scored:
                item.scores = rubric.scores
        elif state.status == WorkflowState.STATUS_APPROVED:
            item.status = "approved"
            item.label = _("Approved, awaiting publication")
        submissions.append(item)
    return submissions


def reviewer_groups(task_ids):
    """{task id: [group names]} for the group approval tasks among `task_ids`."""
    groups = {}
    if not task_ids:
        return groups
    # Task ids are unique across task types (multi-table inheritance): one query.
    rows = (
        Group.objects.filter(
            Q(groupapprovaltask__in=task_ids) | Q(facultyreviewtask__in=task_ids)
        )
        .values_list("groupapprovaltask", "facultyreviewtask", "name")
        .order_by("name")
    )
    for group_task, faculty_task, name in rows:
        for task_id in {group_task, faculty_task} & task_ids:
            if name not in groups.setdefault(task_id, []):
                groups[task_id].append(name)
    return groups


# --- Writing and editing ------------------------------------------------------------


def forbidden(request, reason, status=403, template="submissions/forbidden.html"):
    return render(request, template, {"reason": reason}, status=status)


def _new_token(request):
    tokens = request.session.get(TOKENS_KEY, {})
    token = secrets.token_urlsafe(16)
    tokens[token] = None
    request.session[TOKENS_KEY] = dict(list(tokens.items())[-MAX_TOKENS:])
    return token


def _action(request):
    return SUBMIT if request.POST.get("action") == SUBMIT else SAVE_DRAFT


def _saved(request, page, action):
    """Where the form goes once saved: the preview, or the dashboard with a message."""
    if request.POST.get("action") == PREVIEW:
        return redirect("submissions:preview", page_id=page.pk)
    messages.success(request, SUBMITTED if action == SUBMIT else SAVED)
    return redirect("submissions:dashboard")


@login_required
@require_http_methods(["GET", "POST"])
def submit(request):
    """/best-practices/submit/: write a new best practice, save it or submit it."""
    person = participant_person(request.user)
    if person is None:
        return forbidden(
            request,
            _(
                "Only participants in the program can write best practices. If you "
                "are a participant, ask program staff to link your account to your "
                "participant record."
            ),
        )
    enrollment = current_enrollment(person)
    cohort = enrollment.cohort if enrollment else None
    choices = co_author_choices(person, cohort)

    if request.method == "GET":
        form = BestPracticeForm(
            co_author_choices=choices, initial={"form_token": _new_token(request)}
        )
        return _render_form(request, form, cohort=cohort)

    action = _action(request)
    form = BestPracticeForm(
        request.POST, request.FILES, co_author_choices=choices, action=action
    )
    token = request.POST.get("form_token", "")
    tokens = request.session.get(TOKENS_KEY, {})
    if token and tokens.get(token):
        messages.info(
            request,
            _("We already have this best practice; it was saved once, not twice."),
        )
        return redirect("submissions:dashboard")
    if token not in tokens:
        form.is_valid()
        form.add_error(
            None,
            _(
                "This form was already sent or has expired. Check your dashboard, "
                "then send it again if your best practice is not there."
            ),
        )
        return _render_form(request, _fresh_token(request, form), cohort=cohort)
    if not form.is_valid():
        return _render_form(request, form, cohort=cohort)
    try:
        page, created = create_submission(
            user=request.user,
            person=person,
            cohort=cohort,
            data=form.cleaned_data,
            action=action,
            cohort_people=choices,
        )
    except SubmissionRefused as error:
        form.add_error(None, str(error))
        return _render_form(request, form, cohort=cohort)
    tokens[token] = page.pk
    request.session[TOKENS_KEY] = tokens
    if not created:
        messages.info(
            request,
            _("We already have this best practice; it was saved once, not twice."),
        )
        return redirect("submissions:dashboard")
    return _saved(request, page, action)


def _fresh_token(request, form):
    data = form.data.copy()
    data["form_token"] = _new_token(request)
    form.data = data
    return form


@login_required
@require_http_methods(["GET", "POST"])
def edit(request, page_id):
    """Edit my draft, or my submission after changes were requested; resubmit it."""
    person = participant_person(request.user)
    if person is None:
        return forbidden(
            request, _("Only participants in the program can edit best practices.")
        )
    page = get_object_or_404(BestPracticePage, pk=page_id)
    if not page.authored_by_user(request.user):
        return forbidden(
            request, _("You can only edit best practices you wrote or co-wrote.")
        )
    can_edit, state = editable_state(page)
    if not can_edit:
        return forbidden(
            request,
            _("Published best practices are changed by program staff.")
            if page.live
            else _(
                "It is with reviewers, so it cannot be changed now. You will get an "
                "e-mail when they request changes or approve it."
            ),
            template="submissions/in_review.html",
        )
    draft = page.get_latest_revision_as_object()
    cohort = draft.cohort
    choices = co_author_choices(person, cohort)
    changes_requested = (
        state is not None and state.status == WorkflowState.STATUS_NEEDS_CHANGES
    )
    extra = {
        "page": None,
        "draft": draft,
        "changes_requested": changes_requested,
        "feedback": _feedback(state) if changes_requested else None,
    }

    if request.method == "GET":
        cohort_ids = set(choices.values_list("pk", flat=True))
        form = BestPracticeForm(
            co_author_choices=choices,
            has_attachment=bool(draft.attachment_id),
            initial={
                "title": draft.title,
                "intro": draft.intro,
                "topic_areas": list(draft.topic_areas.all()),
                "tags": edit_string_for_tags(list(draft.tags.all())),
                "body": draft.body,
                "co_authors": [
                    a.person_id
                    for a in draft.authors.all()
                    if a.person_id in cohort_ids
                ],
            },
        )
        return _render_form(request, form, cohort=cohort, **extra)

    action = _action(request)
    form = BestPracticeForm(
        request.POST,
        request.FILES,
        co_author_choices=choices,
        action=action,
        has_attachment=bool(draft.attachment_id),
    )
    if not form.is_valid():
        return _render_form(request, form, cohort=cohort, **extra)
    try:
        update_submission(
            user=request.user,
            person=person,
            page=page,
            data=form.cleaned_data,
            action=action,
            cohort_people=choices,
        )
    except SubmissionRefused as error:
        form.add_error(None, str(error))
        return _render_form(request, form, cohort=cohort, **extra)
    return _saved(request, page, action)


def _feedback(state):
    """The reviewer's comment and rubric scores on the rejected task."""
    task_state = state.current_task_state
    if task_state is None:
        return None
    rubric = RubricTaskState.objects.filter(pk=task_state.pk).first()
    return {
        "comment": task_state.comment,
        "scores": rubric.scores if rubric is not None and rubric.scored else [],
    }


def _render_form(request, form, *, cohort, **extra):
    return render(
        request,
        "submissions/best_practice_form.html",
        {
            "form": form,
            "cohort": cohort,
            "editing": "draft" in extra,
            **extra,
        },
    )


# --- Preview, what was sent, withdrawing --------------------------------------------


def _authored_page(request, page_id):
    """(page, None) if the user wrote or co-wrote it, else (None, a 403 response)."""
    page = get_object_or_404(BestPracticePage, pk=page_id)
    if not page.authored_by_user(request.user):
        return None, forbidden(
            request, _("You can only open best practices you wrote or co-wrote.")
        )
    return page, None


@login_required
@require_GET
def preview(request, page_id):
    """The latest draft as the public will see it, in the public template."""
    page, refused = _authored_page(request, page_id)
    if refused:
        return refused
    draft = page.get_latest_revision_as_object()
    context = draft.get_context(request)
    context.update(
        page=draft,
        can_edit=editable_state(page)[0],
        original=page,
    )
    response = render(request, "submissions/preview.html", context)
    response["X-Robots-Tag"] = "noindex"
    return response


@login_required
@require_GET
def sent(request, page_id):
    """What was sent for review, read-only: for its authors and its reviewers."""
    page = get_object_or_404(BestPracticePage, pk=page_id)
    author = page.authored_by_user(request.user)
    if not author and not may_review(page, request.user):
        return forbidden(
            request,
            _("Only its authors and its reviewers can read a best practice in review."),
        )
    state = (
        page.workflow_states.exclude(status=WorkflowState.STATUS_CANCELLED)
        .order_by("-created_at", "-pk")
        .first()
    )
    revision = (
        state.current_task_state.revision
        if state is not None and state.current_task_state_id
        else page.latest_revision
    )
    shown = revision.as_object() if revision else page
    item = next(
        (i for i in submissions_for(request.user) if i.page.pk == page.pk), None
    )
    return render(
        request,
        "submissions/sent.html",
        {
            "page": None,
            "practice": shown,
            "item": item,
            "state": state,
            "author": author,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def withdraw(request, page_id):
    """Asks, then takes the author's practice out of review, back to a draft."""
    page, refused = _authored_page(request, page_id)
    if refused:
        return refused
    state = page.current_workflow_state
    in_review = (
        not page.live
        and state is not None
        and state.status == WorkflowState.STATUS_IN_PROGRESS
    )
    if request.method == "POST":
        try:
            told = withdraw_submission(user=request.user, page=page)
        except SubmissionRefused as error:
            messages.error(request, str(error))
            return redirect("submissions:dashboard")
        title = page.get_latest_revision_as_object().title
        messages.success(
            request,
            _(
                "“%(title)s” is withdrawn from review and is a draft again. "
                "Reviewers were told (%(count)d)."
            )
            % {"title": title, "count": told}
            if told
            else _("“%(title)s” is withdrawn from review and is a draft again.")
            % {"title": title},
        )
        return redirect("submissions:dashboard")
    if not in_review:
        return forbidden(
            request,
            _("Only a best practice that is in review can be withdrawn."),
            status=409,
        )
    return render(
        request,
        "submissions/withdraw.html",
        {"page": None, "practice": page.get_latest_revision_as_object()},
    )
