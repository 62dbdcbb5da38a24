from django.apps import AppConfig
from django.db.models.signals import post_migrate


class PeopleConfig(AppConfig):
    """People, LEAs, partners, cohorts, enrollments and roles."""

    name = "people"
    verbose_name = "People and cohorts"

    def ready(self) -> None:
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
        from people.roles import ensure_after_last_migration

        # post_migrate fires once per app; the roles are applied at the last one.
        post_migrate.connect(ensure_after_last_migration, dispatch_uid="people.roles")

        # Shown on the people page, rosters, bylines, search and the dashboard.
        for model in (PartnerOrganization, Enrollment, Cohort, Person, LEA, Role):
            track(model)
