from django.apps import AppConfig


class CoreConfig(AppConfig):
    """Shared bases, blocks, settings and template tags; no concrete page types."""

    name = "core"
    verbose_name = "Core"
