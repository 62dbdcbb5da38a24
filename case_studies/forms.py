"""Listing filters for case studies and best practices."""

from django import forms
from django.utils.translation import gettext_lazy as _

from curriculum.models import TopicArea, Track
from people.models import Cohort


class ListingFilterForm(forms.Form):
    """Filter by topic area, track, cohort year and tag. Unknown values are errors."""

    topic = forms.ModelChoiceField(
        TopicArea.objects.all(),
        to_field_name="slug",
        required=False,
        label=_("Topic area"),
        empty_label=_("All topic areas"),
    )
    track = forms.ModelChoiceField(
        Track.objects.all(),
        to_field_name="slug",
        required=False,
        label=_("Track"),
        empty_label=_("All tracks"),
    )
    year = forms.TypedChoiceField(coerce=int, required=False, label=_("Cohort year"))
    tag = forms.SlugField(required=False, label=_("Tag"), widget=forms.HiddenInput)

    #: model field paths per filter; None where the listing has no such dimension
    topic_path = "topic_areas"
    track_path = "tracks"
    year_path = None

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.year_path is None:
            del self.fields["year"]
        else:
            years = (
                Cohort.objects.order_by("-year")
                .values_list("year", flat=True)
                .distinct()
            )
            self.fields["year"].choices = [("", _("All years"))] + [
                (y, str(y)) for y in years
            ]

    def has_filters(self):
        return any(self.cleaned_data.get(name) for name in self.fields)

    def filter(self, queryset):
        data = self.cleaned_data
        if data.get("topic"):
            queryset = queryset.filter(**{self.topic_path: data["topic"]})
        if data.get("track"):
            queryset = queryset.filter(**{self.track_path: data["track"]})
        if self.year_path and data.get("year"):
            queryset = queryset.filter(**{self.year_path: data["year"]})
        if data.get("tag"):
            queryset = queryset.filter(tags__slug=data["tag"])
        return queryset.distinct()


class CaseStudyFilterForm(ListingFilterForm):
    pass


class BestPracticeFilterForm(ListingFilterForm):
    track_path = "cohort__track"
    year_path = "cohort__year"
