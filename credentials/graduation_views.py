"""Graduation in the admin: each cohort's participants with the completion rules
they meet, the director's graduation (choose, date, confirm) and its undo.

Who may do what (credentials/permissions.py):
- the Program Director and superusers (`credentials.graduate_cohort`): every
  cohort; graduate, with a confirmation step, and undo;
- Faculty: the completion of the cohorts they teach, read only;
- anyone else: refused (PermissionDenied).

A cohort's screen reads a fixed number of queries whatever its size: the cohort,
its enrollments, and `completion_for`'s three.
"""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.viewsets.model import ModelViewSet

from core.admin_tools import AdminToolView
from credentials.completion import completion_for
from credentials.graduation import (
    GraduationRefused,
    check_selection,
    cohort_enrollments,
    graduate,
    last_graduation,
    undo_graduation,
)
from credentials.models import CompletionRules
from credentials.permissions import completion_cohorts, may_graduate
from people.choices import EnrollmentStatus
from people.models import Cohort


class DateForm(forms.Form):
    graduated_on = forms.DateField(
        label=_("Graduation date"),
        help_text=_("The date on the enrollments and the credentials."),
        widget=forms.DateInput(attrs={"type": "date"}),
    )


class GraduationMixin(WagtailAdminTemplateMixin):
    header_icon = "success"

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse("graduation_index"), "label": _("Graduation")},
        ]


class GraduationIndexView(AdminToolView, GraduationMixin, TemplateView):
    """The cohorts the user may see, newest first, with who is still enrolled."""

    page_title = _("Graduation")
    template_name = "credentials/admin/graduation_index.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["cohorts"] = (
            completion_cohorts(self.request.user)
            .select_related("track")
            .annotate(
                enrolled=Count(
                    "enrollments",
                    filter=Q(enrollments__status=EnrollmentStatus.ENROLLED),
                ),
                completed=Count(
                    "enrollments",
                    filter=Q(enrollments__status=EnrollmentStatus.COMPLETED),
                ),
            )
            .order_by("-year", "track__sort_order")
        )
        context["rules_url"] = reverse("completion_rules:index")
        return context


class CohortMixin(GraduationMixin):
    """Loads the cohort from the URL, refused unless the user may see it (after the
    tool's own check, `AdminToolView`, which comes first in the views' bases)."""

    def dispatch(self, request, *args, **kwargs):
        self.cohort = get_object_or_404(
            Cohort.objects.select_related("track"), pk=kwargs["pk"]
        )
        if not completion_cohorts(request.user).filter(pk=self.cohort.pk).exists():
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    @property
    def cohort_url(self):
        return reverse("graduation_cohort", args=[self.cohort.pk])


class CohortGraduationView(AdminToolView, CohortMixin, TemplateView):
    """Every participant with the rules met or not; for the director, the
    graduation form (who, the date, a reason for anyone who has not met every
    rule), then a confirmation step."""

    template_name = "credentials/admin/graduation_cohort.html"
    confirm_template_name = "credentials/admin/graduation_confirm.html"

    @property
    def page_title(self):
        return _("Graduation: %(cohort)s") % {"cohort": self.cohort}

    def rows(self, selected=None, reasons=None, errors=None):
        enrollments = cohort_enrollments(self.cohort)
        active = [e for e in enrollments if e.status != EnrollmentStatus.WITHDRAWN]
        completions = completion_for(active)
        errors = errors or {}
        rows = []
        for enrollment in enrollments:
            completion = completions.get(enrollment.pk)
            enrolled = enrollment.status == EnrollmentStatus.ENROLLED
            if selected is None:
                checked = enrolled and completion.met
            else:
                checked = enrollment.pk in selected
            rows.append(
                {
                    "enrollment": enrollment,
                    "person": enrollment.person,
                    "completion": completion,
                    "enrolled": enrolled,
                    "checked": checked,
                    "reason": (reasons or {}).get(enrollment.pk, ""),
                    "error": errors.get(enrollment.pk),
                }
            )
        return rows

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.setdefault("rows", self.rows())
        context.setdefault(
            "date_form", DateForm(initial={"graduated_on": self.cohort.ends_on})
        )
        rows = context["rows"]
        context.update(
            cohort=self.cohort,
            url=self.cohort_url,
            can_graduate=may_graduate(self.request.user),
            enrolled_count=sum(1 for row in rows if row["enrolled"]),
            met_count=sum(
                1 for row in rows if row["enrolled"] and row["completion"].met
            ),
            last_graduation=last_graduation(self.cohort)
            if may_graduate(self.request.user)
            else None,
            undo_url=reverse("graduation_undo", args=[self.cohort.pk]),
            breadcrumbs_items=[
                *self.get_breadcrumbs_items(),
                {"url": "", "label": str(self.cohort)},
            ],
        )
        return context

    def post(self, request, *args, **kwargs):
        if not may_graduate(request.user):
            raise PermissionDenied
        date_form = DateForm(request.POST)
        try:
            selected = {int(pk) for pk in request.POST.getlist("graduate")}
        except ValueError:
            selected = set()
            date_form.add_error(None, _("The selection was not understood."))
        reasons = {pk: request.POST.get(f"reason-{pk}", "").strip() for pk in selected}
        if not date_form.is_valid():
            return self.refused(selected, reasons, {}, date_form)
        graduated_on = date_form.cleaned_data["graduated_on"]
        if request.POST.get("step") != "confirm":
            return self.review(selected, reasons, date_form)
        try:
            graduation = graduate(self.cohort, reasons, graduated_on, request.user)
        except GraduationRefused as refused:
            return self.refused(selected, reasons, refused.errors, date_form)
        if graduation is None:
            messages.info(request, _("Everyone chosen had graduated already."))
        else:
            messages.success(
                request,
                _("%(count)s people graduated; their credentials are issued.")
                % {"count": graduation.entries.count()},
            )
        return redirect(self.cohort_url)

    def review(self, selected, reasons, date_form):
        """The confirmation step: who graduates, and why for those who have not
        met every rule; errors send the director back to the form."""
        if not selected:
            return self.refused(
                selected,
                reasons,
                {None: _("Choose at least one person to graduate.")},
                date_form,
            )
        try:
            graduating, completions = check_selection(self.cohort, reasons)
        except GraduationRefused as refused:
            return self.refused(selected, reasons, refused.errors, date_form)
        context = self.get_context_data(rows=[])
        context.update(
            graduating=[
                {
                    "enrollment": e,
                    "completion": completions[e.pk],
                    "reason": reasons[e.pk],
                }
                for e in graduating
            ],
            graduated_on=date_form.cleaned_data["graduated_on"],
            already=len(selected) - len(graduating),
        )
        return self.response_class(
            request=self.request,
            template=[self.confirm_template_name],
            context=context,
            using=self.template_engine,
        )

    def refused(self, selected, reasons, errors, date_form):
        context = self.get_context_data(
            rows=self.rows(selected, reasons, errors), date_form=date_form
        )
        context["form_errors"] = [
            message for pk, message in errors.items() if pk is None
        ] + list(date_form.non_field_errors())
        context["person_errors"] = [
            message for pk, message in errors.items() if pk is not None
        ]
        return self.render_to_response(context, status=400)


