from django.apps import AppConfig


class CoreConfig(AppConfig):
    """Shared bases, blocks, settings and template tags; no concrete page types."""

    name = "core"
    verbose_name = "Core"

    def ready(self) -> None:
        # Imported here: models and URL names need the app registry ready.
        from caching import track
        from caching.frontend_cache import purge_with_every_change
        from core.models import ProgramSettings
        from core.sitemaps import sitemap_paths

        track(ProgramSettings)  # contact details and the footer on every page
        purge_with_every_change(sitemap_paths)
