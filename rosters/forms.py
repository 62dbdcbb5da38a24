"""The roster upload and its confirmation."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from rosters.reading import (
    MAX_UPLOAD_BYTES,
    RosterFileError,
    detect_format,
    read_roster,
)


class RosterUploadForm(forms.Form):
    """A CSV or XLSX file, checked by its content and size before it is kept."""

    file = forms.FileField(
        label=_("Roster file"),
        help_text=_(
            "A CSV file (UTF-8) or an XLSX workbook, at most %(size)s MB, with the "
            "headers in row 1. You will see every row and every problem before "
            "anything is imported."
        )
        % {"size": MAX_UPLOAD_BYTES // (1024 * 1024)},
        widget=forms.ClearableFileInput(
            attrs={
                "accept": (
                    ".csv,.xlsx,text/csv,application/vnd.openxmlformats-"
                    "officedocument.spreadsheetml.sheet"
                )
            }
        ),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_UPLOAD_BYTES:
            raise ValidationError(
                _("The file is larger than %(size)s MB."),
                params={"size": MAX_UPLOAD_BYTES // (1024 * 1024)},
            )
        content = upload.read()
        try:
            read_roster(content, upload.name)
            self.file_format = detect_format(content, upload.name)
        except RosterFileError as error:
            raise ValidationError(str(error)) from error
        self.content = content
        return upload


class ConfirmImportForm(forms.Form):
    """The hash of the previewed file: the import runs only on those bytes."""

    sha256 = forms.CharField(widget=forms.HiddenInput, max_length=64)
