"""Build the demo portal: offline, idempotent, refused under production settings."""

import contextlib
import logging

from django.core.management.base import BaseCommand
from django.db import transaction

from demo.alumni import seed_alumni
from demo.applicants import seed_applicants
from demo.attendance import seed_attendance
from demo.base import refuse_in_production
from demo.case_studies import seed_best_practices, seed_case_studies
from demo.credentials import seed_credentials
from demo.curriculum import seed_materials, seed_modules, seed_topic_areas, seed_tracks
from demo.graduation import seed_graduation
from demo.home import seed_home, seed_pages
from demo.people import (
    seed_cohorts_and_enrollments,
    seed_leas_and_partners,
    seed_staff_and_faculty,
    seed_users,
)
from people.roles import sync_roles
from submissions.workflows import sync_workflows


class Command(BaseCommand):
    help = (
        "Create the demo content and sign-ins. Safe to run again: adds no duplicates."
    )

    def handle(self, *args, **options):
        refuse_in_production()
        steps = [
            ("Demo sign-ins", lambda: seed_users()[1]),
            ("Tracks and topic areas", self.seed_curriculum_vocabulary),
            ("Home, general and index pages", self.seed_home_and_pages),
            ("Districts and partners", seed_leas_and_partners),
            ("Faculty and staff", seed_staff_and_faculty),
            ("Cohorts and enrollments", self.seed_cohorts),
            ("Curriculum modules", lambda: seed_modules(self.pages["curriculum"])),
            ("Participant materials", lambda: seed_materials(self.pages["curriculum"])),
            ("Case studies", lambda: seed_case_studies(self.pages["case-studies"])),
            (
                "Best practices",
                lambda: seed_best_practices(self.pages["best-practices"]),
            ),
            ("Applicants", seed_applicants),
            ("Roles, permissions and review workflows", self.sync_roles_and_workflows),
            ("Credentials", seed_credentials),
            # After credentials: alumna is a 2012 graduate holding one.
            (
                "Alumni: the refresher track and module, alumna",
                lambda: seed_alumni(self.pages["curriculum"]),
            ),
            # After the cohorts and modules: it records their sessions.
            ("Attendance", seed_attendance),
            # After attendance: the Class of 2026's completion depends on it.
            (
                "Completion rules and the Class of 2026's best practices",
                seed_graduation,
            ),
        ]
        quiet = options["verbosity"] < 2
        with transaction.atomic(), quiet_wagtail_log(quiet):
            for number, (label, step) in enumerate(steps, start=1):
                self.stdout.write(f"[{number}/{len(steps)}] {label}...", ending="")
                self.stdout.flush()
                created = step()
                self.stdout.write(self.style.SUCCESS(f" {created} created"))
        self.stdout.write(self.style.SUCCESS("Demo content is ready."))

    def seed_curriculum_vocabulary(self):
        self.tracks, created = seed_tracks()
        return created + seed_topic_areas()

    def seed_home_and_pages(self):
        home, created = seed_home()
        self.pages, pages_created = seed_pages(home)
        return created + pages_created

    def sync_roles_and_workflows(self):
        """Page permissions and workflows need the section pages made above."""
        sync_workflows()
        return sync_roles()

    def seed_cohorts(self):
        return seed_cohorts_and_enrollments(
            {track.slug: track for track in self.tracks}
        )


@contextlib.contextmanager
def quiet_wagtail_log(quiet=True):
    """Hide Wagtail's "Page created/Published" log lines, which break up the progress."""
    logger = logging.getLogger("wagtail")
    level = logger.level
    if quiet:
        logger.setLevel(logging.WARNING)
    try:
        yield
    finally:
        logger.setLevel(level)
