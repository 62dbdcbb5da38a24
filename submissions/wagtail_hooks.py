from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from submissions.admin_views import RubricSummaryView, can_see_rubric_summary


class RubricSummaryMenuItem(MenuItem):
    def is_shown(self, request):
        return can_see_rubric_summary(request.user)


@hooks.register("register_admin_urls")
def register_rubric_summary_url():
    return [path("reports/rubric/", RubricSummaryView.as_view(), name="rubric_summary")]


@hooks.register("register_reports_menu_item")
def register_rubric_summary_menu_item():
    return RubricSummaryMenuItem(
        _("Review rubric by cohort"),
        reverse("rubric_summary"),
        name="rubric-summary",
        icon_name="tasks",
        order=850,
    )
