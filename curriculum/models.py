"""Curriculum: tracks, topic areas, the curriculum index and its modules."""

from __future__ import annotations

import datetime
import hashlib
import secrets
from collections.abc import Iterable, Mapping
from decimal import Decimal
from typing import TYPE_CHECKING, Any, ClassVar, Self

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Exists, Max, Min, OuterRef, prefetch_related_objects
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from taggit.models import TaggedItemBase
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    HelpPanel,
    InlinePanel,
    MultiFieldPanel,
    ObjectList,
    TabbedInterface,
)
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, PageManager
from wagtail.search import index

from caching import cached_by_version
from core.models import BasePage
from core.validators import validate_safe_url
from curriculum.blocks import ModuleStreamBlock, ResourcesBlock
from curriculum.choices import DeliveryMode, SessionKind
from curriculum.forms import ModulePageForm
from curriculum.program_year import (
    ProgramYear,
    cohort_years,
    hours_by_year,
    shown_to_public,
)
from people.choices import EnrollmentStatus
from people.models import Cohort, Enrollment, prefetch_public_names

if TYPE_CHECKING:
    from django.contrib.auth.models import User
    from django.http import HttpRequest, HttpResponse
    from django_stubs_ext import StrOrPromise
    from wagtail.models import Page
    from wagtail.query import PageQuerySet

    from curriculum.program_year import YearHours
    from people.models import Person


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
    schedule = models.TextField(
        _("schedule"),
        max_length=600,
        blank=True,
        help_text=_(
            "How the year runs, in words. Each cohort has its own dates; describe "
            "the pattern here."
        ),
    )
    joint_sessions = models.TextField(
        _("joint sessions"),
        max_length=600,
        blank=True,
        help_text=_("The sessions this track shares with the other track."),
    )
    certifies = models.BooleanField(
        _("earns the CeCTO certification"),
        default=False,
        help_text=_(
            "Tick for the track whose graduates are certified CeCTOs. Leave it "
            "clear for a track people complete without certification, such as "
            "Leaders for the 21st Century: the home page counts only certified "
            "graduates as CeCTOs."
        ),
    )
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0, editable=False)

    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("audience"),
        FieldPanel("certifies"),
        MultiFieldPanel(
            [
                FieldRowPanel(
                    [FieldPanel("required_hours"), FieldPanel("duration_months")]
                )
            ],
            heading=_("Length"),
        ),
        FieldPanel("summary"),
        FieldPanel("schedule"),
        FieldPanel("joint_sessions"),
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

    def __str__(self) -> str:
        return self.name

    @property
    def url(self) -> str:
        # Tracks are described on the "two tracks" page; they have no page of their own.
        return ""


class TopicArea(index.Indexed, models.Model):
    """A core competency of the curriculum, such as IT governance or security."""

    name = models.CharField(_("name"), max_length=120, unique=True)
    slug = models.SlugField(
        _("slug"),
        max_length=120,
        unique=True,
        help_text=_("Used in the address /topics/<slug>/."),
    )
    description = models.TextField(
        _("description"),
        max_length=800,
        blank=True,
        help_text=_("What the competency covers."),
    )
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0, editable=False)

    panels = [FieldPanel("name"), FieldPanel("slug"), FieldPanel("description")]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta:
        ordering = ["sort_order", "name"]
        verbose_name = _("topic area")
        verbose_name_plural = _("topic areas")

    def __str__(self) -> str:
        return self.name

    @property
    def url(self) -> str:
        return f"/topics/{self.slug}/"


