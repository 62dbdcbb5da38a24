"""Admin screens of the reviews."""

from django.utils.translation import gettext_lazy as _

from core.admin_tools import AdminToolViewSet
from submissions.admin_views import RubricCohortView, RubricSummaryView
from submissions.permissions import may_see_rubric_report


class RubricReportViewSet(AdminToolViewSet):
    """Reports > Review rubric by cohort (submissions/admin_views.py): the final
    decisions' average scores, for those who may see them (`may_see_rubric_report`)."""

    name = "rubric_summary"
    url_prefix = "reports/rubric"
    icon = "tasks"
    menu_label = _("Review rubric by cohort")
    menu_name = "rubric-summary"
    menu_order = 850
    menu_hook = "register_reports_menu_item"
    views = (
        ("", RubricSummaryView, "rubric_summary"),
        ("<int:year>/", RubricCohortView, "rubric_cohort"),
    )

    def permission_check(self, user):
        return may_see_rubric_report(user)
