"""Credentials in the admin, for the Program Director and superusers.

A listing (filters by track, year and revocation; search by name; CSV/XLSX export
through core.exports), an inspect screen linking to the certificate and the public
page, the certificate download, and "Revoke" with a reason. Credentials are issued
by `credentials.services.issue_credential` (the graduation action), never typed
in, so there are no add, edit or delete screens.

Graduation (credentials/graduation_views.py) is an admin tool (core/admin_tools.py).
"""

import django_filters
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from django.views import View
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.admin.views.generic import HistoryView, InspectView
from wagtail.admin.views.generic.base import (
    BaseObjectMixin,
    BaseOperationView,
    WagtailAdminTemplateMixin,
)
from wagtail.admin.views.generic.permissions import PermissionCheckedMixin
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets import Button, ListingButton

from core.admin_tools import AdminToolViewSet
from core.exports import ExportIndexView
from credentials.forms import RevokeForm
from credentials.graduation_views import (
    CohortGraduationView,
    GraduationIndexView,
    UndoGraduationView,
)
from credentials.models import Credential
from credentials.permissions import may_view_completion
from credentials.services import revoke_credential
from credentials.views import certificate_response
from curriculum.models import Track


class CredentialFilterSet(WagtailFilterSet):
    """Track, class year and whether revoked."""

    track = django_filters.ModelChoiceFilter(
        label=_("Track"), queryset=Track.objects.all()
    )
    cohort_year = django_filters.NumberFilter(label=_("Class of"))
    revoked = django_filters.BooleanFilter(
        label=_("Revoked"), field_name="revoked_at", lookup_expr="isnull", exclude=True
    )

    class Meta:
        model = Credential
        fields = ["track", "cohort_year", "revoked"]


class CredentialIndexView(ExportIndexView):
    """The listing, with the certificate and revoke actions on each row."""

    certificate_url_name = None
    revoke_url_name = None

    def get_list_more_buttons(self, instance):
        buttons = super().get_list_more_buttons(instance)
        buttons.append(
            ListingButton(
                _("Download certificate"),
                url=reverse(self.certificate_url_name, args=[instance.pk]),
                icon_name="download",
            )
        )
        buttons.append(
            ListingButton(
                _("Public page"), url=instance.get_absolute_url(), icon_name="link"
            )
        )
        if not instance.is_revoked and self.user_has_permission("revoke"):
            buttons.append(
                ListingButton(
                    _("Revoke"),
                    url=reverse(self.revoke_url_name, args=[instance.pk]),
                    icon_name="cross",
                )
            )
        return buttons


class CredentialInspectView(InspectView):
    """Everything recorded, with links to the certificate and the public page."""

    certificate_url_name = None
    revoke_url_name = None
    history_url_name = None

    def get_object(self, queryset=None):
        return get_object_or_404(
            Credential.objects.select_related(
                "track", "issued_by", "revoked_by", "enrollment__person"
            ),
            pk=self.pk,
        )

    @property
    def header_more_buttons(self):
        buttons = [
            Button(
                _("Download certificate"),
                url=reverse(self.certificate_url_name, args=[self.object.pk]),
                icon_name="download",
                priority=10,
            ),
            Button(
                _("Public page"),
                url=self.object.get_absolute_url(),
                icon_name="link",
                priority=20,
            ),
            Button(
                _("History"),
                url=reverse(self.history_url_name, args=[self.object.pk]),
                icon_name="history",
                priority=40,
            ),
        ]
        if not self.object.is_revoked and self.user_has_permission("revoke"):
            buttons.append(
                Button(
                    _("Revoke"),
                    url=reverse(self.revoke_url_name, args=[self.object.pk]),
                    icon_name="cross",
                    priority=30,
                )
            )
        return buttons


class CredentialHistoryView(HistoryView):
    """Who issued and revoked it, and the graduate's choices: for whoever may see
    credentials (Wagtail's asks for add, change or delete, which nobody has here)."""

    any_permission_required = ["view", "revoke"]


class StaffCertificateView(PermissionCheckedMixin, BaseObjectMixin, View):
    """Staff download any certificate (a revoked one says so across the page)."""

    model = Credential
    permission_required = "view"
    http_method_names = ["get"]

    def get(self, request, *args, **kwargs):
        return certificate_response(self.object)


