from django.apps import AppConfig, apps


class CachingConfig(AppConfig):
    """The content version, the page cache, cached fragments and CDN purging."""

    name = "caching"
    verbose_name = "Caching"

    def ready(self) -> None:
        # Imported here: signal receivers need the app registry ready.
        from caching import frontend_cache
        from caching.signal_handlers import register_signal_handlers

        register_signal_handlers()
        if apps.is_installed("wagtail.contrib.search_promotions"):
            from wagtail.contrib.search_promotions.models import SearchPromotion

            from caching.registry import track

            track(SearchPromotion)
        if apps.is_installed("wagtail.contrib.frontend_cache"):
            frontend_cache.register()
