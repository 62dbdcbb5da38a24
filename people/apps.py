from django.apps import AppConfig, apps
from django.db.models.signals import post_migrate


def _after_last_app_migrated(sender, **kwargs):
    # post_migrate fires once per app; permissions of later apps exist only at the
    # last one, so the roles are applied then (also after test database flushes).
    with_models = [config for config in apps.get_app_configs() if config.models_module]
    if sender is with_models[-1]:
        from people.roles import ensure_roles_and_groups

        ensure_roles_and_groups()


class PeopleConfig(AppConfig):
    """People, LEAs, partners, cohorts, enrollments and roles."""

    name = "people"
    verbose_name = "People and cohorts"

    def ready(self) -> None:
        post_migrate.connect(_after_last_app_migrated, dispatch_uid="people.roles")
        # Imported here: models need the app registry ready.
        from caching import track
        from people.models import (
            LEA,
            Cohort,
            Enrollment,
            PartnerOrganization,
            Person,
            Role,
        )

        # Shown on the people page, rosters, bylines, search and the dashboard.
        for model in (PartnerOrganization, Enrollment, Cohort, Person, LEA, Role):
            track(model)
