"""The sitemap: `/sitemap.xml` is an index of paged sitemaps (Django's framework).

Two sections, each paged at `SITEMAP_PAGE_SIZE` URLs (well under the protocol's
50,000), listed by the index at `/sitemap-<section>.xml?p=<n>`:

- `pages`: every live, public page of the site, with its last publication as
  lastmod. Read as plain values (no `.specific()`, no per-page query): one count,
  one look-up of the view restrictions and one slice of the tree per sitemap page,
  however large the site.
- `subpages`: the addresses routable pages serve beside their own (a page per topic
  area, per public tag, per cohort year, the curriculum map), from those pages'
  `get_sitemap_urls` minus their first entry (the page itself, already in `pages`).

Nothing here is cached on its own: anonymous requests go through the full-page
cache keyed by the content version (a publish is visible on the next request), and
`core.frontend_cache` purges the index and every section page on the CDN.
"""

from math import ceil

from django.db.models import F
from django.db.models.functions import Coalesce
from django.urls import reverse
from wagtail.contrib.sitemaps import Sitemap
from wagtail.models import Page

SITEMAP_PAGE_SIZE = 5000


class PageSitemap(Sitemap):
    """Live, public pages of the request's site, as values."""

    limit = SITEMAP_PAGE_SIZE

    def items(self):
        site = self.get_wagtail_site()
        self._root_url = site.root_url
        self._root_path = site.root_page.url_path
        self._serve_prefix = reverse("wagtail_serve", args=("",))
        return (
            Page.objects.descendant_of(site.root_page, inclusive=True)
            .live()
            .public()
            .order_by("path")
            .annotate(
                sitemap_lastmod=Coalesce(
                    F("last_published_at"), F("latest_revision_created_at")
                )
            )
            .values_list("url_path", "sitemap_lastmod")
        )

    def location(self, item):
        # What Page.get_url_parts builds for a page under the current site's root.
        return self._root_url + self._serve_prefix + item[0][len(self._root_path) :]

    def lastmod(self, item):
        return item[1]

    def get_latest_lastmod(self):
        # One query, where Django's default would read every item.
        return (
            self.items()
            .order_by("-sitemap_lastmod")
            .values_list("sitemap_lastmod", flat=True)
            .first()
        )

    def _urls(self, page, protocol, domain):
        urls = [
            {"item": item, "location": self.location(item), "lastmod": item[1]}
            for item in self.paginator.page(page).object_list
        ]
        lastmods = [url["lastmod"] for url in urls]
        if lastmods and None not in lastmods:
            self.latest_lastmod = max(lastmods)
        return urls


class SubpageSitemap(Sitemap):
    """The extra addresses of routable pages (topics, tags, cohort years, the map)."""

    limit = SITEMAP_PAGE_SIZE

    def items(self):
        site = self.get_wagtail_site()
        routable = (
            site.root_page.get_descendants(inclusive=True)
            .live()
            .public()
            .filter(content_type__in=_routable_content_types())
            .order_by("path")
            .defer_streamfields()
            .specific()
        )
        return [
            entry
            for page in routable
            for entry in page.get_sitemap_urls(self.request)[1:]
        ]

    def location(self, item):
        return item["location"]

    def lastmod(self, item):
        return item.get("lastmod")

    def get_latest_lastmod(self):
        return None

    def _urls(self, page, protocol, domain):
        return [
            {**entry, "item": entry} for entry in self.paginator.page(page).object_list
        ]


def _routable_content_types():
    """Page types that add addresses of their own to the sitemap."""
    from django.contrib.contenttypes.models import ContentType
    from wagtail.models import get_page_models

    models = [
        model
        for model in get_page_models()
        if model.get_sitemap_urls is not Page.get_sitemap_urls
    ]
    return ContentType.objects.get_for_models(*models).values()


SITEMAPS = {"pages": PageSitemap, "subpages": SubpageSitemap}


def sitemap_paths(site):
    """Every address the sitemap is served at for `site` (for CDN purging): the
    index and each section's pages, one beyond the last (a page that just emptied)."""
    paths = ["/sitemap.xml"]
    for section, sitemap_class in SITEMAPS.items():
        sitemap = sitemap_class(request=None)
        sitemap.get_wagtail_site = lambda site=site: site
        count = sitemap.paginator.count
        pages = max(1, ceil(count / sitemap.limit)) + 1
        base = reverse("sitemap-section", kwargs={"section": section})
        paths.append(base)
        paths += [f"{base}?p={number}" for number in range(2, pages + 1)]
    return paths
