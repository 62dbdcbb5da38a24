"""The portal's one rate limiter: at most `limit` events per client network in a window.

Counts live in the default cache, shared by every worker; the window starts at a
network's first event and is not extended by later ones. A limit that stops when
the cache does would let a bot through exactly when Redis is away, so a count the
cache does not take (it raised, or it answered as an empty cache, as
``caching.backends.FailOpenRedisCache`` does while Redis is down) goes to a counter
in this process instead, and a check adds both. While the cache is down each
worker limits on its own (at most one limit per worker), which still stops a flood.

Used by the credential search (``credentials/views.py``) and the join form.
"""

import hashlib
import logging
import threading
import time

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest

from core.client_ip import get_client_ip

logger = logging.getLogger(__name__)

# Seconds between two log lines about the cache not answering, per process.
LOG_INTERVAL = 60.0
_logged_at: list[float] = []

# Counts kept in this process while the cache is down, at most this many networks
# (the soonest to expire are dropped first beyond it).
LOCAL_MAX_KEYS = 10_000


class _LocalCounts:
    """{key: (count, expires at)} on this process's monotonic clock, thread-safe."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.counts: dict[str, tuple[int, float]] = {}

    def get(self, key: str) -> int:
        with self.lock:
            count, expires = self.counts.get(key, (0, 0.0))
            return count if expires > time.monotonic() else 0

    def incr(self, key: str, window: int) -> None:
        now = time.monotonic()
        with self.lock:
            count, expires = self.counts.get(key, (0, 0.0))
            if expires <= now:
                count, expires = 0, now + window
            self.counts[key] = (count + 1, expires)
            if len(self.counts) > LOCAL_MAX_KEYS:
                self._prune(now)

    def _prune(self, now: float) -> None:
        live = {k: v for k, v in self.counts.items() if v[1] > now}
        if len(live) > LOCAL_MAX_KEYS:
            kept = sorted(live.items(), key=lambda item: item[1][1])[-LOCAL_MAX_KEYS:]
            live = dict(kept)
        self.counts = live

    def clear(self) -> None:
        with self.lock:
            self.counts.clear()


_local = _LocalCounts()


def client_key(request: HttpRequest, scope: str) -> str:
    """`scope` and the client's network (as the trusted proxies saw it, never a header
    the client could set by itself), hashed so no address is stored."""
    address = get_client_ip(request)
    digest = hashlib.sha256(f"{settings.SECRET_KEY}:{address}".encode())
    return f"{scope}:{digest.hexdigest()[:32]}"


def _cache_available() -> bool:
    # FailOpenRedisCache says so while its circuit breaker is open; other caches
    # have no such flag and are asked.
    return getattr(cache, "available", True) is not False


def _log_cache_failure() -> None:
    now = time.monotonic()
    if not _logged_at or now - _logged_at[0] >= LOG_INTERVAL:
        _logged_at[:] = [now]
        logger.warning(
            "Rate limit: the cache did not answer; counting in this process.",
            exc_info=True,
        )


def _cache_get(key: str) -> int:
    if not _cache_available():
        return 0
    try:
        return int(cache.get(key, 0) or 0)
    except Exception:
        _log_cache_failure()
        return 0


def _cache_incr(key: str, window: int) -> bool:
    """Counts one event in the cache; False if the cache did not take it."""
    if not _cache_available():
        return False
    try:
        if cache.add(key, 1, window):
            return True
        try:
            cache.incr(key)
        except ValueError:
            # Expired between add() and incr(), or a cache that answers as an
            # empty one: the second add() tells them apart.
            return bool(cache.add(key, 1, window))
        return True
    except Exception:
        _log_cache_failure()
        return False


def count(key: str) -> int:
    """The events counted for `key` in its current window: in the cache, plus those
    this process counted while the cache did not take them."""
    return _cache_get(key) + _local.get(key)


def is_limited(key: str, limit: int) -> bool:
    """Whether `key` has used up its `limit` events in the current window."""
    return count(key) >= limit


def hit(key: str, window: int) -> None:
    """Counts one event for `key`; its window of `window` seconds starts at the
    first."""
    if not _cache_incr(key, window):
        _local.incr(key, window)


def allow(key: str, limit: int, window: int) -> bool:
    """Counts this event and says True, or False (counting nothing) once `key` has
    used up its `limit` events in the window."""
    if is_limited(key, limit):
        return False
    hit(key, window)
    return True


def reset_local_counts() -> None:
    """Forgets the counts kept in this process (tests)."""
    _local.clear()
