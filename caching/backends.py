"""A Redis cache that fails open: when Redis does not answer, pages are served uncached.

Django's `RedisCache` raises on a connection error, so a stopped or unreachable Redis
turned every page into a 500. `FailOpenRedisCache` catches redis' `ConnectionError`
and `TimeoutError` (and `OSError`) on every operation: reads return the default,
writes do nothing, `add` says it stored nothing, `incr` says the key is missing. It
logs once per interval, not once per call.

A failure opens a circuit breaker for `RETRY_AFTER` seconds: within them no call
goes to Redis at all, so only one request per worker per interval pays the socket
timeout (short, set in settings). The breaker is shared by the threads of a process
(Django makes one backend object per thread).

A write or delete missed while Redis was away could leave stale data there: a
signed-out session still cached, a content version from before a publish. So the
first process that missed one deletes this cache's keys (its `KEY_PREFIX`) once
Redis answers again, before it serves from it.

See Django's backend: django/core/cache/backends/redis.py.
"""

import logging
import threading
import time
from collections.abc import Callable
from typing import Any

from django.core.cache import caches
from django.core.cache.backends.base import DEFAULT_TIMEOUT, BaseCache
from django.core.cache.backends.locmem import LocMemCache
from django.core.cache.backends.redis import RedisCache
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

logger = logging.getLogger(__name__)
_MISSING = object()

# What "Redis is not answering" looks like from redis-py and the socket below it.
UNAVAILABLE_ERRORS = (RedisConnectionError, RedisTimeoutError, OSError)


