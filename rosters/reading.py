"""Reading and checking a roster file, before anything is written.

`read_roster(content, file_name)` makes the file a tablib `Dataset` (CSV in UTF-8,
with or without a byte-order mark, or the first sheet of an XLSX workbook; the
format is decided by the content, and the name must agree). `check_roster(dataset)`
checks every row: each problem names its row as a spreadsheet shows it (the header
is row 1) and its column. rosters/importer.py writes what passes.
"""

import csv
import datetime
import io
import re
import zipfile
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import tablib
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from openpyxl.utils import get_column_letter
from tablib.formats._csv import CSVFormat

from curriculum.models import Track
from people.choices import EnrollmentStatus
from people.models import LEA, Cohort
from rosters.choices import FileFormat

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

MAX_UPLOAD_BYTES = 5 * 1024 * 1024
MAX_ROWS = 20_000
PROGRESS_EVERY = 500


class RosterFileError(Exception):
    """The file cannot be read as a roster at all (wrong type, not UTF-8...)."""


@dataclass(frozen=True)
class Column:
    key: str
    label: "StrOrPromise"
    required: bool
    headers: tuple  # accepted headers, normalised by `header_key`
    max_length: int = 0


COLUMNS = (
    Column("first_name", gettext_lazy("first name"), True, ("firstname",), 80),
    Column("last_name", gettext_lazy("last name"), True, ("lastname",), 80),
    Column("email", gettext_lazy("e-mail"), True, ("email", "emailaddress"), 254),
    Column(
        "job_title",
        gettext_lazy("role or job title"),
        False,
        ("roleorjobtitle", "jobtitle", "role", "title"),
        150,
    ),
    Column("lea", gettext_lazy("LEA"), False, ("lea", "leaname", "leacode")),
    Column("track", gettext_lazy("track"), True, ("track",)),
    Column("year", gettext_lazy("cohort year"), True, ("cohortyear", "year")),
    Column("status", gettext_lazy("status"), False, ("status",)),
)
COLUMNS_BY_HEADER = {header: column for column in COLUMNS for header in column.headers}
STATUSES = {value: value for value in EnrollmentStatus.values}


def header_key(header):
    """'E-mail', 'e mail' and 'EMAIL' are one column: case, spaces, hyphens and
    underscores do not count."""
    return re.sub(r"[\s_\-]+", "", str(header or "")).casefold()


def cell_text(value):
    """A cell as trimmed text: XLSX numbers such as 2026.0 read as '2026'."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, datetime.datetime | datetime.date):
        value = value.isoformat()
    return " ".join(str(value).split())


# --- Reading ----------------------------------------------------------------------


class _RosterCSVFormat(CSVFormat):
    """tablib's CSV format, keeping blank lines as empty rows.

    tablib drops them (`tablib/formats/_csv.py`), which would shift every later
    row's number away from the one a spreadsheet shows. A row longer than the
    header widens the dataset under blank headers, as an XLSX sheet reads, so the
    check can report those cells.
    """

    @classmethod
    def import_set(cls, dset, in_stream, **kwargs):
        dset.wipe()
        rows = list(csv.reader(in_stream))
        if not rows:
            return
        width = max(len(row) for row in rows)
        dset.headers = rows[0] + [""] * (width - len(rows[0]))
        for row in rows[1:]:
            dset.append(row + [""] * (width - len(row)))


def detect_format(content, file_name):
    """'csv' or 'xlsx', from the bytes; the file name's extension must agree."""
    extension = file_name.rsplit(".", 1)[-1].lower() if "." in file_name else ""
    if extension not in FileFormat.values:
        raise RosterFileError(_("Choose a CSV or an XLSX file."))
    if content[:4] == b"PK\x03\x04":
        try:
            with zipfile.ZipFile(io.BytesIO(content)) as archive:
                is_workbook = "xl/workbook.xml" in archive.namelist()
        except zipfile.BadZipFile:
            is_workbook = False
        found = FileFormat.XLSX if is_workbook else None
    elif b"\x00" in content:
        found = None
    else:
        found = FileFormat.CSV
    if found != extension:
        raise RosterFileError(
            _("This file's content is not %(format)s, although its name says so.")
            % {"format": FileFormat(extension).label}
        )
    return found


