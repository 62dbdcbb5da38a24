"""`manage.py rollover_cohort FROM_YEAR TO_YEAR [--dry-run] [--starts-on DATE]`."""

import datetime

from django.core.management.base import BaseCommand, CommandError

from curriculum.rollover import RolloverError, apply_rollover, plan_rollover


def iso_date(value):
    try:
        return datetime.date.fromisoformat(value)
    except ValueError as error:
        raise CommandError(f"{value!r} is not a date (YYYY-MM-DD).") from error


class Command(BaseCommand):
    help = (
        "Create next year's cohorts (every track of FROM_YEAR) and copy every module "
        "session to the new calendar: the same weekday in the same week of the "
        "program. Prints the plan first. Running it again creates nothing new."
    )

    def add_arguments(self, parser):
        parser.add_argument("from_year", type=int)
        parser.add_argument("to_year", type=int)
        parser.add_argument(
            "--dry-run", action="store_true", help="Print the plan; write nothing."
        )
        parser.add_argument(
            "--starts-on",
            type=iso_date,
            help="The new cohorts' first day (YYYY-MM-DD), on the old first day's "
            "weekday. Default: the same weekday nearest the same date.",
        )

    def handle(self, *args, from_year, to_year, dry_run, starts_on, **options):
        try:
            plan = plan_rollover(from_year, to_year, starts_on)
        except RolloverError as error:
            raise CommandError(str(error)) from error
        for line in plan.lines():
            self.stdout.write(line)
        if dry_run:
            self.stdout.write("Dry run: nothing written.")
            return
        cohorts, sessions = apply_rollover(plan)
        self.stdout.write(
            self.style.SUCCESS(
                f"Created {len(cohorts)} cohorts and {sessions} sessions."
            )
        )
