"""The home page and general content pages."""

from django.db import models
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy as _
from taggit.models import Tag
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from core.blocks import ContentStreamBlock
from core.models import BasePage
from curriculum.models import TopicArea, Track
from home.blocks import FeaturedPagesBlock, HeroActionsBlock


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
        context["tracks"] = list(Track.objects.all())
        context["featured"] = self.get_featured_pages()
        return context

    def get_featured_pages(self):
        """The chosen pages that are live and public, specific, in the editor's order."""
        # Read the ids from the raw stream data: no query per chosen page.
        ids = [item["value"] for item in self.featured.raw_data if item.get("value")]
        if not ids:
            return []
        pages = Page.objects.filter(pk__in=ids).live().public().specific()
        by_id = {page.pk: page for page in pages}
        return [by_id[pk] for pk in ids if pk in by_id]


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


def _tagged_or_topical(topic=None, tag=None):
    """Live, public modules, case studies and best practices for a topic or a tag."""
    from case_studies.models import BestPracticePage, CaseStudyPage
    from curriculum.models import ModulePage

    modules = (
        ModulePage.objects.live()
        .public()
        .defer_streamfields()
        .select_related("topic_area", "listing_image")
    )
    case_studies = CaseStudyPage.objects.for_cards()
    best_practices = BestPracticePage.objects.for_cards()
    if topic is not None:
        modules = modules.filter(
            models.Q(topic_area=topic) | models.Q(other_topic_areas=topic)
        ).distinct()
        case_studies = case_studies.filter(topic_areas=topic)
        best_practices = best_practices.filter(topic_areas=topic)
    if tag is not None:
        modules = modules.filter(tags__slug=tag)
        case_studies = case_studies.filter(tags__slug=tag)
        best_practices = best_practices.filter(tags__slug=tag)
    return {
        "modules": list(modules.order_by("title")[:50]),
        "case_studies": list(case_studies[:50]),
        "best_practices": list(best_practices[:50]),
    }


class TopicIndexPage(RoutablePageMixin, BasePage):
    """/topics/: the topic areas; /topics/<slug>/ lists everything under one."""

    parent_page_types = ["home.HomePage"]
    subpage_types = []
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
        return self.render(
            request,
            template="home/topic_page.html",
            context_overrides={"topic": topic, **_tagged_or_topical(topic=topic)},
        )


class TagIndexPage(RoutablePageMixin, BasePage):
    """/tags/<slug>/: everything carrying one tag."""

    parent_page_types = ["home.HomePage"]
    subpage_types = []
    max_count = 1

    page_description = _("Lists everything carrying a tag, at /tags/<tag>/.")

    content_panels = BasePage.content_panels

    class Meta:
        verbose_name = _("tag index")

    @path("")
    def index(self, request):
        tags = (
            Tag.objects.filter(
                models.Q(curriculum_modulepagetag_items__isnull=False)
                | models.Q(case_studies_casestudypagetag_items__isnull=False)
                | models.Q(case_studies_bestpracticepagetag_items__isnull=False)
            )
            .distinct()
            .order_by("name")
        )
        return self.render(request, context_overrides={"tags": tags})

    @path("<slug:slug>/", name="tag")
    def tag(self, request, slug):
        tag = get_object_or_404(Tag, slug=slug)
        return self.render(
            request,
            template="home/tag_page.html",
            context_overrides={"tag": tag, **_tagged_or_topical(tag=slug)},
        )
