"""The home page, general content pages, and the topic and tag indexes."""

from urllib.parse import urlencode

from django.db import models
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext_lazy as _
from taggit.models import Tag
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.images import get_image_model
from wagtail.models import Page
from wagtail.search import index

from caching import cached_by_version
from case_studies.models import (
    BestPracticeIndexPage,
    BestPracticePage,
    CaseStudyIndexPage,
    CaseStudyPage,
)
from core.blocks import ContentStreamBlock
from core.models import BasePage
from core.privacy import public_pages
from core.tags import public_tag_slugs, public_tags
from core.validators import validate_safe_url
from curriculum.models import ModulePage, ModuleSession, TopicArea, Track
from home.blocks import FeaturedPagesBlock, HeroActionsBlock
from people.choices import EnrollmentStatus
from people.models import Enrollment, PartnerOrganization

# The line above a featured card's title: what a visitor would call the page,
# for kinds of content only. Sections (an index, a general page) need no label, and
# a model's verbose name ("Curriculum index") is the editors' word, not a visitor's.
FEATURED_CARD_LABELS = {
    "curriculum.modulepage": _("Module"),
    "case_studies.casestudypage": _("Case study"),
    "case_studies.bestpracticepage": _("Best practice"),
    "news.newspage": _("News"),
}


