from django.apps import AppConfig


class DashboardConfig(AppConfig):
    """The participant's dashboard at /dashboard/, assembled from every app's parts."""

    name = "dashboard"
    verbose_name = "Participant dashboard"
