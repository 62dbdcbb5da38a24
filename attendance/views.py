"""The session's attendance screen: each cohort's people, a status each, saved at once.

Reached from Attendance > Sessions (attendance/viewsets.py) and from a module's
edit screen ("Attendance" in its header menu, attendance/wagtail_hooks.py).
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django.views.generic import FormView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.log_actions import log

from attendance import permissions
from attendance.choices import AttendanceStatus
from attendance.forms import SessionAttendanceForm, full_status
from attendance.models import Attendance
from core.admin_tools import AdminToolView
from core.dates import long_datetime
from curriculum.choices import DeliveryMode
from curriculum.models import ModuleSession
from people.choices import EnrollmentStatus
from people.models import Enrollment

RECORD_ACTION = "attendance.record"


class OneSessionMixin:
    """Loads the session from the URL and the cohorts the user may record at it,
    refused if none (after the tool's own check, `AdminToolView`, which comes first
    in the view's bases)."""

    def dispatch(self, request, *args, **kwargs):
        self.session = get_object_or_404(
            ModuleSession.objects.select_related("module", "faculty"),
            pk=kwargs["pk"],
            module__live=True,
        )
        self.cohorts = list(
            permissions.recordable_cohorts(request.user, self.session)
            .select_related("track")
            .order_by("track__sort_order")
        )
        if not self.cohorts:
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class RecordAttendanceView(
    AdminToolView, OneSessionMixin, WagtailAdminTemplateMixin, FormView
):
    """Record attendance (or completion) at one session, for each of its cohorts
    that the user may record, in one transaction, logged with its changes.

    `SessionViewSet` gives the check (Faculty and above, `may_record_some`)."""

    form_class = SessionAttendanceForm
    template_name = "attendance/admin/record.html"
    header_icon = "tasks"
    page_title = _("Attendance")
    index_url_name = "attendance_sessions:index"
    history_url_name = "attendance_sessions:history"

    # --- What the screen shows -----------------------------------------------------

    @property
    def is_completion(self):
        return self.session.mode == DeliveryMode.ASYNCHRONOUS

    @property
    def has_started(self):
        return self.session.starts_at <= timezone.now()

    def get_enrollments(self):
        """The cohorts' people, withdrawn ones left out, by name."""
        return list(
            Enrollment.objects.filter(cohort__in=self.cohorts)
            .exclude(status=EnrollmentStatus.WITHDRAWN)
            .select_related("person")
            .order_by("person__last_name", "person__first_name", "pk")
        )

    def get_existing(self, enrollments, lock=False):
        records = Attendance.objects.filter(
            session=self.session, enrollment__in=[e.pk for e in enrollments]
        ).select_related("recorded_by")
        if lock:
            records = records.select_for_update(of=("self",))
        return {record.enrollment_id: record for record in records}

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        self.enrollments = self.get_enrollments()
        kwargs["session"] = self.session
        kwargs["enrollments"] = self.enrollments
        kwargs["existing"] = self.get_existing(self.enrollments)
        return kwargs

    def get_page_subtitle(self):
        return str(self.session)

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse(self.index_url_name), "label": _("Sessions")},
            {"url": "", "label": str(self.session)},
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        form = context["form"]
        rows = list(form.rows())
        by_cohort = {cohort.pk: [] for cohort in self.cohorts}
        for row in rows:
            by_cohort[row["enrollment"].cohort_id].append(row)
        context.update(
            {
                "session": self.session,
                "module": self.session.module,
                "cohort_rows": [
                    (cohort, by_cohort[cohort.pk]) for cohort in self.cohorts
                ],
                "recorded": sum(1 for row in rows if row["record"]),
                "total": len(rows),
                "is_completion": self.is_completion,
                "has_started": self.has_started,
                "fill_label": (
                    _("Mark the rest completed and save")
                    if self.is_completion
                    else _("Mark the rest present and save")
                ),
                "history_url": reverse(self.history_url_name, args=[self.session.pk]),
                "may_adjust_hours": permissions.may_adjust_hours(self.request.user),
                "not_started_message": (
                    None if self.has_started else self.not_started_message()
                ),
            }
        )
        return context

    # --- Saving --------------------------------------------------------------------

    def not_started_message(self):
        if self.is_completion:
            text = _(
                "Completion can be marked from %(when)s, once this assignment has "
                "opened."
            )
        else:
            text = _(
                "Attendance can be recorded from %(when)s, once this session has "
                "started."
            )
        return text % {"when": long_datetime(self.session.starts_at)}

    def post(self, request, *args, **kwargs):
        if not self.has_started:
            messages.error(request, self.not_started_message())
            return redirect(request.path)
        return super().post(request, *args, **kwargs)

    def form_invalid(self, form):
        messages.error(
            self.request,
            _("Nothing was saved. Correct the errors below and save again."),
        )
        return super().form_invalid(form)

    def form_valid(self, form):
        fill = full_status(self.session) if "fill" in self.request.POST else None
        wanted = form.wanted(fill_status=fill)
        with transaction.atomic():
            # Lock what is there, so two people saving at once do not collide.
            existing = self.get_existing(self.enrollments, lock=True)
            changes = self.save_changes(wanted, existing)
            if changes:
                log(
                    self.session,
                    RECORD_ACTION,
                    user=self.request.user,
                    data={
                        "session": str(self.session),
                        "changes": changes,
                    },
                )
        if changes:
            messages.success(
                self.request,
                ngettext(
                    "Attendance saved: %(count)d change.",
                    "Attendance saved: %(count)d changes.",
                    len(changes),
                )
                % {"count": len(changes)},
            )
        else:
            messages.info(self.request, _("Nothing had changed; nothing was saved."))
        return redirect(self.request.path)

    def save_changes(self, wanted, existing):
        """Writes what differs from `existing`; returns the changes, for the log."""
        now = timezone.now()
        user = self.request.user
        enrollments = {enrollment.pk: enrollment for enrollment in self.enrollments}
        created, updated, changes = [], [], []
        for pk, (status, hours, note) in wanted.items():
            record = existing.get(pk)
            before = (record.status, record.hours, record.note) if record else None
            if before == (status, hours, note):
                continue
            if record is None:
                record = Attendance(session=self.session, enrollment_id=pk)
                created.append(record)
            else:
                updated.append(record)
            record.status, record.hours, record.note = status, hours, note
            record.recorded_by, record.recorded_at = user, now
            changes.append(
                {
                    "enrollment": pk,
                    "person": enrollments[pk].person.full_name,
                    "from": before[0] if before else None,
                    "to": status,
                    "hours": str(hours),
                    "note": note,
                }
            )
        Attendance.objects.bulk_create(created)
        Attendance.objects.bulk_update(
            updated, ["status", "hours", "note", "recorded_by", "recorded_at"]
        )
        return changes


def status_label(value):
    """A stored status's label, for the log ('Present'), or the value itself."""
    try:
        return AttendanceStatus(value).label
    except ValueError:
        return value