class CurriculumIndexPage(RoutablePageMixin, BasePage):
    """/curriculum/: every module, and the curriculum map at /curriculum/map/."""

    parent_page_types = ["home.HomePage"]
    subpage_types = ["curriculum.ModulePage"]
    max_count = 1

    page_description = _("The list of curriculum modules, with the curriculum map.")

    intro = models.TextField(_("introduction"), max_length=800, blank=True)

    content_panels = [*BasePage.content_panels, FieldPanel("intro")]

    class Meta:
        verbose_name = _("curriculum index")

    def modules(self) -> PageQuerySet:
        return (
            ModulePage.objects.child_of(self)
            .live()
            .public()
            .select_related("topic_area", "listing_image")
            .prefetch_related("listing_image__renditions")
            .prefetch_related("tracks")
            .defer_streamfields()
            .order_by("topic_area__sort_order", "title")
        )

    #: cards per topic area on the index; the topic's own page lists them all
    modules_per_topic = 4

    def get_context(
        self, request: HttpRequest, *args: Any, **kwargs: Any
    ) -> dict[str, Any]:
        context = super().get_context(request, *args, **kwargs)
        # Read only when the template's cached fragment of the groups is missing.
        context["groups"] = SimpleLazyObject(self.module_groups)
        return context

    def module_groups(self) -> list[dict[str, Any]]:
        """[{"topic": ..., "modules": [...], "count": n}] in the topic areas' order,
        each with its first `modules_per_topic` modules by title.

        Cards are chosen before their tracks are fetched, so a curriculum of 300
        modules renders a few dozen cards, not all of them."""
        counts: dict[int, int] = {}
        chosen: list[int] = []
        modules = self.modules().prefetch_related(None)
        for pk, topic_id in modules.values_list("pk", "topic_area_id"):
            counts[topic_id] = counts.get(topic_id, 0) + 1
            if counts[topic_id] <= self.modules_per_topic:
                chosen.append(pk)
        by_id = modules.in_bulk(chosen)
        shown = [by_id[pk] for pk in chosen if pk in by_id]
        prefetch_related_objects(shown, "tracks")
        groups: dict[int, dict[str, Any]] = {}
        for module in shown:
            group = groups.setdefault(
                module.topic_area_id,
                {
                    "topic": module.topic_area,
                    "modules": [],
                    "count": counts[module.topic_area_id],
                },
            )
            group["modules"].append(module)
        return sorted(
            groups.values(),
            key=lambda group: (group["topic"].sort_order, group["topic"].name),
        )

    def get_sitemap_urls(
        self, request: HttpRequest | None = None
    ) -> list[dict[str, Any]]:
        """The index and its curriculum map."""
        entries = super().get_sitemap_urls(request)
        map_url = self.get_full_url(request) + self.reverse_subpage("map")
        return [*entries, {**entries[0], "location": map_url}]

    @path("")
    def index(self, request: HttpRequest) -> HttpResponse:
        return self.render(request)

    @path("map/", name="map")
    def curriculum_map(self, request: HttpRequest) -> HttpResponse:
        """Hours per topic and per track as a chart and tables, the program year's
        sessions by month; whether each track adds up is shown to staff only."""
        return self.render(
            request,
            template="curriculum/curriculum_map.html",
            context_overrides={
                "map": CurriculumMap(
                    self.modules(),
                    Track.objects.all(),
                    # Cached under the content version (a publish refreshes it) and
                    # for an hour at most, so the year moves on with the clock.
                    cached_by_version(
                        f"map-sessions:{self.pk}", self.program_year_sessions
                    ),
                ),
                "show_status": request.user.has_perm("wagtailadmin.access_admin"),
            },
        )

    def program_year_sessions(self) -> list[ModuleSession]:
        """The sessions of the public program year (`public_program_year`), or
        without cohorts the calendar year under way (or the next one, or the last
        one held): live, public modules of this curriculum only."""
        sessions = ModuleSession.objects.public().filter(
            module__path__startswith=self.path
        )
        program_year = public_program_year()
        if program_year is not None:
            return list(
                sessions.in_program_year(program_year)
                .prefetch_related(None)
                .select_related("module")
                .order_by("starts_at", "pk")
            )
        bounds = sessions.aggregate(
            upcoming=models.Min(
                "starts_at", filter=models.Q(ends_at__gte=timezone.now())
            ),
            last=models.Max("starts_at"),
        )
        when = bounds["upcoming"] or bounds["last"]
        if when is None:
            return []
        year = timezone.localtime(when).year
        return list(
            sessions.filter(starts_at__year=year)
            .prefetch_related(None)
            .select_related("module")
            .order_by("starts_at", "pk")
        )


