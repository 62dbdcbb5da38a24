from django.apps import AppConfig


class RostersConfig(AppConfig):
    """Roster import: people and enrollments from a CSV or XLSX file."""

    name = "rosters"
    verbose_name = "Roster import"
