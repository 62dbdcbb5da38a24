from django.http import HttpResponseForbidden
from django.template.loader import render_to_string
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


@hooks.register("before_serve_document")
def keep_unpublished_attachments_to_authors_and_reviewers(document, request):
    """An attachment awaiting publication: its authors, faculty and the director only.

    The collection's own restriction already turns away visitors who are not signed
    in; this narrows it from every program member to the people concerned.
    """
    from case_studies.models import BestPracticePage
    from submissions.services import SUBMISSIONS_COLLECTION

    if document.collection.name != SUBMISSIONS_COLLECTION:
        return None
    user = request.user
    if not user.is_authenticated:
        return None  # Wagtail's collection check sends them to sign in
    if can_see_rubric_summary(user):  # faculty, the director, administrators
        return None
    pages = BestPracticePage.objects.filter(attachment=document)
    if (
        pages.filter(owner=user).exists()
        or pages.filter(authors__person__user=user).exists()
    ):
        return None
    return HttpResponseForbidden(
        render_to_string(
            "submissions/forbidden.html",
            {
                "reason": "This attachment belongs to a best practice that is still "
                "in review. Only its authors and the program's reviewers can open it."
            },
            request=request,
        ),
    )
