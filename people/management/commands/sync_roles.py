"""Apply the program's groups and permissions (idempotent; run after deploys)."""

from django.core.management.base import BaseCommand
from django.db import transaction

from people.roles import ensure_roles_and_groups, sync_roles


class Command(BaseCommand):
    help = "Create the program's groups and give each exactly its declared permissions."

    def handle(self, *args, **options):
        with transaction.atomic():
            ensure_roles_and_groups()
            changes = sync_roles()
        self.stdout.write(f"Roles are in place ({changes} permission changes).")
