"""CDN purging: Wagtail's frontend cache, widened to the listings a page appears in.

Wagtail's own handlers purge a page's URL when it is published or unpublished. A
change also alters the pages above it (its listing, its section, the home page), and
a move or a delete leaves the old address behind; these handlers purge those too.
Pages that only collect content by topic, tag or search expire by `CDN_MAX_AGE`.
Connected only when `wagtail.contrib.frontend_cache` is installed (settings turn it
on when a CDN is configured).
"""

from urllib.parse import urljoin

from django.db.models.signals import pre_delete
from wagtail.contrib.frontend_cache.utils import PurgeBatch
from wagtail.models import Page
from wagtail.signals import page_published, page_unpublished, post_page_move

# Served outside the page tree and listing every page's changes.
FEED_PATHS = ("/events.ics", "/news/feed/", "/sitemap.xml")


def purge_page_and_listings(page, old_url=None):
    batch = PurgeBatch()
    batch.add_pages(page.get_ancestors().filter(depth__gt=1))
    batch.add_page(page)
    root_url = page.get_site().root_url if page.get_site() else None
    if root_url:
        batch.add_urls(urljoin(root_url, path) for path in FEED_PATHS)
        if old_url:
            batch.add_url(urljoin(root_url, old_url))
    batch.purge()


def page_changed(sender, instance, **kwargs):
    purge_page_and_listings(instance)


def page_deleted(sender, instance, **kwargs):
    if instance.live and instance.depth > 1:
        purge_page_and_listings(instance)


def page_moved(sender, instance, url_path_before=None, url_path_after=None, **kwargs):
    old_url = None
    site = instance.get_site()
    if site and url_path_before and url_path_before != url_path_after:
        root_path = site.root_page.url_path
        if url_path_before.startswith(root_path):
            old_url = "/" + url_path_before[len(root_path) :]
    purge_page_and_listings(instance, old_url=old_url)


def register():
    uid = "core.frontend_cache"
    page_published.connect(page_changed, dispatch_uid=f"{uid}.published")
    page_unpublished.connect(page_changed, dispatch_uid=f"{uid}.unpublished")
    post_page_move.connect(page_moved, dispatch_uid=f"{uid}.moved")
    pre_delete.connect(page_deleted, sender=Page, dispatch_uid=f"{uid}.deleted")
