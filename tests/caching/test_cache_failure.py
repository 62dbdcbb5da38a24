"""With Redis down the site serves pages uncached, keeps people signed in and says so
on /healthz (caching/backends.py FailOpenRedisCache).

Failures are real: a closed port, a throwaway redis-server stopped, paused (SIGSTOP,
so calls time out) and started again. The throwaway server needs `redis-server`
(skipped without it); the happy path also runs against 127.0.0.1:6379 when a Redis
answers there (CI's .ci/ensure-redis starts one), on database 15 with a key prefix
of its own, never flushed.
"""

import logging
import shutil
import signal
import socket
import subprocess
import time
import uuid

import pytest
from django.core.cache import caches
from django.test import override_settings

from caching import backends as cache_backends
from tests.factories.core import UserFactory

pytestmark = pytest.mark.django_db

RETRY_AFTER = 0.3  # seconds the breaker stays open in these tests


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def redis_caches(location, prefix="cecto-test"):
    """CACHES as production builds them for CACHE_URL=location, short timeouts."""
    return {
        "default": {
            "BACKEND": "caching.backends.FailOpenRedisCache",
            "LOCATION": location,
            "KEY_PREFIX": prefix,
            "OPTIONS": {
                "socket_connect_timeout": 0.2,
                "socket_timeout": 0.2,
                "RETRY_AFTER": RETRY_AFTER,
            },
        },
        "pages-local": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": f"pages-local-{uuid.uuid4().hex}",
        },
    }


def redis_settings(location, **extra):
    return override_settings(
        CACHES=redis_caches(location, **extra),
        SESSION_ENGINE="django.contrib.sessions.backends.cached_db",
        PAGE_CACHE_TIMEOUT=300,
    )


@pytest.fixture(autouse=True)
def _fresh_breakers():
    cache_backends._breakers.clear()
    yield
    cache_backends._breakers.clear()


@pytest.fixture
def closed_port():
    return f"redis://127.0.0.1:{free_port()}/0"


