"""URL map: operations, the admin, documents and images, then Wagtail's page tree."""

from django.conf import settings
from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from core import views as core_views
from core.exports import admin_export_urlpatterns
from dashboard import urls as dashboard_urls
from private_media.urls import media_urlpatterns
from submissions import urls as submissions_urls

# A database gone for a moment answers 503 (core.views.server_error), even when the
# error is raised in middleware rather than a view; other errors, Django's 500 page.
handler500 = "core.views.server_error"

urlpatterns = [
    path("healthz", core_views.healthz, name="healthz"),
    # Wagtail's exporting reports, with formula-like cells neutralised (core.exports).
    path("admin/", include(admin_export_urlpatterns)),
    path("admin/", include(wagtailadmin_urls)),
    path("accounts/", include("accounts.urls")),
    path("documents/", include(wagtaildocs_urls)),
    # The participant's dashboard (dashboard) and best-practice forms (submissions):
    # before the page tree, so /best-practices/submit/ is not taken for a page under
    # /best-practices/. One namespace: the dashboard keeps its name,
    # submissions:dashboard, which sign-in, e-mails and the forms reverse.
    path(
        "",
        include(
            (
                dashboard_urls.urlpatterns + submissions_urls.urlpatterns,
                submissions_urls.app_name,
            )
        ),
    ),
    # Sitemap, robots.txt and the read-only API (core); site search (search).
    path("", include("core.urls")),
    path("", include("search.urls")),
    path("", include("curriculum.urls")),
    # Public verification of credentials and their Open Badges (credentials).
    path("credentials/", include("credentials.urls")),
    # The class year's best-practice compendium, a PDF (case_studies).
    path("", include("case_studies.urls")),
]

if settings.DEBUG:
    from django.contrib.staticfiles.urls import staticfiles_urlpatterns

    urlpatterns += staticfiles_urlpatterns()

# /media/documents/ answers 404 in every mode (documents are served at /documents/
# only, after Wagtail's checks); under DEBUG, MEDIA_ROOT's images and renditions.
urlpatterns += media_urlpatterns(debug=settings.DEBUG)

urlpatterns += [
    # Last: everything else is a page in Wagtail's tree.
    path("", include(wagtail_urls)),
]
