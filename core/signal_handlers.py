"""Invalidate cached fragments whenever content or site settings change."""

from django.core.signals import request_finished as django_request_finished
from django.core.signals import request_started as django_request_started
from django.db.models.signals import m2m_changed, post_delete, post_save
from wagtail.models import CollectionViewRestriction, Page, PageViewRestriction
from wagtail.signals import page_published, page_unpublished, post_page_move

from core.cache import bump_content_version, request_finished, request_started


def settings_changed(sender, created=False, **kwargs):
    # A settings row is created with its defaults on first use, mid-request; only
    # an edit changes what pages show.
    if not created:
        bump_content_version()


def page_saved(sender, instance, update_fields=None, raw=False, **kwargs):
    """A live page created or saved whole outside publishing (a script, a factory)
    changes what visitors see; revision bookkeeping (a save of named fields, as
    for a draft) does not."""
    if isinstance(instance, Page) and instance.live and not update_fields and not raw:
        bump_content_version()


def restriction_groups_changed(sender, action, **kwargs):
    """A restriction's groups changed: who may see its pages or documents did too."""
    if action in ("post_add", "post_remove", "post_clear"):
        bump_content_version()


def register_signal_handlers():
    from core.models import ProgramSettings

    uid = "core.bump_content_version"
    # The version read once per request (core.cache.content_version).
    django_request_started.connect(request_started, dispatch_uid=f"{uid}.request")
    django_request_finished.connect(request_finished, dispatch_uid=f"{uid}.finished")
    page_published.connect(bump_content_version, dispatch_uid=f"{uid}.published")
    page_unpublished.connect(bump_content_version, dispatch_uid=f"{uid}.unpublished")
    post_page_move.connect(bump_content_version, dispatch_uid=f"{uid}.moved")
    post_delete.connect(
        bump_content_version, sender=Page, dispatch_uid=f"{uid}.deleted"
    )
    post_save.connect(page_saved, dispatch_uid=f"{uid}.page_saved")
    post_save.connect(
        settings_changed, sender=ProgramSettings, dispatch_uid=f"{uid}.settings"
    )
    # Privacy is content too: a page or collection made private (or public again)
    # must leave no cached copy, API entry, sitemap line or search result behind.
    for model in (PageViewRestriction, CollectionViewRestriction):
        name = model.__name__
        post_save.connect(
            bump_content_version, sender=model, dispatch_uid=f"{uid}.{name}.saved"
        )
        post_delete.connect(
            bump_content_version, sender=model, dispatch_uid=f"{uid}.{name}.deleted"
        )
        m2m_changed.connect(
            restriction_groups_changed,
            sender=model.groups.through,
            dispatch_uid=f"{uid}.{name}.groups",
        )
    # Records that pages show (by label: core imports no app above it). Page
    # revisions and renditions are left out: drafts change nothing public, and a
    # rendition is made while a page renders.
    for label in (
        "people.PartnerOrganization",
        "people.Enrollment",
        "people.Cohort",
        "people.Person",
        "people.LEA",
        "people.Role",
        "curriculum.Track",
        "curriculum.TopicArea",
        # Saved with their module's publish, but also on their own (a roll-over
        # adds sessions to a live module): the calendar and its feed show them.
        "curriculum.ModuleSession",
        # A site's hostname, port or root: every cached link and menu.
        "wagtailcore.Site",
        "wagtailimages.Image",
        "wagtaildocs.Document",
        "wagtailsearchpromotions.SearchPromotion",
    ):
        post_save.connect(
            bump_content_version, sender=label, dispatch_uid=f"{uid}.{label}.saved"
        )
        post_delete.connect(
            bump_content_version, sender=label, dispatch_uid=f"{uid}.{label}.deleted"
        )
