"""Listing cards rendered once per content version, fetched in one cache read."""

from collections.abc import Callable, Iterable, Sequence
from typing import Any

from django.http import HttpRequest
from django.template.loader import render_to_string
from django.utils.safestring import SafeString, mark_safe

from caching.fragments import fragment_cache
from caching.version import content_version

CARD_TIMEOUT = 24 * 60 * 60  # seconds; any content change starts new keys sooner


def cached_cards(
    ids: Sequence[int],
    fetch: Callable[[list[int]], Iterable[Any]],
    template: str,
    request: HttpRequest | None = None,
) -> list[SafeString]:
    """The cards of the pages with these ids, in order, each rendered from
    `template` with the page as `item`.

    A page of cards costs one cache read: `fetch(ids)` (the pages, with everything
    a card shows fetched in batches) runs only for the cards missing from the
    cache, so renditions, bylines and the rest are worked out once. Keyed by the
    template, the page and the content version: any publish, unpublish, move or
    edit shows on the next request. A card must show nothing that depends on who
    is looking.
    """
    cache = fragment_cache()  # the worker's memory first
    version = content_version()
    keys = {pk: f"cecto:card:{template}:{pk}:{version}" for pk in ids}
    found = cache.get_many(list(keys.values()))
    missing = [pk for pk in ids if keys[pk] not in found]
    if missing:
        rendered = {
            keys[item.pk]: render_to_string(
                template, {"item": item}, request=request
            ).strip()
            for item in fetch(missing)
        }
        cache.set_many(rendered, CARD_TIMEOUT)
        found.update(rendered)
    # Our own templates' output, escaped when rendered; the cache keeps it as text.
    return [
        mark_safe(found[keys[pk]])  # noqa: S308
        for pk in ids
        if keys[pk] in found
    ]
