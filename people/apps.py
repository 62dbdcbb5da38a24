from django.apps import AppConfig


class PeopleConfig(AppConfig):
    """People, LEAs, partners, cohorts, enrollments and roles."""

    name = "people"
    verbose_name = "People and cohorts"
