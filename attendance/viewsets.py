"""Admin screens under the "Attendance" menu: Sessions, Hours adjustments and Cohort
progress.

- Sessions: the sessions the user may record (attendance/permissions.py), each
  linked to its attendance screen (attendance/views.py) and to its history, where
  every save is logged with its changes. No add, edit or delete here: sessions are
  edited on their module.
- Hours adjustments: hours added to an enrollment by hand, always with a reason,
  by the Program Director only. Listed and filtered per enrollment; never edited
  or deleted (a correction is another adjustment, so the ledger keeps its history).
- Cohort progress: the hours ledgers' report (attendance/report_views.py), an admin
  tool (core/admin_tools.py).
"""

import datetime

import django_filters
from django.contrib.auth import get_user_model
from django.db.models import Count, Q
from django.urls import path, reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column, TitleColumn
from wagtail.admin.views.generic import CreateView, HistoryView, IndexView
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets import ListingButton
from wagtail.permission_policies.base import BasePermissionPolicy

from attendance import permissions
from attendance.forms import HoursAdjustmentForm
from attendance.models import Attendance, HoursAdjustment
from attendance.report_views import CohortProgressView, ProgressIndexView
from attendance.views import RecordAttendanceView
from core.admin_tools import AdminTool, AdminToolViewSet
from curriculum.models import ModulePage, ModuleSession, Track
from people.choices import EnrollmentStatus
from people.models import Cohort, Enrollment

# --- Sessions -------------------------------------------------------------------


class SessionAttendancePolicy(BasePermissionPolicy):
    """Sessions as the attendance screens see them: 'view' and 'change' (record)
    for those who may record, limited to their sessions; nothing else."""

    ALLOWED = {"view", "change"}

    def user_has_permission(self, user, action):
        return action in self.ALLOWED and permissions.may_record_some(user)

    def user_has_permission_for_instance(self, user, action, instance):
        return action in self.ALLOWED and permissions.may_record(user, instance)

    def instances_user_has_permission_for(self, user, action):
        if action not in self.ALLOWED:
            return ModuleSession.objects.none()
        return permissions.recordable_sessions(user)

    def users_with_any_permission(self, actions):
        users = get_user_model().objects.filter(is_active=True)
        if not self.ALLOWED.intersection(actions):
            return users.none()
        return users.filter(
            Q(is_superuser=True)
            | Q(groups__permissions__codename="add_attendance")
            | Q(user_permissions__codename="add_attendance")
        ).distinct()


def months_with_sessions():
    """('2026-03', 'March 2026') for each month that has a live module's session."""
    days = (
        ModuleSession.objects.filter(module__live=True)
        .dates("starts_at", "month", order="DESC")
        .distinct()
    )
    return [(day.strftime("%Y-%m"), day.strftime("%B %Y")) for day in days]


