"""Read, check and import a roster: people and their enrollments, from CSV or XLSX.

Three steps, each usable on its own:

1. `read_roster(content, file_name)`: the file into a tablib `Dataset` (CSV in
   UTF-8 with or without a byte-order mark, or the first sheet of an XLSX
   workbook). The format is decided by the file's content; its name must agree.
2. `check_roster(dataset)`: every row checked before anything is written. Each
   problem names its row as a spreadsheet shows it (the header is row 1) and its
   column.
3. `import_roster(...)`: people matched by e-mail (case-insensitive) or created,
   enrollments created where missing, in one transaction; a dry run plans the same
   without writing. The lookups are made in bulk (a few queries per 500 rows,
   never one per row), so the query count does not grow with each row.
"""

import csv
import datetime
import io
import re
import zipfile
from collections import defaultdict
from dataclasses import dataclass, field

import tablib
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from openpyxl.utils import get_column_letter
from tablib.formats._csv import CSVFormat
from wagtail.log_actions import log
from wagtail.search.backends import get_search_backends

from curriculum.models import Track
from people.choices import EnrollmentStatus, PersonRole
from people.models import LEA, Cohort, Enrollment, Person, Role
from rosters.choices import FileFormat, ImportSource, ImportStatus
from rosters.models import RosterImport, file_hash

MAX_UPLOAD_BYTES = 5 * 1024 * 1024
MAX_ROWS = 20_000
PROGRESS_EVERY = 500
# Rows per lookup query (e-mails, slugs, enrollments): well under every engine's
# limit on query parameters.
LOOKUP_CHUNK = 500
LOG_ACTION = "rosters.import"


class RosterFileError(Exception):
    """The file cannot be read as a roster at all (wrong type, not UTF-8...)."""


@dataclass(frozen=True)
class Column:
    key: str
    label: str
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


# --- Planning and importing -------------------------------------------------------


class PersonAction:
    CREATE = "create"
    MATCH = "match"
    UPDATE = "update"  # matched, and blanks filled or a role added


class EnrollmentAction:
    CREATE = "create"
    UNCHANGED = "unchanged"


@dataclass
class ImportResult:
    """What an import did (or, dry, would do); `errors` means nothing was written."""

    checked: CheckedRoster
    dry_run: bool = False
    people_created: int = 0
    people_matched: int = 0
    people_updated: int = 0
    enrollments_created: int = 0
    enrollments_unchanged: int = 0
    record: RosterImport | None = None

    @property
    def ok(self):
        return self.checked.ok

    @property
    def errors(self):
        return self.checked.errors

    @property
    def warnings(self):
        return self.checked.warnings

    @property
    def rows(self):
        return self.checked.rows

    @property
    def summary(self):
        return {
            "rows": len(self.rows),
            "people_created": self.people_created,
            "people_matched": self.people_matched,
            "people_updated": self.people_updated,
            "enrollments_created": self.enrollments_created,
            "enrollments_unchanged": self.enrollments_unchanged,
        }

    def report_lines(self):
        """The counts in words, as the command prints and the admin shows them."""
        if not self.ok:
            return [
                _("%(count)s problem(s) found; nothing was imported.")
                % {"count": len(self.errors)}
            ]
        counts = self.summary
        if self.dry_run:
            people = _(
                "People: %(people_created)s would be created, %(people_matched)s "
                "matched by e-mail (%(people_updated)s of them would get empty "
                "fields filled or a role added)."
            )
            enrollments = _(
                "Enrollments: %(enrollments_created)s would be created, "
                "%(enrollments_unchanged)s unchanged (already enrolled)."
            )
        else:
            people = _(
                "People: %(people_created)s created, %(people_matched)s matched by "
                "e-mail (%(people_updated)s of them with empty fields filled or a "
                "role added)."
            )
            enrollments = _(
                "Enrollments: %(enrollments_created)s created, "
                "%(enrollments_unchanged)s unchanged (already enrolled)."
            )
        return [
            _("%(rows)s rows checked, no errors.") % counts,
            people % counts,
            enrollments % counts,
        ]


def role_for(track):
    """Superintendents take the track that does not certify (Leaders for the 21st
    Century); everyone else is a participant."""
    return PersonRole.PARTICIPANT if track.certifies else PersonRole.SUPERINTENDENT


