"""What moves the content version besides the tracked models of each app: the
page tree (publish, unpublish, move, delete, a live page saved whole), privacy, and
the Wagtail and Django records every page shows (sites, images, documents, editors'
picks)."""

from typing import Any

from django.core.signals import request_finished as django_request_finished
from django.core.signals import request_started as django_request_started
from django.db.models.signals import m2m_changed, post_delete, post_save
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import CollectionViewRestriction, Page, PageViewRestriction, Site
from wagtail.signals import page_published, page_unpublished, post_page_move

from caching.registry import track
from caching.version import bump_content_version, request_finished, request_started


def page_saved(
    sender: Any,
    instance: Any,
    update_fields: Any = None,
    raw: bool = False,
    **kwargs: Any,
) -> None:
    """A live page created or saved whole outside publishing (a script, a factory)
    changes what visitors see; revision bookkeeping (a save of named fields, as
    for a draft) does not."""
    if isinstance(instance, Page) and instance.live and not update_fields and not raw:
        bump_content_version()


def restriction_groups_changed(sender: Any, action: str, **kwargs: Any) -> None:
    """A restriction's groups changed: who may see its pages or documents did too."""
    if action in ("post_add", "post_remove", "post_clear"):
        bump_content_version()


def register_signal_handlers() -> None:
    uid = "caching.bump_content_version"
    # The version read once per request (caching.version.content_version).
    django_request_started.connect(request_started, dispatch_uid=f"{uid}.request")
    django_request_finished.connect(request_finished, dispatch_uid=f"{uid}.finished")
    page_published.connect(bump_content_version, dispatch_uid=f"{uid}.published")
    page_unpublished.connect(bump_content_version, dispatch_uid=f"{uid}.unpublished")
    post_page_move.connect(bump_content_version, dispatch_uid=f"{uid}.moved")
    post_delete.connect(
        bump_content_version, sender=Page, dispatch_uid=f"{uid}.deleted"
    )
    post_save.connect(page_saved, dispatch_uid=f"{uid}.page_saved")
    # Privacy is content too: a page or collection made private (or public again)
    # must leave no cached copy, API entry, sitemap line or search result behind.
    for model in (PageViewRestriction, CollectionViewRestriction):
        track(model)
        m2m_changed.connect(
            restriction_groups_changed,
            sender=model.groups.through,
            dispatch_uid=f"{uid}.{model.__name__}.groups",
        )
    # A site's hostname, port or root: every cached link and menu. Images and
    # documents show on pages; a rendition is made while a page renders, so it is
    # left out, as are page revisions (drafts change nothing public).
    track(Site)
    track(get_image_model())
    track(get_document_model())