class HomePage(BasePage):
    """The program's front door: overview, both tracks, calls to action, features."""

    parent_page_types = ["wagtailcore.Page"]
    subpage_types = [
        "home.ContentPage",
        "curriculum.CurriculumIndexPage",
        "case_studies.CaseStudyIndexPage",
        "case_studies.BestPracticeIndexPage",
        "people.PeopleIndexPage",
        "people.CohortIndexPage",
        "home.TopicIndexPage",
        "home.TagIndexPage",
        "news.NewsIndexPage",
        # The interest form (applicants.InterestFormPage) is added by applicants,
        # which sits above home: see allow_under_home_page().
    ]
    max_count = 1

    page_description = _("The site's home page. There is only one.")

    hero_heading = models.CharField(
        _("hero heading"),
        max_length=140,
        blank=True,
        help_text=_(
            "The main heading visitors see first. Leave blank to use the page title."
        ),
    )
    intro = models.TextField(
        _("introduction"),
        max_length=600,
        help_text=_("What the program is, in two or three sentences."),
    )
    hero_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("hero image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("A wide, decorative image beside the introduction."),
    )
    calls_to_action = StreamField(
        HeroActionsBlock(),
        blank=True,
        verbose_name=_("calls to action"),
        help_text=_("Up to three buttons under the introduction."),
    )
    featured = StreamField(
        FeaturedPagesBlock(),
        blank=True,
        verbose_name=_("featured content"),
        help_text=_("Up to six pages to feature as cards, in this order."),
    )
    body = StreamField(ContentStreamBlock(), blank=True, verbose_name=_("body"))

    show_upcoming_events = models.BooleanField(
        _("show upcoming sessions and events"),
        default=True,
        help_text=_("The next few sessions from the calendar."),
    )
    show_latest = models.BooleanField(
        _("show latest best practices and case studies"),
        default=True,
        help_text=_("The three newest of each."),
    )
    show_graduates = models.BooleanField(
        _("show graduates so far"),
        default=True,
        help_text=_("How many CeCTOs each track has certified."),
    )
    interest_heading = models.CharField(
        _("call to action heading"),
        max_length=140,
        default="Interested in a future course?",
    )
    interest_text = models.TextField(
        _("call to action text"),
        max_length=600,
        blank=True,
        default=(
            "Tell program staff about your role and district, and they will be in "
            "touch about the next course."
        ),
    )
    interest_link = models.CharField(
        _("call to action link"),
        max_length=255,
        default="/join/",
        validators=[validate_safe_url],
        help_text=_(
            "Where the button goes: a path on this site such as /join/, or an "
            "address starting with https:// or mailto:."
        ),
    )

    upcoming_events_count = 4
    latest_count = 3

    content_panels = [
        *BasePage.content_panels,
        MultiFieldPanel(
            [
                FieldPanel("hero_heading"),
                FieldPanel("intro"),
                FieldPanel("hero_image"),
                FieldPanel("calls_to_action"),
            ],
            heading=_("Hero"),
        ),
        FieldPanel("featured"),
        FieldPanel("body"),
        MultiFieldPanel(
            [
                FieldPanel("show_upcoming_events"),
                FieldPanel("show_latest"),
                FieldPanel("show_graduates"),
                FieldPanel("interest_heading"),
                FieldPanel("interest_text"),
                FieldPanel("interest_link"),
            ],
            heading=_("Home page sections"),
        ),
    ]

    search_fields = [*BasePage.search_fields, index.SearchField("intro")]

    class Meta:
        verbose_name = _("home page")

    def route(self, request, path_components):
        """Find the deepest page on the path in one query, not one per level.

        Wagtail's default walks the tree a level at a time (two queries a level).
        Whatever is left of the path after the deepest matching page goes to that
        page's own routing (routable pages such as /curriculum/map/).
        See wagtail.models.Page.route.
        """
        if not path_components:
            return super().route(request, path_components)
        prefixes = [
            self.url_path + "/".join(path_components[:n]) + "/"
            for n in range(len(path_components), 0, -1)
        ]
        match = (
            Page.objects.filter(url_path__in=prefixes, path__startswith=self.path)
            .order_by("-depth")
            .first()
        )
        if match is None:
            raise Http404
        remaining = path_components[match.depth - self.depth :]
        return match.specific.route(request, remaining)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context.update(self.get_sections())
        return context

    sections_timeout = 5 * 60  # seconds; page changes invalidate sooner

    def get_sections(self):
        """Partners, upcoming sessions, latest content and graduates, cached.

        Cached under the site-wide content version (any publish refreshes it) and
        for a few minutes at most, so snippet edits and the clock catch up soon and
        repeat visits cost one cache read instead of five queries.
        """
        flags = (self.show_upcoming_events, self.show_latest, self.show_graduates)
        name = "home-sections:{}:{}".format(
            self.pk, "".join(str(int(f)) for f in flags)
        )
        return cached_by_version(
            name, self._build_sections, self.sections_timeout, local=False
        )

    def _build_sections(self):
        sections = {
            "tracks": list(Track.objects.all()),
            "featured": self.get_featured_pages(),
            "partners": list(
                # Each logo's renditions in one query, not one per logo.
                PartnerOrganization.objects.select_related("logo")
                .prefetch_related("logo__renditions")
                .order_by("sort_order", "name")
            ),
        }
        if self.show_upcoming_events:
            sections["upcoming_sessions"] = self.get_upcoming_sessions()
        if self.show_latest:
            sections["latest_best_practices"] = list(
                BestPracticePage.objects.for_cards()[: self.latest_count]
            )
            sections["latest_case_studies"] = list(
                CaseStudyPage.objects.for_cards()[: self.latest_count]
            )
        if self.show_graduates:
            sections["graduates"] = self.get_graduates()
        return sections

    def get_upcoming_sessions(self):
        """The next few sessions of live, public modules, soonest first."""
        # The calendar's own queryset, so the home page never shows what it hides.
        return list(
            ModuleSession.objects.public()
            .filter(starts_at__gte=timezone.now())
            .order_by("starts_at", "pk")[: self.upcoming_events_count]
        )

    @staticmethod
    def get_graduates():
        """Completed enrollments per track (in track order), one query.

        `certified` counts only the graduates of tracks that earn the CeCTO
        certification: superintendents who complete Leaders for the 21st Century
        are graduates of the program but not CeCTOs.
        """
        rows = (
            Enrollment.objects.filter(status=EnrollmentStatus.COMPLETED)
            .values(
                "cohort__track__name",
                "cohort__track__sort_order",
                "cohort__track__certifies",
            )
            .annotate(n=models.Count("id"))
            .order_by("cohort__track__sort_order", "cohort__track__name")
        )
        by_track = [
            {
                "track": row["cohort__track__name"],
                "count": row["n"],
                "certifies": row["cohort__track__certifies"],
            }
            for row in rows
        ]
        return {
            "by_track": by_track,
            "certified": sum(row["count"] for row in by_track if row["certifies"]),
        }

    def get_featured_pages(self):
        """The chosen pages that are live and public, specific, in the editor's order."""
        # Read the ids from the raw stream data: no query per chosen page.
        ids = [item["value"] for item in self.featured.raw_data if item.get("value")]
        if not ids:
            return []
        pages = public_pages(Page.objects.filter(pk__in=ids)).live().specific()
        by_id = {page.pk: page for page in pages}
        featured = [by_id[pk] for pk in ids if pk in by_id]
        # Their card images in one query, not one per card.
        image_ids = {getattr(page, "listing_image_id", None) for page in featured}
        images = (
            get_image_model().objects.prefetch_renditions().in_bulk(image_ids - {None})
        )
        for page in featured:
            if getattr(page, "listing_image_id", None) in images:
                page.listing_image = images[page.listing_image_id]
            page.card_label = FEATURED_CARD_LABELS.get(page._meta.label_lower, "")
        return featured


