"""Test settings: fast and isolated. Each deviation from base says why."""

import atexit
import shutil
import tempfile
from pathlib import Path

from .base import *

DEBUG = False
DEMO_CONTENT_ALLOWED = True  # tests run the demo command
SECRET_KEY = "test-only-key"  # noqa: S105 - tests need a key; never deployed
ALLOWED_HOSTS = ["testserver", "localhost", "127.0.0.1"]
# Fast hashing: password hashing dominates factory-heavy tests otherwise.
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
# Captured in django.core.mail.outbox.
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
EMAIL_DELIVERY_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
# Queued e-mails are sent at once, so mail.outbox fills as before; the queue's own
# tests (tests/core/test_email_queue.py) switch "email" to the database backend.
TASKS = {
    "default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"},
    "email": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"},
}
# Uploads go to a throwaway folder, never the project's media/ (documents are served
# from real files, so in-memory storage would not do).
MEDIA_ROOT = Path(tempfile.mkdtemp(prefix="cecto-test-media-"))
atexit.register(shutil.rmtree, MEDIA_ROOT, ignore_errors=True)
# Documents: a throwaway private root of their own, as in production.
PRIVATE_MEDIA_ROOT = Path(tempfile.mkdtemp(prefix="cecto-test-private-media-"))
atexit.register(shutil.rmtree, PRIVATE_MEDIA_ROOT, ignore_errors=True)
# Local files whatever AWS_* says; no manifest: tests never run collectstatic.
STORAGES = {
    **STORAGES,
    "default": {"BACKEND": "private_media.storage.MediaStorage"},
    "public_media": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "private_media": {
        "BACKEND": "private_media.storage.PrivateFileSystemStorage",
        "OPTIONS": {"location": PRIVATE_MEDIA_ROOT},
    },
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# Each test gets an empty cache (locmem), whatever CACHE_URL says.
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    "pages-local": PAGES_LOCAL_CACHE,
    "template_fragments": FRAGMENTS_CACHE,
}
# Tests measure pages as rendered (queries, content); the page cache's own tests
# switch it on.
PAGE_CACHE_TIMEOUT = 0
PAGE_CACHE_VERSION_TTL = 0
LOGGING = {**LOGGING, "root": {"handlers": ["stdout"], "level": "WARNING"}}
# The served address (core/sites.py) is the test client's host.
PORTAL_BASE_URL = WAGTAILADMIN_BASE_URL = "http://testserver"
# Static files straight from the finders: tests never run collectstatic.
WHITENOISE_AUTOREFRESH = True
WHITENOISE_USE_FINDERS = True
# Open Badges: a signing key generated into a throwaway folder (one per test process).
CREDENTIAL_SIGNING_KEY = None
_keys_dir = Path(tempfile.mkdtemp(prefix="cecto-test-keys-"))
CREDENTIAL_DEV_KEY_FILE = _keys_dir / "signing.pem"
atexit.register(shutil.rmtree, _keys_dir, True)
