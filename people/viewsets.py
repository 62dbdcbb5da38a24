"""Admin screens for people, districts and cohorts: filters, search and CSV/XLSX export.

Every listing that exports uses an index view from core.exports, so no cell of an
export can run as a spreadsheet formula, and shows "Download CSV" and "Download
XLSX" in its header rather than in Wagtail's "..." menu.
"""

import django_filters
from django import forms
from django.db.models import Count, Exists, OuterRef, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.panels import Panel
from wagtail.admin.ui.tables import Column, NumberColumn
from wagtail.admin.views.generic import InspectView
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from core.exports import ExportIndexView, ExportSnippetIndexView
from people.choices import EnrollmentStatus, PersonRole
from people.models import LEA, Cohort, Enrollment, PartnerOrganization, Person

# --- shared pieces -------------------------------------------------------------------


class CountColumn(NumberColumn):
    """A number with thousands separators ("12,345"); blank when unknown."""

    def get_cell_context_data(self, instance, parent_context):
        if self.get_value(instance) is None:
            return Column.get_cell_context_data(self, instance, parent_context)
        return super().get_cell_context_data(instance, parent_context)


class LinkColumn(Column):
    """A cell that links somewhere: ``get_url(instance)`` and the column's value,
    or a ``get_text(instance)`` label."""

    cell_template_name = "people/admin/link_cell.html"

    def __init__(self, name, get_url, get_text=None, **kwargs):
        super().__init__(name, **kwargs)
        self.get_url = get_url
        self.get_text = get_text

    def get_cell_context_data(self, instance, parent_context):
        context = super().get_cell_context_data(instance, parent_context)
        context["url"] = self.get_url(instance)
        if self.get_text:
            context["value"] = self.get_text(instance)
        return context


def enrollments_url(cohort=None, status=None):
    """The Enrollments listing, filtered to a cohort and a status if given."""
    params = [("cohort", cohort.pk)] if cohort else []
    params += [("status", status)] if status else []
    query = "&".join(f"{name}={value}" for name, value in params)
    return reverse("enrollments:index") + (f"?{query}" if query else "")


def people_url(lea):
    """The People listing, filtered to one LEA."""
    return reverse("wagtailsnippets_people_person:list") + f"?lea={lea.pk}"


# --- people and partners -------------------------------------------------------------


class PersonViewSet(SnippetViewSet):
    """People: searchable and filterable, exportable for program staff."""

    model = Person
    icon = "user"
    menu_label = _("People")
    list_display = ["full_name", "job_title", "affiliation", "is_public"]
    list_filter = ["roles", "is_public", "lea__region", "lea", "partner"]
    list_export = [
        "first_name",
        "last_name",
        "job_title",
        "affiliation",
        "email",
        "is_public",
    ]
    export_filename = "cecto-people"
    index_view_class = ExportSnippetIndexView
    # Indexed model: the search backend searches its index fields. (Restricting
    # fields here breaks the SQLite FTS backend: "no such column".)
    inspect_view_enabled = True
    list_per_page = 50

    def get_queryset(self, request):
        return Person.objects.select_related("lea", "partner")


class PartnerViewSet(SnippetViewSet):
    """Partner organizations, ordered by hand."""

    model = PartnerOrganization
    icon = "group"
    menu_label = _("Partners")
    sort_order_field = "sort_order"
    list_display = ["name", "short_name", "website"]
    list_export = ["name", "short_name", "website", "description"]
    export_filename = "cecto-partners"
    index_view_class = ExportSnippetIndexView


# --- districts -----------------------------------------------------------------------


class LEAFilterSet(WagtailFilterSet):
    """LEAs by region, and by whether any participant works there."""

    has_participants = django_filters.ChoiceFilter(
        label=_("Participants"),
        choices=[
            ("yes", _("Has participants")),
            ("no", _("Has no participants")),
        ],
        method="filter_has_participants",
        empty_label=_("Any"),
        widget=forms.RadioSelect,
    )

    class Meta:
        model = LEA
        fields = ["region"]

    def filter_has_participants(self, queryset, name, value):
        participants = Person.objects.filter(
            lea=OuterRef("pk"), roles__slug=PersonRole.PARTICIPANT
        )
        if value == "yes":
            return queryset.filter(Exists(participants))
        if value == "no":
            return queryset.exclude(Exists(participants))
        return queryset


