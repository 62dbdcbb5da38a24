from django.apps import AppConfig


class SearchConfig(AppConfig):
    """Site search at /search/: modules, case studies, best practices, news, people."""

    name = "search"
    verbose_name = "Site search"
