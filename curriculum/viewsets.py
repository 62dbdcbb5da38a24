"""Admin screens for curriculum records."""

import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.pages.listing import PageFilterSet
from wagtail.admin.viewsets.pages import PageListingViewSet
from wagtail.models import WorkflowState
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from core.admin_tools import AdminToolViewSet
from curriculum.models import ModulePage, TopicArea, Track
from curriculum.permissions import may_roll_over
from curriculum.rollover_views import RolloverView


class ModuleStatus:
    LIVE = "live"
    DRAFT = "draft"
    IN_REVIEW = "in_review"
    CHOICES = [
        (LIVE, _("Published")),
        (DRAFT, _("Draft (not published)")),
        (IN_REVIEW, _("In review")),
    ]


class ModuleFilterSet(PageFilterSet):
    """Modules by topic area (main or other), track and status."""

    topic_area = django_filters.ModelChoiceFilter(
        label=_("Topic area"),
        queryset=TopicArea.objects.all(),
        method="filter_topic_area",
    )
    tracks = django_filters.ModelChoiceFilter(
        label=_("Track"), queryset=Track.objects.all(), field_name="tracks"
    )
    status = django_filters.ChoiceFilter(
        label=_("Status"),
        choices=ModuleStatus.CHOICES,
        method="filter_status",
        empty_label=_("Any"),
    )

    class Meta:
        model = ModulePage
        fields: list[str] = []

    def filter_topic_area(self, queryset, name, value):
        if not value:
            return queryset
        return queryset.filter(
            Q(topic_area=value) | Q(other_topic_areas=value)
        ).distinct()

    def filter_status(self, queryset, name, value):
        if value == ModuleStatus.LIVE:
            return queryset.filter(live=True)
        if value == ModuleStatus.DRAFT:
            return queryset.filter(live=False)
        if value == ModuleStatus.IN_REVIEW:
            in_review = WorkflowState.objects.active().values("object_id")
            return queryset.filter(
                pk__in=[int(pk) for pk in in_review.values_list("object_id", flat=True)]
            )
        return queryset


class ModuleIndexView(PageListingViewSet.index_view_class):
    """The page listing, with the modules' topic areas fetched in one query."""

    def annotate_queryset(self, pages):
        # After Wagtail's .specific(), which would drop a select_related.
        return super().annotate_queryset(pages).prefetch_related("topic_area")


class ModuleListingViewSet(PageListingViewSet):
    """Every module in one flat listing, filtered by topic area, track and status
    (Wagtail's page listing viewset, docs: "Custom page listings")."""

    model = ModulePage
    index_view_class = ModuleIndexView
    icon = "doc-full"
    menu_label = _("Modules")
    name = "modules"
    filterset_class = ModuleFilterSet
    columns = [
        *PageListingViewSet.columns,
        Column("topic_area", label=_("Topic area")),
    ]


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
    items = (ModuleListingViewSet, TrackViewSet, TopicAreaViewSet)


class RolloverViewSet(AdminToolViewSet):
    """Cohorts > Roll over to next year (curriculum/rollover_views.py), for the
    Program Director and superusers (`may_roll_over`)."""

    name = "rollover"
    url_prefix = "rollover"
    icon = "repeat"
    menu_label = _("Roll over to next year")
    menu_name = "rollover"
    menu_order = 500
    # people's Cohorts menu (CohortsViewSetGroup.submenu_hook).
    menu_hook = "register_cohorts_menu_item"
    views = (("", RolloverView, "curriculum_rollover"),)

    def permission_check(self, user):
        return may_roll_over(user)
