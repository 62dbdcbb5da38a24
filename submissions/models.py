"""The faculty review task, which records a rubric with each decision.

Built on Wagtail's group approval task; see "Adding new Task types" in Wagtail's
docs (extending/custom_tasks) for the hooks overridden here.
"""

from django.db import models
from django.db.models import CharField
from django.db.models.functions import Cast
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail.models import (
    AbstractGroupApprovalTask,
    GroupApprovalTask,
    Page,
    TaskState,
    WorkflowState,
)

from case_studies.models import BestPracticePage
from submissions.choices import CRITERIA, Score
from submissions.forms import ApproveRubricForm, RequestChangesRubricForm


class RubricTaskState(TaskState):
    """A faculty review's state, with the rubric the reviewer recorded."""

    relevance = models.PositiveSmallIntegerField(
        _("relevance"), choices=Score.choices, null=True
    )
    evidence = models.PositiveSmallIntegerField(
        _("evidence"), choices=Score.choices, null=True
    )
    transferability = models.PositiveSmallIntegerField(
        _("transferability"), choices=Score.choices, null=True
    )
    clarity = models.PositiveSmallIntegerField(
        _("clarity"), choices=Score.choices, null=True
    )

    class Meta:
        verbose_name = _("faculty review")
        verbose_name_plural = _("faculty reviews")

    @property
    def scored(self):
        return all(getattr(self, name) is not None for name in CRITERIA)

    @property
    def scores(self):
        """[(label, score)] in rubric order, for feedback to the participant."""
        return [(label, getattr(self, name)) for name, (label, _q) in CRITERIA.items()]

    @property
    def total(self):
        return sum(getattr(self, name) or 0 for name in CRITERIA)

    @classmethod
    def final_decisions(cls, year=None):
        """Each reviewed best practice's last faculty decision (earlier rounds, before
        a resubmission, are left out), newest first, with `.page_title`, `.year`,
        `.round` (1 for the first review) and `.page_id`. Two queries."""
        decided = list(
            cls.objects.filter(
                status__in=[TaskState.STATUS_APPROVED, TaskState.STATUS_REJECTED],
                relevance__isnull=False,
            )
            .select_related("finished_by", "workflow_state")
            .order_by("finished_at", "pk")
        )
        last, rounds = {}, {}
        for state in decided:
            page_id = int(state.workflow_state.object_id)
            rounds[page_id] = rounds.get(page_id, 0) + 1
            state.round = rounds[page_id]
            state.page_id = page_id
            last[page_id] = state
        pages = {
            row["pk"]: row
            for row in BestPracticePage.objects.filter(pk__in=last).values(
                "pk", "title", "cohort__year"
            )
        }
        result = []
        for page_id, state in last.items():
            page = pages.get(page_id)
            if page is None or page["cohort__year"] is None:
                continue
            state.page_title = page["title"]
            state.year = page["cohort__year"]
            if year is None or state.year == year:
                result.append(state)
        result.sort(key=lambda state: state.finished_at, reverse=True)
        return result

    @classmethod
    def summary_by_cohort(cls):
        """Average scores of each best practice's final faculty decision, per cohort
        year of the practice (a resubmitted practice counts once, as last scored).

        Returns {year: {"reviews": n, "rounds": m, "relevance": 3.5, ...}}, newest
        year first; `rounds` counts every decided review, `reviews` the practices.
        """
        totals = {}
        for state in cls.final_decisions():
            entry = totals.setdefault(
                state.year, {"reviews": 0, "rounds": 0, **dict.fromkeys(CRITERIA, 0)}
            )
            entry["reviews"] += 1
            entry["rounds"] += state.round
            for name in CRITERIA:
                entry[name] += getattr(state, name)
        return {
            year: {
                "reviews": entry["reviews"],
                "rounds": entry["rounds"],
                **{name: round(entry[name] / entry["reviews"], 2) for name in CRITERIA},
            }
            for year, entry in sorted(totals.items(), reverse=True)
        }


APPROVE_AND_PUBLISH = _("Approve and publish")


def _is_best_practice(obj):
    model = obj.specific_class if isinstance(obj, Page) else type(obj)
    return model is not None and issubclass(model, BestPracticePage)


def submitter_ids(obj):
    """Ids of the users whose own work `obj`'s review is: who submitted it (started
    its workflow) and, for a best practice, its owner and authors with a sign-in."""
    ids = set()
    workflow_state = (
        WorkflowState.objects.active()
        .for_instance(obj)
        .values_list("requested_by_id", flat=True)
        .first()
    )
    if workflow_state is not None:
        ids.add(workflow_state)
    if _is_best_practice(obj):
        # The specific page without a query (its own fields deferred, unread).
        ids.update(obj.specific_deferred.author_user_ids())
    ids.discard(None)
    return ids