class RevokeCredentialView(
    PermissionCheckedMixin, WagtailAdminTemplateMixin, BaseOperationView
):
    """Asks for the reason and confirmation, then revokes (and logs it)."""

    model = Credential
    permission_required = "revoke"
    template_name = "credentials/admin/revoke.html"
    page_title = _("Revoke a credential")
    header_icon = "cross"
    index_url_name = None
    inspect_url_name = None

    def get_base_object_queryset(self):
        return Credential.objects.valid()

    def get_page_subtitle(self):
        return str(self.object)

    def get_success_url(self):
        return reverse(self.inspect_url_name, args=[self.object.pk])

    def get_success_message(self):
        return _("%(credential)s is revoked; its public page says so.") % {
            "credential": self.object
        }

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.setdefault("form", RevokeForm())
        context["credential"] = self.object
        context["cancel_url"] = reverse(self.inspect_url_name, args=[self.object.pk])
        return context

    def get(self, request, *args, **kwargs):
        return self.render_to_response(self.get_context_data())

    def post(self, request, *args, **kwargs):
        form = RevokeForm(request.POST)
        if form.is_valid():
            try:
                revoke_credential(
                    self.object, form.cleaned_data["reason"], request.user
                )
            except ValidationError as error:
                form.add_error("reason", error)
            else:
                self.add_success_message()
                return redirect(self.get_success_url())
        return self.render_to_response(self.get_context_data(form=form), status=400)


class CredentialViewSet(ModelViewSet):
    """Credentials: the director lists, exports, inspects, downloads and revokes."""

    model = Credential
    # Not "credentials": that is the public site's URL namespace.
    name = "issued_credentials"
    url_prefix = "credentials"
    icon = "success"
    menu_label = _("Credentials")
    menu_order = 230
    add_to_admin_menu = True
    index_view_class = CredentialIndexView
    inspect_view_class = CredentialInspectView
    history_view_class = CredentialHistoryView
    inspect_view_enabled = True
    copy_view_enabled = False
    filterset_class = CredentialFilterSet
    search_fields = ["name", "identifier"]
    list_per_page = 50
    list_display = [
        "name",
        Column("track_name", label=_("Track")),
        Column("cohort_year", label=_("Class of")),
        DateColumn("issued_on", label=_("Issued")),
        Column("status_label", label=_("Status")),
        Column("show_name", label=_("Name shown")),
    ]
    list_export = [
        "name",
        "track_name",
        "cohort_year",
        "issued_on",
        "identifier",
        "status_label",
        "revoked_at",
        "show_name",
        "show_affiliation",
    ]
    export_headings = {"status_label": _("Status")}
    export_filename = "cecto-credentials"
    inspect_view_fields = [
        "name",
        "identifier",
        "program_name",
        "track_name",
        "cohort_year",
        "issued_on",
        "issued_by",
        "affiliation",
        "partners",
        "enrollment",
        "show_name",
        "show_affiliation",
        "revoked_at",
        "revoked_reason",
        "revoked_by",
    ]

    def get_queryset(self, request):
        return Credential.objects.select_related("track")

    def get_common_view_kwargs(self, **kwargs):
        # Issued by the graduation action and revoked here; never added, edited,
        # copied or deleted by hand.
        return super().get_common_view_kwargs(
            add_url_name=None,
            edit_url_name=None,
            delete_url_name=None,
            copy_url_name=None,
            **kwargs,
        )

    def get_index_view_kwargs(self, **kwargs):
        return super().get_index_view_kwargs(
            certificate_url_name=self.get_url_name("certificate"),
            revoke_url_name=self.get_url_name("revoke"),
            **kwargs,
        )

    def get_inspect_view_kwargs(self, **kwargs):
        return super().get_inspect_view_kwargs(
            certificate_url_name=self.get_url_name("certificate"),
            revoke_url_name=self.get_url_name("revoke"),
            history_url_name=self.get_url_name("history"),
            **kwargs,
        )

    @property
    def certificate_view(self):
        return self.construct_view(StaffCertificateView)

    @property
    def revoke_view(self):
        return self.construct_view(
            RevokeCredentialView,
            index_url_name=self.get_url_name("index"),
            inspect_url_name=self.get_url_name("inspect"),
        )

    def get_urlpatterns(self):
        return [
            path("", self.index_view, name="index"),
            path("results/", self.index_results_view, name="index_results"),
            path("inspect/<int:pk>/", self.inspect_view, name="inspect"),
            path("history/<int:pk>/", self.history_view, name="history"),
            path(
                "history/<int:pk>/results/",
                self.history_results_view,
                name="history_results",
            ),
            path("certificate/<int:pk>/", self.certificate_view, name="certificate"),
            path("revoke/<int:pk>/", self.revoke_view, name="revoke"),
        ]


credential_viewset = CredentialViewSet()


class GraduationViewSet(AdminToolViewSet):
    """Graduation (credentials/graduation_views.py): each cohort's completion, for
    staff (`may_view_completion`); graduating and its undo, for the director."""

    name = "graduation"
    url_prefix = "graduation"
    icon = "success"
    menu_label = _("Graduation")
    menu_name = "graduation"
    menu_order = 235
    add_to_admin_menu = True
    views = (
        ("", GraduationIndexView, "graduation_index"),
        ("<int:pk>/", CohortGraduationView, "graduation_cohort"),
        ("<int:pk>/undo/", UndoGraduationView, "graduation_undo"),
    )

    def permission_check(self, user):
        return may_view_completion(user)
