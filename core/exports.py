"""The portal's one export helper: every admin listing and report downloads through
Wagtail's ``SpreadsheetExportMixin`` (wagtail/admin/views/mixins.py), made safe here.

Visitors write the interest form's answers and participants write page titles;
staff open the exports in Excel or LibreOffice, which run a cell that begins with
``=``, ``+``, ``-`` or ``@`` (or a tab or carriage return before one) as a
formula: ``=HYPERLINK(...)`` or worse. ``SafeSpreadsheetExportMixin`` neutralises
those cells and headings; the rest builds on it:

- ``ExportIndexView`` and ``ExportSnippetIndexView``: ``ModelViewSet`` and
  ``SnippetViewSet`` listings, with "Download CSV" and "Download XLSX" in the header
  (``VisibleExportMixin``);
- ``SpreadsheetReportMixin``: a report screen whose rows are computed (dicts, not a
  queryset), exported by the same Wagtail code;
- the ``Safe*`` views: Wagtail's own exporting screens, routed here by
  ``admin_export_urlpatterns``.
"""

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

from django.http import HttpRequest, HttpResponse
from django.urls import URLPattern, path
from django.utils.functional import Promise, cached_property
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from wagtail.admin.auth import require_admin_access
from wagtail.admin.views.generic import IndexView
from wagtail.admin.views.mixins import SpreadsheetExportMixin
from wagtail.admin.views.reports.aging_pages import AgingPagesView
from wagtail.admin.views.reports.audit_logging import LogEntriesView
from wagtail.admin.views.reports.locked_pages import LockedPagesView
from wagtail.admin.views.reports.workflows import WorkflowTasksView, WorkflowView
from wagtail.admin.widgets.button import HeaderButton
from wagtail.contrib.forms.views import SubmissionsListView
from wagtail.contrib.redirects.views import IndexView as RedirectsIndexView
from wagtail.contrib.search_promotions.views.reports import SearchTermsReportView
from wagtail.snippets.views.snippets import IndexView as SnippetIndexView

if TYPE_CHECKING:
    # The mixins below sit in front of Wagtail's views and call their methods.
    from wagtail.admin.views.generic import IndexView as _ExportView
else:
    _ExportView = object

# OWASP "CSV Injection": the characters a spreadsheet reads as starting a formula.
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


def neutralise_formula(value: Any) -> Any:
    """``value`` with a single quote in front if a spreadsheet would read it as a
    formula; anything else (numbers, dates, safe text) unchanged.

    The quote is the OWASP advice: spreadsheets show the text as typed, and a
    person reading the CSV sees what was sent.
    """
    if isinstance(value, str) and value.startswith(FORMULA_TRIGGERS):
        return "'" + value
    return value


class SafeSpreadsheetExportMixin(_ExportView):
    """Neutralises formula-like text in CSV cells and in every heading.

    List it before the view class that brings ``SpreadsheetExportMixin``. XLSX
    cells are typed: Wagtail already writes a formula-like value as a string cell,
    which no spreadsheet runs, so XLSX values are left exactly as they came.
    """

    def preprocess_field_value(self, field: str, value: Any, export_format: str) -> Any:
        value = super().preprocess_field_value(field, value, export_format)
        if export_format == SpreadsheetExportMixin.FORMAT_CSV:
            return neutralise_formula(value)
        return value

    def get_heading(self, queryset: Any, field: str) -> str:
        # Headings can be editors' text (form field labels); openpyxl would also
        # turn a heading that starts with "=" into a formula cell.
        return neutralise_formula(super().get_heading(queryset, field))


class VisibleExportMixin(_ExportView):
    """Puts the export links in the listing's header, beside "Add", where staff see
    them; Wagtail keeps them in the header's "..." dropdown
    (SpreadsheetExportMixin.header_more_buttons in wagtail/admin/views/mixins.py).

    Header buttons are re-rendered with the results when filters change, so the
    links always export what the listing shows.
    """

    @cached_property
    def header_buttons(self) -> list[Any]:
        buttons = list(super().header_buttons)
        if self.show_export_buttons:
            buttons += [
                self.export_button(_("CSV"), _("Download CSV"), self.csv_export_url),
                self.export_button(_("XLSX"), _("Download XLSX"), self.xlsx_export_url),
            ]
        return buttons

    @staticmethod
    def export_button(
        label: str | Promise, description: str | Promise, url: str
    ) -> HeaderButton:
        # A short visible label, so "Add", both downloads and the title fit a
        # phone's header; the accessible name and tooltip say it in full.
        return HeaderButton(
            label,
            url=url,
            icon_name="download",
            classname="button-secondary",
            attrs={
                "aria-label": description,
                "data-controller": "w-tooltip",
                "data-w-tooltip-content-value": description,
            },
            priority=1100,
        )

    @cached_property
    def header_more_buttons(self) -> list[Any]:
        exports = {self.csv_export_url, self.xlsx_export_url}
        return [b for b in super().header_more_buttons if b.url not in exports]


