"""Listing filters for case studies and best practices."""

from django import forms
from django.utils.translation import gettext_lazy as _

from caching import cached_by_version
from core.tags import public_tag_slugs
from curriculum.models import TopicArea, Track
from people.models import Cohort


class ListingFilterForm(forms.Form):
    """Filter by topic area, track, cohort year and tag. Unknown values are errors.

    The choices are slugs and years read once per content version (caching), so
    a listing does not spend three queries on its filter menus.
    """

    topic = forms.ChoiceField(required=False, label=_("Topic area"))
    track = forms.ChoiceField(required=False, label=_("Track"))
    year = forms.TypedChoiceField(coerce=int, required=False, label=_("Cohort year"))
    tag = forms.SlugField(required=False, label=_("Tag"), widget=forms.HiddenInput)

    #: model field paths per filter; None where the listing has no such dimension
    topic_path: str | None = "topic_areas"
    track_path: str | None = "tracks"
    year_path: str | None = None

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        choices = cached_by_version("listing-filter-choices", self.build_choices)
        self.fields["topic"].choices = [("", _("All topic areas")), *choices["topic"]]
        self.fields["track"].choices = [("", _("All tracks")), *choices["track"]]
        if self.year_path is None:
            del self.fields["year"]
        else:
            self.fields["year"].choices = [("", _("All years")), *choices["year"]]

    @staticmethod
    def build_choices():
        return {
            "topic": list(TopicArea.objects.values_list("slug", "name")),
            "track": list(Track.objects.values_list("slug", "name")),
            "year": [
                (year, str(year))
                for year in Cohort.objects.order_by("-year")
                .values_list("year", flat=True)
                .distinct()
            ],
        }

    def clean_tag(self):
        """Only a tag that a live, public page carries: never echo a draft's tag."""
        slug = self.cleaned_data.get("tag")
        if slug and slug not in public_tag_slugs():
            raise forms.ValidationError(
                _("No published page carries this tag."), code="unknown_tag"
            )
        return slug

    def has_filters(self):
        return any(self.cleaned_data.get(name) for name in self.fields)

    def filter(self, queryset):
        data = self.cleaned_data
        if data.get("topic"):
            queryset = queryset.filter(**{f"{self.topic_path}__slug": data["topic"]})
        if data.get("track"):
            queryset = queryset.filter(**{f"{self.track_path}__slug": data["track"]})
        if self.year_path and data.get("year"):
            queryset = queryset.filter(**{self.year_path: data["year"]})
        if data.get("tag"):
            queryset = queryset.filter(tags__slug=data["tag"])
        # No DISTINCT: each filter matches one slug or year, so a join yields at most
        # one row per page (DISTINCT over every column cost deep pages 0.5 s).
        return queryset


class CaseStudyFilterForm(ListingFilterForm):
    pass


class BestPracticeFilterForm(ListingFilterForm):
    track_path = "cohort__track"
    year_path = "cohort__year"
