"""manage.py sync_site: the default Site follows PORTAL_BASE_URL."""

from django.conf import settings
from django.core.management.base import BaseCommand

from core.sites import sync_default_site


class Command(BaseCommand):
    help = "Point the default Wagtail Site at PORTAL_BASE_URL (hostname, port, name)."

    def handle(self, *args, **options):
        site = sync_default_site()
        if site is None:
            self.stdout.write("No default site yet: nothing to do.")
        elif options["verbosity"]:
            self.stdout.write(
                f"The default site is {site.root_url} ({settings.PORTAL_BASE_URL})."
            )