class SessionFilterSet(WagtailFilterSet):
    """Filters of the Sessions listing: cohort, track, module, month."""

    cohort = django_filters.ModelChoiceFilter(
        label=_("Cohort"),
        queryset=Cohort.objects.none(),
        method="filter_cohort",
        empty_label=_("All cohorts"),
    )
    track = django_filters.ModelChoiceFilter(
        label=_("Track"),
        field_name="module__tracks",
        queryset=Track.objects.all(),
        empty_label=_("All tracks"),
    )
    module = django_filters.ModelChoiceFilter(
        label=_("Module"),
        field_name="module",
        queryset=ModulePage.objects.live().order_by("title"),
        empty_label=_("All modules"),
    )
    month = django_filters.ChoiceFilter(
        label=_("Month"),
        choices=months_with_sessions,
        method="filter_month",
        empty_label=_("Any month"),
    )

    when = django_filters.ChoiceFilter(
        label=_("When"),
        choices=[
            ("started", _("Started: attendance to record")),
            ("upcoming", _("Not started yet")),
            ("all", _("Any time")),
        ],
        method="filter_when",
        empty_label=None,
    )

    class Meta:
        model = ModuleSession
        fields: list[str] = []

    def __init__(self, data=None, *args, request=None, **kwargs):
        # Sessions that have started come first in mind: they are the ones to record.
        if data is not None and not data.get("when"):
            data = data.copy()
            data["when"] = "started"
        super().__init__(data, *args, request=request, **kwargs)
        user = request.user if request else None
        self.filters["cohort"].queryset = permissions.cohorts_for(user).select_related(
            "track"
        )

    def filter_cohort(self, queryset, name, cohort):
        if not cohort:
            return queryset
        return queryset.filter(
            module__tracks=cohort.track_id,
            starts_at__date__gte=cohort.starts_on,
            starts_at__date__lte=cohort.ends_on,
        )

    def filter_when(self, queryset, name, value):
        if value == "started":
            return queryset.filter(starts_at__lte=timezone.now())
        if value == "upcoming":
            return queryset.filter(starts_at__gt=timezone.now())
        return queryset

    def filter_month(self, queryset, name, value):
        try:
            day = datetime.datetime.strptime(value, "%Y-%m")
        except (TypeError, ValueError):
            return queryset
        return queryset.filter(
            starts_at__year=day.year, starts_at__month=day.month
        ).distinct()


class SessionIndexView(IndexView):
    """The sessions the user may record, newest first, with each session's cohorts
    and how many of their people have a record. A fixed number of queries per page:
    the cohorts and the counts are read once for the page, not per row."""

    default_ordering = "-starts_at"
    record_url_name = None
    history_url_name = None
    page_title = _("Sessions")

    def get_base_queryset(self):
        return (
            permissions.recordable_sessions(self.request.user)
            .select_related("module")
            .prefetch_related("module__tracks")
        )

    def get_edit_url(self, instance):
        return reverse(self.record_url_name, args=[instance.pk])

    def get_list_more_buttons(self, instance):
        return [
            ListingButton(
                _("Record attendance"),
                url=reverse(self.record_url_name, args=[instance.pk]),
                icon_name="tasks",
                priority=10,
            ),
            ListingButton(
                _("History"),
                url=reverse(self.history_url_name, args=[instance.pk]),
                icon_name="history",
                priority=20,
            ),
        ]

    def get_table(self, object_list):
        sessions = list(object_list)
        describe_sessions(sessions, permissions.cohorts_for(self.request.user))
        return super().get_table(sessions)


def describe_sessions(sessions, cohorts):
    """Sets `cohort_names` and `recorded_label` on each of `sessions`: the cohorts
    (of `cohorts`) it belongs to, and '3 of 20' recorded. Three queries in all."""
    cohorts = list(
        cohorts.select_related("track").annotate(
            people=Count(
                "enrollments",
                filter=~Q(enrollments__status=EnrollmentStatus.WITHDRAWN),
            )
        )
    )
    counts = {}
    rows = (
        Attendance.objects.filter(session__in=sessions)
        .exclude(enrollment__status=EnrollmentStatus.WITHDRAWN)
        .values_list("session_id", "enrollment__cohort_id")
        .annotate(count=Count("pk"))
    )
    for session_id, cohort_id, count in rows:
        counts[session_id, cohort_id] = count
    for session in sessions:
        day = timezone.localdate(session.starts_at)
        track_ids = {track.pk for track in session.module.tracks.all()}
        mine = [
            cohort
            for cohort in cohorts
            if cohort.track_id in track_ids
            and cohort.starts_on <= day <= cohort.ends_on
        ]
        recorded = sum(counts.get((session.pk, cohort.pk), 0) for cohort in mine)
        session.cohort_names = ", ".join(str(cohort) for cohort in mine)
        session.recorded_label = _("%(recorded)s of %(total)s") % {
            "recorded": recorded,
            "total": sum(cohort.people for cohort in mine),
        }


def _local_start(session):
    return timezone.localtime(session.starts_at).strftime("%b %-d, %Y %-I:%M %p")


