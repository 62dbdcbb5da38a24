"""Site-wide machine-readable endpoints (sitemap, robots.txt, the read-only API)."""

from django.urls import path
from django.views.generic import TemplateView

from core.api import api_router
from core.sitemaps import SITEMAPS, index, sitemap

urlpatterns = [
    # A sitemap index of paged sections (core/sitemaps.py): live, public pages only,
    # each kept under the content version.
    path(
        "sitemap.xml",
        index,
        {"sitemaps": SITEMAPS, "sitemap_url_name": "sitemap-section"},
        name="sitemap",
    ),
    path(
        "sitemap-<section>.xml",
        sitemap,
        {"sitemaps": SITEMAPS},
        name="sitemap-section",
    ),
    path(
        "robots.txt",
        TemplateView.as_view(template_name="robots.txt", content_type="text/plain"),
        name="robots_txt",
    ),
    path("api/v2/", api_router.urls),
]
