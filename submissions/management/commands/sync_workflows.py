"""Create the review workflows and attach them (idempotent; run after deploys)."""

from django.core.management.base import BaseCommand

from people.roles import ensure_roles_and_groups
from submissions.workflows import sync_workflows


class Command(BaseCommand):
    help = "Create the module and best-practice review workflows and attach them."

    def handle(self, *args, **options):
        ensure_roles_and_groups()
        workflows = sync_workflows()
        names = ", ".join(workflow.name for workflow in workflows.values())
        self.stdout.write(f"Workflows in place: {names}.")
