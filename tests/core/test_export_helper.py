"""core.exports is the one export helper: every portal listing that exports uses its
index views, and a computed report exports through SpreadsheetReportMixin with the
same formula safety as Wagtail's listings."""

import csv
import io
from typing import Any

import pytest
from django.test import RequestFactory
from django.urls import reverse
from django.views.generic import TemplateView
from openpyxl import load_workbook
from wagtail.admin.viewsets import viewsets

from core.exports import (
    ExportIndexView,
    ExportSnippetIndexView,
    SpreadsheetReportMixin,
)


def test_every_portal_listing_that_exports_uses_the_portal_helper():
    reverse("wagtailadmin_home")  # loads the admin's URLs, which register viewsets
    exporting = [
        viewset
        for viewset in viewsets.viewsets
        if not type(viewset).__module__.startswith("wagtail.")
        and getattr(viewset, "list_export", None) not in (None, [], viewset.UNDEFINED)
    ]
    assert exporting
    for viewset in exporting:
        assert issubclass(
            viewset.index_view_class, ExportIndexView | ExportSnippetIndexView
        ), viewset


class NumbersReport(SpreadsheetReportMixin, TemplateView):
    """A report of computed rows, as the progress and rubric reports are."""

    list_export = ["name", "count"]
    export_headings = {"name": "=Name", "count": "Count"}
    export_filename = "numbers"

    def export_rows(self) -> list[dict[str, Any]]:
        return [{"name": "=1+1", "count": 3}, {"name": "Dana Reyes"}]


def export(export_format: str) -> Any:
    request = RequestFactory().get("/", {"export": export_format})
    return NumbersReport.as_view()(request)


def test_a_report_exports_its_rows_as_csv_without_runnable_formulas():
    response = export("csv")
    assert response["Content-Type"].startswith("text/csv")
    assert "numbers" in response["Content-Disposition"]
    body = b"".join(response.streaming_content).decode()
    assert list(csv.reader(io.StringIO(body))) == [
        ["'=Name", "Count"],
        ["'=1+1", "3"],
        ["Dana Reyes", ""],
    ]


@pytest.mark.django_db
def test_a_report_exports_its_rows_as_xlsx_with_text_cells():
    response = export("xlsx")
    workbook = load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    rows = [list(row) for row in workbook.active.iter_rows()]
    assert [cell.value for cell in rows[0]] == ["'=Name", "Count"]
    assert rows[1][0].value == "=1+1" and rows[1][0].data_type == "s"
    assert rows[1][1].value == 3
