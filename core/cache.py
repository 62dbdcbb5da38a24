"""A site-wide content version: fragments cached under it go stale on any change.

Any publish, unpublish, move or delete of a page, or a change to site settings,
bumps the version, so cached menus, breadcrumbs and footers are never out of date
and never need hunting down key by key.
"""

import time

from django.core.cache import cache

CONTENT_VERSION_KEY = "cecto:content-version"


def content_version():
    version = cache.get(CONTENT_VERSION_KEY)
    if version is None:
        version = bump_content_version()
    return version


def bump_content_version(**kwargs):
    """Signal receiver too: accepts and ignores the signal's arguments."""
    version = time.time_ns()
    cache.set(CONTENT_VERSION_KEY, version, timeout=None)
    return version


def cached_by_version(name, build, timeout=60 * 60):
    """`build()`'s value, cached under the content version: for small lookups many
    pages repeat (filter choices), which any content change refreshes."""
    key = f"cecto:{name}:{content_version()}"
    value = cache.get(key)
    if value is None:
        value = build()
        cache.set(key, value, timeout)
    return value
