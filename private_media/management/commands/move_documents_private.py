"""Move documents stored by an earlier release under MEDIA_ROOT to the private storage."""

from django.core.management.base import BaseCommand, CommandError

from private_media.storage import move_public_documents


class Command(BaseCommand):
    help = (
        "Move files under the public media's documents/ folder to the private "
        "documents storage (PRIVATE_MEDIA_ROOT or AWS_PRIVATE_LOCATION). Safe to "
        "run again: it moves only what is still public."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="List what would move, and move nothing.",
        )

    def handle(self, *args, dry_run=False, verbosity=1, **options):
        moved, conflicts = move_public_documents(dry_run=dry_run)
        verb = "Would move" if dry_run else "Moved"
        if verbosity >= 1 or dry_run:
            for name in moved:
                self.stdout.write(f"{verb} {name}", style_func=None)
        for name in conflicts:
            self.stderr.write(
                f"Left {name} where it is: the private storage holds a different "
                "file under that name. Compare the two and keep one."
            )
        if verbosity >= 1 or moved:
            self.stdout.write(
                self.style.SUCCESS(
                    f"{verb} {len(moved)} document file(s) to private storage."
                )
            )
        if conflicts:
            raise CommandError(f"{len(conflicts)} file(s) left in place: see above.")