class SessionHistoryView(HistoryView):
    """A session's attendance log, for those who may record it."""

    def get_base_object_queryset(self):
        return permissions.recordable_sessions(self.request.user)


class SessionViewSet(AdminTool, ModelViewSet):
    """Attendance > Sessions: find a session and record its attendance, for
    Faculty and above (`may_record_some`; which sessions: `recordable_sessions`)."""

    model = ModuleSession
    name = "attendance_sessions"
    url_prefix = "attendance/sessions"
    icon = "tasks"
    menu_label = _("Sessions")
    index_view_class = SessionIndexView
    history_view_class = SessionHistoryView
    filterset_class = SessionFilterSet
    add_to_reference_index = False
    copy_view_enabled = False
    inspect_view_enabled = False
    sort_order_field = None
    list_per_page = 50
    list_display = [
        TitleColumn(
            "title",
            label=_("Session"),
            get_url=lambda session: reverse(
                "attendance_sessions:record", args=[session.pk]
            ),
        ),
        Column(
            "starts_at", label=_("Date"), accessor=_local_start, sort_key="starts_at"
        ),
        Column("module", label=_("Module"), accessor="module.title"),
        Column("kind", label=_("Kind"), accessor="get_kind_display"),
        Column("mode", label=_("Mode"), accessor="get_mode_display"),
        Column("cohorts", label=_("Cohorts"), accessor="cohort_names"),
        Column("recorded", label=_("Recorded"), accessor="recorded_label"),
    ]

    @cached_property
    def permission_policy(self):
        return SessionAttendancePolicy(ModuleSession)

    def permission_check(self, user):
        return permissions.may_record_some(user)

    def register_permissions(self):
        # Attendance decides who sees sessions here (SESSION_POLICY, passed to the
        # views); it registers no policy for sessions site-wide.
        pass

    def get_common_view_kwargs(self, **kwargs):
        return super().get_common_view_kwargs(
            permission_policy=self.permission_policy,
            add_url_name=None,
            edit_url_name=self.get_url_name("record"),
            delete_url_name=None,
            usage_url_name=None,
            **kwargs,
        )

    def get_index_view_kwargs(self, **kwargs):
        return super().get_index_view_kwargs(
            record_url_name=self.get_url_name("record"),
            history_url_name=self.get_url_name("history"),
            **kwargs,
        )

    @property
    def record_view(self):
        return RecordAttendanceView.as_view(
            permission_check=self.permission_check,
            index_url_name=self.get_url_name("index"),
            history_url_name=self.get_url_name("history"),
        )

    def get_urlpatterns(self):
        return [
            path("", self.index_view, name="index"),
            path("results/", self.index_results_view, name="index_results"),
            path("<int:pk>/", self.record_view, name="record"),
            path("history/<int:pk>/", self.history_view, name="history"),
            path(
                "history-results/<int:pk>/",
                self.history_results_view,
                name="history_results",
            ),
        ]


# --- Hours adjustments ----------------------------------------------------------


class HoursAdjustmentFilterSet(WagtailFilterSet):
    """By cohort, or one enrollment (the attendance screen links there)."""

    cohort = django_filters.ModelChoiceFilter(
        label=_("Cohort"),
        field_name="enrollment__cohort",
        queryset=Cohort.objects.select_related("track"),
        empty_label=_("All cohorts"),
    )
    enrollment = django_filters.ModelChoiceFilter(
        label=_("Enrollment"),
        field_name="enrollment",
        # The choices' names read with them, not one query per choice.
        queryset=Enrollment.objects.select_related("person", "cohort__track"),
        empty_label=_("All enrollments"),
    )

    class Meta:
        model = HoursAdjustment
        fields: list[str] = []


class HoursAdjustmentIndexView(IndexView):
    """Adjustments, newest first; filter by cohort or by one enrollment."""

    def get_base_queryset(self):
        return HoursAdjustment.objects.select_related(
            "enrollment__person",
            "enrollment__cohort__track",
            "topic_area",
            "created_by",
        )


