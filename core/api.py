"""The read-only public API (Wagtail API v2): published, public content only.

Wagtail's viewsets filter by *the requesting user's* access: a signed-in participant
would see private materials and documents of private collections. This API is for
the public, so every endpoint here ignores who is asking and shows only what an
anonymous visitor may see. Sources:
https://github.com/wagtail/wagtail/blob/main/wagtail/api/v2/views.py and
https://github.com/wagtail/wagtail/blob/main/wagtail/documents/api/v2/views.py
"""

from django.db.models import Q
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response
from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.views import PagesAPIViewSet
from wagtail.documents.api.v2.views import DocumentsAPIViewSet
from wagtail.images.api.v2.views import ImagesAPIViewSet
from wagtail.models import Collection, CollectionViewRestriction, Page, Site

from caching import cached_for_address

# How long a page listing is kept at most; a new content version replaces it sooner.
API_CACHE_TIMEOUT = 60 * 60


def restricted_collection_ids():
    """Every collection with a view restriction, and every collection below one."""
    paths = Collection.objects.filter(
        id__in=CollectionViewRestriction.objects.values("collection_id")
    ).values_list("path", flat=True)
    below_any = Q()
    for path in paths:
        below_any |= Q(path__startswith=path)
    if not below_any:
        return Collection.objects.none().values("id")
    return Collection.objects.filter(below_any).values("id")


class PublicAPIMixin:
    """GET only, JSON only: a machine-readable API with nothing to post to."""

    http_method_names = ["get", "head", "options"]
    renderer_classes = [JSONRenderer]


class PublicPagesAPIViewSet(PublicAPIMixin, PagesAPIViewSet):
    """Live pages with no view restriction on themselves or any ancestor."""

    def get_base_queryset(self):
        # Live pages of the request's site with no restriction above them, whoever
        # asks. Wagtail's own base queryset tests each restriction against the
        # request (a query per restriction, three times a listing); `.public()`
        # drops every restricted page and its descendants in the same query. It is
        # also the parent lookup of ?child_of, ?descendant_of and ?ancestor_of.
        queryset = Page.objects.live().public()
        site = Site.find_for_request(self.request)
        if site is not None:
            queryset = queryset.descendant_of(site.root_page, inclusive=True)
        return queryset

    def listing_view(self, request):
        # The listing's data, kept under the content version per address: each
        # filter, order, page and choice of fields apart. Counting the pages alone
        # takes 15-25 ms at 20,000 pages. An invalid query raises before it is kept.
        data = cached_for_address(
            "api-pages",
            request,
            lambda: super(PublicPagesAPIViewSet, self).listing_view(request).data,
            API_CACHE_TIMEOUT,
        )
        return Response(data)


class PublicImagesAPIViewSet(PublicAPIMixin, ImagesAPIViewSet):
    """Images outside restricted collections."""

    def get_queryset(self):
        return (
            super()
            .get_queryset()
            .exclude(collection_id__in=restricted_collection_ids())
        )


class PublicDocumentsAPIViewSet(PublicAPIMixin, DocumentsAPIViewSet):
    """Documents outside restricted collections ("Participant materials",
    "Participant submissions"), so no private download URL is ever listed."""

    def get_queryset(self):
        return (
            super()
            .get_queryset()
            .exclude(collection_id__in=restricted_collection_ids())
        )


api_router = WagtailAPIRouter("wagtailapi")
api_router.register_endpoint("pages", PublicPagesAPIViewSet)
api_router.register_endpoint("images", PublicImagesAPIViewSet)
api_router.register_endpoint("documents", PublicDocumentsAPIViewSet)