def _percent(part: Decimal, whole: Decimal) -> str:
    """`part` as a share of `whole`, 0 to 100, for an SVG bar's width attribute."""
    if not whole:
        return "0"
    return f"{min(Decimal(100), Decimal(100) * part / whole):.1f}"


class CurriculumMap:
    """Hours of the live modules, grouped by topic area and summed per track, with
    the bar widths of the map's chart and the program year's sessions by month.

    The chart is drawn on the server as SVG whose sizes are attributes (the strict
    CSP allows no inline style); its figures are also in tables for screen readers.
    """

    def __init__(
        self,
        modules: Iterable[ModulePage],
        tracks: Iterable[Track],
        sessions: Iterable[ModuleSession] = (),
    ) -> None:
        modules = list(modules)
        tracks = list(tracks)
        self.track_list = tracks
        self.topics: list[dict[str, Any]] = []
        by_topic: dict[TopicArea, list[ModulePage]] = {}
        for module in modules:
            by_topic.setdefault(module.topic_area, []).append(module)
        for topic in TopicArea.objects.all():
            items = by_topic.get(topic, [])
            self.topics.append(
                {
                    "topic": topic,
                    "modules": items,
                    "hours": sum((m.contact_hours for m in items), Decimal(0)),
                    "by_track": [
                        sum(
                            (m.contact_hours for m in items if track in m.tracks.all()),
                            Decimal(0),
                        )
                        for track in tracks
                    ],
                }
            )
        widest = max((row["hours"] for row in self.topics), default=Decimal(0))
        for row in self.topics:
            row["bar"] = _percent(row["hours"], widest)
        self.tracks: list[dict[str, Any]] = []
        for track in tracks:
            hours = sum(
                (m.contact_hours for m in modules if track in m.tracks.all()),
                Decimal(0),
            )
            scale = max(hours, Decimal(track.required_hours))
            self.tracks.append(
                {
                    "track": track,
                    "hours": hours,
                    "required": track.required_hours,
                    "difference": hours - track.required_hours,
                    "balanced": hours == track.required_hours,
                    "bar": _percent(hours, scale),
                    "required_at": _percent(Decimal(track.required_hours), scale),
                }
            )
        self.total_hours = sum((m.contact_hours for m in modules), Decimal(0))
        self.months = self.by_month(sessions)

    @staticmethod
    def by_month(sessions: Iterable[ModuleSession]) -> list[dict[str, Any]]:
        """[{"month": date, "sessions": [...]}] from the first month with a session
        to the last (February to November in a program year), empty months kept."""
        sessions = sorted(sessions, key=lambda s: (s.starts_at, s.pk))
        if not sessions:
            return []
        first = timezone.localtime(sessions[0].starts_at).date().replace(day=1)
        last = timezone.localtime(sessions[-1].starts_at).date().replace(day=1)
        months: list[dict[str, Any]] = []
        month = first
        while month <= last:
            months.append({"month": month, "sessions": []})
            month = (month + datetime.timedelta(days=32)).replace(day=1)
        index = {row["month"]: row for row in months}
        for session in sessions:
            start = timezone.localtime(session.starts_at).date().replace(day=1)
            index[start]["sessions"].append(session)
        return months


class ModulePageTag(TaggedItemBase):
    content_object = ParentalKey(
        "curriculum.ModulePage", related_name="tagged_items", on_delete=models.CASCADE
    )


