"""The admin's "Import roster" screens: upload, preview, confirm.

The uploaded file is kept server-side in a pending RosterImport, keyed by a random
token in the address and checked by its SHA-256 at confirmation, so what is
imported is exactly what was previewed; nothing is uploaded twice.
"""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.generic import FormView, TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from core.admin_tools import AdminToolView
from rosters.choices import ImportSource, ImportStatus
from rosters.forms import ConfirmImportForm, RosterUploadForm
from rosters.importer import EnrollmentAction, PersonAction, import_roster
from rosters.models import RosterImport, file_hash
from rosters.reading import COLUMNS, RosterFileError

# The preview lists this many rows; every problem is listed whatever the length.
PREVIEW_ROWS = 200
RECENT_IMPORTS = 10

PERSON_ACTIONS = {
    PersonAction.CREATE: _("New person"),
    PersonAction.MATCH: _("Matched by e-mail"),
    PersonAction.UPDATE: _("Matched; empty fields filled or role added"),
}
ENROLLMENT_ACTIONS = {
    EnrollmentAction.CREATE: _("New enrollment"),
    EnrollmentAction.UNCHANGED: _("Already enrolled"),
}


class RosterImportMixin:
    """The screens' icon and breadcrumbs; who may use them is `RosterImportViewSet`'s
    (rosters/viewsets.py: `may_import_rosters`)."""

    header_icon = "upload"

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse("rosters_import"), "label": _("Import roster")},
        ]


class UploadView(AdminToolView, RosterImportMixin, WagtailAdminTemplateMixin, FormView):
    """Step 1: choose the file. It is checked and kept for the preview."""

    page_title = _("Import roster")
    template_name = "rosters/upload.html"
    form_class = RosterUploadForm

    def form_valid(self, form):
        RosterImport.objects.stale().delete()
        upload = form.cleaned_data["file"]
        record = RosterImport.objects.create(
            file_name=upload.name[-255:],
            file_format=form.file_format,
            sha256=file_hash(form.content),
            content=form.content,
            source=ImportSource.ADMIN,
            created_by=self.request.user,
        )
        return redirect("rosters_preview", record.token)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            action_url=reverse("rosters_import"),
            submit_button_label=_("Upload and preview"),
            submit_button_active_label=_("Checking the file…"),
            columns=COLUMNS,
            recent_imports=RosterImport.objects.filter(
                status=ImportStatus.IMPORTED
            ).select_related("created_by")[:RECENT_IMPORTS],
        )
        return context


class PreviewView(
    AdminToolView, RosterImportMixin, WagtailAdminTemplateMixin, TemplateView
):
    """Step 2: every row and every problem; step 3: confirm, which imports."""

    page_title = _("Import roster")
    template_name = "rosters/preview.html"

    def get_record(self):
        return get_object_or_404(
            RosterImport.objects.pending_for(self.request.user),
            token=self.kwargs["token"],
        )

    def get_page_subtitle(self):
        return self.record.file_name

    def get(self, request, *args, **kwargs):
        self.record = self.get_record()
        try:
            result = import_roster(
                bytes(self.record.content), self.record.file_name, dry_run=True
            )
        except RosterFileError as error:
            messages.error(request, str(error))
            return redirect("rosters_import")
        form = ConfirmImportForm(initial={"sha256": self.record.sha256})
        return self.render_to_response(self.get_context_data(result=result, form=form))

    def post(self, request, *args, **kwargs):
        self.record = self.get_record()
        form = ConfirmImportForm(request.POST)
        if (
            not form.is_valid()
            or form.cleaned_data["sha256"] != self.record.sha256
            or not self.record.content_intact
        ):
            messages.error(
                request,
                _("This is not the file you previewed. Upload it again, please."),
            )
            return redirect("rosters_import")
        try:
            result = import_roster(
                bytes(self.record.content),
                self.record.file_name,
                user=request.user,
                source=ImportSource.ADMIN,
                record=self.record,
            )
        except RosterFileError as error:
            messages.error(request, str(error))
            return redirect("rosters_import")
        if not result.ok:
            # Something changed since the preview (a cohort removed, say).
            return TemplateResponse(
                request,
                self.template_name,
                self.get_context_data(result=result, form=form),
            )
        messages.success(
            request,
            _("Imported %(file)s. %(report)s")
            % {
                "file": self.record.file_name,
                "report": " ".join(result.report_lines()[1:]),
            },
        )
        return redirect("rosters_import")

    def get_context_data(self, result, **kwargs):
        context = super().get_context_data(**kwargs)
        rows = result.rows[:PREVIEW_ROWS]
        context.update(
            record=self.record,
            result=result,
            report_lines=result.report_lines(),
            action_url=reverse("rosters_preview", args=(self.record.token,)),
            preview_rows=[
                {
                    "row": row,
                    "person_action": PERSON_ACTIONS.get(row.person_action, ""),
                    "enrollment_action": ENROLLMENT_ACTIONS.get(
                        row.enrollment_action, ""
                    ),
                }
                for row in rows
            ],
            rows_not_shown=max(0, len(result.rows) - PREVIEW_ROWS),
        )
        return context
