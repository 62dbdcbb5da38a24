"""Print a new Ed25519 key for CREDENTIAL_SIGNING_KEY (a JWK on one line)."""

from django.core.management.base import BaseCommand

from credentials.signing import generate_key, private_key_json


class Command(BaseCommand):
    help = (
        "Print a new Ed25519 private key, as one line of JSON, for the "
        "CREDENTIAL_SIGNING_KEY environment variable. Nothing is stored."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--pem", action="store_true", help="Print it as PEM instead of JSON."
        )

    def handle(self, *args, **options):
        key = generate_key()
        if options["pem"]:
            self.stdout.write(key.as_pem(private=True).decode(), ending="")
        else:
            self.stdout.write(private_key_json(key))
