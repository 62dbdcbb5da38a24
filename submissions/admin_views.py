"""Admin screens for reviewers: the rubric report, what awaits review, and where a
reviewer lands after a decision."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.timesince import timesince
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django.views.generic import TemplateView, View
from wagtail.admin.ui.components import Component
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.models import Page, TaskState

from core.admin_tools import AdminToolView
from core.exports import SpreadsheetReportMixin
from submissions.choices import CRITERIA
from submissions.models import RubricTaskState


class RubricReportMixin(SpreadsheetReportMixin):
    """Shared by the rubric report's screens: exports that cannot carry spreadsheet
    formulas (core/exports.py). Who may see them is `RubricReportViewSet`'s
    (submissions/viewsets.py: `may_see_rubric_report`)."""

    header_icon = "tasks"

    def export_rows(self):
        return self.get_rows()


class RubricSummaryView(
    AdminToolView, RubricReportMixin, WagtailAdminTemplateMixin, TemplateView
):
    """Average rubric scores of each best practice's final faculty decision, one
    row per cohort year, each drilling down to the practices behind it."""

    page_title = _("Review rubric by cohort")
    template_name = "submissions/admin/rubric_summary.html"
    export_filename = "rubric-by-cohort"

    @property
    def list_export(self):
        return ["year", "reviews", "rounds", *CRITERIA]

    @property
    def export_headings(self):
        return {
            "year": _("Class of"),
            "reviews": _("Best practices"),
            "rounds": _("Reviews, all rounds"),
            **{name: label for name, (label, _question) in CRITERIA.items()},
        }

    def get_rows(self):
        return [
            {"year": year, **row}
            for year, row in RubricTaskState.summary_by_cohort().items()
        ]

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse("rubric_summary"), "label": self.page_title},
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["criteria"] = [label for label, _question in CRITERIA.values()]
        context["rows"] = [
            {
                "year": row["year"],
                "reviews": row["reviews"],
                "rounds": row["rounds"],
                "scores": [row[name] for name in CRITERIA],
                "url": reverse("rubric_cohort", args=(row["year"],)),
            }
            for row in self.get_rows()
        ]
        context["export_url"] = reverse("rubric_summary")
        context["breadcrumbs_items"] = self.get_breadcrumbs_items()
        return context


class RubricCohortView(
    AdminToolView, RubricReportMixin, WagtailAdminTemplateMixin, TemplateView
):
    """The best practices behind one cohort's averages: each one's final decision,
    its scores, who reviewed it and in which round."""

    template_name = "submissions/admin/rubric_cohort.html"

    @property
    def page_title(self):
        return _("Review rubric: class of %(year)s") % {"year": self.kwargs["year"]}

    @property
    def export_filename(self):
        return f"rubric-class-of-{self.kwargs['year']}"

    @property
    def list_export(self):
        return ["page_title", "decision", "round", "reviewer", "decided", *CRITERIA]

    @property
    def export_headings(self):
        return {
            "page_title": _("Best practice"),
            "decision": _("Final decision"),
            "round": _("Round"),
            "reviewer": _("Reviewer"),
            "decided": _("Decided on"),
            **{name: label for name, (label, _question) in CRITERIA.items()},
        }

    def get_rows(self):
        rows = []
        for state in RubricTaskState.final_decisions(year=self.kwargs["year"]):
            reviewer = state.finished_by
            rows.append(
                {
                    "page_title": state.page_title,
                    "page_id": state.page_id,
                    "decision": str(
                        _("Approved")
                        if state.status == TaskState.STATUS_APPROVED
                        else _("Changes requested")
                    ),
                    "round": state.round,
                    "reviewer": (reviewer.get_full_name() or reviewer.get_username())
                    if reviewer
                    else "",
                    "decided": state.finished_at.date() if state.finished_at else None,
                    **{name: getattr(state, name) for name in CRITERIA},
                }
            )
        return rows

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["criteria"] = [label for label, _question in CRITERIA.values()]
        context["rows"] = [
            {**row, "scores": [row[name] for name in CRITERIA]}
            for row in self.get_rows()
        ]
        context["export_url"] = reverse("rubric_cohort", args=(self.kwargs["year"],))
        context["breadcrumbs_items"] = [
            *self.breadcrumbs_items,
            {"url": reverse("rubric_summary"), "label": _("Review rubric by cohort")},
            {"url": "", "label": self.page_title},
        ]
        return context


# --- What awaits a reviewer -------------------------------------------------------


def awaiting_review(user):
    """The task states awaiting `user`'s review, oldest first, each with its page
    (`.page`, title and id only) and its age. A fixed number of queries: one per
    active task type (Wagtail's `reviewable_by`) and one for the pages."""
    states = list(
        TaskState.objects.reviewable_by(user)
        .select_related("task", "workflow_state__requested_by")
        .order_by("started_at", "pk")
    )
    pages = Page.objects.in_bulk(
        {int(state.workflow_state.object_id) for state in states}
    )
    now = timezone.now()
    result = []
    for state in states:
        state.page = pages.get(int(state.workflow_state.object_id))
        if state.page is None:
            continue
        state.waiting = timesince(state.started_at, now, depth=1)
        result.append(state)
    return result


class AwaitingReviewPanel(Component):
    """The dashboard's "Awaiting your review": oldest first, with how long each has
    waited; replaces Wagtail's WorkflowObjectsToModeratePanel
    (wagtail/admin/views/home.py), which lists newest first and no age."""

    name = "awaiting_review"
    template_name = "submissions/admin/awaiting_review_panel.html"
    order = 210

    def get_context_data(self, parent_context):
        request = parent_context["request"]
        return {"states": awaiting_review(request.user), "request": request}


def review_done_url(task_state):
    return reverse("review_done", args=(task_state.pk,))


def last_decision(page, user):
    """The task state of `page` that `user` decided most recently, if any."""
    return (
        TaskState.objects.for_instance(page)
        .filter(
            finished_by=user,
            status__in=[TaskState.STATUS_APPROVED, TaskState.STATUS_REJECTED],
        )
        .order_by("-finished_at", "-pk")
        .first()
    )


class ReviewDoneView(View):
    """Where a reviewer lands after approving or requesting changes: the dashboard,
    with a message naming what they did and how much still awaits them."""

    def get(self, request, task_state_id):
        task_state = get_object_or_404(
            TaskState.objects.select_related("workflow_state"),
            pk=task_state_id,
            finished_by=request.user,
        )
        page = Page.objects.filter(pk=task_state.workflow_state.object_id).first()
        title = page.get_admin_display_title() if page else ""
        if task_state.status == TaskState.STATUS_APPROVED:
            done = _("You approved '%(title)s'.") % {"title": title}
        else:
            done = _("You requested changes to '%(title)s'.") % {"title": title}
        left = len(awaiting_review(request.user))
        if left:
            still = ngettext(
                "%(count)d item still awaits your review.",
                "%(count)d items still await your review.",
                left,
            ) % {"count": left}
        else:
            still = _("Nothing else awaits your review.")
        messages.success(request, f"{done} {still}")
        return redirect("wagtailadmin_home")


def staff_dashboard(user):
    """What /dashboard/ shows program staff (templates/submissions/includes/
    staff_dashboard.html), or None for anyone without admin access."""
    if not user.has_perm("wagtailadmin.access_admin"):
        return None
    return {
        "admin_url": reverse("wagtailadmin_home"),
        "awaiting": awaiting_review(user),
    }
