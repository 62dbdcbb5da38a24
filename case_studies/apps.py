from django.apps import AppConfig


class CaseStudiesConfig(AppConfig):
    """Case studies and participants' best practices."""

    name = "case_studies"
    verbose_name = "Case studies and best practices"
