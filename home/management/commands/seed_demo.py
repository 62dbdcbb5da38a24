"""Build the demo portal: offline, idempotent, refused under production settings."""

from django.core.management.base import BaseCommand
from django.db import transaction

from core.demo import refuse_in_production
from curriculum.demo import seed_tracks
from home.demo import seed_home, seed_pages
from people.demo import seed_users


class Command(BaseCommand):
    help = (
        "Create the demo content and sign-ins. Safe to run again: adds no duplicates."
    )

    def handle(self, *args, **options):
        refuse_in_production()
        steps = [
            ("Demo sign-ins", lambda: seed_users()[1]),
            ("Tracks", lambda: seed_tracks()[1]),
            ("Home page", self.seed_home_and_pages),
        ]
        with transaction.atomic():
            for number, (label, step) in enumerate(steps, start=1):
                self.stdout.write(f"[{number}/{len(steps)}] {label}...", ending="")
                self.stdout.flush()
                created = step()
                self.stdout.write(self.style.SUCCESS(f" {created} created"))
        self.stdout.write(self.style.SUCCESS("Demo content is ready."))

    def seed_home_and_pages(self):
        home, created = seed_home()
        return created + seed_pages(home)
