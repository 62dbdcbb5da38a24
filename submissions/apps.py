from django.apps import AppConfig


class SubmissionsConfig(AppConfig):
    """Participants' best-practice submissions and their review through Wagtail workflows."""

    name = "submissions"
    verbose_name = "Submissions and review"
