"""Site-wide machine-readable endpoints (sitemap, robots.txt, the read-only API)."""

urlpatterns = []
