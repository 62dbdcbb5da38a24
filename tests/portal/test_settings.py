"""Settings read their engines from the environment; production refuses to guess."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

PROJECT_DIR = Path(__file__).resolve().parents[2]
STRONG_KEY = "k" * 64
PRODUCTION_ENV = {
    "SECRET_KEY": STRONG_KEY,
    "ALLOWED_HOSTS": "cecto.example.org",
    "DATABASE_URL": "postgres://cecto@db.example.org:5432/cecto",
}
PROBE = """
import json
from django.conf import settings
print(json.dumps({
    "db": settings.DATABASES["default"]["ENGINE"],
    "cache": settings.CACHES["default"]["BACKEND"],
    # The default storage routes (private_media/storage.py): media here, documents apart.
    "router": settings.STORAGES["default"]["BACKEND"],
    "storage": settings.STORAGES["public_media"]["BACKEND"],
    "documents": settings.STORAGES["private_media"]["BACKEND"],
    "search": settings.WAGTAILSEARCH_BACKENDS["default"]["BACKEND"],
    # Django's mail API queues (outbox/backends.py); the worker delivers with this one.
    "email": settings.EMAIL_DELIVERY_BACKEND,
    "email_queue": settings.EMAIL_BACKEND,
    "session": settings.SESSION_ENGINE,
    "debug": settings.DEBUG,
}))
"""


def load(module, **env):
    """Import a settings module in a clean interpreter with exactly this environment."""
    clean = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(
            ("DJANGO_", "DATABASE_", "SECRET_KEY", "ALLOWED_HOSTS", "CACHE_", "AWS_")
        )
        and key not in {"SEARCH_URL", "EMAIL_BACKEND"}
    }
    clean.update(env, DJANGO_SETTINGS_MODULE=module)
    return subprocess.run(  # noqa: S603 - fixed interpreter and arguments
        [sys.executable, "-c", PROBE],
        cwd=PROJECT_DIR,
        env=clean,
        capture_output=True,
        text=True,
        timeout=60,
    )


def loaded(module, **env):
    result = load(module, **env)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


@pytest.mark.parametrize("missing", ["SECRET_KEY", "ALLOWED_HOSTS"])
def test_production_refuses_to_start_without(missing):
    env = {key: value for key, value in PRODUCTION_ENV.items() if key != missing}
    result = load("portal.settings.production", **env)
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert missing in result.stderr


def test_production_refuses_a_wildcard_host():
    result = load(
        "portal.settings.production", **{**PRODUCTION_ENV, "ALLOWED_HOSTS": "*"}
    )
    assert result.returncode != 0
    assert "'*' is refused" in result.stderr


def test_production_refuses_a_short_secret_key():
    result = load(
        "portal.settings.production", **{**PRODUCTION_ENV, "SECRET_KEY": "short"}
    )
    assert result.returncode != 0
    assert "at least 50 characters" in result.stderr


def test_production_refuses_to_start_without_a_database_url():
    env = {key: value for key, value in PRODUCTION_ENV.items() if key != "DATABASE_URL"}
    result = load("portal.settings.production", **env)
    assert result.returncode != 0
    assert "DATABASE_URL" in result.stderr


def test_production_starts_with_its_required_variables():
    values = loaded("portal.settings.production", **PRODUCTION_ENV)
    assert values["db"] == "django.db.backends.postgresql"
    assert values["debug"] is False
    assert values["email"] == "django.core.mail.backends.smtp.EmailBackend"
    assert values["email_queue"] == "outbox.backends.QueuedEmailBackend"


def test_defaults_need_nothing_installed():
    values = loaded("portal.settings.dev")
    assert values == {
        "db": "django.db.backends.sqlite3",
        "cache": "django.core.cache.backends.locmem.LocMemCache",
        "router": "private_media.storage.MediaStorage",
        "storage": "django.core.files.storage.FileSystemStorage",
        "documents": "private_media.storage.PrivateFileSystemStorage",
        "search": "wagtail.search.backends.database",
        "email": "django.core.mail.backends.console.EmailBackend",
        "email_queue": "outbox.backends.QueuedEmailBackend",
        "session": "django.contrib.sessions.backends.db",
        "debug": True,
    }


def test_cache_url_switches_cache_and_sessions_to_redis():
    values = loaded("portal.settings.dev", CACHE_URL="redis://127.0.0.1:6379/1")
    # Django's RedisCache, failing open (core/cache_backends.py).
    assert values["cache"] == "caching.backends.FailOpenRedisCache"
    assert values["session"] == "django.contrib.sessions.backends.cached_db"


def test_cache_url_with_an_unknown_scheme_is_refused():
    result = load("portal.settings.dev", CACHE_URL="memcached://127.0.0.1:11211")
    assert result.returncode != 0
    assert "CACHE_URL must start with redis://" in result.stderr


def test_bucket_name_switches_media_to_s3():
    values = loaded("portal.settings.dev", AWS_STORAGE_BUCKET_NAME="cecto-media")
    assert values["storage"] == "storages.backends.s3.S3Storage"
    assert values["documents"] == "storages.backends.s3.S3Storage"
    assert values["router"] == "private_media.storage.MediaStorage"


def test_search_url_switches_search_to_opensearch():
    values = loaded("portal.settings.dev", SEARCH_URL="https://search.example.org:9200")
    assert values["search"] == "wagtail.search.backends.opensearch3"


def test_email_backend_is_configurable():
    values = loaded(
        "portal.settings.dev",
        EMAIL_BACKEND="django.core.mail.backends.smtp.EmailBackend",
    )
    assert values["email"] == "django.core.mail.backends.smtp.EmailBackend"