class ExportIndexView(VisibleExportMixin, SafeSpreadsheetExportMixin, IndexView):
    """A ``ModelViewSet`` listing with formula-safe exports in its header."""


class ExportSnippetIndexView(
    VisibleExportMixin, SafeSpreadsheetExportMixin, SnippetIndexView
):
    """A ``SnippetViewSet`` listing with formula-safe exports in its header."""


class SpreadsheetReportMixin(SafeSpreadsheetExportMixin, SpreadsheetExportMixin):
    """A report screen (a ``TemplateView`` with its own table) whose rows are
    computed: ``?export=csv`` or ``?export=xlsx`` returns ``export_rows()``, one
    dict per row keyed by ``list_export``, through Wagtail's own spreadsheet code.

    Wagtail's ``ReportView`` exports a queryset through the same mixin; these
    reports' rows are ledgers and aggregates, not a model's rows, so they give the
    rows and the headings (``export_headings``, every field named there).
    """

    def export_rows(self) -> Sequence[Mapping[str, Any]]:
        raise NotImplementedError

    def get_heading(self, queryset: Any, field: str) -> str:
        # No model to name a column: every heading is in export_headings.
        return neutralise_formula(str(self.export_headings.get(field, field)))

    def to_row_dict(self, item: Mapping[str, Any]) -> dict[str, Any]:
        return {field: item.get(field, "") for field in self.list_export}

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if self.is_export:
            return self.as_spreadsheet(self.export_rows(), request.GET.get("export"))
        return super().get(request, *args, **kwargs)


class SafeSubmissionsListView(SafeSpreadsheetExportMixin, SubmissionsListView):
    """Form submissions, listed and exported without runnable formulas."""


# Wagtail's own exporting screens list text that participants and editors write
# (page titles, redirect targets, search terms) and cannot be given a mixin from a
# viewset; portal/urls.py routes their addresses, ahead of the admin's, to these
# subclasses. Each subclass changes the export only; the screens are unchanged.
class SafeLockedPagesView(SafeSpreadsheetExportMixin, LockedPagesView):
    """Reports > Locked pages."""


class SafeAgingPagesView(SafeSpreadsheetExportMixin, AgingPagesView):
    """Reports > Aging pages."""


class SafeLogEntriesView(SafeSpreadsheetExportMixin, LogEntriesView):
    """Reports > Site history."""


class SafeWorkflowView(SafeSpreadsheetExportMixin, WorkflowView):
    """Reports > Workflows."""


class SafeWorkflowTasksView(SafeSpreadsheetExportMixin, WorkflowTasksView):
    """Reports > Workflow tasks."""


class SafeSearchTermsReportView(SafeSpreadsheetExportMixin, SearchTermsReportView):
    """Reports > Search terms."""


class SafeRedirectsIndexView(SafeSpreadsheetExportMixin, RedirectsIndexView):
    """Settings > Redirects."""


def _admin(view: type[Any], **initkwargs: Any) -> Any:
    # What wagtail.admin.urls wraps every admin view in.
    return never_cache(require_admin_access(view.as_view(**initkwargs)))


# Included under "admin/" before Wagtail's admin URLs; unnamed, so reversing
# Wagtail's names still gives the same addresses.
admin_export_urlpatterns: list[URLPattern] = [
    path(route, _admin(view, **initkwargs))
    for prefix, view in [
        ("reports/locked/", SafeLockedPagesView),
        ("reports/aging-pages/", SafeAgingPagesView),
        ("reports/site-history/", SafeLogEntriesView),
        ("reports/workflow/", SafeWorkflowView),
        ("reports/workflow_tasks/", SafeWorkflowTasksView),
        ("searchpicks/reports/search-terms/", SafeSearchTermsReportView),
        ("redirects/", SafeRedirectsIndexView),
    ]
    for route, initkwargs in [
        (prefix, {}),
        (prefix + "results/", {"results_only": True}),
    ]
]