def read_roster(content, file_name):
    """The file as a tablib Dataset (headers from row 1). Raises RosterFileError."""
    if len(content) > MAX_UPLOAD_BYTES:
        raise RosterFileError(
            _("The file is larger than %(size)s MB.")
            % {"size": MAX_UPLOAD_BYTES // (1024 * 1024)}
        )
    file_format = detect_format(content, file_name)
    dataset = tablib.Dataset()
    try:
        if file_format == FileFormat.CSV:
            try:
                text = content.decode("utf-8-sig")
            except UnicodeDecodeError as error:
                raise RosterFileError(
                    _(
                        "The CSV file is not in UTF-8. Save it as 'CSV UTF-8' and try again."
                    )
                ) from error
            _RosterCSVFormat.import_set(dataset, io.StringIO(text, newline=""))
        else:
            dataset.load(io.BytesIO(content), format="xlsx")
    except RosterFileError:
        raise
    except Exception as error:  # openpyxl and csv raise many kinds on a bad file
        raise RosterFileError(
            _("The file could not be read as %(format)s.")
            % {"format": FileFormat(file_format).label}
        ) from error
    if dataset.headers is None or not any(cell_text(h) for h in dataset.headers):
        raise RosterFileError(_("The file is empty: row 1 must hold the headers."))
    if dataset.height > MAX_ROWS:
        raise RosterFileError(
            _("The file has %(rows)s rows; import at most %(max)s at a time.")
            % {"rows": dataset.height, "max": MAX_ROWS}
        )
    return dataset


# --- Checking ---------------------------------------------------------------------


@dataclass
class Problem:
    """An error (nothing is imported) or a warning (the import goes ahead)."""

    message: str
    row: int | None = None
    column: str = ""

    @property
    def place(self):
        """'Row 4, column "E-mail" (C)', 'Row 4' or ''."""
        place = _("Row %(row)s") % {"row": self.row} if self.row else ""
        if self.column:
            column = _("column %(column)s") % {"column": self.column}
            place = f"{place}, {column}" if place else column[:1].upper() + column[1:]
        return place

    def __str__(self):
        return f"{self.place}: {self.message}" if self.place else self.message


@dataclass
class RosterRow:
    """One valid row, with its LEA, track and cohort found."""

    number: int
    first_name: str
    last_name: str
    email: str
    job_title: str
    lea: LEA | None
    cohort: Cohort
    status: str
    # Filled by the plan:
    person_action: str = ""
    enrollment_action: str = ""

    @property
    def email_key(self):
        return self.email.casefold()

    @property
    def track(self):
        return self.cohort.track


@dataclass
class CheckedRoster:
    rows: list = field(default_factory=list)
    errors: list = field(default_factory=list)
    warnings: list = field(default_factory=list)
    total_rows: int = 0

    @property
    def ok(self):
        return not self.errors


class _Lookups:
    """Every LEA, track and cohort, read once (three small tables)."""

    def __init__(self):
        self.leas_by_code = {}
        self.leas_by_name = {}
        for lea in LEA.objects.only("pk", "name", "code"):
            self.leas_by_name[" ".join(lea.name.split()).casefold()] = lea
            if lea.code:
                self.leas_by_code[lea.code.upper()] = lea
        self.tracks = {}
        for track in Track.objects.all():
            self.tracks[track.slug.casefold()] = track
            self.tracks[" ".join(track.name.split()).casefold()] = track
        self.cohorts = {
            (cohort.track_id, cohort.year): cohort
            for cohort in Cohort.objects.select_related("track")
        }

    def lea(self, value):
        code = value.upper()
        lea = self.leas_by_code.get(code)
        if lea is None and code.isdigit():
            # A spreadsheet may have turned the code 015 into the number 15.
            lea = self.leas_by_code.get(code.zfill(3))
        return lea or self.leas_by_name.get(value.casefold())


def check_roster(dataset, progress=None):
    """Check every row; return a CheckedRoster with the valid rows and every problem.

    Reads the LEAs, tracks and cohorts in three queries whatever the file's length.
    `progress(done, total)` is called every PROGRESS_EVERY rows.
    """
    checked = CheckedRoster(total_rows=dataset.height)
    positions = _map_headers(dataset.headers, checked)
    if checked.errors:
        return checked
    lookups = _Lookups()
    unlabelled = [
        i for i, header in enumerate(dataset.headers) if not cell_text(header)
    ]
    labels = {
        key: f'"{cell_text(dataset.headers[index])}" ({get_column_letter(index + 1)})'
        for key, index in positions.items()
    }
    first_row_of = {}
    for index, values in enumerate(dataset):
        number = index + 2  # the header is row 1
        if progress and index and index % PROGRESS_EVERY == 0:
            progress(index, dataset.height)
        cells = {
            key: cell_text(values[position]) for key, position in positions.items()
        }
        if not any(cell_text(value) for value in values):
            continue  # a blank row: nothing to import, nothing wrong
        row_errors = _check_row(number, cells, labels, lookups, checked)
        for position in unlabelled:
            if cell_text(values[position]):
                checked.errors.append(
                    Problem(
                        _("This cell is under no header; leave it empty."),
                        number,
                        get_column_letter(position + 1),
                    )
                )
                row_errors = True
        if row_errors:
            continue
        row = _row(number, cells, lookups)
        key = (row.email_key, row.cohort.pk)
        if key in first_row_of:
            checked.errors.append(
                Problem(
                    _("The same e-mail and cohort as row %(row)s.")
                    % {"row": first_row_of[key]},
                    number,
                    labels["email"],
                )
            )
            continue
        first_row_of[key] = number
        checked.rows.append(row)
    if not checked.rows and not checked.errors:
        checked.errors.append(
            Problem(_("There are no rows to import below the headers."), 2)
        )
    if progress:
        progress(dataset.height, dataset.height)
    return checked


def _map_headers(headers, checked):
    """{column key: index}; missing required columns reported once each."""
    positions = {}
    for index, header in enumerate(headers):
        text = cell_text(header)
        if not text:
            continue
        column = COLUMNS_BY_HEADER.get(header_key(text))
        if column is None:
            checked.warnings.append(
                Problem(
                    _("This column is not part of a roster; it is ignored."),
                    1,
                    f'"{text}" ({get_column_letter(index + 1)})',
                )
            )
        elif column.key in positions:
            checked.errors.append(
                Problem(
                    _("The %(column)s column appears twice.")
                    % {"column": column.label},
                    1,
                    f'"{text}" ({get_column_letter(index + 1)})',
                )
            )
        else:
            positions[column.key] = index
    for column in COLUMNS:
        if column.required and column.key not in positions:
            checked.errors.append(
                Problem(
                    _("The required column is missing (its header goes in row 1)."),
                    1,
                    f'"{column.label}"',
                )
            )
    return positions


def _check_row(number, cells, labels, lookups, checked):
    """Append this row's errors to `checked`; return True if it had any."""
    errors = []

    def error(key, message):
        errors.append(Problem(message, number, labels[key]))

    for column in COLUMNS:
        value = cells.get(column.key, "")
        if column.required and not value:
            error(column.key, _("This cell is empty; it is required."))
        elif column.max_length and len(value) > column.max_length:
            error(
                column.key,
                _("Longer than %(max)s characters.") % {"max": column.max_length},
            )
    if cells["email"] and len(cells["email"]) <= 254:
        try:
            validate_email(cells["email"])
        except ValidationError:
            error(
                "email",
                _("'%(value)s' is not an e-mail address.") % {"value": cells["email"]},
            )
    if cells.get("lea") and lookups.lea(cells["lea"]) is None:
        error(
            "lea",
            _("No LEA has the name or code '%(value)s'.") % {"value": cells["lea"]},
        )
    track = lookups.tracks.get(cells["track"].casefold()) if cells["track"] else None
    if cells["track"] and track is None:
        error("track", _("No track is called '%(value)s'.") % {"value": cells["track"]})
    year = cells["year"]
    if year and not (year.isdigit() and len(year) == 4):
        error("year", _("'%(value)s' is not a year.") % {"value": year})
    elif year and track and (track.pk, int(year)) not in lookups.cohorts:
        error(
            "year",
            _("There is no cohort of %(track)s for %(year)s.")
            % {"track": track.name, "year": year},
        )
    status = cells.get("status", "").casefold()
    if status and status not in STATUSES:
        error(
            "status",
            _("'%(value)s' is not a status: use enrolled, completed or withdrawn.")
            % {"value": cells["status"]},
        )
    checked.errors.extend(errors)
    return bool(errors)


def _row(number, cells, lookups):
    track = lookups.tracks[cells["track"].casefold()]
    return RosterRow(
        number=number,
        first_name=cells["first_name"],
        last_name=cells["last_name"],
        email=cells["email"],
        job_title=cells.get("job_title", ""),
        lea=lookups.lea(cells["lea"]) if cells.get("lea") else None,
        cohort=lookups.cohorts[track.pk, int(cells["year"])],
        status=cells.get("status", "").casefold() or EnrollmentStatus.ENROLLED,
    )
