"""Print where the portal is served and the demo sign-ins (used by `make run`)."""

from django.conf import settings
from django.core.management.base import BaseCommand

from demo.people import DEMO_USERS


class Command(BaseCommand):
    help = "Print the demo sign-ins and the address the portal is served at."

    def add_arguments(self, parser):
        parser.add_argument("--port", type=int, default=8000)

    def handle(self, *args, port, **options):
        base = f"http://127.0.0.1:{port}"
        lines = [
            "",
            f"CeCTO Portal: {base}/   (admin: {base}/admin/)",
            f"Demo sign-ins, all with the password '{settings.DEMO_PASSWORD}':",
            *(f"  {username:<15} {role}" for username, _f, _l, role, _s in DEMO_USERS),
            "Staff (admin, director, faculty): the first sign-in asks you to set up an",
            "authenticator app (scan its QR code or type the key shown), then a code.",
            "",
        ]
        self.stdout.write("\n".join(lines))
