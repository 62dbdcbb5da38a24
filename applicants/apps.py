from django.apps import AppConfig


class ApplicantsConfig(AppConfig):
    """Applicants: the join form, its requests and people added by hand, up to
    their enrollment."""

    name = "applicants"
    verbose_name = "Applicants"

    def ready(self) -> None:
        # applicants sits above home: it puts the join form under the home page
        # itself, so home never names it.
        from home.models import allow_under_home_page

        allow_under_home_page("applicants.InterestFormPage")
