"""Caching that feature code does not see.

The one content version (`caching.version`) moves on every change that pages
show: the page tree and privacy (this app's own signal handlers), and the models
each app registers from its `AppConfig.ready()` with `track()`. Everything cached
is keyed by it, here and never in feature code:

- `cached_by_version(name, build)`: a lookup or value many pages repeat;
- `cached_for_address(name, request, build)`: a whole response per address
  (feeds, sitemaps, the API);
- `cached_cards(ids, fetch, template)`: listing cards, one cache read a page;
- `get_many_by_version(names)` / `set_many_by_version(values)`: many values
  read or kept in one round trip (a page of search results);
- `{% load caching_tags %}{% versioned_cache timeout name vary... %}`: a template
  fragment (skipped in previews);
- the anonymous page cache and the cached Site (`caching.middleware`), and CDN
  purging (`caching.frontend_cache`).

`content_changed()` is for writes that bypass model signals (bulk updates).
docs/developers/caching.md is the feature author's page.
"""

from caching.cards import cached_cards
from caching.fragments import (
    cached_by_version,
    cached_for_address,
    get_many_by_version,
    set_many_by_version,
)
from caching.registry import content_changed, track

__all__ = [
    "cached_by_version",
    "cached_cards",
    "cached_for_address",
    "content_changed",
    "get_many_by_version",
    "set_many_by_version",
    "track",
]
