from django.conf import settings
from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.http import HttpResponseForbidden
from django.shortcuts import redirect
from django.template.loader import render_to_string
from django.urls import path
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.action_menu import WorkflowMenuItem

from submissions.admin_views import (
    AwaitingReviewPanel,
    ReviewDoneView,
    last_decision,
    review_done_url,
)
from submissions.models import APPROVE_AND_PUBLISH
from submissions.permissions import may_open_attachment
from submissions.services import SUBMISSIONS_COLLECTION
from submissions.viewsets import RubricReportViewSet


@hooks.register("register_admin_viewset")
def register_rubric_report_viewset():
    return RubricReportViewSet()


@hooks.register("register_admin_urls")
def register_review_done_url():
    return [
        path(
            "reviews/done/<int:task_state_id>/",
            ReviewDoneView.as_view(),
            name="review_done",
        ),
    ]


@hooks.register("construct_homepage_panels")
def show_what_awaits_review_oldest_first(request, panels):
    panels[:] = [
        panel for panel in panels if panel.name != "workflow_objects_to_moderate"
    ]
    panels.append(AwaitingReviewPanel())


@hooks.register("construct_page_action_menu")
def put_review_actions_first(menu_items, request, context):
    """For a reviewer of a page in review, Approve is the menu's main button and
    Request changes the first item under it, ahead of Save draft (Wagtail lists
    workflow actions among the others, sorted by order; see
    wagtail/admin/action_menu.py `PageActionMenu`)."""
    workflow_items = [item for item in menu_items if isinstance(item, WorkflowMenuItem)]
    if not workflow_items:
        return
    # The first Approve, then Request changes, then the rest ("Approve with comment").
    main = next((item for item in workflow_items if item.name == "approve"), None)
    workflow_items.sort(
        key=lambda item: 0 if item is main else 1 if item.name == "reject" else 2
    )
    for item in workflow_items:
        if item.name == "approve" and item.label.endswith(" and Publish"):
            item.label = APPROVE_AND_PUBLISH
    others = [item for item in menu_items if item not in workflow_items]
    menu_items[:] = [*workflow_items, *others]


@hooks.register("after_edit_page")
def land_reviewers_on_what_awaits_them(request, page):
    """After Approve or Request changes in the editor, the dashboard with a message,
    rather than Wagtail's explorer listing (often "0 pages" to a reviewer)."""
    if not request.POST.get("action-workflow-action"):
        return None
    decision = last_decision(page, request.user)
    if decision is None:
        return None
    # Wagtail's "Page 'X' has been updated." says less than ours; drop it.
    list(messages.get_messages(request))
    return redirect(review_done_url(decision))


@hooks.register("before_serve_document")
def keep_unpublished_attachments_to_authors_and_reviewers(document, request):
    """An attachment awaiting publication: its authors, the reviewers whose turn it
    is, and site administrators only (`submissions.permissions.may_open_attachment`).

    Runs before Wagtail's collection check. Visitors who are not signed in are
    sent to sign in here too, so the rule holds even if the collection's own
    restriction were removed.
    """
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
