"""Production: refuses to start without a secret key, its hosts and a database URL."""

from django.core.exceptions import ImproperlyConfigured

from .base import *
from .base import BASE_DIR, env, env_bool

DEBUG = False

_missing = [
    name
    for name, value in (
        ("SECRET_KEY", SECRET_KEY),
        ("ALLOWED_HOSTS", ALLOWED_HOSTS),
    )
    if not value
]
if _missing:
    raise ImproperlyConfigured(
        "Production settings need these environment variables: "
        + ", ".join(_missing)
        + ". Set SECRET_KEY to a long random string and ALLOWED_HOSTS to the "
        "comma-separated host names the portal answers to."
    )
if "*" in ALLOWED_HOSTS:
    raise ImproperlyConfigured("ALLOWED_HOSTS must name the hosts; '*' is refused.")
if len(SECRET_KEY) < 50:
    raise ImproperlyConfigured("SECRET_KEY must be at least 50 characters long.")
if not env("DATABASE_URL") and not env_bool("ALLOW_SQLITE_IN_PRODUCTION"):
    raise ImproperlyConfigured(
        "Production settings need DATABASE_URL (for example "
        "postgres://user:password@host:5432/cecto). Set ALLOW_SQLITE_IN_PRODUCTION=1 "
        "to run on the project's SQLite file, as the benchmark does."
    )

if not env("CACHE_URL"):
    # Worker processes must share one cache, or a publish seen by one worker would
    # leave the others serving their own copies: files on this machine, unless
    # CACHE_URL names Redis.
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": env("CACHE_DIR", str(BASE_DIR / "var" / "cache")),
            "OPTIONS": {"MAX_ENTRIES": 20_000, "CULL_FREQUENCY": 4},
        },
        "renditions": RENDITIONS_CACHE,
        "pages-local": PAGES_LOCAL_CACHE,
        "template_fragments": FRAGMENTS_CACHE,
    }

# HTTPS everywhere, behind a TLS-terminating proxy that sets X-Forwarded-Proto.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
SECURE_HSTS_SECONDS = int(env("SECURE_HSTS_SECONDS", str(60 * 60 * 24 * 365)))
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SESSION_COOKIE_SECURE = env_bool("SESSION_COOKIE_SECURE", True)
CSRF_COOKIE_SECURE = env_bool("CSRF_COOKIE_SECURE", True)
