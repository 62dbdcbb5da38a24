"""Admin screens for curriculum records."""

from django.utils.translation import gettext_lazy as _
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from curriculum.models import TopicArea, Track


class TrackViewSet(SnippetViewSet):
    """Tracks: few, ordered by hand, edited by program staff."""

    model = Track
    icon = "list-ul"
    menu_label = _("Tracks")
    sort_order_field = "sort_order"
    list_display = ["name", "audience", "required_hours", "duration_months"]


class TopicAreaViewSet(SnippetViewSet):
    """Topic areas: editors add, rename and reorder them without a deploy."""

    model = TopicArea
    icon = "tag"
    menu_label = _("Topic areas")
    sort_order_field = "sort_order"
    list_display = ["name", "slug"]
    inspect_view_enabled = True


class CurriculumViewSetGroup(SnippetViewSetGroup):
    """The curriculum's records under one menu item."""

    menu_label = _("Curriculum")
    menu_icon = "list-ol"
    menu_order = 200
    items = (TrackViewSet, TopicAreaViewSet)
