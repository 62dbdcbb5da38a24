"""Write a class year's best-practice compendium as PDF."""

import os
import tempfile
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from case_studies.compendium import (
    NoCohort,
    cohorts_of,
    compendium_filename,
    compendium_pdf,
    published_practices,
)


class Command(BaseCommand):
    help = (
        "Write the compendium of a class year's published best practices (cover, "
        "contents, each practice) as one PDF. A year with no cohort is an error; a "
        "year whose practices are not published yet gets a one-page PDF saying so."
    )

    def add_arguments(self, parser):
        parser.add_argument("year", type=int, help="The class year, e.g. 2012.")
        parser.add_argument(
            "-o",
            "--output",
            help="The PDF file to write (default: cecto-compendium-YEAR.pdf here).",
        )

    def handle(self, *args, **options):
        year = options["year"]
        output = Path(options["output"] or compendium_filename(year))
        try:
            count = len(published_practices(cohorts_of(year)))
        except NoCohort as error:
            raise CommandError(str(error)) from error
        if not output.parent.is_dir():
            raise CommandError(f"The folder {output.parent} does not exist.")
        pdf = compendium_pdf(year)
        # Written beside the target and renamed: a failure leaves no half file.
        handle, temporary = tempfile.mkstemp(
            dir=output.parent, prefix=".compendium-", suffix=".pdf"
        )
        try:
            with os.fdopen(handle, "wb") as stream:
                stream.write(pdf)
            os.replace(temporary, output)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise
        if not count:
            self.stderr.write(
                self.style.WARNING(
                    f"The Class of {year} has no published best practice yet: "
                    "the PDF says so."
                )
            )
        self.stdout.write(
            self.style.SUCCESS(
                f"Wrote {output}: {count} best practice{'s' if count != 1 else ''} "
                f"of the Class of {year} ({len(pdf):,} bytes)."
            )
        )
