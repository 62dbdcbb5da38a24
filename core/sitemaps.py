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

The index and each sitemap page are kept whole under the content version, per
address (`index` and `sitemap` below): any publish, unpublish, move, delete or
privacy change starts a new version, so one is visible on the next request, and
`caching.frontend_cache` purges the index and every section page on the CDN. A sitemap
page is written by `render_urlset`, which gives what Django's `sitemap.xml`
template gives (tests compare the two) in a tenth of the time.
"""

import datetime
import html
import re
from functools import wraps
from math import ceil

from django.contrib.contenttypes.models import ContentType
from django.db.models import F
from django.db.models.functions import Coalesce
from django.http import HttpResponse
from django.template import Context
from django.template.base import render_value_in_context
from django.template.defaultfilters import date as date_filter
from django.template.response import SimpleTemplateResponse
from django.urls import reverse
from django.utils import timezone
from wagtail.contrib.sitemaps import Sitemap
from wagtail.contrib.sitemaps import views as sitemap_views
from wagtail.models import Page, get_page_models

from caching import cached_for_address
from core.privacy import public_pages

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
            public_pages(Page.objects.descendant_of(site.root_page, inclusive=True))
            .live()
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
            public_pages(site.root_page.get_descendants(inclusive=True))
            .live()
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


# How long a rendered index or sitemap page is kept; a new content version
# replaces it sooner (nothing in a sitemap depends on the clock).
SITEMAP_CACHE_TIMEOUT = 60 * 60

URLSET_START = (
    '<?xml version="1.0" encoding="UTF-8"?>\n'
    '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"'
    ' xmlns:xhtml="http://www.w3.org/1999/xhtml">\n'
)
URLSET_END = "\n</urlset>\n"
_SPACES_BETWEEN_TAGS = re.compile(r">\s+<")


def render_urlset(urls):
    """A sitemap page, as Django's `sitemap.xml` template writes it (its
    `{% spaceless %}` included), without a template variable lookup per URL: the
    template takes 70 ms a thousand URLs. Values are escaped and localised as the
    template does it; a lastmod is a date in the current time zone."""
    context = Context(autoescape=True)

    def text(value):
        if type(value) is str:  # what Django's escape() does to a plain string
            return html.escape(value)
        return render_value_in_context(value, context)

    parts = []
    for url in urls:
        parts.append(f"<url><loc>{text(url['location'])}</loc>")
        lastmod = url.get("lastmod")
        if lastmod:
            parts.append(f"<lastmod>{_sitemap_date(lastmod)}</lastmod>")
        if url.get("changefreq"):
            parts.append(f"<changefreq>{text(url['changefreq'])}</changefreq>")
        if url.get("priority"):
            parts.append(f"<priority>{text(url['priority'])}</priority>")
        for alternate in url.get("alternates") or ():
            parts.append(
                f'<xhtml:link rel="alternate" hreflang="{text(alternate["lang_code"])}"'
                f' href="{text(alternate["location"])}"/>'
            )
        parts.append("</url>")
    body = _SPACES_BETWEEN_TAGS.sub("><", "".join(parts).strip())
    return URLSET_START + body + URLSET_END


def _sitemap_date(value):
    """`{{ value|date:"Y-m-d" }}`, quicker for what sitemaps hold."""
    if isinstance(value, datetime.datetime):
        value = timezone.template_localtime(value)
    elif not isinstance(value, datetime.date):
        return date_filter(value, "Y-m-d")
    return f"{value.year:04d}-{value.month:02d}-{value.day:02d}"


def _cached_by_address(view):
    """The view's 200 responses, kept under the content version per address (the
    index, each section's pages by ?p=); a 404 (a page beyond the last) is not."""

    @wraps(view)
    def cached_view(request, *args, **kwargs):
        rendered = []

        def build():
            response = view(request, *args, **kwargs)
            if isinstance(response, SimpleTemplateResponse):
                if response.template_name == "sitemap.xml":
                    response.content = render_urlset(response.context_data["urlset"])
                response.render()
            rendered.append(response)
            return response.status_code, response.content, list(response.items())

        status, content, headers = cached_for_address(
            "sitemap",
            request,
            build,
            timeout=lambda built: SITEMAP_CACHE_TIMEOUT if built[0] == 200 else None,
        )
        if rendered:  # rendered just now
            return rendered[0]
        response = HttpResponse(content, status=status)
        for name, value in headers:
            response[name] = value
        return response

    return cached_view


index = _cached_by_address(sitemap_views.index)
sitemap = _cached_by_address(sitemap_views.sitemap)
