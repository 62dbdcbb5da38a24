"""manage.py import_roster FILE [--dry-run]: people and enrollments from a roster."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from rosters.choices import ImportSource
from rosters.importer import import_roster
from rosters.reading import RosterFileError


class Command(BaseCommand):
    help = (
        "Import people and enrollments from a CSV or XLSX roster (docs: 'Roster "
        "import'). Every row is checked first; a file with any error imports "
        "nothing and the command fails."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="A .csv (UTF-8) or .xlsx file.")
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Check the file and report what would be created; write nothing.",
        )

    def handle(self, *args, **options):
        path = Path(options["file"])
        try:
            content = path.read_bytes()
        except OSError as error:
            raise CommandError(f"Cannot read {path}: {error.strerror}.") from error
        try:
            result = import_roster(
                content,
                path.name,
                dry_run=options["dry_run"],
                source=ImportSource.COMMAND,
                progress=self.progress,
            )
        except RosterFileError as error:
            raise CommandError(f"{path.name}: {error}") from error
        for problem in result.errors:
            self.stdout.write(self.style.ERROR(f"Error: {problem}"))
        for problem in result.warnings:
            self.stdout.write(self.style.WARNING(f"Warning: {problem}"))
        lines = result.report_lines()
        if not result.ok:
            raise CommandError(f"{path.name}: {lines[0]}")
        if options["dry_run"]:
            lines.append("Dry run: nothing was written.")
        for line in lines:
            self.stdout.write(self.style.SUCCESS(line))

    def progress(self, message):
        self.stderr.write(message)
        self.stderr.flush()
