"""Attendance > Cohort progress: every participant's hours ledger, one cohort at a
time, sortable by name or by hours, with CSV and XLSX exports.

Who sees what is `attendance/permissions.py`'s: the Program Director and superusers
every cohort, Faculty the cohorts they teach (`cohorts_for`); anyone else is
refused (PermissionDenied, which Wagtail's admin turns into a redirect to its
dashboard with a message). A cohort's report reads a fixed number of queries
whatever its size: the cohort, its enrollments with their people, and the ledgers'
one (`attendance/ledger.py`).
"""

from decimal import Decimal

from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from attendance import permissions
from attendance.ledger import ledgers_for
from core.admin_tools import AdminToolView
from core.exports import SpreadsheetReportMixin
from curriculum.templatetags.hours_tags import hours
from people.choices import EnrollmentStatus
from people.models import Cohort, Enrollment

# The name of the "Attendance" menu group (attendance/viewsets.py), slugified.
SORTS = {
    "name": _("Name"),
    "hours": _("Hours, most first"),
    "-hours": _("Hours, fewest first"),
}


def hours_text(value):
    """Hours as the report shows them: "24", "2.5", "1,240" (with separators)."""
    text = hours(value)
    whole, _dot, fraction = text.partition(".")
    sign = "-" if whole.startswith("-") else ""
    whole = f"{int(whole.lstrip('-') or 0):,}"
    return f"{sign}{whole}.{fraction}" if fraction else f"{sign}{whole}"


def adjustment_text(adjustment, reason=True):
    """'+4 h: Make-up session for Data governance' (or '+4 h' alone)."""
    sign = "+" if adjustment.hours > 0 else ""
    text = f"{sign}{hours_text(adjustment.hours)} h"
    return f"{text}: {adjustment.reason}" if reason else text


def hours_number(value):
    """Hours as an export's number cell: an int when whole (24, not 24.0)."""
    value = Decimal(value).quantize(Decimal("0.1"))
    return int(value) if value == value.to_integral_value() else float(value)


class ProgressReportMixin(WagtailAdminTemplateMixin):
    """The report's icon and breadcrumbs; who may open it is `CohortProgressViewSet`'s
    (attendance/viewsets.py: `may_see_progress`)."""

    header_icon = "tasks"

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse("attendance_progress"), "label": _("Cohort progress")},
        ]


class ProgressIndexView(AdminToolView, ProgressReportMixin, TemplateView):
    """The cohorts the user may see, newest first, each with its participants."""

    page_title = _("Cohort progress")
    template_name = "attendance/admin/report_index.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["cohorts"] = (
            permissions.cohorts_for(self.request.user)
            .select_related("track")
            .annotate(
                participants=Count(
                    "enrollments",
                    filter=~Q(enrollments__status=EnrollmentStatus.WITHDRAWN),
                )
            )
            .order_by("-year", "track__sort_order")
        )
        return context


class OneCohortMixin:
    """Loads the cohort from the URL, refused unless the user may see it (after the
    tool's own check, `AdminToolView`, which comes first in the view's bases)."""

    def dispatch(self, request, *args, **kwargs):
        cohort = get_object_or_404(
            Cohort.objects.select_related("track"), pk=kwargs["pk"]
        )
        if not permissions.cohorts_for(request.user).filter(pk=cohort.pk).exists():
            raise PermissionDenied
        self.cohort = cohort
        return super().dispatch(request, *args, **kwargs)