class HoursCheckPanel(HelpPanel):
    """A warning on the Teaching tab while a module's contact hours and a program
    year's sessions' hours disagree (a draft may; publishing refuses it, unless the
    year is a later one still being planned)."""

    class BoundPanel(HelpPanel.BoundPanel):
        def __init__(self, **kwargs: Any) -> None:
            super().__init__(**kwargs)
            self.template_name = "curriculum/admin/hours_check_panel.html"
            self.checks = self.instance.hours_check() if self.instance else []

        def is_shown(self) -> bool:
            return any(not check.agree for check in self.checks)

        def get_context_data(
            self, parent_context: Mapping[str, Any] | None = None
        ) -> dict[str, Any]:
            context = super().get_context_data(parent_context)
            context["checks"] = self.checks
            return context


class ModulePage(BasePage):
    """A curriculum module: one competency's objectives, sessions and resources."""

    parent_page_types = ["curriculum.CurriculumIndexPage"]
    subpage_types = ["curriculum.ModuleMaterialsPage"]

    page_description = _(
        "A curriculum module with objectives, sessions, faculty and resources."
    )

    intro = models.TextField(
        _("summary"),
        max_length=600,
        help_text=_(
            "What the module is about, in two or three sentences. Shown in listings."
        ),
    )
    topic_area = models.ForeignKey(
        TopicArea,
        verbose_name=_("main topic area"),
        on_delete=models.PROTECT,
        related_name="modules",
        help_text=_(
            "The competency this module teaches; its hours count here on the map."
        ),
    )
    other_topic_areas = ParentalManyToManyField(
        TopicArea,
        verbose_name=_("other topic areas"),
        blank=True,
        related_name="secondary_modules",
        help_text=_("Other competencies the module touches."),
    )
    tracks = ParentalManyToManyField(
        "curriculum.Track",
        verbose_name=_("tracks"),
        related_name="modules",
        help_text=_("The tracks whose candidates take this module."),
    )
    contact_hours = models.DecimalField(
        _("contact hours"),
        max_digits=5,
        decimal_places=1,
        validators=[
            MinValueValidator(Decimal("0.5")),
            MaxValueValidator(Decimal("240")),
        ],
        help_text=_(
            "Hours of instruction, counted towards each track's required hours."
        ),
    )
    face_to_face = models.BooleanField(_("face to face"), default=False)
    synchronous_online = models.BooleanField(_("synchronous online"), default=False)
    asynchronous_online = models.BooleanField(_("asynchronous online"), default=False)
    learning_objectives = RichTextField(
        _("learning objectives"),
        features=["bold", "italic", "ul", "ol", "link"],
        help_text=_("What participants will be able to do afterwards, as a list."),
    )
    competencies = models.TextField(
        _("competencies covered"),
        max_length=1000,
        blank=True,
        help_text=_("One competency per line."),
    )
    faculty = ParentalManyToManyField(
        "people.Person",
        verbose_name=_("faculty"),
        blank=True,
        related_name="modules_taught",
        limit_choices_to={"roles__slug": "faculty"},
        help_text=_(
            "Who teaches the module. Only people with the faculty role are listed."
        ),
    )
    resources = StreamField(
        ResourcesBlock(),
        blank=True,
        verbose_name=_("readings and resources"),
        help_text=_(
            "Public readings. Put participant-only files on the module's materials page."
        ),
    )
    body = StreamField(ModuleStreamBlock(), blank=True, verbose_name=_("body"))
    tags = ClusterTaggableManager(through=ModulePageTag, blank=True)

    # For mypy: the untyped Wagtail bases hide this model from
    # django-stubs, and the reverse relations to it need its default manager.
    _default_manager: ClassVar[PageManager]

    content_panels = [
        *BasePage.content_panels,
        FieldPanel("intro"),
        MultiFieldPanel(
            [
                FieldPanel("topic_area"),
                FieldPanel("other_topic_areas", widget=forms.CheckboxSelectMultiple),
                FieldPanel("tracks", widget=forms.CheckboxSelectMultiple),
                FieldPanel("contact_hours"),
                FieldRowPanel(
                    [
                        FieldPanel("face_to_face"),
                        FieldPanel("synchronous_online"),
                        FieldPanel("asynchronous_online"),
                    ],
                    heading=_("Delivery modes"),
                ),
            ],
            heading=_("Place in the curriculum"),
        ),
        FieldPanel("learning_objectives"),
        FieldPanel("competencies"),
        FieldPanel("body"),
        FieldPanel("tags"),
    ]
    teaching_panels = [
        HoursCheckPanel(),
        FieldPanel("faculty", widget=forms.CheckboxSelectMultiple),
        InlinePanel("sessions", heading=_("Sessions"), label=_("Session")),
        FieldPanel("resources"),
    ]
    edit_handler = TabbedInterface(
        [
            ObjectList(content_panels, heading=_("Content")),
            ObjectList(teaching_panels, heading=_("Teaching")),
            ObjectList(BasePage.promote_panels, heading=_("Promote")),
            ObjectList(BasePage.settings_panels, heading=_("Settings")),
        ]
    )

    search_fields = [
        *BasePage.search_fields,
        index.SearchField("intro"),
        index.SearchField("learning_objectives"),
        index.SearchField("competencies"),
        index.SearchField("body"),
        index.FilterField("topic_area"),
        index.RelatedFields("topic_area", [index.SearchField("name")]),
        index.RelatedFields("tags", [index.SearchField("name")]),
    ]

    base_form_class = ModulePageForm

    class Meta:
        verbose_name = _("curriculum module")

    def hours_check(self) -> list[YearHours]:
        """Each program year's sessions' hours beside the contact hours
        ([curriculum.program_year.YearHours]); [] without sessions."""
        sessions = [
            (session.starts_at, session.hours)
            for session in self.sessions.all()
            if session.hours and session.starts_at
        ]
        if not sessions or self.contact_hours is None:
            return []
        track_ids = [track.pk for track in self.tracks.all()]
        return hours_by_year(self.contact_hours, sessions, cohort_years(track_ids))

    def clean(self) -> None:
        super().clean()
        if not (
            self.face_to_face or self.synchronous_online or self.asynchronous_online
        ):
            raise ValidationError(
                {"face_to_face": _("Choose at least one way the module is delivered.")}
            )

    @property
    def delivery_modes(self) -> list[StrOrPromise]:
        flags = [
            (self.face_to_face, DeliveryMode.FACE_TO_FACE),
            (self.synchronous_online, DeliveryMode.SYNCHRONOUS),
            (self.asynchronous_online, DeliveryMode.ASYNCHRONOUS),
        ]
        return [mode.label for on, mode in flags if on]

    @property
    def competency_list(self) -> list[str]:
        return [line.strip() for line in self.competencies.splitlines() if line.strip()]

    def get_context(
        self, request: HttpRequest, *args: Any, **kwargs: Any
    ) -> dict[str, Any]:
        context = super().get_context(request, *args, **kwargs)
        # The public program year's sessions and those still to come, not every
        # year's: earlier classes' sessions are history.
        program_year, now = public_program_year(), timezone.now()
        context["sessions"] = [
            session
            for session in self.sessions.select_related("faculty").order_by("starts_at")
            if shown_to_public(session, program_year, now)
        ]
        # From the tree's path index: the specific table's join made SQLite scan
        # every materials page (5 ms with 300 modules). A plain page is enough for a
        # link, read only when the cached link (module_page.html) is missing.
        context["materials"] = SimpleLazyObject(
            lambda: self.get_children().live().type(ModuleMaterialsPage).first()
        )
        # The faculty section is cached per content version (module_page.html):
        # read only when it is rendered.
        context["faculty"] = SimpleLazyObject(self.faculty_for_listing)
        # Faculty without a public profile are shown by role: one query for the
        # roles of those, none when everyone has consented.
        prefetch_public_names([s.faculty for s in context["sessions"]])
        return context

    def faculty_for_listing(self) -> list[Person]:
        """The module's faculty with what the faculty section shows fetched."""
        faculty = self.faculty.all()
        if isinstance(faculty, models.QuerySet):  # not an unsaved preview's list
            faculty = faculty.select_related("lea", "partner")
        return prefetch_public_names(list(faculty))