class NoSelfReviewMixin:
    """Nobody reviews their own work: the submitter (and a best practice's owner and
    authors) gets no review action, no review access and no place in the listings
    of what awaits review, at any step, whatever their groups.

    Overrides the Task methods documented in Wagtail's "Adding new Task types"
    (https://docs.wagtail.org/en/stable/extending/custom_tasks.html); see
    wagtail/models/workflows.py `AbstractGroupApprovalTask` for the defaults.
    Wagtail's workflow action views check `get_actions` on every POST, so an
    action refused here is refused on the server too.
    """

    def is_submitter(self, obj, user):
        if not user.is_authenticated or obj is None or obj.pk is None:
            return False
        # Cached on the user for the request, as `_user_in_groups` is.
        cache = user.__dict__.setdefault("_submitter_checks", {})
        key = (obj._meta.label_lower, obj.pk)
        if key not in cache:
            cache[key] = user.pk in submitter_ids(obj)
        return cache[key]

    def user_can_access_editor(self, obj, user):
        if self.is_submitter(obj, user):
            return False
        return super().user_can_access_editor(obj, user)

    def user_can_lock(self, obj, user):
        if self.is_submitter(obj, user):
            return False
        return super().user_can_lock(obj, user)

    def get_actions(self, obj, user):
        if self.is_submitter(obj, user):
            return []
        return super().get_actions(obj, user)

    def on_action(self, task_state, user, action_name, **kwargs):
        """Returns where the reviewer lands: the dashboard, with what they did.
        (Wagtail's workflow action view redirects to what on_action returns.)"""
        super().on_action(task_state, user, action_name, **kwargs)
        if action_name in ("approve", "reject"):
            return reverse("review_done", args=(task_state.pk,))
        return None

    def get_task_states_user_can_moderate(self, user, **kwargs):
        states = super().get_task_states_user_can_moderate(user, **kwargs)
        if not user.is_authenticated:
            return states
        own_practices = (
            BestPracticePage.objects.authored_by(user)
            .annotate(pk_text=Cast("pk", CharField()))
            .values("pk_text")
        )
        return states.exclude(workflow_state__requested_by=user).exclude(
            workflow_state__base_content_type__model="page",
            workflow_state__base_content_type__app_label="wagtailcore",
            workflow_state__object_id__in=own_practices,
        )


class ReviewTask(NoSelfReviewMixin, GroupApprovalTask):
    """Wagtail's group approval, where the submitter is never among the reviewers
    (faculty peer review, Program Director approval)."""

    class Meta:
        verbose_name = _("group review")
        verbose_name_plural = _("group reviews")

    def get_actions(self, obj, user):
        actions = super().get_actions(obj, user)
        workflow_state = getattr(obj, "current_workflow_state", None)
        if actions and workflow_state and workflow_state.is_at_final_task:
            # The last step publishes: one unambiguous action, confirmed in a
            # dialog (a modal action), instead of "Approve" and "Approve with comment".
            return [
                ("approve", APPROVE_AND_PUBLISH, True),
                ("reject", _("Request changes"), True),
            ]
        return actions

    @classmethod
    def get_description(cls):
        return _(
            "Members of the chosen groups approve or request changes; nobody "
            "reviews their own submission."
        )


class FacultyReviewTask(NoSelfReviewMixin, AbstractGroupApprovalTask):
    """Faculty review: approve or request changes, scoring the rubric either way."""

    task_state_class = RubricTaskState

    class Meta:
        verbose_name = _("faculty review with rubric")
        verbose_name_plural = _("faculty reviews with rubric")

    def get_actions(self, obj, user):
        # The group's reviewers, less the submitter (NoSelfReviewMixin).
        if super().get_actions(obj, user):
            # Both open a dialog: the rubric is recorded with every decision.
            return [
                ("reject", _("Request changes"), True),
                ("approve", _("Approve"), True),
            ]
        return []

    def get_form_for_action(self, action):
        return RequestChangesRubricForm if action == "reject" else ApproveRubricForm

    def on_action(self, task_state, user, action_name, **kwargs):
        scores = {name: kwargs.pop(name) for name in CRITERIA if name in kwargs}
        if scores:
            state = task_state.specific
            for name, value in scores.items():
                setattr(state, name, int(value))
            state.save(update_fields=list(scores))
        return super().on_action(task_state, user, action_name, **kwargs)

    @classmethod
    def get_description(cls):
        return _(
            "Members of the chosen groups approve or request changes, scoring relevance, "
            "evidence, transferability and clarity from 1 to 4."
        )