class ContentPage(BasePage):
    """A general page: about the program, the tracks, partners, policies."""

    parent_page_types = ["home.HomePage", "home.ContentPage"]
    subpage_types = ["home.ContentPage"]

    page_description = _(
        "A general page with headings, text, images, documents and tables."
    )

    intro = models.TextField(
        _("introduction"),
        max_length=600,
        blank=True,
        help_text=_("A short lead paragraph shown under the title."),
    )
    body = StreamField(ContentStreamBlock(), verbose_name=_("body"))

    content_panels = [*BasePage.content_panels, FieldPanel("intro"), FieldPanel("body")]

    search_fields = [
        *BasePage.search_fields,
        index.SearchField("intro"),
        index.SearchField("body"),
    ]

    class Meta:
        verbose_name = _("content page")


RELATED_PER_KIND = 12
# The context _tagged_or_topical gives.
RELATED_CONTEXT = (
    "modules",
    "case_studies",
    "best_practices",
    "more_case_studies_url",
    "more_best_practices_url",
)


def _listing_urls():
    """The case-study and best-practice listings' addresses, for "see all" links."""

    def build():
        urls = {}
        for name, model in (
            ("case_studies", CaseStudyIndexPage),
            ("best_practices", BestPracticeIndexPage),
        ):
            index_page = model.objects.live().public().first()
            urls[name] = index_page.url if index_page else None
        return urls

    return cached_by_version("listing-index-urls", build)


def _tagged_or_topical(topic=None, tag=None):
    """Live, public modules, case studies and best practices for a topic or a tag:
    the first RELATED_PER_KIND of each, and links to the filtered listings when
    there are more."""
    modules = (
        ModulePage.objects.live()
        .public()
        .defer_streamfields()
        .select_related("topic_area", "listing_image")
        .prefetch_related("listing_image__renditions")
    )
    case_studies = CaseStudyPage.objects.for_cards()
    best_practices = BestPracticePage.objects.for_cards()
    if topic is not None:
        modules = modules.filter(
            models.Q(topic_area=topic) | models.Q(other_topic_areas=topic)
        ).distinct()
        case_studies = case_studies.filter(topic_areas=topic)
        best_practices = best_practices.filter(topic_areas=topic)
        query = "?" + urlencode({"topic": topic.slug})
    if tag is not None:
        modules = modules.filter(tags__slug=tag)
        case_studies = case_studies.filter(tags__slug=tag)
        best_practices = best_practices.filter(tags__slug=tag)
        query = "?" + urlencode({"tag": tag})
    found = {
        "modules": list(modules.order_by("title")[: RELATED_PER_KIND + 1]),
        "case_studies": list(case_studies[: RELATED_PER_KIND + 1]),
        "best_practices": list(best_practices[: RELATED_PER_KIND + 1]),
    }
    context = {name: items[:RELATED_PER_KIND] for name, items in found.items()}
    listing_urls = _listing_urls()
    for name in ("case_studies", "best_practices"):
        more = len(found[name]) > RELATED_PER_KIND and listing_urls[name]
        context[f"more_{name}_url"] = listing_urls[name] + query if more else None
    return context


