from django.apps import AppConfig


class HomeConfig(AppConfig):
    """The home page, general content pages, news, the interest form, topic and tag pages."""

    name = "home"
    verbose_name = "Home and general pages"

    def ready(self) -> None:
        # Imported here: URL purging is set up once the app registry is ready.
        from caching.frontend_cache import purge_with_every_change

        purge_with_every_change(("/news/feed/",))  # the news index's Atom feed
