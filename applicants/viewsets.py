"""Applicants in the admin: list, filter, export, add, edit, history and Enroll.

Only the Program Director and superusers hold the applicant permissions
(people/roles.py), so only they see the menu item and reach these screens.
"""

import django_filters
from django.contrib import messages
from django.contrib.admin.utils import quote
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import FormView
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel, ObjectList
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.admin.views import generic
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.views.generic.permissions import PermissionCheckedMixin
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets.button import HeaderButton
from wagtail.log_actions import log

from applicants.choices import ApplicantStatus
from applicants.forms import ApplicantForm, EnrollForm
from applicants.models import Applicant
from applicants.services import (
    EnrollmentError,
    default_cohort,
    enroll,
    needs_password_link,
)
from core.exports import ExportIndexView
from curriculum.models import Track


def _year_choices():
    years = (
        Applicant.objects.exclude(year=None)
        .order_by("-year")
        .values_list("year", flat=True)
        .distinct()
    )
    return [(year, str(year)) for year in years]


class ApplicantFilterSet(WagtailFilterSet):
    """Status, track and the year asked for."""

    status = django_filters.MultipleChoiceFilter(
        label=gettext_lazy("Status"), choices=ApplicantStatus.choices
    )
    track = django_filters.ModelChoiceFilter(
        label=gettext_lazy("Track"), queryset=Track.objects.all()
    )
    year = django_filters.ChoiceFilter(
        label=gettext_lazy("Cohort year"), choices=_year_choices
    )

    class Meta:
        model = Applicant
        fields = ["status", "track", "year"]


class ApplicantIndexView(ExportIndexView):
    """The listing, with Download CSV/XLSX in its header; no formula cells."""

    def get_base_queryset(self):
        return super().get_base_queryset().select_related("lea", "track")


# Enrolling makes a person and an enrollment: the applicant permission alone is not
# enough (the director and superusers hold all three).
ENROLL_PERMISSIONS = ["people.add_person", "people.add_enrollment"]


def _enroll_button(view, applicant):
    if not view.request.user.has_perms(ENROLL_PERMISSIONS):
        return []
    if applicant.status == ApplicantStatus.ACCEPTED:
        label = _("Enroll")
    elif needs_password_link(applicant):
        label = _("Send a new password link")
    else:
        return []
    return [
        HeaderButton(
            label,
            url=reverse(view.enroll_url_name, args=[quote(applicant.pk)]),
            icon_name="user",
            classname="button-primary",
        )
    ]


class ApplicantEditView(generic.EditView):
    """Edits status and notes; each change goes to the history with its old and
    new value."""

    enroll_url_name = None

    @cached_property
    def header_buttons(self):
        return [*super().header_buttons, *_enroll_button(self, self.object)]

    def save_instance(self):
        instance = self.form.instance
        changes = instance.changes()
        self.action_class(
            instance, user=self.request.user, form=self.form, log_action=False
        ).execute(skip_permission_checks=True)
        if changes:
            log(
                instance,
                "applicants.change",
                user=self.request.user,
                data={
                    "changes": {
                        name: {"old": old, "new": new}
                        for name, (old, new) in changes.items()
                    }
                },
            )
        instance.remember_saved_values()
        return instance


class ApplicantInspectView(generic.InspectView):
    """Everything about an applicant, with Enroll when they are accepted."""

    enroll_url_name = None

    @cached_property
    def header_buttons(self):
        return [*super().header_buttons, *_enroll_button(self, self.object)]


