from django.apps import AppConfig


class NewsConfig(AppConfig):
    """Program news: the news index, news items and their Atom feed."""

    name = "news"
    verbose_name = "News"

    def ready(self) -> None:
        # Imported here: URL purging is set up once the app registry is ready.
        from caching.frontend_cache import purge_with_every_change

        purge_with_every_change(("/news/feed/",))  # the news index's Atom feed