def import_roster(
    content,
    file_name,
    *,
    user=None,
    dry_run=False,
    source=ImportSource.COMMAND,
    record=None,
    progress=None,
):
    """Check the file and, if it has no error, import it in one transaction.

    Returns an ImportResult; raises RosterFileError when the file cannot be read.
    `record` is the pending RosterImport of an admin upload, completed here;
    otherwise one is made. `progress(message)` reports on long files.
    """

    def checked_progress(done, total):
        if progress and total >= PROGRESS_EVERY:
            progress(
                _("Checked %(done)s of %(total)s rows") % {"done": done, "total": total}
            )

    dataset = read_roster(content, file_name)
    checked = check_roster(dataset, progress=checked_progress)
    result = ImportResult(checked=checked, dry_run=dry_run)
    if not checked.ok:
        return result
    with transaction.atomic():
        plan = _Plan(checked.rows, checked.warnings)
        plan.count(result)
        if dry_run:
            return result
        plan.write()
        if progress and len(checked.rows) >= PROGRESS_EVERY:
            progress(_("Imported %(rows)s rows") % {"rows": len(checked.rows)})
        result.record = _record(record, content, file_name, user, source, result)
    return result


def _chunks(items, size=LOOKUP_CHUNK):
    items = list(items)
    for start in range(0, len(items), size):
        yield items[start : start + size]


class _Plan:
    """Who is matched or created, which enrollments are new: the bulk lookups."""

    def __init__(self, rows, warnings):
        self.rows = rows
        self.warnings = warnings
        self.roles = {role.slug: role for role in Role.objects.all()}
        self.existing = self._people_by_email({row.email_key for row in rows})
        matched_ids = [person.pk for person in self.existing.values()]
        self.role_links = set()
        self.enrolled = {}
        through = Person.roles.through
        for ids in _chunks(matched_ids):
            self.role_links.update(
                through.objects.filter(person_id__in=ids).values_list(
                    "person_id", "role__slug"
                )
            )
            self.enrolled.update(
                {
                    (person_id, cohort_id): status
                    for person_id, cohort_id, status in Enrollment.objects.filter(
                        person_id__in=ids
                    ).values_list("person_id", "cohort_id", "status")
                }
            )
        self.new_people = {}  # e-mail key -> unsaved Person
        self.updated = {}  # pk -> Person with blanks filled
        self.new_links = []  # (e-mail key, role slug)
        self.link_keys = set()
        self.new_enrollments = []  # (e-mail key, row)
        self._plan()

    def _people_by_email(self, keys):
        people = {}
        for chunk in _chunks(sorted(keys)):
            found = (
                Person.objects.annotate(email_key=Lower("email"))
                .filter(email_key__in=chunk)
                .order_by("pk")
            )
            for person in found:
                key = person.email.casefold()
                if key in people:
                    self.warnings.append(
                        Problem(
                            _(
                                "Several people have the e-mail %(email)s; "
                                "rows with it are matched to the first, %(name)s."
                            )
                            % {"email": person.email, "name": people[key].full_name}
                        )
                    )
                    continue
                people[key] = person
        return people

    def _plan(self):
        for row in self.rows:
            key = row.email_key
            person = self.existing.get(key)
            if person is None:
                person = self.new_people.get(key)
                if person is None:
                    person = self.new_people[key] = Person(
                        first_name=row.first_name,
                        last_name=row.last_name,
                        email=row.email,
                        job_title=row.job_title,
                        lea=row.lea,
                    )
                else:
                    self._fill_blanks(person, row)
                row.person_action = PersonAction.CREATE
                self._want_role(key, None, role_for(row.track))
                self.new_enrollments.append((key, row))
                row.enrollment_action = EnrollmentAction.CREATE
                continue
            changed = self._fill_blanks(person, row)
            changed |= self._want_role(key, person.pk, role_for(row.track))
            if changed:
                self.updated[person.pk] = person
            row.person_action = PersonAction.UPDATE if changed else PersonAction.MATCH
            status = self.enrolled.get((person.pk, row.cohort.pk))
            if status is None:
                self.new_enrollments.append((key, row))
                self.enrolled[person.pk, row.cohort.pk] = row.status
                row.enrollment_action = EnrollmentAction.CREATE
            else:
                row.enrollment_action = EnrollmentAction.UNCHANGED
                if status != row.status:
                    self.warnings.append(
                        Problem(
                            _(
                                "Already enrolled in %(cohort)s as %(status)s; the "
                                "file says %(file_status)s. The enrollment is left "
                                "as it is."
                            )
                            % {
                                "cohort": row.cohort,
                                "status": status,
                                "file_status": row.status,
                            },
                            row.number,
                        )
                    )

    @staticmethod
    def _fill_blanks(person, row):
        """Fill the person's empty job title and LEA from the row; never overwrite."""
        changed = False
        if not person.job_title and row.job_title:
            person.job_title = row.job_title
            changed = True
        if person.lea_id is None and row.lea is not None:
            person.lea = row.lea
            changed = True
        return changed

    def _want_role(self, key, person_id, role):
        """Plan the person's role link if they lack it; True if it is new."""
        if (person_id, role) in self.role_links or (key, role) in self.link_keys:
            return False
        self.link_keys.add((key, role))
        self.new_links.append((key, role))
        return True

    def count(self, result):
        result.people_created = len(self.new_people)
        result.people_matched = len(
            {
                self.existing[row.email_key].pk
                for row in self.rows
                if row.email_key in self.existing
            }
        )
        result.people_updated = len(self.updated)
        result.enrollments_created = len(self.new_enrollments)
        result.enrollments_unchanged = sum(
            row.enrollment_action == EnrollmentAction.UNCHANGED for row in self.rows
        )

    def write(self):
        new_people = list(self.new_people.values())
        _assign_slugs(new_people)
        Person.objects.bulk_create(new_people)
        if any(person.pk is None for person in new_people):
            # Engines that do not return the new keys from a bulk insert.
            by_slug = dict(
                Person.objects.filter(
                    slug__in=[p.slug for p in new_people]
                ).values_list("slug", "pk")
            )
            for person in new_people:
                person.pk = by_slug[person.slug]
        updated = list(self.updated.values())
        Person.objects.bulk_update(updated, ["job_title", "lea"])
        for slug in {role for _key, role in self.new_links} - set(self.roles):
            self.roles[slug], _created = Role.objects.get_or_create(slug=slug)
        people = {**self.existing, **self.new_people}
        through = Person.roles.through
        through.objects.bulk_create(
            [
                through(person_id=people[key].pk, role_id=self.roles[role].pk)
                for key, role in self.new_links
            ]
        )
        Enrollment.objects.bulk_create(
            [
                Enrollment(
                    person_id=people[key].pk,
                    cohort=row.cohort,
                    status=row.status,
                    completed_on=row.cohort.ends_on
                    if row.status == EnrollmentStatus.COMPLETED
                    else None,
                )
                for key, row in self.new_enrollments
            ]
        )
        _index(new_people + updated)


