"""Build the benchmark data set on top of the demo site (issue #6).

    manage.py seed_scale                      # the standard size, seed 42
    manage.py seed_scale --scale 0.01         # a quick small set for tests and CI
    manage.py seed_scale --best-practices 50000 --seed 7

Refused under production settings, like seed_demo. Runs seed_demo first (idempotent),
then adds cohorts, images, people, modules, case studies and best practices under the
demo's index pages; see demo/scale/ for how. Running it again adds only what is
missing: a complete data set is left as it is, an interrupted run is completed, and
a database seeded with another seed is refused.

Options: --scale FLOAT multiplies the standard sizes (demo.scale.STANDARD_SIZES);
--cohorts, --images, --people, --modules, --case-studies and --best-practices N
replace one kind's count; --seed N (default 42); --quiet or --no-progress hides the
progress bars (stderr). The last line names the benchmark's search words
(demo.scale.COMMON_WORD and RARE_WORD) with what the site search finds for each.
"""

import time
from io import StringIO

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from wagtail.search.backends import get_search_backend

from curriculum.models import TopicArea
from demo.base import refuse_in_production
from demo.scale import COMMON_WORD, DEFAULT_SEED, RARE_WORD, STANDARD_SIZES, sizes_for
from demo.scale.progress import Progress
from demo.scale.seeder import LABELS, ScaleSeeder, ScaleSeedMismatch
from people.models import Person
from search.scope import SEARCHABLE_PAGE_MODELS


class Command(BaseCommand):
    help = (
        "Create the benchmark data set on top of the demo site: "
        f"{STANDARD_SIZES['best_practices']:,} best practices, "
        f"{STANDARD_SIZES['case_studies']:,} case studies, "
        f"{STANDARD_SIZES['modules']} modules, {STANDARD_SIZES['people']:,} people, "
        f"{STANDARD_SIZES['cohorts']} cohorts and {STANDARD_SIZES['images']:,} images "
        "at --scale 1. Safe to run again: adds only what is missing."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--scale",
            type=float,
            default=1.0,
            help="Multiply every standard count (default 1; 0.01 for a quick set).",
        )
        for kind, count in STANDARD_SIZES.items():
            parser.add_argument(
                f"--{kind.replace('_', '-')}",
                type=int,
                metavar="N",
                dest=kind,
                help=f"Number of {LABELS[kind].lower()} (standard: {count:,}).",
            )
        parser.add_argument(
            "--seed",
            type=int,
            default=DEFAULT_SEED,
            help=f"Random seed: the same seed gives the same data (default "
            f"{DEFAULT_SEED}).",
        )
        parser.add_argument(
            "--quiet",
            "--no-progress",
            action="store_true",
            dest="quiet",
            help="No progress bars on stderr.",
        )

    def handle(self, *args, **options):
        refuse_in_production()
        try:
            sizes = sizes_for(
                options["scale"], **{kind: options[kind] for kind in STANDARD_SIZES}
            )
        except ValueError as error:
            raise CommandError(str(error)) from error
        quiet = options["quiet"] or options["verbosity"] < 1

        def progress(label, total):
            return Progress(self.stderr, label, total, enabled=not quiet)

        seeder = ScaleSeeder(sizes, options["seed"], progress=progress)
        try:
            seeder.check_seed()
        except ScaleSeedMismatch as error:
            raise CommandError(str(error)) from error

        started = time.monotonic()
        if options["verbosity"]:
            self.stdout.write("Demo site (seed_demo)...", ending="")
            self.stdout.flush()
        call_command("seed_demo", stdout=StringIO(), verbosity=options["verbosity"])
        if options["verbosity"]:
            self.stdout.write(f" ready in {time.monotonic() - started:.1f} s")

        report = seeder.run()
        analyze()
        if options["verbosity"]:
            self.write_report(report, options["seed"], time.monotonic() - started)

    def write_report(self, report, seed, seconds):
        for kind, row in report.items():
            self.stdout.write(
                f"  {LABELS[kind]:<16} {row['created']:>7,} created "
                f"{row['existing']:>7,} already there  {row['seconds']:6.1f} s"
            )
        created = sum(row["created"] for row in report.values())
        if created:
            self.stdout.write(
                self.style.SUCCESS(
                    f"Scale data set (seed {seed}) is ready: {created:,} items created "
                    f"in {seconds:.1f} s, with the demo's "
                    f"{TopicArea.objects.count()} topic areas."
                )
            )
        else:
            self.stdout.write(
                self.style.SUCCESS(
                    f"Nothing to add: the scale data set (seed {seed}) at this size is "
                    "already complete."
                )
            )
        self.stdout.write(
            f"Search words: common {COMMON_WORD!r} "
            f"({self.hits(COMMON_WORD)}), rare {RARE_WORD!r} ({self.hits(RARE_WORD)})."
        )

    @staticmethod
    def hits(word):
        """How many live pages and public people the site search finds for `word`."""
        backend = get_search_backend()
        counts = [
            (model._meta.verbose_name_plural, model.objects.live().search(word).count())
            for model in SEARCHABLE_PAGE_MODELS
        ]
        counts.append(
            ("public people", backend.search(word, Person.objects.public()).count())
        )
        return ", ".join(f"{count:,} {name}" for name, count in counts if count)


def analyze():
    """Fresh planner statistics after the bulk load. PostgreSQL's autovacuum
    analyses a table only some time after a bulk insert; until then the planner
    takes a table of 20,000 pages for a few rows and reads them all where an index
    would do."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
