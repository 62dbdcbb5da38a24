"""Tags the public may see: those on live pages outside private sections.

A participant's draft best practice is saved with its tags before anyone has
reviewed it, so a tag's mere existence says nothing about whether it was
published. Every public list of tags, tag page and tag filter reads from here.
"""

from django.apps import apps
from django.db.models import Q
from taggit.models import ItemBase, Tag
from wagtail.models import Page

from caching import cached_by_version
from core.privacy import public_pages


def page_tag_models():
    """Every taggit through model whose items are pages (ModulePageTag, ...).

    Found from the app registry, so a new taggable page type is covered without
    an edit here and ``core`` imports no content app.
    """
    found = []
    for model in apps.get_models():
        if not issubclass(model, ItemBase):
            continue
        # Generic tagged items have a GenericForeignKey there, with no model.
        field = getattr(model, "content_object", None)
        target = getattr(getattr(field, "field", None), "related_model", None)
        if isinstance(target, type) and issubclass(target, Page):
            found.append(model)
    return found


def public_tags():
    """Tags carried by at least one live page with no view restriction above it.

    One query (plus Wagtail's read of the view restrictions): a subquery per
    tagged page type, no DISTINCT over joins.
    """
    public = public_pages(Page.objects.live()).values("pk")
    condition = Q()
    for through in page_tag_models():
        condition |= Q(
            pk__in=through.objects.filter(content_object_id__in=public).values("tag_id")
        )
    if not condition:
        return Tag.objects.none()
    return Tag.objects.filter(condition)


def public_tag_slugs():
    """The slugs of ``public_tags()``, read once per content version."""
    return cached_by_version(
        "public-tag-slugs",
        lambda: frozenset(public_tags().values_list("slug", flat=True)),
    )
