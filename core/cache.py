"""A site-wide content version: fragments cached under it go stale on any change.

Any publish, unpublish, move or delete of a page, or a change to site settings,
bumps the version, so cached menus, breadcrumbs and footers are never out of date
and never need hunting down key by key.
"""

import hashlib
import threading
import time

from django.core.cache import InvalidCacheBackendError, cache, caches
from django.db import connection, transaction

CONTENT_VERSION_KEY = "cecto:content-version"

# The version this process read last, and until when it may be reused without
# asking the shared cache (see content_version's max_age).
_seen = threading.local()


def content_version(max_age=0):
    """The current content version.

    `max_age` (seconds) lets a caller reuse the version this process read that
    recently: the page cache does, so a cached page costs no round trip to Redis. A
    change made in this process is seen at once (bump_content_version updates the
    memo); one made by another worker, within `max_age`.
    """
    now = time.monotonic()
    if max_age and getattr(_seen, "until", 0) > now:
        return _seen.version
    # Within one request the version is read once: a page's menus, footer, cards
    # and fragments all key on it, and each read is a round trip to Redis.
    in_request = getattr(_seen, "in_request", False)
    if in_request and getattr(_seen, "request_version", None) is not None:
        return _seen.request_version
    version = cache.get(CONTENT_VERSION_KEY)
    if version is None:
        version = bump_content_version()
    if max_age:
        _seen.version, _seen.until = version, now + max_age
    if in_request:
        _seen.request_version = version
    return version


def request_started(**kwargs):
    """Signal receiver: a request reads the version afresh, then keeps it."""
    _seen.in_request, _seen.request_version = True, None


def request_finished(**kwargs):
    """Signal receiver: outside requests (commands, tasks) nothing is kept."""
    _seen.in_request, _seen.request_version = False, None


def bump_content_version(**kwargs):
    """Move the version on: at once, and again when the surrounding transaction
    commits. A publish writes in a transaction; a request served between the first
    bump and the commit still reads the old rows and may cache them under the new
    version, and the bump on commit retires whatever it cached.

    Signal receiver too: accepts and ignores the signal's arguments."""
    version = _new_version()
    if connection.in_atomic_block:
        transaction.on_commit(_new_version)
    return version


def _new_version():
    version = time.time_ns()
    cache.set(CONTENT_VERSION_KEY, version, timeout=None)
    forget_content_version()
    return version


def forget_content_version():
    """Drop this thread's memos of the version (after a bump, or between tests)."""
    _seen.until = 0
    _seen.request_version = None


def fragment_cache():
    """Where values keyed by the content version go: the worker's memory in front
    of the shared cache (settings' "template_fragments", as for the {% cache %}
    tag), or the shared cache where that is not configured."""
    try:
        return caches["template_fragments"]
    except InvalidCacheBackendError:
        return cache


def cached_by_version(name, build, timeout=60 * 60):
    """`build()`'s value, cached under the content version: for small lookups many
    pages repeat (filter choices), which any content change refreshes. A value never
    changes under its key, so the worker's memory is asked first
    (the fragments' cache: core.cache_backends.LocalFirstCache)."""
    store = fragment_cache()
    key = f"cecto:{name}:{content_version()}"
    value = store.get(key)
    if value is None:
        value = build()
        store.set(key, value, timeout)
    return value


def request_cache_key(name, request):
    """A key for what `request`'s address shows under the current content version:
    scheme, host, path and query string, so each site, page of results and filter
    is kept apart. For responses that depend on nothing else (no user, no cookie)."""
    address = request.build_absolute_uri()
    digest = hashlib.sha256(address.encode()).hexdigest()[:40]
    return f"cecto:{name}:{content_version()}:{digest}"
