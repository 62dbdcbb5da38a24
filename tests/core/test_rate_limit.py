"""core.rate_limit counts in the shared cache, and keeps limiting in the process when
the cache raises or answers as an empty cache (FailOpenRedisCache while Redis is down)."""

from typing import Any

import pytest
from django.core.cache import cache
from django.test import RequestFactory

from core import rate_limit


class RaisingCache:
    """A cache whose server is gone: every call raises, as Django's RedisCache does."""

    def __getattr__(self, name: str) -> Any:
        def fail(*args: Any, **kwargs: Any) -> Any:
            raise ConnectionError("cache server unreachable")

        return fail


class EmptyCache:
    """A cache that fails open: reads miss, add() stores nothing, incr() finds
    nothing (caching.backends.FailOpenRedisCache while Redis is down)."""

    def get(self, key: str, default: Any = None) -> Any:
        return default

    def add(self, *args: Any, **kwargs: Any) -> bool:
        return False

    def incr(self, key: str, delta: int = 1) -> int:
        raise ValueError(key)


class OpenBreakerCache(EmptyCache):
    """FailOpenRedisCache with its circuit breaker open: the limiter skips it."""

    available = False

    def get(self, key: str, default: Any = None) -> Any:
        raise AssertionError("the cache is not asked while its breaker is open")


@pytest.fixture(autouse=True)
def fresh_counts():
    cache.clear()
    rate_limit.reset_local_counts()
    yield
    cache.clear()
    rate_limit.reset_local_counts()


def allowed(times: int, key: str = "test:network", limit: int = 3) -> list[bool]:
    return [rate_limit.allow(key, limit, 60) for _ in range(times)]


def test_the_limit_counts_in_the_shared_cache():
    assert allowed(4) == [True, True, True, False]
    assert cache.get("test:network") == 3
    assert rate_limit.count("test:network") == 3
    assert allowed(1, key="test:another-network") == [True]


@pytest.mark.parametrize("down", [RaisingCache, EmptyCache, OpenBreakerCache])
def test_the_limit_holds_while_the_cache_is_down(monkeypatch, down):
    monkeypatch.setattr(rate_limit, "cache", down())
    assert allowed(5) == [True, True, True, False, False]


def test_counts_made_during_an_outage_still_count_when_the_cache_is_back(
    monkeypatch,
):
    with monkeypatch.context() as outage:
        outage.setattr(rate_limit, "cache", RaisingCache())
        assert allowed(2) == [True, True]
    assert allowed(2) == [True, False]


def test_a_window_counted_in_the_process_ends(monkeypatch):
    now = [1000.0]
    monkeypatch.setattr(rate_limit.time, "monotonic", lambda: now[0])
    monkeypatch.setattr(rate_limit, "cache", RaisingCache())
    assert allowed(4) == [True, True, True, False]
    now[0] += 59  # the window starts at the first event and is not extended
    assert allowed(1) == [False]
    now[0] += 2
    assert allowed(1) == [True]


def test_the_process_keeps_a_bounded_number_of_networks(monkeypatch):
    monkeypatch.setattr(rate_limit, "LOCAL_MAX_KEYS", 10)
    monkeypatch.setattr(rate_limit, "cache", RaisingCache())
    for n in range(25):
        rate_limit.hit(f"test:{n}", 60)
    assert len(rate_limit._local.counts) <= 10


def test_the_key_is_the_scope_and_a_hash_of_the_network_only(settings):
    factory = RequestFactory()
    one = factory.get("/", REMOTE_ADDR="198.51.100.7")
    same = factory.get("/", REMOTE_ADDR="198.51.100.7", HTTP_X_FORWARDED_FOR="1.2.3.4")
    other = factory.get("/", REMOTE_ADDR="203.0.113.9")
    key = rate_limit.client_key(one, "credential-search")
    assert key.startswith("credential-search:")
    assert "198.51.100.7" not in key
    assert key == rate_limit.client_key(same, "credential-search")
    assert key != rate_limit.client_key(other, "credential-search")


@pytest.mark.django_db
def test_credential_search_is_limited_while_the_cache_raises(
    client, monkeypatch, settings
):
    settings.CREDENTIAL_SEARCH_RATE_LIMIT = 2
    monkeypatch.setattr(rate_limit, "cache", RaisingCache())
    statuses = [
        client.get(
            "/credentials/verify/", {"name": "Nobody Here", "year": 2012}
        ).status_code
        for _ in range(3)
    ]
    assert statuses == [200, 200, 429]
