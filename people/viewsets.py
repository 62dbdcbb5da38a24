"""Admin screens for people and cohorts: filters, search and CSV/XLSX export.

Every viewset that exports uses an index view from core.exports, so no cell of an
export can run as a spreadsheet formula.
"""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from core.exports import SafeExportIndexView, SafeExportSnippetIndexView
from people.models import Cohort, Enrollment, PartnerOrganization, Person


class PersonViewSet(SnippetViewSet):
    """People: searchable and filterable, exportable for program staff."""

    model = Person
    icon = "user"
    menu_label = _("People")
    list_display = ["full_name", "job_title", "affiliation", "is_public"]
    list_filter = ["roles", "is_public", "lea__region", "partner"]
    list_export = [
        "first_name",
        "last_name",
        "job_title",
        "affiliation",
        "email",
        "is_public",
    ]
    export_filename = "cecto-people"
    index_view_class = SafeExportSnippetIndexView
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


class CohortViewSet(ModelViewSet):
    """Cohorts: one track's class of one year."""

    model = Cohort
    name = "cohorts"
    icon = "date"
    menu_label = _("Cohorts")
    form_fields = ["year", "track", "starts_on", "ends_on"]
    list_display = ["year", "track", "starts_on", "ends_on"]
    list_filter = ["track", "year"]
    list_export = ["year", "track", "starts_on", "ends_on"]
    export_filename = "cecto-cohorts"
    index_view_class = SafeExportIndexView
    search_fields = ["year"]
    inspect_view_enabled = True


class EnrollmentViewSet(ModelViewSet):
    """Enrollments: who is in which cohort, and whether they completed."""

    model = Enrollment
    name = "enrollments"
    icon = "clipboard-list"
    menu_label = _("Enrollments")
    form_fields = ["person", "cohort", "status", "completed_on"]
    list_display = ["person", "cohort", "status", "completed_on"]
    list_filter = ["status", "cohort__year", "cohort__track"]
    list_export = ["person", "cohort", "get_status_display", "completed_on"]
    export_headings = {"get_status_display": _("Status")}
    export_filename = "cecto-enrollments"
    index_view_class = SafeExportIndexView
    search_fields = ["person__first_name", "person__last_name"]
    list_per_page = 50

    def get_queryset(self, request):
        return Enrollment.objects.select_related("person", "cohort__track")


class PeopleViewSetGroup(SnippetViewSetGroup):
    """People, districts and partners under one menu item."""

    menu_label = _("People")
    menu_icon = "group"
    menu_order = 210
    items = (PersonViewSet, PartnerViewSet)


class CohortsViewSetGroup(ViewSetGroup):
    """Cohorts and enrollments under one menu item."""

    menu_label = _("Cohorts")
    menu_icon = "date"
    menu_order = 220
    items = (CohortViewSet, EnrollmentViewSet)
