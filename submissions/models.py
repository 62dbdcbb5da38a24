"""The faculty review task, which records a rubric with each decision.

Built on Wagtail's group approval task; see "Adding new Task types" in Wagtail's
docs (extending/custom_tasks) for the hooks overridden here.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.models import AbstractGroupApprovalTask, TaskState

from submissions.choices import CRITERIA, Score


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
    def summary_by_cohort(cls):
        """Average scores of decided faculty reviews, per cohort year of the practice.

        Returns {year: {"reviews": n, "relevance": 3.5, ...}}, newest year first.
        """
        from case_studies.models import BestPracticePage

        decided = cls.objects.filter(
            status__in=[TaskState.STATUS_APPROVED, TaskState.STATUS_REJECTED],
            relevance__isnull=False,
        ).values("workflow_state__object_id", *CRITERIA)
        states = list(decided)
        years = dict(
            BestPracticePage.objects.filter(
                pk__in={int(state["workflow_state__object_id"]) for state in states}
            ).values_list("pk", "cohort__year")
        )
        totals = {}
        for state in states:
            year = years.get(int(state["workflow_state__object_id"]))
            if year is None:
                continue
            entry = totals.setdefault(
                year, {"reviews": 0, **dict.fromkeys(CRITERIA, 0)}
            )
            entry["reviews"] += 1
            for name in CRITERIA:
                entry[name] += state[name]
        return {
            year: {
                "reviews": entry["reviews"],
                **{name: round(entry[name] / entry["reviews"], 2) for name in CRITERIA},
            }
            for year, entry in sorted(totals.items(), reverse=True)
        }


class FacultyReviewTask(AbstractGroupApprovalTask):
    """Faculty review: approve or request changes, scoring the rubric either way."""

    task_state_class = RubricTaskState

    class Meta:
        verbose_name = _("faculty review with rubric")
        verbose_name_plural = _("faculty reviews with rubric")

    def get_actions(self, obj, user):
        if user.is_superuser or self._user_in_groups(user):
            # Both open a dialog: the rubric is recorded with every decision.
            return [
                ("reject", _("Request changes"), True),
                ("approve", _("Approve"), True),
            ]
        return []

    def get_form_for_action(self, action):
        from submissions.forms import ApproveRubricForm, RequestChangesRubricForm

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
