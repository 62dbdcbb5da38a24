"""Admin spreadsheet exports that a spreadsheet program cannot run as formulas.

Visitors write the interest form's answers and participants write page titles;
staff open the exports in Excel or LibreOffice, which run a cell that begins with
``=``, ``+``, ``-`` or ``@`` (or a tab or carriage return before one) as a
formula: ``=HYPERLINK(...)`` or worse. Every admin export goes through
``SafeSpreadsheetExportMixin``, which hooks Wagtail's ``SpreadsheetExportMixin``
(https://github.com/wagtail/wagtail/blob/main/wagtail/admin/views/mixins.py).
"""

from wagtail.admin.views.generic import IndexView
from wagtail.admin.views.mixins import SpreadsheetExportMixin
from wagtail.contrib.forms.views import SubmissionsListView
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
