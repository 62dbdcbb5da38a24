from wagtail.snippets.models import register_snippet

from curriculum.viewsets import TrackViewSet

register_snippet(TrackViewSet)
