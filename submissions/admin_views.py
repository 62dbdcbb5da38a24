"""Admin report: the faculty review rubric, averaged per cohort."""

from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from people.roles import FACULTY, PROGRAM_DIRECTOR
from submissions.choices import CRITERIA
from submissions.models import RubricTaskState


def can_see_rubric_summary(user):
    return user.is_active and (
        user.is_superuser
        or user.groups.filter(name__in=[FACULTY, PROGRAM_DIRECTOR]).exists()
    )


class RubricSummaryView(WagtailAdminTemplateMixin, TemplateView):
    """Average rubric scores of decided faculty reviews, one row per cohort year."""

    page_title = _("Review rubric by cohort")
    header_icon = "tasks"
    template_name = "submissions/admin/rubric_summary.html"

    def dispatch(self, request, *args, **kwargs):
        if not can_see_rubric_summary(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

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
                "year": year,
                "reviews": row["reviews"],
                "scores": [row[name] for name in CRITERIA],
            }
            for year, row in RubricTaskState.summary_by_cohort().items()
        ]
        context["breadcrumbs_items"] = self.get_breadcrumbs_items()
        return context