class _Breaker:
    """One Redis location's state in this process: open until when, whether a write
    was missed, when the failure was last logged."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.open_until = 0.0
        self.missed_writes = False
        self.logged_at = None
        self.failures = 0


_breakers: dict[tuple[str, ...], Any] = {}
_breakers_lock = threading.Lock()


def _breaker_for(location: tuple[str, ...]) -> Any:
    with _breakers_lock:
        return _breakers.setdefault(location, _Breaker())


class FailOpenRedisCache(RedisCache):
    """Django's RedisCache, answering as an empty cache while Redis is unavailable.

    Extra OPTIONS (removed before the rest reach redis-py):
    RETRY_AFTER: seconds to skip Redis after a failure (default 5);
    LOG_INTERVAL: seconds between two log lines about the outage (default 60).
    """

    _servers: list[
        str
    ]  # set by RedisCache.__init__ (django/core/cache/backends/redis.py)

    def __init__(self, server: str, params: dict[str, Any]) -> None:
        options = dict(params.get("OPTIONS", {}))
        self.retry_after = float(options.pop("RETRY_AFTER", 5))
        self.log_interval = float(options.pop("LOG_INTERVAL", 60))
        super().__init__(server, {**params, "OPTIONS": options})
        self._breaker = _breaker_for(tuple(self._servers))

    # --- the breaker ---------------------------------------------------------------

    @property
    def available(self) -> bool:
        """False while the breaker is open (Redis failed less than RETRY_AFTER ago)."""
        return time.monotonic() >= self._breaker.open_until

    def _call(
        self,
        operation: Callable[..., Any],
        fallback: Any,
        *args: Any,
        write: bool = False,
    ) -> Any:
        if not self.available:
            if write:
                self._breaker.missed_writes = True
            return fallback
        try:
            if self._breaker.missed_writes:
                self._forget_stale_keys()
            return operation(*args)
        except UNAVAILABLE_ERRORS as error:
            self._failed(error, write=write)
            return fallback

    def _failed(self, error: Exception, *, write: bool) -> None:
        breaker = self._breaker
        now = time.monotonic()
        with breaker.lock:
            breaker.open_until = now + self.retry_after
            breaker.failures += 1
            if write:
                breaker.missed_writes = True
            due = breaker.logged_at is None or now - breaker.logged_at >= (
                self.log_interval
            )
            if due:
                breaker.logged_at = now
                failures, breaker.failures = breaker.failures, 0
        if due:
            logger.error(
                "cache unavailable: serving uncached for %ss before trying again",
                self.retry_after,
                extra={
                    "error": f"{type(error).__name__}: {error}",
                    "location": ",".join(self._servers),
                    "failures_since_last_log": failures,
                },
            )

    def _forget_stale_keys(self) -> None:
        """Delete this cache's keys after an outage in which a write was missed
        (raises if Redis fails again, which keeps the flag for next time)."""
        client = self._cache.get_client(None, write=True)
        pattern = f"{self.key_prefix}:*"  # make_key's "prefix:version:key"
        batch = []
        for key in client.scan_iter(match=pattern, count=1000):
            batch.append(key)
            if len(batch) >= 1000:
                client.delete(*batch)
                batch = []
        if batch:
            client.delete(*batch)
        self._breaker.missed_writes = False
        self._breaker.logged_at = None
        logger.warning(
            "cache available again: deleted the keys it held from before the outage",
            extra={"location": ",".join(self._servers)},
        )

    def ping(self) -> bool:
        """True when Redis answers now (tried even while the breaker is open, and
        closes it on success); for /healthz."""
        try:
            self._cache.get_client(None).ping()
        except UNAVAILABLE_ERRORS as error:
            self._failed(error, write=False)
            return False
        self._breaker.open_until = 0.0
        return True

    # --- Django's cache API --------------------------------------------------------

    def add(
        self,
        key: Any,
        value: Any,
        timeout: Any = DEFAULT_TIMEOUT,
        version: int | None = None,
    ) -> bool:
        return self._call(super().add, False, key, value, timeout, version, write=True)

    def get(self, key: Any, default: Any = None, version: int | None = None) -> Any:
        return self._call(super().get, default, key, default, version)

    def set(
        self,
        key: Any,
        value: Any,
        timeout: Any = DEFAULT_TIMEOUT,
        version: int | None = None,
    ) -> None:
        self._call(super().set, None, key, value, timeout, version, write=True)

    def touch(
        self, key: Any, timeout: Any = DEFAULT_TIMEOUT, version: int | None = None
    ) -> bool:
        return self._call(super().touch, False, key, timeout, version, write=True)

    def delete(self, key: Any, version: int | None = None) -> bool:
        return self._call(super().delete, False, key, version, write=True)

    def get_many(self, keys: Any, version: int | None = None) -> dict[Any, Any]:
        return self._call(super().get_many, {}, keys, version)

    def has_key(self, key: Any, version: int | None = None) -> bool:
        return self._call(super().has_key, False, key, version)

    def incr(self, key: Any, delta: int = 1, version: int | None = None) -> int:
        missing = object()
        value = self._call(super().incr, missing, key, delta, version, write=True)
        if value is missing:
            # Django's contract for a key that is not there; callers handle it.
            raise ValueError(f"Key '{key}' not found (cache unavailable).")
        return value

    def set_many(
        self,
        data: dict[Any, Any],
        timeout: Any = DEFAULT_TIMEOUT,
        version: int | None = None,
    ) -> list[Any]:
        return self._call(
            super().set_many, list(data), data, timeout, version, write=True
        )

    def delete_many(self, keys: Any, version: int | None = None) -> None:
        self._call(super().delete_many, None, keys, version, write=True)

    def clear(self) -> None:
        return self._call(super().clear, False, write=True)


class LocalFirstCache(BaseCache):
    """A worker's memory in front of a shared cache, for entries that never change
    under their key: fragments keyed by the content version. A hit costs no round
    trip to Redis; a miss reads the shared cache and keeps what it found, and a
    write goes to both, so other workers find it in the shared cache.

    An entry is kept locally for `LOCAL_TIMEOUT` seconds at most (and never longer
    than its own timeout), which bounds how long a worker can hold an entry that the
    clock, not a publish, retires. OPTIONS: SHARED (the shared cache's alias,
    "default"), LOCAL_TIMEOUT (60), MAX_ENTRIES (5,000).
    """

    def __init__(self, location: str, params: dict[str, Any]) -> None:
        super().__init__(params)
        options = params.get("OPTIONS", {})
        self.shared_alias = options.get("SHARED", "default")
        self.local_timeout = options.get("LOCAL_TIMEOUT", 60)
        self.local = LocMemCache(
            location or "local-first",
            {
                "TIMEOUT": self.local_timeout,
                "OPTIONS": {"MAX_ENTRIES": options.get("MAX_ENTRIES", 5_000)},
            },
        )

    @property
    def shared(self) -> BaseCache:
        return caches[self.shared_alias]

    def _local_timeout(self, timeout: Any) -> Any:
        if timeout is DEFAULT_TIMEOUT or timeout is None:
            return self.local_timeout
        return min(timeout, self.local_timeout)

    def get(self, key: Any, default: Any = None, version: int | None = None) -> Any:
        value = self.local.get(key, _MISSING, version=version)
        if value is not _MISSING:
            return value
        value = self.shared.get(key, _MISSING, version=version)
        if value is _MISSING:
            return default
        self.local.set(key, value, self.local_timeout, version=version)
        return value

    def get_many(self, keys: Any, version: int | None = None) -> dict[Any, Any]:
        found = self.local.get_many(keys, version=version)
        missing = [key for key in keys if key not in found]
        if missing:
            fetched = self.shared.get_many(missing, version=version)
            if fetched:
                self.local.set_many(fetched, self.local_timeout, version=version)
            found.update(fetched)
        return found

    def set(
        self,
        key: Any,
        value: Any,
        timeout: Any = DEFAULT_TIMEOUT,
        version: int | None = None,
    ) -> None:
        self.shared.set(key, value, timeout, version=version)
        self.local.set(key, value, self._local_timeout(timeout), version=version)

    def set_many(
        self,
        data: dict[Any, Any],
        timeout: Any = DEFAULT_TIMEOUT,
        version: int | None = None,
    ) -> list[Any]:
        failed = self.shared.set_many(data, timeout, version=version)
        self.local.set_many(data, self._local_timeout(timeout), version=version)
        return failed

    def add(
        self,
        key: Any,
        value: Any,
        timeout: Any = DEFAULT_TIMEOUT,
        version: int | None = None,
    ) -> bool:
        added = self.shared.add(key, value, timeout, version=version)
        if added:
            self.local.set(key, value, self._local_timeout(timeout), version=version)
        return added

    def delete(self, key: Any, version: int | None = None) -> bool:
        self.local.delete(key, version=version)
        return self.shared.delete(key, version=version)

    def touch(
        self, key: Any, timeout: Any = DEFAULT_TIMEOUT, version: int | None = None
    ) -> bool:
        return self.shared.touch(key, timeout, version=version)

    def has_key(self, key: Any, version: int | None = None) -> bool:
        return self.local.has_key(key, version=version) or self.shared.has_key(
            key, version=version
        )

    def clear(self) -> None:
        """This worker's copies only: the shared cache is cleared on its own."""
        self.local.clear()
