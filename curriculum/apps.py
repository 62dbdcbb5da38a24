from django.apps import AppConfig


class CurriculumConfig(AppConfig):
    """Tracks, topic areas, modules and sessions."""

    name = "curriculum"
    verbose_name = "Curriculum"
