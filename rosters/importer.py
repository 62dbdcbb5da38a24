"""Importing a checked roster: people and their enrollments, in one transaction.

People are matched by e-mail (case-insensitive) or created; nothing of a matched
person is overwritten, their empty job title and LEA are filled and the track's
role added. Enrollments are created where missing. A dry run plans the same
without writing. The lookups are made in bulk (one query per 500 rows at most,
never one per row), so the query count does not grow with each row. Each import
is a RosterImport row and an entry in Wagtail's log ("rosters.import").
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, TypeVar

from django.db import IntegrityError, transaction
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from wagtail.log_actions import log
from wagtail.search.backends import get_search_backends

from caching import content_changed
from people.choices import EnrollmentStatus, PersonRole
from people.models import Enrollment, Person, Role
from rosters.choices import ImportSource, ImportStatus
from rosters.models import RosterImport, file_hash
from rosters.reading import (
    PROGRESS_EVERY,
    CheckedRoster,
    Problem,
    check_roster,
    detect_format,
    read_roster,
)

if TYPE_CHECKING:
    from django.contrib.auth.models import User

    from curriculum.models import Track
    from rosters.reading import RosterRow

T = TypeVar("T")

# Rows per lookup query (e-mails, slugs, enrollments): well under every engine's
# limit on query parameters.
LOOKUP_CHUNK = 500
LOG_ACTION = "rosters.import"


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
    def ok(self) -> bool:
        return self.checked.ok

    @property
    def errors(self) -> list[Problem]:
        return self.checked.errors

    @property
    def warnings(self) -> list[Problem]:
        return self.checked.warnings

    @property
    def rows(self) -> list[RosterRow]:
        return self.checked.rows

    @property
    def summary(self) -> dict[str, int]:
        return {
            "rows": len(self.rows),
            "people_created": self.people_created,
            "people_matched": self.people_matched,
            "people_updated": self.people_updated,
            "enrollments_created": self.enrollments_created,
            "enrollments_unchanged": self.enrollments_unchanged,
        }

    def report_lines(self) -> list[str]:
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


def role_for(track: Track) -> PersonRole:
    """Superintendents take the track that does not certify (Leaders for the 21st
    Century); everyone else is a participant."""
    return PersonRole.PARTICIPANT if track.certifies else PersonRole.SUPERINTENDENT


def import_roster(
    content: bytes,
    file_name: str,
    *,
    user: User | None = None,
    dry_run: bool = False,
    source: str = ImportSource.COMMAND,
    record: RosterImport | None = None,
    progress: Callable[[str], object] | None = None,
) -> ImportResult:
    """Check the file and, if it has no error, import it in one transaction.

    Returns an ImportResult; raises RosterFileError when the file cannot be read.
    `record` is the pending RosterImport of an admin upload, completed here;
    otherwise one is made. `progress(message)` reports on long files.
    """

    def checked_progress(done: int, total: int) -> None:
        if progress and total >= PROGRESS_EVERY:
            progress(
                _("Checked %(done)s of %(total)s rows") % {"done": done, "total": total}
            )

    dataset = read_roster(content, file_name)
    checked = check_roster(dataset, progress=checked_progress)
    result = ImportResult(checked=checked, dry_run=dry_run)
    if not checked.ok:
        return result
    try:
        with transaction.atomic():
            plan = _Plan(checked.rows, checked.warnings)
            plan.count(result)
            if dry_run:
                return result
            plan.write()
            if progress and len(checked.rows) >= PROGRESS_EVERY:
                progress(_("Imported %(rows)s rows") % {"rows": len(checked.rows)})
            result.record = _record(record, content, file_name, user, source, result)
            # Bulk writes send no signals: say so, for the pages, search and
            # rosters that show people.
            content_changed()
    except IntegrityError:
        # Someone enrolled one of these people at the same moment: the unique
        # constraints stopped the import, and the transaction wrote nothing.
        checked.errors.append(
            Problem(
                _(
                    "Someone else changed these people or enrollments during the "
                    "import, so nothing was imported. Import the file again."
                )
            )
        )
        result.record = None
    return result


def _chunks(items: Iterable[T], size: int = LOOKUP_CHUNK) -> Iterator[list[T]]:
    items = list(items)
    for start in range(0, len(items), size):
        yield items[start : start + size]


class _Plan:
    """Who is matched or created, which enrollments are new: the bulk lookups."""

    def __init__(self, rows: list[RosterRow], warnings: list[Problem]) -> None:
        self.rows = rows
        self.warnings = warnings
        self.roles = {role.slug: role for role in Role.objects.all()}
        self.existing = self._people_by_email({row.email_key for row in rows})
        matched_ids = [person.pk for person in self.existing.values()]
        self.role_links: set[tuple[int, str]] = set()
        self.enrolled: dict[tuple[int, int], str] = {}
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
        self.new_people: dict[str, Person] = {}  # e-mail key -> unsaved Person
        self.updated: dict[int, Person] = {}  # pk -> Person with blanks filled
        self.new_links: list[tuple[str, str]] = []  # (e-mail key, role slug)
        self.link_keys: set[tuple[str, str]] = set()
        self.new_enrollments: list[tuple[str, RosterRow]] = []  # (e-mail key, row)
        self._plan()

    def _people_by_email(self, keys: Iterable[str]) -> dict[str, Person]:
        people: dict[str, Person] = {}
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

    def _plan(self) -> None:
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
    def _fill_blanks(person: Person, row: RosterRow) -> bool:
        """Fill the person's empty job title and LEA from the row; never overwrite."""
        changed = False
        if not person.job_title and row.job_title:
            person.job_title = row.job_title
            changed = True
        if person.lea_id is None and row.lea is not None:
            person.lea = row.lea
            changed = True
        return changed

    def _want_role(self, key: str, person_id: int | None, role: str) -> bool:
        """Plan the person's role link if they lack it; True if it is new."""
        if (person_id, role) in self.role_links or (key, role) in self.link_keys:
            return False
        self.link_keys.add((key, role))
        self.new_links.append((key, role))
        return True

    def count(self, result: ImportResult) -> None:
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

    def write(self) -> None:
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


def _assign_slugs(people: list[Person]) -> None:
    """Unique slugs as Person.save() makes them ('name', 'name-2'...), found in bulk."""
    bases = [slugify(person.full_name)[:150] or "person" for person in people]
    taken: set[str] = set()
    for chunk in _chunks(set(bases)):
        taken.update(
            Person.objects.filter(slug__in=chunk).values_list("slug", flat=True)
        )
    counts: defaultdict[str, int] = defaultdict(int)
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


def _index(people: list[Person]) -> None:
    """Rows written in bulk reach the search index here (no signals fire for them)."""
    if not people:
        return
    for backend in get_search_backends(with_auto_update=True):
        backend.add_bulk(Person, people)


def _record(
    record: RosterImport | None,
    content: bytes,
    file_name: str,
    user: User | None,
    source: str,
    result: ImportResult,
) -> RosterImport:
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