class CohortProgressView(
    AdminToolView,
    OneCohortMixin,
    SpreadsheetReportMixin,
    ProgressReportMixin,
    TemplateView,
):
    """One cohort's participants (enrolled or completed, not withdrawn): hours of
    the requirement, per topic area, joint meetings still required and the
    behind-schedule flag."""

    template_name = "attendance/admin/report_cohort.html"
    # The screen has its own download buttons beside the table, not in the header.
    show_export_buttons = False

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.sort = request.GET.get("sort")
        if self.sort not in SORTS:
            self.sort = "name"

    @property
    def page_title(self):
        return _("Progress: %(cohort)s") % {"cohort": self.cohort}

    # --- The rows -------------------------------------------------------------------

    def get_enrollments(self):
        return list(
            Enrollment.objects.filter(cohort=self.cohort)
            .exclude(status=EnrollmentStatus.WITHDRAWN)
            .select_related("person__lea", "person__partner", "cohort__track")
            .order_by("person__last_name", "person__first_name", "pk")
        )

    def get_ledgers(self):
        if not hasattr(self, "_ledgers"):
            enrollments = self.get_enrollments()
            ledgers = ledgers_for(enrollments)
            self._ledgers = [ledgers[e.pk] for e in enrollments]
            if self.sort == "hours":
                self._ledgers.sort(key=lambda ledger: -ledger.earned)
            elif self.sort == "-hours":
                self._ledgers.sort(key=lambda ledger: ledger.earned)
        return self._ledgers

    def get_topics(self):
        """The topic areas of the cohort's columns: every one any ledger has, in
        the topic areas' order, "Other" last."""
        topics = {}
        for ledger in self.get_ledgers():
            for topic in ledger.topics:
                topics.setdefault(topic.topic_id, topic)
        return sorted(
            topics.values(),
            key=lambda t: (t.topic_id is None, t.sort_order, str(t.name)),
        )

    # --- The export -----------------------------------------------------------------

    @property
    def export_filename(self):
        return f"progress-{self.cohort.track.slug}-class-of-{self.cohort.year}"

    @property
    def list_export(self):
        return [
            "name",
            "email",
            "lea",
            "status",
            "earned",
            "required",
            "left",
            *(self.topic_field(topic) for topic in self.get_topics()),
            "joint_still_required",
            "joint_missed",
            "scheduled",
            "behind",
            "adjustments",
        ]

    @property
    def export_headings(self):
        return {
            "name": _("Participant"),
            "email": _("E-mail"),
            "lea": _("LEA or organization"),
            "status": _("Status"),
            "earned": _("Hours earned"),
            "required": _("Hours required"),
            "left": _("Hours left"),
            **{
                self.topic_field(topic): _("Hours: %(topic)s") % {"topic": topic.name}
                for topic in self.get_topics()
            },
            "joint_still_required": _("Joint meetings still required"),
            "joint_missed": _("Joint meetings missed"),
            "scheduled": _("Hours scheduled to date"),
            "behind": _("Behind schedule"),
            "adjustments": _("Adjustments"),
        }

    @staticmethod
    def topic_field(topic):
        return f"topic_{topic.topic_id or 'other'}"

    def export_rows(self):
        rows = []
        for ledger in self.get_ledgers():
            person = ledger.enrollment.person
            row = {
                "name": person.full_name,
                "email": person.email,
                "lea": str(person.lea or person.partner or ""),
                "status": ledger.enrollment.get_status_display(),
                "earned": hours_number(ledger.earned),
                "required": hours_number(ledger.required),
                "left": hours_number(ledger.left),
                "joint_still_required": "; ".join(
                    s.title for s in ledger.joint_still_required
                ),
                "joint_missed": len(ledger.joint_missed),
                "scheduled": hours_number(ledger.expected),
                "behind": str(_("Yes")) if ledger.behind else str(_("No")),
                # Reason first: a cell that began "+4" would read as a formula.
                "adjustments": "; ".join(
                    f"{adjustment.reason}: {adjustment_text(adjustment, reason=False)}"
                    for adjustment in ledger.adjustments
                ),
            }
            for topic in self.get_topics():
                row[self.topic_field(topic)] = hours_number(
                    ledger.topic_hours(topic.topic_id)
                )
            rows.append(row)
        return rows

    # --- The screen -----------------------------------------------------------------

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        topics = self.get_topics()
        rows = []
        for ledger in self.get_ledgers():
            rows.append(
                {
                    "ledger": ledger,
                    "person": ledger.enrollment.person,
                    "earned": hours_text(ledger.earned),
                    "required": hours_text(ledger.required),
                    "left": hours_text(ledger.left),
                    "expected": hours_text(ledger.expected),
                    "shortfall": hours_text(ledger.shortfall),
                    "adjustments": [
                        adjustment_text(adjustment) for adjustment in ledger.adjustments
                    ],
                    "topics": [
                        hours_text(ledger.topic_hours(topic.topic_id))
                        for topic in topics
                    ],
                }
            )
        url = reverse("attendance_progress_cohort", args=[self.cohort.pk])
        context.update(
            cohort=self.cohort,
            rows=rows,
            topics=topics,
            sort=self.sort,
            sorts=SORTS,
            url=url,
            behind_count=sum(1 for row in rows if row["ledger"].behind),
            # The director adds an adjustment from a row (Attendance > Hours
            # adjustments, with the enrollment chosen).
            adjust_url=reverse("hours_adjustments:add")
            if permissions.may_adjust_hours(self.request.user)
            else None,
            export_urls={
                "csv": f"{url}?sort={self.sort}&export=csv",
                "xlsx": f"{url}?sort={self.sort}&export=xlsx",
            },
            breadcrumbs_items=[
                *self.get_breadcrumbs_items(),
                {"url": "", "label": str(self.cohort)},
            ],
        )
        return context