def dated_between(first: datetime.date, last: datetime.date) -> models.Q:
    """Sessions starting on a local date from `first` to `last`, inclusive: as a
    range of instants, so the database compares `starts_at` (indexed) directly
    instead of converting every row's time to a local date (SQLite does that in
    Python, row by row)."""
    zone = timezone.get_current_timezone()

    def midnight(day: datetime.date) -> datetime.datetime:
        return datetime.datetime.combine(day, datetime.time.min, tzinfo=zone)

    return models.Q(
        starts_at__gte=midnight(first),
        starts_at__lt=midnight(last + datetime.timedelta(days=1)),
    )


class ModuleSessionQuerySet(models.QuerySet["ModuleSession"]):
    def for_cohort(self, cohort: Cohort) -> Self:
        """The cohort's sessions: its track's live modules' sessions dated from the
        cohort's start to its graduation (a module holds the sessions of every year;
        joint meetings are on both tracks' modules)."""
        return self.filter(
            dated_between(cohort.starts_on, cohort.ends_on),
            module__live=True,
            module__tracks=cohort.track_id,
        )

    def for_person(
        self,
        person: Person | None,
        taught_since: datetime.datetime | None = None,
        enrollments: Iterable[Enrollment] | None = None,
    ) -> Self:
        """A person's own sessions, for their personal calendar: those of every
        cohort they are (or were) enrolled in and have not withdrawn from
        (`for_cohort`, joint meetings included), and those they teach (named on
        the session, or on the module's faculty) ending after `taught_since`."""
        if person is None:
            return self.none()
        taught = self.filter(
            models.Q(faculty=person) | models.Q(module__faculty=person),
            module__live=True,
        )
        if taught_since is not None:
            taught = taught.filter(ends_at__gte=taught_since)
        if enrollments is None:  # the caller may pass those it has loaded
            enrollments = Enrollment.objects.filter(person=person).select_related(
                "cohort"
            )
        parts = [taught] + [
            self.for_cohort(enrollment.cohort)
            for enrollment in enrollments
            if enrollment.status != EnrollmentStatus.WITHDRAWN
        ]
        # Each part a subquery of ids: no joins in the outer query, so no DISTINCT
        # over whole rows (and the caller's select_related) to drop duplicates.
        own = models.Q()
        for part in parts:
            own |= models.Q(pk__in=part.values("pk"))
        return self.filter(own)

    def in_program_year(self, program_year: ProgramYear) -> Self:
        """The sessions dated within a program year (of every track)."""
        return self.filter(dated_between(program_year.starts_on, program_year.ends_on))

    def shown_to_public(self) -> Self:
        """The sessions public pages show: the public program year's
        (`public_program_year`) and any not ended yet;
        earlier years' are history. Privacy is the caller's filter."""
        program_year = public_program_year()
        if program_year is None:
            return self
        return self.filter(
            dated_between(program_year.starts_on, program_year.ends_on)
            | models.Q(ends_at__gte=timezone.now())
        )

    def public(self) -> Self:
        """Sessions of live modules that anyone may see: the public program year's
        and those still to come (`shown_to_public`), with what a listing shows (the
        faculty's roles too: Person.public_name names people by role without their
        consent)."""
        return (
            self.filter(module__in=ModulePage.objects.live().public())
            .shown_to_public()
            .select_related("module", "faculty")
            .prefetch_related("faculty__roles")
        )

    def not_ended(self, now: datetime.datetime) -> Self:
        """The sessions not ended at `now` (under way or to come), soonest first,
        each with its module's title and link but not its long text: a list of
        sessions never shows it."""
        module_text = (
            "body",
            "resources",
            "learning_objectives",
            "competencies",
            "intro",
        )
        return (
            self.filter(ends_at__gte=now)
            .select_related("module")
            .defer(*(f"module__{name}" for name in module_text))
            .order_by("starts_at", "pk")
        )


