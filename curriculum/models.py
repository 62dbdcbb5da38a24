"""Curriculum records: the program's tracks."""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.search import index


class Track(index.Indexed, models.Model):
    """A certification track: who it is for and how many hours it requires."""

    name = models.CharField(_("name"), max_length=120, unique=True)
    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    audience = models.CharField(
        _("audience"),
        max_length=200,
        help_text=_(
            "Who the track is for, for example 'School (LEA) technology directors'."
        ),
    )
    required_hours = models.PositiveSmallIntegerField(
        _("required hours"),
        validators=[MinValueValidator(1), MaxValueValidator(2000)],
        help_text=_("Hours of instruction a candidate must complete to be certified."),
    )
    duration_months = models.PositiveSmallIntegerField(
        _("length in months"),
        validators=[MinValueValidator(1), MaxValueValidator(24)],
        help_text=_("How long the track runs, in months."),
    )
    summary = models.TextField(
        _("summary"),
        max_length=600,
        help_text=_("Two or three sentences for the home page and track listings."),
    )
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0, editable=False)

    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("audience"),
        MultiFieldPanel(
            [
                FieldRowPanel(
                    [FieldPanel("required_hours"), FieldPanel("duration_months")]
                )
            ],
            heading=_("Length"),
        ),
        FieldPanel("summary"),
    ]

    search_fields = [
        index.SearchField("name"),
        index.AutocompleteField("name"),
        index.SearchField("audience"),
        index.SearchField("summary"),
    ]

    class Meta:
        ordering = ["sort_order", "name"]
        verbose_name = _("track")
        verbose_name_plural = _("tracks")

    def __str__(self):
        return self.name

    @property
    def url(self):
        # Track pages arrive with the curriculum; until then tracks are not linked.
        return ""
