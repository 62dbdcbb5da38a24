"""CDN purging: Wagtail's frontend cache, widened to the listings a page appears in.

Wagtail's own handlers purge a page's URL when it is published or unpublished. A
change also alters the pages above it (its listing, its section, the home page), and
a move or a delete leaves the old address behind; these handlers purge those too.
Pages that only collect content by topic, tag or search expire by `CDN_MAX_AGE`.

Privacy changes purge like a publish: a page view restriction saved, deleted or
given other groups purges the page, everything below it (a restriction covers the
subtree), the pages above it, the feeds and the sitemap, and the API entries; a
collection's restriction, or a document moved between collections, purges the
documents' URLs and the documents API.

Connected only when `wagtail.contrib.frontend_cache` is installed (settings turn it
on when a CDN is configured).
"""

from collections.abc import Callable, Iterable
from typing import Any
from urllib.parse import urljoin

from django.db.models.signals import m2m_changed, post_delete, post_save, pre_delete
from wagtail.contrib.frontend_cache.utils import PurgeBatch
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import (
    Collection,
    CollectionViewRestriction,
    Page,
    PageViewRestriction,
    Site,
)
from wagtail.signals import page_published, page_unpublished, post_page_move

# Served outside the page tree and listing every page's changes: paths, or
# functions of the site that give them (the sitemap's pages), added by the apps that
# serve them (`purge_with_every_change`).
_SITE_WIDE_PATHS: list[Iterable[str] | Callable[[Site], Iterable[str]]] = []


def purge_with_every_change(
    paths_or_function: Iterable[str] | Callable[[Site], Iterable[str]],
) -> None:
    """Purge these paths (a tuple, or a function of the Site giving paths) with
    every page change: feeds and sitemaps that list every page's changes."""
    _SITE_WIDE_PATHS.append(paths_or_function)


def site_wide_paths(site: Site) -> list[str]:
    paths: list[str] = []
    for entry in _SITE_WIDE_PATHS:
        paths += entry(site) if callable(entry) else entry
    return paths


PAGES_API = "/api/v2/pages/"
DOCUMENTS_API = "/api/v2/documents/"
IMAGES_API = "/api/v2/images/"


def purge_page_and_listings(
    page: Page, old_url: str | None = None, subtree: bool = False
) -> None:
    batch = PurgeBatch()
    batch.add_pages(page.get_ancestors().filter(depth__gt=1))
    batch.add_page(page)
    pages = [page]
    if subtree:
        descendants = list(page.get_descendants().live().specific())
        batch.add_pages(descendants)
        pages += descendants
    site = page.get_site()
    root_url = site.root_url if site else None
    if root_url:
        # The feeds, the sitemap index and each of its pages.
        batch.add_urls(urljoin(root_url, path) for path in site_wide_paths(site))
        if old_url:
            batch.add_url(urljoin(root_url, old_url))
        if subtree:
            batch.add_url(urljoin(root_url, PAGES_API))
            batch.add_urls(urljoin(root_url, f"{PAGES_API}{p.pk}/") for p in pages)
    batch.purge()


def purge_documents(documents: Iterable[Any], images: Iterable[Any] = ()) -> None:
    """The documents' own URLs and their API entries (and the images' API entries:
    the images API hides private collections too), on every site."""
    root_urls = [site.root_url for site in Site.objects.all()]
    batch = PurgeBatch()
    for root_url in root_urls:
        batch.add_url(urljoin(root_url, DOCUMENTS_API))
        for document in documents:
            batch.add_url(urljoin(root_url, document.url))
            batch.add_url(urljoin(root_url, f"{DOCUMENTS_API}{document.pk}/"))
        if images:
            batch.add_url(urljoin(root_url, IMAGES_API))
            batch.add_urls(urljoin(root_url, f"{IMAGES_API}{pk}/") for pk in images)
    batch.purge()


def page_changed(sender: Any, instance: Page, **kwargs: Any) -> None:
    purge_page_and_listings(instance)


def page_deleted(sender: Any, instance: Page, **kwargs: Any) -> None:
    if instance.live and instance.depth > 1:
        purge_page_and_listings(instance)


def page_moved(
    sender: Any,
    instance: Page,
    url_path_before: str | None = None,
    url_path_after: str | None = None,
    **kwargs: Any,
) -> None:
    old_url = None
    site = instance.get_site()
    if site and url_path_before and url_path_before != url_path_after:
        root_path = site.root_page.url_path
        if url_path_before.startswith(root_path):
            old_url = "/" + url_path_before[len(root_path) :]
    purge_page_and_listings(instance, old_url=old_url)


def page_restriction_changed(sender: Any, instance: Any, **kwargs: Any) -> None:
    page = Page.objects.filter(pk=instance.page_id).specific().first()
    if page is not None and page.live:  # a deleted page purged itself
        purge_page_and_listings(page, subtree=True)


def collection_restriction_changed(sender: Any, instance: Any, **kwargs: Any) -> None:
    collection = Collection.objects.filter(pk=instance.collection_id).first()
    if collection is not None:
        collections = collection.get_descendants(inclusive=True)
        purge_documents(
            get_document_model().objects.filter(collection__in=collections),
            images=list(
                get_image_model()
                .objects.filter(collection__in=collections)
                .values_list("pk", flat=True)
            ),
        )


def restriction_groups_changed(
    sender: Any, instance: Any, action: str, **kwargs: Any
) -> None:
    if action not in ("post_add", "post_remove", "post_clear"):
        return
    if isinstance(instance, PageViewRestriction):
        page_restriction_changed(sender, instance)
    elif isinstance(instance, CollectionViewRestriction):
        collection_restriction_changed(sender, instance)


def document_changed(
    sender: Any, instance: Any, created: bool = False, raw: bool = False, **kwargs: Any
) -> None:
    if not created and not raw:
        purge_documents([instance])


# (signal, receiver, sender, name): `unregister()` undoes exactly these.
def _connections() -> list[tuple[Any, Callable[..., None], Any, str]]:
    document = get_document_model()
    return [
        (page_published, page_changed, None, "published"),
        (page_unpublished, page_changed, None, "unpublished"),
        (post_page_move, page_moved, None, "moved"),
        (pre_delete, page_deleted, Page, "deleted"),
        (post_save, page_restriction_changed, PageViewRestriction, "pvr.saved"),
        (post_delete, page_restriction_changed, PageViewRestriction, "pvr.deleted"),
        (
            m2m_changed,
            restriction_groups_changed,
            PageViewRestriction.groups.through,
            "pvr.groups",
        ),
        (
            post_save,
            collection_restriction_changed,
            CollectionViewRestriction,
            "cvr.saved",
        ),
        (
            post_delete,
            collection_restriction_changed,
            CollectionViewRestriction,
            "cvr.deleted",
        ),
        (
            m2m_changed,
            restriction_groups_changed,
            CollectionViewRestriction.groups.through,
            "cvr.groups",
        ),
        (post_save, document_changed, document, "document.saved"),
        (post_delete, document_changed, document, "document.deleted"),
    ]


def register() -> None:
    for signal, receiver, sender, name in _connections():
        signal.connect(
            receiver, sender=sender, dispatch_uid=f"caching.frontend_cache.{name}"
        )


def unregister() -> None:
    """Disconnect every receiver `register()` connected (tests switch the CDN off)."""
    for signal, _receiver, sender, name in _connections():
        signal.disconnect(sender=sender, dispatch_uid=f"caching.frontend_cache.{name}")