class ModuleSession(Orderable):
    """A dated session of a module: where, when, how and with whom."""

    module = ParentalKey(ModulePage, on_delete=models.CASCADE, related_name="sessions")
    title = models.CharField(_("title"), max_length=200)
    kind = models.CharField(
        _("kind"),
        max_length=20,
        choices=SessionKind.choices,
        default=SessionKind.SESSION,
    )
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    mode = models.CharField(
        _("delivery mode"), max_length=20, choices=DeliveryMode.choices
    )
    location = models.CharField(
        _("location"),
        max_length=200,
        blank=True,
        help_text=_("For face-to-face sessions."),
    )
    meeting_link = models.URLField(
        _("meeting link"),
        blank=True,
        validators=[validate_safe_url],
        help_text=_(
            "For synchronous online sessions: an address starting with https://."
        ),
    )
    hours = models.DecimalField(_("hours"), max_digits=4, decimal_places=1)
    faculty = models.ForeignKey(
        "people.Person",
        verbose_name=_("faculty"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="sessions_taught",
    )

    objects = ModuleSessionQuerySet.as_manager()

    panels = [
        FieldRowPanel([FieldPanel("title"), FieldPanel("kind")]),
        FieldRowPanel(
            [FieldPanel("starts_at"), FieldPanel("ends_at"), FieldPanel("hours")]
        ),
        FieldPanel("mode"),
        FieldRowPanel([FieldPanel("location"), FieldPanel("meeting_link")]),
        FieldPanel("faculty"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("session")
        verbose_name_plural = _("sessions")

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        errors: dict[str, StrOrPromise] = {}
        if self.starts_at and self.ends_at and self.ends_at <= self.starts_at:
            errors["ends_at"] = _("A session must end after it starts.")
        if self.mode == DeliveryMode.FACE_TO_FACE and not self.location:
            errors["location"] = _("Say where a face-to-face session takes place.")
        if self.mode == DeliveryMode.SYNCHRONOUS and not self.meeting_link:
            errors["meeting_link"] = _(
                "Give the meeting link for a synchronous session."
            )
        if errors:
            raise ValidationError(errors)


def public_program_year() -> ProgramYear | None:
    """The program year the public site presents (`curriculum/program_year.py`):
    the latest cohort year whose dates hold a session of a live, public module
    (2027 in the demo), or None when no cohort's dates hold one (every session is
    then public, as it was before cohorts had dates). Cached under the content
    version: a publish or a cohort edit refreshes it."""
    return cached_by_version("public-program-year", _find_public_program_year)["year"]


def _find_public_program_year() -> dict[str, ProgramYear | None]:
    sessions = ModuleSession.objects.filter(
        module__in=ModulePage.objects.live().public(),
        module__tracks=OuterRef("track_id"),
        starts_at__date__gte=OuterRef("starts_on"),
        starts_at__date__lte=OuterRef("ends_on"),
    )
    row = (
        Cohort.objects.filter(Exists(sessions))
        .order_by()
        .values("year")
        .annotate(first=Min("starts_on"), last=Max("ends_on"))
        .order_by("-year")
        .first()
    )
    # Wrapped in a dict: the cache cannot tell a stored None from a miss.
    if row is None:
        return {"year": None}
    return {"year": ProgramYear(row["year"], row["first"], row["last"])}


class ModuleMaterialsPage(BasePage):
    """Participant-only materials of a module: private to the program's groups."""

    parent_page_types = ["curriculum.ModulePage"]
    subpage_types: list[str] = []

    page_description = _(
        "Materials for signed-in participants, faculty and staff. Private automatically."
    )

    intro = models.TextField(_("introduction"), max_length=600, blank=True)
    body = StreamField(ModuleStreamBlock(), verbose_name=_("materials"))

    content_panels = [*BasePage.content_panels, FieldPanel("intro"), FieldPanel("body")]

    class Meta:
        verbose_name = _("module materials")
        verbose_name_plural = _("module materials")

    @classmethod
    def can_create_at(cls, parent: Page) -> bool:
        # One materials page per module.
        return (
            super().can_create_at(parent) and not cls.objects.child_of(parent).exists()
        )


def _token_digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def _new_token() -> dict[str, str]:
    token = secrets.token_urlsafe(32)
    return {"token": token, "token_digest": _token_digest(token)}


class CalendarFeedQuerySet(models.QuerySet["CalendarFeed"]):
    def for_token(self, token: str | None) -> CalendarFeed | None:
        """The feed whose address carries `token`, or None.

        Looked up by the token's SHA-256 (timing tells nothing about the token
        itself), then compared in constant time."""
        if not token or len(token) > 100:
            return None
        feed = (
            self.select_related("user")
            .filter(token_digest=_token_digest(token), user__is_active=True)
            .first()
        )
        if feed is None or not secrets.compare_digest(feed.token, token):
            return None
        return feed


class CalendarFeed(models.Model):
    """A person's personal calendar address: a long random token, no sign-in needed,
    so calendar programs can subscribe; resetting it makes the old address 404."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="calendar_feed",
    )
    token = models.CharField(_("token"), max_length=64, unique=True, editable=False)
    token_digest = models.CharField(
        _("token digest"), max_length=64, unique=True, editable=False
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    reset_at = models.DateTimeField(_("address reset"), null=True, blank=True)

    objects = CalendarFeedQuerySet.as_manager()

    class Meta:
        verbose_name = _("personal calendar feed")
        verbose_name_plural = _("personal calendar feeds")

    def __str__(self) -> str:
        return f"Calendar of {self.user}"

    def get_absolute_url(self) -> str:
        return reverse("personal-calendar", kwargs={"token": self.token})

    @classmethod
    def for_user(cls, user: User) -> CalendarFeed:
        """The user's feed, made on first use."""
        feed = cls.objects.filter(user=user).first()
        if feed is None:
            feed, _created = cls.objects.get_or_create(user=user, defaults=_new_token())
        return feed

    def reset(self) -> None:
        """A new address; the old one answers 404 from now on."""
        for field, value in _new_token().items():
            setattr(self, field, value)
        self.reset_at = timezone.now()
        self.save(update_fields=["token", "token_digest", "reset_at"])


def module_links_for_tracks(track_ids: Iterable[int]) -> list[dict[str, Any]]:
    """The live modules of the tracks in the tree's order, each a dict of `title`,
    `url` and `materials_url` (its live materials page's, or None): narrow queries,
    none per module, and none of their long text."""
    in_tracks = ModulePage.tracks.through.objects.filter(track_id__in=track_ids).values(
        "modulepage_id"
    )
    fields = ("id", "title", "path", "depth", "url_path", "locale_id")
    modules = list(
        ModulePage.objects.live()
        .filter(pk__in=in_tracks)
        .only(*fields)
        .order_by("path")
    )
    if not modules:
        return []
    steplen = ModuleMaterialsPage.steplen
    materials = {
        page.path[:-steplen]: page.url
        for page in ModuleMaterialsPage.objects.live()
        .filter(depth__in={module.depth + 1 for module in modules})
        .only(*fields)
    }
    return [
        {
            "title": module.title,
            "url": module.url,
            "materials_url": materials.get(module.path),
        }
        for module in modules
    ]
