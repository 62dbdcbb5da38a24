"""Values kept under the content version: lookups, fragments, whole responses.

Feature code names what it keeps and how to build it; the key (its name, what it
varies on, the content version) is made here, so a publish, an edit of a tracked
model or a privacy change shows on the next request without any key being hunted
down.
"""

import hashlib
from collections.abc import Callable, Iterable
from typing import Any, TypeVar

from django.core.cache import BaseCache, InvalidCacheBackendError, cache, caches
from django.http import HttpRequest

from caching.version import content_version

T = TypeVar("T")

# A value's lifetime in seconds, or a function of the value that gives it (None or
# 0: keep nothing, as for a response that must not be kept).
Timeout = int | None | Callable[[T], int | None]

DEFAULT_TIMEOUT = 60 * 60  # seconds; any content change starts new keys sooner


def fragment_cache() -> BaseCache:
    """Where values keyed by the content version go: the worker's memory in front
    of the shared cache (settings' "template_fragments", as for the {% cache %}
    tag), or the shared cache where that is not configured."""
    try:
        return caches["template_fragments"]
    except InvalidCacheBackendError:
        return cache


def versioned_key(name: str) -> str:
    """The key `name` is kept under now: any content change moves it on."""
    return f"cecto:{name}:{content_version()}"


def cached_by_version(
    name: str,
    build: Callable[[], T],
    timeout: Timeout = DEFAULT_TIMEOUT,
    *,
    local: bool = True,
) -> T:
    """`build()`'s value, kept under `name` and the content version.

    For lookups many pages repeat (filter choices, a module list), which any
    content change refreshes. A value never changes under its key, so the worker's
    memory is asked first (`local`, the fragments' cache); large values (a PDF) pass
    `local=False` to live in the shared cache only. `timeout` may be a function of
    the value: a value that the clock retires gives its own lifetime, and None keeps
    nothing.
    """
    store = fragment_cache() if local else cache
    key = versioned_key(name)
    value = store.get(key)
    if value is None:
        value = build()
        seconds = timeout(value) if callable(timeout) else timeout
        if seconds:
            store.set(key, value, seconds)
    return value


def cached_for_address(
    name: str,
    request: HttpRequest,
    build: Callable[[], T],
    timeout: Timeout = DEFAULT_TIMEOUT,
) -> T:
    """`build()`'s value for what `request`'s address shows: kept in the shared
    cache under `name`, the content version and the scheme, host, path and query
    string, so each site, page of results and filter is kept apart. For responses
    that depend on nothing else (no user, no cookie): feeds, sitemaps, the API."""
    address = request.build_absolute_uri()
    digest = hashlib.sha256(address.encode()).hexdigest()[:40]
    return cached_by_version(f"{name}:{digest}", build, timeout, local=False)


def get_many_by_version(names: Iterable[str], *, local: bool = False) -> dict[str, Any]:
    """The values kept under these names and the content version, read in one
    round trip: {name: value} for those found. For a page of results whose parts
    are cached one by one (search results, their links)."""
    store = fragment_cache() if local else cache
    keys = {versioned_key(name): name for name in names}
    if not keys:
        return {}
    return {keys[key]: value for key, value in store.get_many(list(keys)).items()}


def set_many_by_version(
    values: dict[str, Any], timeout: int = DEFAULT_TIMEOUT, *, local: bool = False
) -> None:
    """Keep {name: value} under the content version, in one round trip."""
    if values:
        store = fragment_cache() if local else cache
        store.set_many(
            {versioned_key(name): value for name, value in values.items()}, timeout
        )