class LEAIndexView(ExportIndexView):
    """LEAs with how many people and participants each has, counted in the query."""

    # "LEAs (school districts)" and "Add LEA (school district)" crowd the header.
    page_title = _("LEAs")
    add_item_label = _("Add LEA")

    def get_base_queryset(self):
        # An aggregating query ignores Meta.ordering: order by name again.
        return (
            super()
            .get_base_queryset()
            .order_by("name")
            .annotate(
                people_count=Count("people", distinct=True),
                participant_count=Count(
                    "people",
                    filter=Q(people__roles__slug=PersonRole.PARTICIPANT),
                    distinct=True,
                ),
            )
        )


class LEAViewSet(ModelViewSet):
    """School districts: region, size and their people; filtered, searched, exported.

    At the address the modeladmin listing had (/admin/people/lea/), with the same
    menu place and model permissions (people.view_lea and the others)."""

    model = LEA
    name = "leas"
    url_prefix = "people/lea"
    icon = "home"
    menu_label = _("LEAs")
    menu_order = 230
    add_to_admin_menu = True
    index_view_class = LEAIndexView
    filterset_class = LEAFilterSet
    # A hundred-odd names: the database's own "contains" finds part of a name
    # ("hollow"), and needs no search index beside the counts' GROUP BY.
    search_fields = ["name", "code"]
    search_backend_name = None
    list_display = [
        "name",
        Column("code", label=_("Code"), sort_key="code"),
        Column(
            "region",
            label=_("Region"),
            accessor="get_region_display",
            sort_key="region",
        ),
        CountColumn("student_count", label=_("Students"), sort_key="student_count"),
        LinkColumn(
            "people_count",
            label=_("People"),
            get_url=people_url,
            get_text=lambda lea: (
                ngettext("%(count)s person", "%(count)s people", lea.people_count)
                % {"count": f"{lea.people_count:,}"}
            ),
            sort_key="people_count",
        ),
        CountColumn(
            "participant_count", label=_("Participants"), sort_key="participant_count"
        ),
    ]
    list_export = [
        "name",
        "code",
        "get_region_display",
        "student_count",
        "people_count",
        "participant_count",
    ]
    export_headings = {
        "code": _("LEA code"),
        "get_region_display": _("Region"),
        "student_count": _("Students"),
        "people_count": _("People"),
        "participant_count": _("Participants"),
    }
    export_filename = "cecto-leas"
    list_per_page = 50
    inspect_view_enabled = True


# --- cohorts and enrollments ---------------------------------------------------------

ROSTER_STATUSES = (
    EnrollmentStatus.ENROLLED,
    EnrollmentStatus.COMPLETED,
    EnrollmentStatus.WITHDRAWN,
)


def headcounts():
    """Annotations of a cohort's enrollments: one count per status and the total."""
    return {
        "headcount": Count("enrollments"),
        **{
            f"{status}_count": Count(
                "enrollments", filter=Q(enrollments__status=status)
            )
            for status in ROSTER_STATUSES
        },
    }


def roster(cohort):
    """A cohort's headcount by status, each with a link to those enrollments, from
    one query."""
    counts = Enrollment.objects.filter(cohort=cohort).aggregate(
        total=Count("pk"),
        **{status: Count("pk", filter=Q(status=status)) for status in ROSTER_STATUSES},
    )
    return {
        "rows": [
            {
                "label": EnrollmentStatus(status).label,
                "count": counts[status],
                "url": enrollments_url(cohort, status),
            }
            for status in ROSTER_STATUSES
        ],
        "total": counts["total"],
        "url": enrollments_url(cohort),
    }


class RosterPanel(Panel):
    """The cohort's headcount by status on its edit form (nothing on "Add")."""

    class BoundPanel(Panel.BoundPanel):
        template_name = "people/admin/roster_panel.html"

        def is_shown(self):
            return bool(self.instance and self.instance.pk)

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            context["roster"] = roster(self.instance)
            return context


class CohortIndexView(ExportIndexView):
    """Cohorts with their headcounts, counted in the listing's one query."""

    def get_base_queryset(self):
        # An aggregating query ignores Meta.ordering: newest class first again.
        return (
            super()
            .get_base_queryset()
            .select_related("track")
            .order_by("-year", "track__sort_order")
            .annotate(**headcounts())
        )


