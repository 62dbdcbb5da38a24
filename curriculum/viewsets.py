"""Admin screens for curriculum records."""

from django.utils.translation import gettext_lazy as _
from wagtail.snippets.views.snippets import SnippetViewSet

from curriculum.models import Track


class TrackViewSet(SnippetViewSet):
    """Tracks: few, ordered by hand, edited by program staff."""

    model = Track
    icon = "list-ul"
    menu_label = _("Tracks")
    menu_order = 200
    add_to_admin_menu = True
    sort_order_field = "sort_order"
    list_display = ["name", "audience", "required_hours", "duration_months"]
    search_fields = ["name", "audience"]
