"""Program news: the news index at /news/, news items and their Atom feed."""

import datetime

from django.contrib.syndication.views import Feed
from django.db import models
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.models import PageManager
from wagtail.search import index

from core.blocks import ContentStreamBlock
from core.listing import ListingIndexMixin
from core.models import BasePage
from core.privacy import PublicPageQuerySet


class NewsPageQuerySet(PublicPageQuerySet):
    """News items' queries."""

    def published(self):
        """Live, public news, newest first, without the stream fields."""
        return (
            self.live()
            .public()
            .defer_streamfields()
            .select_related("listing_image")
            .prefetch_related("listing_image__renditions")
            .order_by("-date", "-pk")
        )


class NewsIndexPage(ListingIndexMixin, RoutablePageMixin, BasePage):
    """/news/: program news, newest first, with an Atom feed at /news/feed/."""

    parent_page_types = ["home.HomePage"]
    subpage_types = ["news.NewsPage"]
    max_count = 1

    page_description = _("The list of news items, newest first, with a feed.")
    paginate_by = 10

    intro = models.TextField(
        _("introduction"),
        max_length=800,
        blank=True,
        help_text=_("A sentence about what the news covers."),
    )

    content_panels = [*BasePage.content_panels, FieldPanel("intro")]

    class Meta:
        verbose_name = _("news index")

    @path("")
    def index(self, request):
        return self.render(request)

    @path("feed/", name="feed")
    def feed(self, request):
        return NewsFeed(self)(request)

    def get_listing_queryset(self):
        return NewsPage.objects.child_of(self).published()


class NewsPage(BasePage):
    """One news item: an announcement, a graduation, a call for applications."""

    parent_page_types = ["news.NewsIndexPage"]
    subpage_types: list[str] = []

    page_description = _("A news item, dated, listed newest first under News.")

    date = models.DateField(
        _("date"),
        default=timezone.localdate,
        help_text=_("The date the news is published; listings sort by it."),
    )
    intro = models.TextField(
        _("introduction"),
        max_length=600,
        help_text=_("The news in a sentence or two; shown in listings and the feed."),
    )
    body = StreamField(ContentStreamBlock(), blank=True, verbose_name=_("body"))

    content_panels = [
        *BasePage.content_panels,
        FieldPanel("date"),
        FieldPanel("intro"),
        FieldPanel("body"),
    ]

    search_fields = [
        *BasePage.search_fields,
        index.SearchField("intro"),
        index.SearchField("body"),
        index.FilterField("date"),
    ]

    objects = PageManager.from_queryset(NewsPageQuerySet)()

    class Meta:
        verbose_name = _("news item")
        verbose_name_plural = _("news items")


class NewsFeed(Feed):
    """The Atom feed of an index page's live, public news."""

    feed_type = Atom1Feed
    limit = 20

    def __init__(self, index_page):
        super().__init__()
        self.index_page = index_page

    def get_object(self, request, *args, **kwargs):
        self.request = request
        return self.index_page

    def title(self, obj):
        return obj.title

    def link(self, obj):
        return obj.get_full_url(self.request)

    def subtitle(self, obj):
        return obj.intro or obj.search_description

    def items(self, obj):
        return obj.get_listing_queryset()[: self.limit]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.intro

    def item_link(self, item):
        return item.get_full_url(self.request)

    def item_pubdate(self, item):
        return timezone.make_aware(
            datetime.datetime.combine(item.date, datetime.time())
        )

    def item_updateddate(self, item):
        return item.last_published_at