class CohortInspectView(InspectView):
    """A cohort's details and its roster."""

    template_name = "people/admin/cohort_inspect.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["roster"] = roster(self.object)
        return context


def headcount_text(cohort):
    return ngettext("%(count)s person", "%(count)s people", cohort.headcount) % {
        "count": f"{cohort.headcount:,}"
    }


class CohortViewSet(ModelViewSet):
    """Cohorts: one track's class of one year, with its roster."""

    model = Cohort
    name = "cohorts"
    icon = "date"
    menu_label = _("Cohorts")
    panels = [*Cohort.panels, RosterPanel(heading=_("Roster"))]
    list_display = [
        "year",
        "track",
        "starts_on",
        "ends_on",
        LinkColumn(
            "headcount",
            label=_("Headcount"),
            get_url=enrollments_url,
            get_text=headcount_text,
            sort_key="headcount",
        ),
        CountColumn("enrolled_count", label=_("Enrolled")),
        CountColumn("completed_count", label=_("Completed")),
        CountColumn("withdrawn_count", label=_("Withdrawn")),
    ]
    list_filter = ["track", "year"]
    list_export = [
        "year",
        "track",
        "starts_on",
        "ends_on",
        "enrolled_count",
        "completed_count",
        "withdrawn_count",
        "headcount",
    ]
    export_headings = {
        "enrolled_count": _("Enrolled"),
        "completed_count": _("Completed"),
        "withdrawn_count": _("Withdrawn"),
        "headcount": _("Headcount"),
    }
    export_filename = "cecto-cohorts"
    index_view_class = CohortIndexView
    inspect_view_class = CohortInspectView
    search_fields = ["year"]
    inspect_view_enabled = True


class EnrollmentFilterSet(WagtailFilterSet):
    """Enrollments by cohort, status, year and track; cohorts listed with their
    tracks from one query."""

    cohort = django_filters.ModelChoiceFilter(
        label=_("Cohort"), queryset=Cohort.objects.select_related("track")
    )

    class Meta:
        model = Enrollment
        fields = ["cohort", "status", "cohort__year", "cohort__track"]


class EnrollmentIndexView(ExportIndexView):
    """Enrollments with the person, their LEA and the cohort's track in one query."""

    def get_base_queryset(self):
        return (
            super().get_base_queryset().select_related("person__lea", "cohort__track")
        )


class EnrollmentViewSet(ModelViewSet):
    """Enrollments: who is in which cohort, and whether they completed."""

    model = Enrollment
    name = "enrollments"
    icon = "clipboard-list"
    menu_label = _("Enrollments")
    form_fields = ["person", "cohort", "status", "completed_on"]
    list_display = ["person", "cohort", "status", "completed_on"]
    filterset_class = EnrollmentFilterSet
    list_export = [
        "person",
        "person.email",
        "person.lea",
        "cohort",
        "cohort.track",
        "cohort.year",
        "get_status_display",
        "completed_on",
    ]
    export_headings = {
        "person": _("Person"),
        "person.email": _("E-mail"),
        "person.lea": _("LEA"),
        "cohort": _("Cohort"),
        "cohort.track": _("Track"),
        "cohort.year": _("Class of"),
        "get_status_display": _("Status"),
        "completed_on": _("Completion date"),
    }
    export_filename = "cecto-enrollments"
    index_view_class = EnrollmentIndexView
    search_fields = ["person__first_name", "person__last_name"]
    list_per_page = 50


class PeopleViewSetGroup(SnippetViewSetGroup):
    """People and partners under one menu item."""

    menu_label = _("People")
    menu_icon = "group"
    menu_order = 210
    items = (PersonViewSet, PartnerViewSet)


class CohortsViewSetGroup(ViewSetGroup):
    """Cohorts and enrollments under one menu item."""

    menu_label = _("Cohorts")
    menu_icon = "date"
    menu_order = 220
    # Other apps add to this menu (roster import, roll-over) by returning a MenuItem
    # from this hook; people imports none of them.
    submenu_hook = "register_cohorts_menu_item"
    items = (CohortViewSet, EnrollmentViewSet)
