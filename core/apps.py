from django.apps import AppConfig


class CoreConfig(AppConfig):
    """Shared bases, blocks, settings and template tags; no concrete page types."""

    name = "core"
    verbose_name = "Core"

    def ready(self):
        from core.signal_handlers import register_signal_handlers

        register_signal_handlers()

        from django.apps import apps

        if apps.is_installed("wagtail.contrib.frontend_cache"):
            from core import frontend_cache

            frontend_cache.register()
