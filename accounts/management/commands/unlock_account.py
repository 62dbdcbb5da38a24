"""Lifts a sign-in lockout: every failed attempt recorded for the usernames, from
every address (django-axes' axes_reset_username does the same for usernames only;
this one also says what it found and can clear an address)."""

from axes.models import AccessAttempt
from django.core.management.base import BaseCommand, CommandError


class Command(BaseCommand):
    help = (
        "Unlock sign-in for USERNAME(s) (and/or --address IP) after too many failures."
    )

    def add_arguments(self, parser):
        parser.add_argument("usernames", nargs="*", metavar="USERNAME")
        parser.add_argument(
            "--address",
            action="append",
            default=[],
            metavar="IP",
            help="Also clear failures from this address (any username). Repeatable.",
        )

    def handle(self, *args, usernames, address, **options):
        if not usernames and not address:
            raise CommandError("Name at least one USERNAME or --address.")
        for username in usernames:
            self.clear(AccessAttempt.objects.filter(username=username), username)
        for ip in address:
            self.clear(AccessAttempt.objects.filter(ip_address=ip), f"address {ip}")

    def clear(self, attempts, label):
        failures = sum(attempts.values_list("failures_since_start", flat=True))
        attempts.delete()
        if failures:
            self.stdout.write(
                f"Unlocked {label}: {failures} failed sign-in(s) cleared."
            )
        else:
            self.stdout.write(f"{label}: no failed sign-ins recorded, nothing to do.")
