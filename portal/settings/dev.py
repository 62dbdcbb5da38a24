"""Local development: `make run`. Never used in production."""

from .base import *
from .base import BASE_DIR, env, env_list

DEBUG = True
DEMO_CONTENT_ALLOWED = True
# A fixed development key, so sessions survive restarts; production refuses a missing one.
SECRET_KEY = env("SECRET_KEY", "dev-only-insecure-key-do-not-use-in-production")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost,[::1]")
# E-mails are queued, and the worker `make run` starts prints them to the console
# unless EMAIL_BACKEND says otherwise.
EMAIL_DELIVERY_BACKEND = env(
    "EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend"
)
# Plain storage in development: no collectstatic needed for runserver.
STORAGES = {
    **STORAGES,
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# Editors see every change at once; PAGE_CACHE_TIMEOUT=300 tries the page cache.
PAGE_CACHE_TIMEOUT = int(env("PAGE_CACHE_TIMEOUT", "0"))
# Readable log lines in a terminal; production keeps JSON (LOG_FORMAT=json).
LOGGING["handlers"]["stdout"]["formatter"] = env("LOG_FORMAT", "plain")
# WhiteNoise reads static files from the finders: no collectstatic in development.
WHITENOISE_AUTOREFRESH = True
WHITENOISE_USE_FINDERS = True
# Open Badges are signed with a key generated once into var/ (gitignored) unless
# CREDENTIAL_SIGNING_KEY is set; production never generates one.
CREDENTIAL_DEV_KEY_FILE = BASE_DIR / "var" / "credential-signing-key.pem"
