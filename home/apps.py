from django.apps import AppConfig


class HomeConfig(AppConfig):
    """The home page, general content pages, topic and tag pages."""

    name = "home"
    verbose_name = "Home and general pages"