class TopicIndexPage(RoutablePageMixin, BasePage):
    """/topics/: the topic areas; /topics/<slug>/ lists everything under one."""

    parent_page_types = ["home.HomePage"]
    subpage_types: list[str] = []
    max_count = 1

    page_description = _("Lists the topic areas; each has a page of its content.")

    intro = models.TextField(_("introduction"), max_length=800, blank=True)

    content_panels = [*BasePage.content_panels, FieldPanel("intro")]

    class Meta:
        verbose_name = _("topic index")

    @path("")
    def index(self, request):
        return self.render(
            request, context_overrides={"topic_areas": TopicArea.objects.all()}
        )

    def get_sitemap_urls(self, request=None):
        """The index and a page per topic area."""
        base = self.get_full_url(request)
        slugs = TopicArea.objects.order_by("sort_order").values_list("slug", flat=True)
        return [
            *super().get_sitemap_urls(request),
            *(
                {"location": base + self.reverse_subpage("topic", args=(slug,))}
                for slug in slugs
            ),
        ]

    @path("<slug:slug>/", name="topic")
    def topic(self, request, slug):
        topic = get_object_or_404(TopicArea, slug=slug)
        # Read only when the template's cached fragment of the cards is missing.
        found = SimpleLazyObject(lambda: _tagged_or_topical(topic=topic))
        related = {
            name: SimpleLazyObject(lambda name=name: found[name])
            for name in RELATED_CONTEXT
        }
        return self.render(
            request,
            template="home/topic_page.html",
            context_overrides={"topic": topic, **related},
        )


class TagIndexPage(RoutablePageMixin, BasePage):
    """/tags/<slug>/: everything carrying one tag."""

    parent_page_types = ["home.HomePage"]
    subpage_types: list[str] = []
    max_count = 1

    page_description = _("Lists everything carrying a tag, at /tags/<tag>/.")

    content_panels = BasePage.content_panels

    class Meta:
        verbose_name = _("tag index")

    @path("")
    def index(self, request):
        # Only tags on live, public pages: a draft's tags are unreviewed text.
        tags = cached_by_version(
            "public-tags-by-name",
            lambda: list(public_tags().order_by("name").values("name", "slug")),
        )
        return self.render(request, context_overrides={"tags": tags})

    def get_sitemap_urls(self, request=None):
        """The index and a page per tag that a live, public page carries."""
        base = self.get_full_url(request)
        slugs = public_tags().order_by("slug").values_list("slug", flat=True)
        return [
            *super().get_sitemap_urls(request),
            *(
                {"location": base + self.reverse_subpage("tag", args=(slug,))}
                for slug in slugs
            ),
        ]

    @path("<slug:slug>/", name="tag")
    def tag(self, request, slug):
        # A tag only drafts or private pages carry does not exist for the public
        # (the slugs are read once per content version).
        if slug not in public_tag_slugs():
            raise Http404("No public page carries this tag.")
        tag = get_object_or_404(Tag, slug=slug)
        # Read only when the template's cached fragment of the cards is missing.
        found = SimpleLazyObject(lambda: _tagged_or_topical(tag=slug))
        related = {
            name: SimpleLazyObject(lambda name=name: found[name])
            for name in RELATED_CONTEXT
        }
        return self.render(
            request,
            template="home/tag_page.html",
            context_overrides={"tag": tag, **related},
        )


def allow_under_home_page(page_type: str) -> None:
    """Let editors add a page type of an app above home under the home page.

    Called from that app's AppConfig.ready(), so home never names the apps above
    it; Wagtail reads subpage_types lazily, after every app is ready.
    """
    if page_type not in HomePage.subpage_types:
        HomePage.subpage_types = [*HomePage.subpage_types, page_type]
