from django.apps import AppConfig


class CurriculumConfig(AppConfig):
    """Tracks, topic areas, modules and sessions."""

    name = "curriculum"
    verbose_name = "Curriculum"

    def ready(self) -> None:
        # Imported here: models need the app registry ready.
        from caching import track
        from caching.frontend_cache import purge_with_every_change
        from curriculum.models import ModuleSession, TopicArea, Track

        # Sessions are saved with their module's publish, but also on their own (a
        # roll-over adds sessions to a live module): the calendar and its feed.
        for model in (Track, TopicArea, ModuleSession):
            track(model)
        purge_with_every_change(("/events.ics",))
