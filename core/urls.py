"""Site-wide machine-readable endpoints (sitemap, robots.txt, the read-only API)."""

from django.urls import path
from django.views.generic import TemplateView
from wagtail.contrib.sitemaps.views import sitemap

from core.api import api_router

urlpatterns = [
    # Live, public pages only (Wagtail's Sitemap: `.live().public()` of the site).
    path("sitemap.xml", sitemap, name="sitemap"),
    path(
        "robots.txt",
        TemplateView.as_view(template_name="robots.txt", content_type="text/plain"),
        name="robots_txt",
    ),
    path("api/v2/", api_router.urls),
]