class UndoGraduationView(AdminToolView, CohortMixin, TemplateView):
    """Undo one person's graduation (`?enrollment=`) or the cohort's last one:
    a confirmation, then the enrollments are enrolled again and the credentials
    revoked ("Graduation undone")."""

    template_name = "credentials/admin/graduation_undo.html"
    page_title = _("Undo a graduation")

    def dispatch(self, request, *args, **kwargs):
        if not may_graduate(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def enrollments(self):
        source = (
            self.request.POST if self.request.method == "POST" else self.request.GET
        )
        completed = [
            e
            for e in cohort_enrollments(self.cohort)
            if e.status == EnrollmentStatus.COMPLETED
        ]
        pk = source.get("enrollment")
        if pk:
            return [e for e in completed if str(e.pk) == pk]
        graduation = last_graduation(self.cohort)
        if graduation is None:
            return []
        pks = set(
            graduation.entries.filter(undone_at__isnull=True).values_list(
                "enrollment_id", flat=True
            )
        )
        return [e for e in completed if e.pk in pks]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            cohort=self.cohort,
            enrollments=self.enrollments(),
            enrollment_pk=self.request.GET.get("enrollment", ""),
            cancel_url=self.cohort_url,
        )
        return context

    def post(self, request, *args, **kwargs):
        enrollments = self.enrollments()
        if not enrollments:
            messages.error(request, _("There is no graduation to undo."))
            return redirect(self.cohort_url)
        count = undo_graduation(enrollments, request.user)
        messages.success(
            request,
            _(
                "Graduation undone for %(count)s people: enrolled again, their "
                "credentials revoked."
            )
            % {"count": count},
        )
        return redirect(self.cohort_url)


class CompletionRulesViewSet(ModelViewSet):
    """Graduation > Completion rules: one row per track, which the director edits
    (Faculty read them). Rows are created for every track (`ensure_completion_rules`),
    so there is no add or delete."""

    model = CompletionRules
    name = "completion_rules"
    url_prefix = "graduation/rules"
    icon = "list-ul"
    menu_label = _("Completion rules")
    add_to_admin_menu = False
    copy_view_enabled = False
    inspect_view_enabled = True
    form_fields = [
        "required_hours",
        "required_joint_meetings",
        "requires_best_practice",
    ]
    list_display = [
        "track",
        Column("hours_label", label=_("Required hours")),
        Column("joint_label", label=_("Joint meetings")),
        Column("best_practice_label", label=_("Best practice")),
    ]
    inspect_view_fields = [
        "track",
        "required_hours",
        "required_joint_meetings",
        "requires_best_practice",
    ]

    def get_queryset(self, request):
        return CompletionRules.objects.select_related("track")

    def get_common_view_kwargs(self, **kwargs):
        return super().get_common_view_kwargs(
            add_url_name=None, delete_url_name=None, copy_url_name=None, **kwargs
        )
