"""Resets a person's two-factor sign-in after a lost phone: deletes their
authenticator and recovery codes, and signs them out everywhere. Staff set up a new
authenticator at their next sign-in; participants may turn it on again."""

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from accounts import sessions, two_factor


class Command(BaseCommand):
    help = "Delete USERNAME's two-factor devices so they set it up again (lost phone)."

    def add_arguments(self, parser):
        parser.add_argument("username")

    def handle(self, *args, username, **options):
        user_model = get_user_model()
        try:
            user = user_model.objects.get_by_natural_key(username)
        except user_model.DoesNotExist as error:
            raise CommandError(f"No user named {username!r}.") from error
        deleted = two_factor.reset(user)
        signed_out = sessions.end_all(user)
        then = (
            "They will set up an authenticator app at their next sign-in."
            if two_factor.has_admin_access(user)
            else "They may turn two-factor sign-in on again from their account."
        )
        self.stdout.write(
            f"Reset two-factor sign-in for {username}: {deleted} device(s) deleted, "
            f"{signed_out} session(s) ended. {then}"
        )
