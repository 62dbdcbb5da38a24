from django.apps import AppConfig
from django.db.models.signals import post_migrate


class PeopleConfig(AppConfig):
    """People, LEAs, partners, cohorts, enrollments and roles."""

    name = "people"
    verbose_name = "People and cohorts"

    def ready(self):
        from people.roles import ensure_roles_and_groups

        # After every migrate, including the test database's: groups survive flushes.
        post_migrate.connect(ensure_roles_and_groups, sender=self)
