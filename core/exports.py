"""Admin spreadsheet exports that a spreadsheet program cannot run as formulas.

Visitors write the interest form's answers and participants write page titles;
staff open the exports in Excel or LibreOffice, which run a cell that begins with
``=``, ``+``, ``-`` or ``@`` (or a tab or carriage return before one) as a
formula: ``=HYPERLINK(...)`` or worse. Every admin export goes through
``SafeSpreadsheetExportMixin``, which hooks Wagtail's ``SpreadsheetExportMixin``
(https://github.com/wagtail/wagtail/blob/main/wagtail/admin/views/mixins.py).
"""

from django.urls import path
from django.views.decorators.cache import never_cache
from wagtail.admin.auth import require_admin_access
from wagtail.admin.views.generic import IndexView
from wagtail.admin.views.mixins import SpreadsheetExportMixin
from wagtail.admin.views.reports.aging_pages import AgingPagesView
from wagtail.admin.views.reports.audit_logging import LogEntriesView
from wagtail.admin.views.reports.locked_pages import LockedPagesView
from wagtail.admin.views.reports.workflows import WorkflowTasksView, WorkflowView
from wagtail.contrib.forms.views import SubmissionsListView
from wagtail.contrib.redirects.views import IndexView as RedirectsIndexView
from wagtail.contrib.search_promotions.views.reports import SearchTermsReportView
from wagtail.snippets.views.snippets import IndexView as SnippetIndexView

# OWASP "CSV Injection": the characters a spreadsheet reads as starting a formula.
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


def neutralise_formula(value):
    """``value`` with a single quote in front if a spreadsheet would read it as a
    formula; anything else (numbers, dates, safe text) unchanged.

    The quote is the OWASP advice: spreadsheets show the text as typed, and a
    person reading the CSV sees what was sent.
    """
    if isinstance(value, str) and value.startswith(FORMULA_TRIGGERS):
        return "'" + value
    return value


class SafeSpreadsheetExportMixin:
    """Neutralises formula-like text in CSV cells and in every heading.

    List it before the view class that brings ``SpreadsheetExportMixin``. XLSX
    cells are typed: Wagtail already writes a formula-like value as a string cell,
    which no spreadsheet runs, so XLSX values are left exactly as they came.
    """

    def preprocess_field_value(self, field, value, export_format):
        value = super().preprocess_field_value(field, value, export_format)
        if export_format == SpreadsheetExportMixin.FORMAT_CSV:
            return neutralise_formula(value)
        return value

    def get_heading(self, queryset, field):
        # Headings can be editors' text (form field labels); openpyxl would also
        # turn a heading that starts with "=" into a formula cell.
        return neutralise_formula(super().get_heading(queryset, field))


class SafeExportIndexView(SafeSpreadsheetExportMixin, IndexView):
    """A ``ModelViewSet`` index view whose exports cannot carry formulas."""


class SafeExportSnippetIndexView(SafeSpreadsheetExportMixin, SnippetIndexView):
    """A ``SnippetViewSet`` index view whose exports cannot carry formulas."""


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


def _admin(view, **initkwargs):
    # What wagtail.admin.urls wraps every admin view in.
    return never_cache(require_admin_access(view.as_view(**initkwargs)))


# Included under "admin/" before Wagtail's admin URLs; unnamed, so reversing
# Wagtail's names still gives the same addresses.
admin_export_urlpatterns = [
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
