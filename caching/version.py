"""The site-wide content version: whatever is cached under it goes stale on any
change that pages show.

Any publish, unpublish, move or delete of a page, a privacy change, and a save or
delete of a tracked model (`caching.track`) bumps the version, so cached menus,
cards, fragments and pages are never out of date and never need hunting down key by
key. Feature code never reads or builds a key with it: `caching.cached_by_version`,
`caching.cached_for_address`, `caching.cached_cards` and the `{% versioned_cache %}`
tag add it.
"""

import threading
import time

from django.conf import settings
from django.core.cache import cache, caches
from django.db import connection, transaction

CONTENT_VERSION_KEY = "cecto:content-version"

# The version this process read last, and until when it may be reused without
# asking the shared cache (see content_version's max_age).
_seen = threading.local()


def content_version(max_age: float = 0) -> int:
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


def request_started(**kwargs: object) -> None:
    """Signal receiver: a request reads the version afresh, then keeps it."""
    _seen.in_request, _seen.request_version = True, None


def request_finished(**kwargs: object) -> None:
    """Signal receiver: outside requests (commands, tasks) nothing is kept."""
    _seen.in_request, _seen.request_version = False, None


def bump_content_version(**kwargs: object) -> int:
    """Move the version on: at once, and again when the surrounding transaction
    commits. A publish writes in a transaction; a request served between the first
    bump and the commit still reads the old rows and may cache them under the new
    version, and the bump on commit retires whatever it cached.

    Signal receiver too: accepts and ignores the signal's arguments."""
    version = _new_version()
    if connection.in_atomic_block:
        transaction.on_commit(_new_version)
    return version


def _new_version() -> int:
    version = time.time_ns()
    cache.set(CONTENT_VERSION_KEY, version, timeout=None)
    forget_content_version()
    return version


def forget_content_version() -> None:
    """Drop this thread's memos of the version (after a bump, or between tests)."""
    _seen.until = 0
    _seen.request_version = None


def clear_all() -> None:
    """Empty every configured cache and forget the version read: a cold start
    (between tests, before a cold benchmark request)."""
    for alias in settings.CACHES:
        caches[alias].clear()
    forget_content_version()