class EnrollView(PermissionCheckedMixin, WagtailAdminTemplateMixin, FormView):
    """Enroll: confirm the cohort, then the person, sign-in and enrollment are made
    in one transaction (applicants.services.enroll)."""

    permission_required = "change"
    template_name = "applicants/enroll.html"
    form_class = EnrollForm
    header_icon = "user"
    page_title = gettext_lazy("Enroll")
    model = Applicant
    index_url_name = None
    edit_url_name = None

    def dispatch(self, request, *args, **kwargs):
        if not (
            self.user_has_permission("change")
            and request.user.has_perms(ENROLL_PERMISSIONS)
        ):
            raise PermissionDenied
        self.object = get_object_or_404(Applicant, pk=kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def get_page_subtitle(self):
        return str(self.object)

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {
                "url": reverse(self.index_url_name),
                "label": Applicant._meta.verbose_name_plural.capitalize(),
            },
            {"url": self.edit_url, "label": str(self.object)},
            {"url": "", "label": _("Enroll")},
        ]

    @cached_property
    def edit_url(self):
        return reverse(self.edit_url_name, args=[quote(self.object.pk)])

    def get(self, request, *args, **kwargs):
        if self.object.status == ApplicantStatus.ENROLLED and not self.resend:
            messages.info(
                request, _("%(name)s is enrolled already.") % {"name": self.object}
            )
            return redirect(self.edit_url)
        return super().get(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        if self.object.status != ApplicantStatus.ENROLLED:
            return super().post(request, *args, **kwargs)
        # Enrolled already: nothing is made again; a sign-in still without a
        # password gets a new link.
        result = enroll(self.object, None, user=request.user)
        if result.password_link_sent:
            messages.success(
                request,
                _("A new link to choose a password was sent to %(email)s.")
                % {"email": result.user.email},
            )
        else:
            messages.info(
                request,
                _("%(name)s was enrolled already; nothing was changed.")
                % {"name": result.applicant},
            )
        return redirect(self.edit_url)

    @cached_property
    def resend(self):
        return needs_password_link(self.object)

    def get_initial(self):
        return {"cohort": default_cohort(self.object)}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["applicant"] = self.object
        context["edit_url"] = self.edit_url
        context["can_enroll"] = self.object.status == ApplicantStatus.ACCEPTED
        context["resend"] = self.resend
        return context

    def form_valid(self, form):
        try:
            result = enroll(
                self.object, form.cleaned_data["cohort"], user=self.request.user
            )
        except EnrollmentError as error:
            form.add_error(None, str(error))
            return self.form_invalid(form)
        messages.success(
            self.request,
            _("%(name)s is enrolled in %(cohort)s.")
            % {"name": result.applicant, "cohort": result.enrollment.cohort},
        )
        return redirect(self.edit_url)


class ApplicantViewSet(ModelViewSet):
    """Applicants: join requests and people added by hand, up to their enrollment."""

    model = Applicant
    name = "applicants"
    icon = "user"
    menu_label = gettext_lazy("Applicants")
    menu_order = 215
    add_to_admin_menu = True
    index_view_class = ApplicantIndexView
    edit_view_class = ApplicantEditView
    inspect_view_class = ApplicantInspectView
    inspect_view_enabled = True
    filterset_class = ApplicantFilterSet
    list_display = [
        "__str__",
        Column("district", label=gettext_lazy("District")),
        "track",
        "year",
        Column("get_status_display", label=gettext_lazy("Status"), sort_key="status"),
        DateColumn("created_at", label=gettext_lazy("Received"), sort_key="created_at"),
    ]
    list_export = [
        "first_name",
        "last_name",
        "email",
        "phone",
        "district",
        "job_title",
        "track",
        "year",
        "get_status_display",
        "get_source_display",
        "received_on",
    ]
    export_headings = {
        "district": gettext_lazy("District"),
        "get_status_display": gettext_lazy("Status"),
        "get_source_display": gettext_lazy("Source"),
        "received_on": gettext_lazy("Received"),
    }
    export_filename = "cecto-applicants"
    search_fields = ["first_name", "last_name", "email"]
    list_per_page = 50
    inspect_view_fields = [
        "first_name",
        "last_name",
        "email",
        "phone",
        "lea",
        "district_other",
        "job_title",
        "track",
        "year",
        "status",
        "source",
        "message",
        "notes",
        "person",
        "enrollment",
        "created_at",
        "updated_at",
    ]
    edit_handler = ObjectList(
        [
            FieldRowPanel([FieldPanel("status"), FieldPanel("year")]),
            FieldPanel("notes"),
            MultiFieldPanel(
                [
                    FieldRowPanel([FieldPanel("first_name"), FieldPanel("last_name")]),
                    FieldRowPanel([FieldPanel("email"), FieldPanel("phone")]),
                    FieldPanel("job_title"),
                    FieldRowPanel([FieldPanel("lea"), FieldPanel("district_other")]),
                    FieldPanel("track"),
                ],
                heading=gettext_lazy("Who they are and what they asked for"),
            ),
            FieldPanel("message", read_only=True),
        ],
        base_form_class=ApplicantForm,
    )

    def get_queryset(self, request):
        return Applicant.objects.for_listing()

    def get_common_view_kwargs(self, **kwargs):
        return super().get_common_view_kwargs(
            **{"enroll_url_name": self.get_url_name("enroll"), **kwargs}
        )

    @property
    def enroll_view(self):
        return self.construct_view(
            EnrollView,
            index_url_name=self.get_url_name("index"),
            edit_url_name=self.get_url_name("edit"),
        )

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path("enroll/<str:pk>/", self.enroll_view, name="enroll"),
        ]