class ThrowawayRedis:
    """A redis-server of this test's own, without persistence."""

    def __init__(self):
        self.port = free_port()
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self.process = None

    def start(self):
        self.process = subprocess.Popen(  # noqa: S603 - fixed arguments
            [
                shutil.which("redis-server"),
                "--port",
                str(self.port),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no",
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 5
        while time.monotonic() < deadline:
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=0.1):
                    return
            except OSError:
                time.sleep(0.02)
        raise RuntimeError("redis-server did not start")

    def stop(self):
        if self.process and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(5)

    def pause(self):
        self.process.send_signal(signal.SIGSTOP)

    def resume(self):
        self.process.send_signal(signal.SIGCONT)


@pytest.fixture
def throwaway_redis():
    if not shutil.which("redis-server"):
        pytest.skip("redis-server is not installed (apt-get install redis-server)")
    server = ThrowawayRedis()
    server.start()
    yield server
    if server.process and server.process.poll() is None:
        server.resume()
    server.stop()


@pytest.fixture
def shared_redis():
    """The Redis at 127.0.0.1:6379 (database 15), if one answers."""
    try:
        with socket.create_connection(("127.0.0.1", 6379), timeout=0.2):
            pass
    except OSError:
        pytest.skip("no Redis answers at 127.0.0.1:6379 (.ci/ensure-redis starts one)")
    return "redis://127.0.0.1:6379/15"


def wait_out_the_breaker():
    time.sleep(RETRY_AFTER + 0.05)


# --- the backend alone -------------------------------------------------------------


def test_every_operation_answers_as_an_empty_cache_when_redis_is_not_there(
    closed_port,
):
    with redis_settings(closed_port):
        cache = caches["default"]
        assert cache.get("k") is None
        assert cache.get("k", "default") == "default"
        cache.set("k", 1)
        assert cache.add("k", 1) is False
        assert cache.get_many(["a", "b"]) == {}
        assert cache.set_many({"a": 1}) == ["a"]
        assert cache.delete("k") is False
        cache.delete_many(["a"])
        assert cache.has_key("k") is False
        assert cache.touch("k") is False
        assert cache.get_or_set("k", 5) == 5
        with pytest.raises(ValueError, match="not found"):
            cache.incr("k")
        assert cache.clear() is False
        assert cache.ping() is False


def test_the_outage_is_logged_once_per_interval_not_per_call(closed_port, caplog):
    with redis_settings(closed_port), caplog.at_level(logging.ERROR):
        cache = caches["default"]
        for _ in range(5):
            cache.get("k")
            wait_out_the_breaker()
    lines = [r for r in caplog.records if r.name == "caching.backends"]
    assert len(lines) == 1
    assert "cache unavailable" in lines[0].getMessage()


def test_after_a_failure_redis_is_not_asked_again_until_the_breaker_closes(
    closed_port, monkeypatch
):
    with redis_settings(closed_port):
        cache = caches["default"]
        attempts = []
        real_get_client = cache._cache.get_client

        def counting_get_client(*args, **kwargs):
            attempts.append(1)
            return real_get_client(*args, **kwargs)

        monkeypatch.setattr(cache._cache, "get_client", counting_get_client)
        cache.get("k")
        for _ in range(20):
            cache.get("k")
            cache.set("k", 1)
        assert len(attempts) == 1
        assert cache.available is False
        wait_out_the_breaker()
        assert cache.available is True
        cache.get("k")
        assert len(attempts) == 2


def test_a_redis_that_hangs_costs_one_timeout_then_nothing(throwaway_redis):
    with redis_settings(throwaway_redis.url):
        cache = caches["default"]
        cache.set("k", "v")
        throwaway_redis.pause()
        started = time.monotonic()
        assert cache.get("k") is None  # times out (socket_timeout 0.2 s)
        first = time.monotonic() - started
        started = time.monotonic()
        for _ in range(50):
            assert cache.get("k") is None
        rest = time.monotonic() - started
        throwaway_redis.resume()
    assert 0.15 < first < 1.5
    assert rest < 0.05


# --- the site ------------------------------------------------------------------------


def test_pages_are_served_uncached_while_redis_is_down(client, home_page, closed_port):
    with redis_settings(closed_port):
        for _ in range(3):
            response = client.get("/")
            assert response.status_code == 200
            assert "X-Cache" not in response
        assert client.get("/search/?q=data").status_code == 200


def test_a_signed_in_user_stays_signed_in_while_redis_is_down(
    client, home_page, closed_port
):
    user = UserFactory(username="outage-participant")
    with redis_settings(closed_port):
        assert client.get("/dashboard/").status_code == 302
        client.force_login(user)
        for _ in range(3):
            response = client.get("/dashboard/")
            assert response.status_code == 200
            assert response.wsgi_request.user == user


def test_signing_in_through_the_form_works_while_redis_is_down(
    client, home_page, closed_port
):
    UserFactory(username="outage-signin", password="a-long-passphrase-1")
    with redis_settings(closed_port):
        response = client.post(
            "/accounts/login/",
            {"username": "outage-signin", "password": "a-long-passphrase-1"},
        )
        assert response.status_code == 302
        assert client.get("/dashboard/").status_code == 200


def test_healthz_says_the_cache_is_unavailable_and_stays_200(client, closed_port):
    with redis_settings(closed_port):
        response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok", "cache": "unavailable"}


def test_healthz_says_the_cache_is_ok_with_the_default_cache(client):
    assert client.get("/healthz").json()["cache"] == "ok"


# --- real Redis: the happy path, and recovery ------------------------------------------


def test_with_redis_answering_pages_and_sessions_use_it(
    client, home_page, shared_redis
):
    prefix = f"cecto-test-{uuid.uuid4().hex}"
    user = UserFactory(username="happy-path")
    with redis_settings(shared_redis, prefix=prefix):
        cache = caches["default"]
        try:
            assert client.get("/").get("X-Cache") == "MISS"
            caches["pages-local"].clear()
            assert client.get("/").get("X-Cache") == "HIT"  # from Redis
            client.force_login(user)
            assert client.get("/dashboard/").status_code == 200
            session_key = client.session.session_key
            assert cache.get(f"django.contrib.sessions.cached_db{session_key}")
            assert client.get("/healthz").json()["cache"] == "ok"
        finally:
            client_ = cache._cache.get_client(None, write=True)
            keys = list(client_.scan_iter(match=f"{prefix}:*"))
            if keys:
                client_.delete(*keys)


def test_the_site_recovers_when_redis_comes_back(client, home_page, throwaway_redis):
    with redis_settings(throwaway_redis.url):
        cache = caches["default"]
        assert client.get("/").get("X-Cache") == "MISS"
        throwaway_redis.stop()
        assert client.get("/").status_code == 200
        assert client.get("/healthz").json()["cache"] == "unavailable"
        assert cache.get("anything") is None

        throwaway_redis.start()
        wait_out_the_breaker()
        assert client.get("/healthz").json()["cache"] == "ok"
        cache.set("back", "yes")
        assert cache.get("back") == "yes"
        caches["pages-local"].clear()
        assert client.get("/").get("X-Cache") == "MISS"
        caches["pages-local"].clear()
        assert client.get("/").get("X-Cache") == "HIT"


def test_a_sign_out_during_the_outage_is_not_undone_when_redis_comes_back(
    client, home_page, throwaway_redis
):
    """The session stays in Redis while it hangs; signing out deletes it from the
    database only. When Redis answers again its stale copy must not sign the visitor
    back in."""
    user = UserFactory(username="stale-session")
    with redis_settings(throwaway_redis.url):
        client.force_login(user)
        assert client.get("/dashboard/").status_code == 200
        old_cookie = client.cookies["sessionid"].value

        throwaway_redis.pause()
        client.post("/accounts/logout/")
        throwaway_redis.resume()
        wait_out_the_breaker()

        client.cookies["sessionid"] = old_cookie
        assert client.get("/dashboard/").status_code == 302
