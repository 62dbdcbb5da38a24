from django.apps import AppConfig


class PrivateMediaConfig(AppConfig):
    """Documents kept where no static route reaches them, served only after checks."""

    name = "private_media"
    verbose_name = "Private media"
