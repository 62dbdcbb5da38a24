"""manage.py backup: a new backup set (database and every file storage)."""

from dbbackup import utils as dbbackup_utils
from dbbackup.storage import get_storage
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from backups.sets import BackupError, create_backup, describe


class Command(BaseCommand):
    help = (
        "Back up the database and every file storage (media, private documents) "
        "as one compressed set in the backup storage (BACKUP_DIR or "
        "BACKUP_S3_BUCKET), encrypted when BACKUP_GPG_RECIPIENT is set, and keep "
        "the newest BACKUP_KEEP sets."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--encrypt",
            action="store_true",
            help="Fail unless the set can be encrypted (BACKUP_GPG_RECIPIENT).",
        )
        parser.add_argument(
            "--keep",
            type=int,
            default=settings.BACKUP_KEEP,
            help="How many sets to keep (default BACKUP_KEEP: %(default)s); 0 keeps all.",
        )

    def handle(self, *args, encrypt, keep, **options):
        if keep < 0:
            raise CommandError("--keep must be 0 (keep all) or more.")
        try:
            backup = create_backup(encrypt=True if encrypt else None, keep=keep or None)
        except BackupError as error:
            raise CommandError(str(error)) from error
        files = ", ".join(
            f"{count} in {label}" for label, count in backup.files.items()
        )
        self.stdout.write(
            f"Backup set {backup.archive} written to {describe(get_storage())}: the database "
            f"({backup.database}) and files ({files}), "
            f"{dbbackup_utils.bytes_to_str(backup.size)}."
        )
