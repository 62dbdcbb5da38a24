"""The "Undelivered e-mails" report: the e-mail queue's failures, for administrators
and the Program Director (who hold `outbox.view_outgoingemail`; people/roles.py).

A read-only ModelViewSet: nothing is added or edited by hand. Each row has "Retry
now" (`outbox.change_outgoingemail`), which queues the e-mail for one more attempt.
"""

from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.admin.views.generic import IndexView, InspectView
from wagtail.admin.views.generic.base import (
    BaseOperationView,
    WagtailAdminTemplateMixin,
)
from wagtail.admin.views.generic.permissions import PermissionCheckedMixin
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets import ListingButton

from outbox.models import OutgoingEmail
from outbox.queue import retry_now

UNDELIVERED = [
    OutgoingEmail.Status.QUEUED,
    OutgoingEmail.Status.SENDING,
    OutgoingEmail.Status.FAILED,
]


class UndeliveredEmailIndexView(IndexView):
    """Every e-mail not yet sent, newest first, each with "Retry now"."""

    retry_url_name = None

    def get_base_queryset(self):
        return super().get_base_queryset().filter(status__in=UNDELIVERED)

    def get_retry_url(self, instance):
        if self.retry_url_name and self.user_has_permission("change"):
            return reverse(self.retry_url_name, args=[instance.pk])

    def get_list_more_buttons(self, instance):
        buttons = super().get_list_more_buttons(instance)
        if url := self.get_retry_url(instance):
            buttons.insert(
                0, ListingButton(_("Retry now"), url=url, icon_name="resubmit")
            )
        return buttons


class RetryEmailView(
    PermissionCheckedMixin, WagtailAdminTemplateMixin, BaseOperationView
):
    """Asks, then queues the e-mail for one more attempt at once."""

    model = OutgoingEmail
    permission_required = "change"
    template_name = "outbox/admin/outgoing_email_retry.html"
    page_title = _("Retry an e-mail")
    header_icon = "mail"
    index_url_name = None

    def get_base_object_queryset(self):
        return OutgoingEmail.objects.filter(status__in=UNDELIVERED)

    def get_page_subtitle(self):
        return self.object.subject

    def get_success_url(self):
        return self.next_url or reverse(self.index_url_name)

    def get_success_message(self):
        if self.queued:
            return _("The e-mail to %(to)s is queued again.") % {
                "to": self.object.recipients
            }
        return None

    def perform_operation(self):
        self.queued = retry_now(self.object)

    def get(self, request, *args, **kwargs):
        return self.render_to_response(self.get_context_data(email=self.object))

    def post(self, request, *args, **kwargs):
        response = super().post(request, *args, **kwargs)
        if not self.queued:
            return redirect(reverse(self.index_url_name))
        return response


class OutgoingEmailViewSet(ModelViewSet):
    """Undelivered e-mails: recipient, subject, attempts, last error, retry."""

    model = OutgoingEmail
    name = "undelivered_emails"
    url_prefix = "reports/undelivered-emails"
    icon = "mail"
    menu_label = _("Undelivered e-mails")
    index_view_class = UndeliveredEmailIndexView
    inspect_view_class = InspectView
    inspect_view_enabled = True
    copy_view_enabled = False
    add_to_reference_index = False
    list_display = [
        "subject",
        Column("recipients", label=_("To")),
        Column("status", label=_("Status"), accessor="get_status_display"),
        Column("attempts", label=_("Attempts")),
        Column("last_error", label=_("Last error")),
        DateColumn("created_at", label=_("Queued")),
        DateColumn("next_attempt_at", label=_("Next attempt")),
    ]
    list_filter = ["status"]
    search_fields = ["subject"]
    # Never the body: a password-reset link in it would let the director take over
    # the account it was sent for.
    inspect_view_fields = [
        "subject",
        "from_email",
        "to",
        "cc",
        "reply_to",
        "status",
        "attempts",
        "last_error",
        "created_at",
        "last_attempt_at",
        "next_attempt_at",
        "task_id",
    ]

    def get_common_view_kwargs(self, **kwargs):
        # No add, edit, delete, copy, history or usage screens: a record of delivery.
        return super().get_common_view_kwargs(
            add_url_name=None,
            edit_url_name=None,
            delete_url_name=None,
            history_url_name=None,
            usage_url_name=None,
            **kwargs,
        )

    def get_index_view_kwargs(self, **kwargs):
        return super().get_index_view_kwargs(
            retry_url_name=self.get_url_name("retry"), **kwargs
        )

    @property
    def retry_view(self):
        return self.construct_view(
            RetryEmailView,
            index_url_name=self.get_url_name("index"),
        )

    def get_urlpatterns(self):
        return [
            path("", self.index_view, name="index"),
            path("results/", self.index_results_view, name="index_results"),
            path("inspect/<int:pk>/", self.inspect_view, name="inspect"),
            path("retry/<int:pk>/", self.retry_view, name="retry"),
        ]

    def get_menu_item(self, order=None):
        return UndeliveredEmailMenuItem(
            self.menu_label,
            reverse(self.get_url_name("index")),
            name=self.name,
            icon_name=self.icon,
            order=order or 900,
        )


class UndeliveredEmailMenuItem(MenuItem):
    """Under Reports, for those who may see the queue."""

    def is_shown(self, request):
        return request.user.has_perm("outbox.view_outgoingemail")


outgoing_email_viewset = OutgoingEmailViewSet()
