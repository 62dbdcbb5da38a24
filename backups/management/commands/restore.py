"""manage.py restore: put a backup set back (database and files)."""

import os

from dbbackup.storage import get_storage
from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from backups import sets
from backups.sets import describe


class Command(BaseCommand):
    help = (
        "Restore a backup set: replace the database and put back every file it "
        "holds. Checks the whole set first; a missing or damaged set changes "
        "nothing. Decrypting reads BACKUP_GPG_PASSPHRASE if the key has one."
    )

    def add_arguments(self, parser):
        which = parser.add_mutually_exclusive_group(required=True)
        which.add_argument("name", nargs="?", help="A set's archive (or dump) name.")
        which.add_argument("--latest", action="store_true", help="The newest set.")
        which.add_argument(
            "--list", action="store_true", dest="list_sets", help="List the sets."
        )
        parser.add_argument(
            "--noinput",
            "--no-input",
            action="store_false",
            dest="interactive",
            help="Do not ask for confirmation.",
        )

    def handle(self, *args, name, latest, list_sets, interactive, **options):
        if list_sets:
            names = sets.list_sets()
            for archive in names:
                self.stdout.write(archive)
            if not names:
                self.stdout.write(f"No backup sets in {describe(get_storage())}.")
            return
        if interactive:
            answer = input(
                f"This replaces the database {connection.settings_dict['NAME']} and "
                "the files in the backup. Type 'yes' to go on: "
            )
            if answer.strip().lower() != "yes":
                raise CommandError("Restore cancelled.")
        try:
            manifest = sets.restore_backup(
                None if latest else name,
                passphrase=os.environ.get("BACKUP_GPG_PASSPHRASE") or None,
                log=self.stdout.write,
            )
        except sets.BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            self.style.SUCCESS(
                f"Restored the set of {manifest['created']} (UTC). Restart the "
                "portal's processes so no worker keeps data from before."
            )
        )