def _assign_slugs(people):
    """Unique slugs as Person.save() makes them ('name', 'name-2'...), found in bulk."""
    bases = [slugify(person.full_name)[:150] or "person" for person in people]
    taken = set()
    for chunk in _chunks(set(bases)):
        taken.update(
            Person.objects.filter(slug__in=chunk).values_list("slug", flat=True)
        )
    counts = defaultdict(int)
    for base in bases:
        counts[base] += 1
    crowded = [base for base, n in counts.items() if n > 1 or base in taken]
    for chunk in _chunks(crowded, 100):
        query = Person.objects.none()
        for base in chunk:
            query |= Person.objects.filter(slug__startswith=f"{base}-")
        taken.update(query.values_list("slug", flat=True))
    for person, base in zip(people, bases, strict=True):
        slug, n = base, 2
        while slug in taken:
            slug, n = f"{base}-{n}", n + 1
        taken.add(slug)
        person.slug = slug


def _index(people):
    """Rows written in bulk reach the search index here (no signals fire for them)."""
    if not people:
        return
    for backend in get_search_backends(with_auto_update=True):
        backend.add_bulk(Person, people)


def _record(record, content, file_name, user, source, result):
    """The RosterImport row of this import, and its entry in Wagtail's log."""
    if record is None:
        record = RosterImport(
            file_name=file_name[-255:],
            file_format=detect_format(content, file_name),
            sha256=file_hash(content),
            source=source,
            created_by=user,
        )
    record.status = ImportStatus.IMPORTED
    record.imported_at = timezone.now()
    record.content = b""  # the people are in the portal now; the file is not kept
    record.summary = result.summary
    record.save()
    log(record, LOG_ACTION, user=user, data=result.summary)
    return record