class HoursAdjustmentCreateView(CreateView):
    """An adjustment, with the enrollment chosen from `?enrollment=<id>` if given."""

    def get_initial(self):
        initial = super().get_initial()
        if enrollment := self.request.GET.get("enrollment", "").strip():
            initial["enrollment"] = enrollment
        return initial

    def save_instance(self):
        self.form.instance.created_by = self.request.user
        return super().save_instance()

    def get_success_buttons(self):
        # No edit screen: the message links to the enrollment's adjustments.
        return []

    def get_success_url(self):
        return reverse(self.index_url_name) + f"?enrollment={self.object.enrollment_id}"


class HoursAdjustmentViewSet(ModelViewSet):
    """Attendance > Hours adjustments: by the Program Director, with a reason."""

    model = HoursAdjustment
    name = "hours_adjustments"
    url_prefix = "attendance/adjustments"
    icon = "plus-inverse"
    menu_label = _("Hours adjustments")
    index_view_class = HoursAdjustmentIndexView
    add_view_class = HoursAdjustmentCreateView
    filterset_class = HoursAdjustmentFilterSet
    add_to_reference_index = False
    copy_view_enabled = False
    inspect_view_enabled = False
    list_per_page = 50
    list_display = [
        Column("person", label=_("Person"), accessor="enrollment.person.full_name"),
        Column("cohort", label=_("Cohort"), accessor="enrollment.cohort"),
        Column("hours", label=_("Hours")),
        Column("topic_area", label=_("Topic area")),
        Column("reason", label=_("Reason")),
        Column(
            "created_by",
            label=_("Added by"),
            accessor=lambda item: (
                item.created_by
                and (item.created_by.get_full_name() or item.created_by.get_username())
            ),
        ),
        Column("created_at", label=_("Added"), sort_key="created_at"),
    ]

    def get_form_class(self, for_update=False):
        return HoursAdjustmentForm

    def get_common_view_kwargs(self, **kwargs):
        # A ledger keeps its history: no edit or delete; correct with another one.
        return super().get_common_view_kwargs(
            edit_url_name=None,
            delete_url_name=None,
            usage_url_name=None,
            history_url_name=None,
            **kwargs,
        )

    def get_urlpatterns(self):
        return [
            path("", self.index_view, name="index"),
            path("results/", self.index_results_view, name="index_results"),
            path("new/", self.add_view, name="add"),
        ]

    def get_permissions_to_register(self):
        return (
            super()
            .get_permissions_to_register()
            .filter(codename__in=["add_hoursadjustment", "view_hoursadjustment"])
        )


class AttendanceViewSetGroup(ViewSetGroup):
    """Sessions and hours adjustments under one "Attendance" menu item."""

    menu_label = _("Attendance")
    menu_icon = "tasks"
    menu_order = 230
    # Attendance > Cohort progress (CohortProgressViewSet) joins through this hook.
    submenu_hook = "register_attendance_menu_item"
    items = (SessionViewSet, HoursAdjustmentViewSet)


class CohortProgressViewSet(AdminToolViewSet):
    """Attendance > Cohort progress (attendance/report_views.py): every participant's
    hours ledger, for Faculty and above (`may_see_progress`; which cohorts:
    `cohorts_for`)."""

    name = "attendance_progress"
    url_prefix = "attendance/progress"
    icon = "tasks"
    menu_label = _("Cohort progress")
    menu_name = "cohort-progress"
    # At the end of the Attendance menu (AttendanceViewSetGroup.submenu_hook).
    menu_order = 1000
    menu_hook = "register_attendance_menu_item"
    views = (
        ("", ProgressIndexView, "attendance_progress"),
        ("<int:pk>/", CohortProgressView, "attendance_progress_cohort"),
    )

    def permission_check(self, user):
        return permissions.may_see_progress(user)
