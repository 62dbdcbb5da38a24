from django.apps import AppConfig


class HomeConfig(AppConfig):
    """The home page, general content pages and the demo content command."""

    name = "home"
    verbose_name = "Home and general pages"
