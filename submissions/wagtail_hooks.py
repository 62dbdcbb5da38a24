from django.conf import settings
from django.contrib.auth.views import redirect_to_login
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
    """An attachment awaiting publication: its authors, the reviewers whose turn it
    is, and site administrators only (`submissions.services.may_open_attachment`).

    Runs before Wagtail's collection check. Visitors who are not signed in are
    sent to sign in here too, so the rule holds even if the collection's own
    restriction were removed.
    """
    from submissions.services import SUBMISSIONS_COLLECTION, may_open_attachment

    if document.collection.name != SUBMISSIONS_COLLECTION:
        return None
    user = request.user
    if not user.is_authenticated:
        return redirect_to_login(
            request.get_full_path(), settings.WAGTAIL_FRONTEND_LOGIN_URL
        )
    if may_open_attachment(user, document, request):
        return None
    return HttpResponseForbidden(
        render_to_string(
            "submissions/forbidden.html",
            {
                "reason": _(
                    "This attachment belongs to a best practice that is not "
                    "published. Only its authors, and reviewers while it is in "
                    "their review, can open it."
                )
            },
            request=request,
        ),
    )
