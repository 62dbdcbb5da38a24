"""Settings shared by every environment.

Secure by default; every external engine is switched on by an environment variable
(docs/operators/configuration.md). Without any, the portal runs on SQLite, local media
files, Wagtail's database search and a local-memory cache.
"""

import os
from datetime import timedelta
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import dj_database_url
from csp.constants import NONCE, NONE, SELF, UNSAFE_INLINE
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent.parent


def env(name, default=None):
    """Read an environment variable, treating an empty value as unset."""
    value = os.environ.get(name, "")
    return value if value.strip() else default


def env_bool(name, default=False):
    value = env(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name, default=""):
    return [item.strip() for item in (env(name) or default).split(",") if item.strip()]


# --- Core -----------------------------------------------------------------------

SECRET_KEY = env("SECRET_KEY")
DEBUG = False
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    # Project apps; imports go one way:
    # core <- accounts <- people <- curriculum <- case_studies, attendance
    # <- submissions, credentials <- news <- home <- search, dashboard, applicants,
    # rosters
    # <- demo (demo and scale content, the only app that imports every other).
    # Infrastructure below core, knowing no app above it (pyproject.toml's
    # import-linter contract): the content version and every cache.
    "caching",
    "outbox",  # the durable e-mail queue and its worker
    "private_media",  # documents kept apart from public media (STORAGES below)
    "core",
    "accounts",
    "people",
    "curriculum",
    "case_studies",
    "attendance",  # attendance per session, hours adjustments, the hours ledger
    "submissions",
    "news",  # program news and its Atom feed
    "home",
    "search",
    "dashboard",  # /dashboard/, assembled from the domain apps
    "applicants",  # join requests become applicants; enroll in one action
    "rosters",  # roster import from CSV/XLSX (command and admin screen)
    "credentials",  # certificates, public verification, Open Badges 3.0
    "demo",
    "backups",  # manage.py backup / restore (imports core only)
    # Wagtail
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.settings",
    "wagtail.contrib.typed_table_block",
    "wagtail.contrib.search_promotions",
    "wagtail.api.v2",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "rest_framework",
    "dbbackup",
    "django_tasks",
    "django_tasks_db",  # the e-mail queue's tables (Background tasks, below)
    # Sign-in security (accounts/): two-factor devices and sign-in throttling
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "axes",
    # Django
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Above the page cache: each page served, cached or not, gets a fresh nonce.
    "core.middleware.ContentSecurityPolicyMiddleware",
    # A database gone for a moment answers 503 with a friendly page, not a 500.
    "core.middleware.DatabaseUnavailableMiddleware",
    # Before sessions: a cached page for a visitor without a session cookie is
    # served without loading a session or touching the database.
    "caching.middleware.AnonymousPageCacheMiddleware",
    # Past the page cache: the request's Wagtail Site, from the cache.
    "caching.middleware.CachedSiteMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # Sign-in security (accounts/): request.user.is_verified(), staff sessions that
    # expire when idle, the second factor required before anything else.
    "django_otp.middleware.OTPMiddleware",
    "accounts.middleware.StaffSessionIdleMiddleware",
    "accounts.middleware.TwoFactorMiddleware",
    # Last, as django-axes requires: turns a locked-out sign-in into its 429 page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "portal.urls"
WSGI_APPLICATION = "portal.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
                "core.context_processors.site",
            ],
        },
    },
]

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Database: DATABASE_URL, default a SQLite file in the project ------------------

DATABASES = {
    "default": dj_database_url.parse(
        env("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
        conn_max_age=int(env("DATABASE_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}

# --- Cache and sessions: CACHE_URL (redis://... or file:///...), default local memory

CACHE_URL = env("CACHE_URL")
if CACHE_URL and CACHE_URL.startswith(("redis://", "rediss://", "unix://")):
    # Fails open (core/cache_backends.py): with Redis down, pages are served
    # uncached. Short timeouts bound what one request waits for a Redis that hangs;
    # after a failure Redis is skipped for CACHE_RETRY_AFTER seconds.
    CACHES = {
        "default": {
            "BACKEND": "caching.backends.FailOpenRedisCache",
            "LOCATION": CACHE_URL,
            "KEY_PREFIX": env("CACHE_KEY_PREFIX", "cecto"),
            "OPTIONS": {
                "socket_connect_timeout": float(env("CACHE_CONNECT_TIMEOUT", "0.5")),
                "socket_timeout": float(env("CACHE_SOCKET_TIMEOUT", "0.5")),
                "RETRY_AFTER": float(env("CACHE_RETRY_AFTER", "5")),
            },
        }
    }
    # Sessions live in Redis, written through to the database so a cache flush
    # or a Redis outage does not sign everybody out.
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
elif CACHE_URL and CACHE_URL.startswith("file://"):
    # One machine without Redis: files every worker process shares.
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": CACHE_URL.removeprefix("file://"),
            "KEY_PREFIX": env("CACHE_KEY_PREFIX", "cecto"),
            "OPTIONS": {"MAX_ENTRIES": 20_000, "CULL_FREQUENCY": 4},
        }
    }
elif CACHE_URL:
    raise ImproperlyConfigured(
        "CACHE_URL must start with redis://, rediss://, unix:// or file:// "
        f"(got {CACHE_URL!r})."
    )
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# Renditions (an image at a size and format) never change under a key, so each
# worker keeps its own in memory: Wagtail writes every rendition it finds in the
# cache back to it on every use, which a shared cache would pay for on each page.
RENDITIONS_CACHE = {
    "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
    "LOCATION": "renditions",
    "TIMEOUT": 600,
    "OPTIONS": {"MAX_ENTRIES": 10_000},
}
CACHES["renditions"] = RENDITIONS_CACHE
# Each worker's copy of the pages it served, in front of the shared cache (keys carry
# the content version, so a copy is never out of date beyond the version's TTL).
PAGES_LOCAL_CACHE = {
    "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
    "LOCATION": "pages-local",
    "TIMEOUT": 300,
    "OPTIONS": {"MAX_ENTRIES": 500},
}
CACHES["pages-local"] = PAGES_LOCAL_CACHE
# Fragments under the content version (the {% cache %} tag, listing cards) never
# change under their key either: each worker keeps those it read in memory, in front
# of the shared cache, for a minute at most (caching.backends.LocalFirstCache).
FRAGMENTS_CACHE = {
    "BACKEND": "caching.backends.LocalFirstCache",
    "LOCATION": "fragments-local",
    "OPTIONS": {"SHARED": "default", "LOCAL_TIMEOUT": 60, "MAX_ENTRIES": 5_000},
}
CACHES["template_fragments"] = FRAGMENTS_CACHE

# Anonymous visitors' pages are cached whole for this many seconds (0: off), under
# the content version, so publishing shows at once (core/middleware.py).
PAGE_CACHE_TIMEOUT = int(env("PAGE_CACHE_TIMEOUT", "300"))
# How long a worker may serve cached pages under the content version it last read
# before asking the shared cache again: how late, at most, another worker sees a
# publish. 0 asks on every request.
PAGE_CACHE_VERSION_TTL = float(env("PAGE_CACHE_VERSION_TTL", "1"))
PAGE_CACHE_EXCLUDED_PATHS = (
    "/admin/",
    "/accounts/",
    "/documents/",
    "/dashboard/",
    "/healthz",
    "/static/",
    "/media/",
)
# With a CDN in front: how long it may keep an anonymous page (s-maxage); 0 tells
# shared caches nothing. Pair it with WAGTAILFRONTENDCACHE below, which purges.
CDN_MAX_AGE = int(env("CDN_MAX_AGE", "0"))

# --- Authentication --------------------------------------------------------------

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": f"django.contrib.auth.password_validation.{name}"}
    for name in (
        "UserAttributeSimilarityValidator",
        "MinimumLengthValidator",
        "CommonPasswordValidator",
        "NumericPasswordValidator",
    )
]
# Participants sign in on the public site; private pages send visitors here.
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "/"
LOGOUT_REDIRECT_URL = "/"
WAGTAIL_FRONTEND_LOGIN_URL = "/accounts/login/"
# Axes first: it refuses a locked-out sign-in before any password is checked.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]

# --- Sign-in security: throttling, two-factor, staff sessions (accounts/) ---------
# Failed sign-ins on /accounts/login/ and /admin/login/ (django-axes, with the
# limits of accounts/throttling.py), counted over the cool-off: 5 for one username
# from one address, 20 for the username from anywhere, 50 from one address for any
# username. A lockout ends AXES_COOLOFF_TIME after the last failure; a successful
# sign-in clears that person's own failures. Unlock: manage.py unlock_account.
AXES_HANDLER = "accounts.throttling.SignInThrottle"
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_FAILURE_LIMIT = 5
SIGN_IN_ACCOUNT_FAILURE_LIMIT = 20
SIGN_IN_ADDRESS_FAILURE_LIMIT = 50
AXES_COOLOFF_TIME = timedelta(minutes=30)
# Tries during a lockout do not extend it, so the page can say when it ends.
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "accounts.throttling.lockout_response"
# The client's address from TRUSTED_PROXY_COUNT, as for every rate limit (axes'
# AXES_IPWARE_* settings would need django-ipware, which is not installed).
AXES_CLIENT_IP_CALLABLE = "core.client_ip.get_client_ip"
AXES_ENABLE_ADMIN = False  # no Django admin site; see manage.py axes_list_attempts
# Two-factor sign-in (django-otp): required for everyone with admin access, optional
# for participants. Wrong codes are throttled by django-otp (1, 2, 4... seconds).
OTP_TOTP_ISSUER = "CeCTO Portal"
OTP_TOTP_THROTTLE_FACTOR = 1
OTP_STATIC_THROTTLE_FACTOR = 1
# Staff sessions end after this many seconds without a request (a working day);
# participants keep Django's two weeks.
STAFF_SESSION_IDLE_TIMEOUT = int(env("STAFF_SESSION_IDLE_TIMEOUT", str(8 * 60 * 60)))

# --- Internationalisation: the program is in North Carolina ------------------------

LANGUAGE_CODE = "en-us"
TIME_ZONE = "America/New_York"
USE_I18N = True
USE_TZ = True

# --- Static files (WhiteNoise: compressed, cache-busted) and media -----------------

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = env("MEDIA_URL", "/media/")
MEDIA_ROOT = Path(env("MEDIA_ROOT", str(BASE_DIR / "media")))
# Documents (participant materials, submissions in review) are kept apart from
# MEDIA_ROOT where no static route reaches them; only Wagtail's /documents/ view,
# which checks privacy, reads them. Back this folder up with the media.
PRIVATE_MEDIA_ROOT = Path(env("PRIVATE_MEDIA_ROOT", str(BASE_DIR / "private-media")))

STORAGES = {
    # Routes documents/ to "private_media", images and renditions to "public_media"
    # (private_media/storage.py); a document has no media URL.
    "default": {"BACKEND": "private_media.storage.MediaStorage"},
    "public_media": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "private_media": {
        "BACKEND": "private_media.storage.PrivateFileSystemStorage",
        "OPTIONS": {"location": PRIVATE_MEDIA_ROOT},
    },
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}

AWS_STORAGE_BUCKET_NAME = env("AWS_STORAGE_BUCKET_NAME")
if AWS_STORAGE_BUCKET_NAME:
    # S3-compatible storage (AWS, MinIO, Ceph...). The bucket stays private: files
    # are served through signed URLs, and never overwritten in place.
    STORAGES["public_media"] = {"BACKEND": "storages.backends.s3.S3Storage"}
    AWS_S3_ENDPOINT_URL = env("AWS_S3_ENDPOINT_URL")
    AWS_S3_REGION_NAME = env("AWS_S3_REGION_NAME")
    AWS_S3_CUSTOM_DOMAIN = env("AWS_S3_CUSTOM_DOMAIN")
    AWS_DEFAULT_ACL = None
    AWS_QUERYSTRING_AUTH = True
    AWS_S3_FILE_OVERWRITE = False
    AWS_LOCATION = env("AWS_LOCATION", "media")
    # Documents: a prefix of their own in the same bucket, or a bucket of their own,
    # that no custom domain or CDN serves; read by the portal only, never linked.
    AWS_PRIVATE_STORAGE_BUCKET_NAME = env(
        "AWS_PRIVATE_STORAGE_BUCKET_NAME", AWS_STORAGE_BUCKET_NAME
    )
    AWS_PRIVATE_LOCATION = env("AWS_PRIVATE_LOCATION", "private")
    _public, _private = AWS_LOCATION.strip("/"), AWS_PRIVATE_LOCATION.strip("/")
    if AWS_PRIVATE_STORAGE_BUCKET_NAME == AWS_STORAGE_BUCKET_NAME and (
        not _public
        or not _private
        or f"{_private}/".startswith(f"{_public}/")
        or f"{_public}/".startswith(f"{_private}/")
    ):
        raise ImproperlyConfigured(
            "In a shared bucket, AWS_LOCATION and AWS_PRIVATE_LOCATION must be two "
            "separate, non-empty prefixes."
        )
    STORAGES["private_media"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": AWS_PRIVATE_STORAGE_BUCKET_NAME,
            "location": AWS_PRIVATE_LOCATION,
            "custom_domain": None,
            "querystring_auth": True,
        },
    }

# --- Search: Wagtail's database backend, or OpenSearch/Elasticsearch ---------------

SEARCH_URL = env("SEARCH_URL")
if SEARCH_URL:
    WAGTAILSEARCH_BACKENDS = {
        "default": {
            "BACKEND": env("SEARCH_BACKEND", "wagtail.search.backends.opensearch3"),
            "URLS": [SEARCH_URL],
            "INDEX_PREFIX": env("SEARCH_INDEX_PREFIX", "cecto_"),
            "TIMEOUT": 5,
        }
    }
else:
    WAGTAILSEARCH_BACKENDS = {
        "default": {"BACKEND": "wagtail.search.backends.database"}
    }

# --- CDN: Wagtail's frontend cache purges changed pages (core/frontend_cache.py) ---

WAGTAILFRONTENDCACHE = {}
if env("FRONTEND_CACHE_PURGE_URL"):
    # Varnish, nginx or any cache that accepts HTTP PURGE requests.
    WAGTAILFRONTENDCACHE["http"] = {
        "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
        "LOCATION": env("FRONTEND_CACHE_PURGE_URL"),
    }
if env("CLOUDFLARE_ZONE_ID"):
    WAGTAILFRONTENDCACHE["cloudflare"] = {
        "BACKEND": "wagtail.contrib.frontend_cache.backends.CloudflareBackend",
        "ZONEID": env("CLOUDFLARE_ZONE_ID"),
        "BEARER_TOKEN": env("CLOUDFLARE_API_TOKEN"),
    }
if env("CLOUDFRONT_DISTRIBUTION_ID"):
    WAGTAILFRONTENDCACHE["cloudfront"] = {
        "BACKEND": "wagtail.contrib.frontend_cache.backends.CloudfrontBackend",
        "DISTRIBUTION_ID": env("CLOUDFRONT_DISTRIBUTION_ID"),
    }
if WAGTAILFRONTENDCACHE:
    INSTALLED_APPS.insert(
        INSTALLED_APPS.index("wagtail"), "wagtail.contrib.frontend_cache"
    )

# --- E-mail: a durable queue (outbox/; docs/operators/production.md) ----------------

# Django's mail API queues every message; the worker delivers it with
# EMAIL_DELIVERY_BACKEND, which the EMAIL_BACKEND variable chooses (SMTP by default).
EMAIL_BACKEND = "outbox.backends.QueuedEmailBackend"
EMAIL_DELIVERY_BACKEND = env(
    "EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend"
)
# Seconds before an unanswering mail server counts as down (Django waits forever).
EMAIL_TIMEOUT = int(env("EMAIL_TIMEOUT", "10"))
# Attempts per e-mail, waiting base, 2x base, 4x base... seconds (capped) in between:
# with the defaults 1, 2, 4, 8, 16, 32 and 60 minutes, about two hours in all.
EMAIL_MAX_ATTEMPTS = int(env("EMAIL_MAX_ATTEMPTS", "8"))
EMAIL_RETRY_BASE_SECONDS = int(env("EMAIL_RETRY_BASE_SECONDS", "60"))
EMAIL_RETRY_MAX_SECONDS = int(env("EMAIL_RETRY_MAX_SECONDS", "3600"))
# The admin's password reset queues its e-mail too (the public one: accounts/urls.py).
WAGTAILADMIN_USER_PASSWORD_RESET_FORM = "accounts.forms.AdminPasswordResetForm"  # noqa: S105 - a form's path, not a password
EMAIL_HOST = env("EMAIL_HOST", "localhost")
EMAIL_PORT = int(env("EMAIL_PORT", "25"))
EMAIL_HOST_USER = env("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS")
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", "CeCTO Portal <no-reply@cecto.example>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# --- Background tasks (django-tasks) ----------------------------------------------

# Wagtail's own tasks (search and reference index updates, focal points, CDN purges,
# file deletions) run at once in the request, as Wagtail does by default: search
# results and purges never wait for a worker. E-mail has a backend of its own, rows
# in the database that `manage.py db_worker --backend email` runs (docs/operators/production.md).
TASKS = {
    "default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"},
    "email": {"BACKEND": "django_tasks_db.DatabaseBackend"},
}

# --- Security: secure by default, relaxed only in dev.py ---------------------------

SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000  # large page forms in Wagtail's editor
# Reverse proxies in front of the portal that append to X-Forwarded-For. 0 (no proxy):
# the client is REMOTE_ADDR and the header, which a client can set, is never read.
# Read by core.client_ip (rate limits) and by django-axes (sign-in throttling).
TRUSTED_PROXY_COUNT = int(env("TRUSTED_PROXY_COUNT", "0"))

# --- Content Security Policy (django-csp 4; core.middleware) ------------------------
# The public site: scripts from this site only, with the request's nonce; no inline
# script or style; no plugins; no framing. Images may also come from the media
# storage's origin (S3 or a CDN, from the storage settings) and CSP_IMG_ORIGINS.


def _origin(url):
    parts = urlsplit(url if "://" in url else f"https://{url}")
    return f"{parts.scheme}://{parts.netloc}"


_bucket, _region = env("AWS_STORAGE_BUCKET_NAME"), env("AWS_S3_REGION_NAME")
CSP_MEDIA_ORIGINS = sorted(
    {
        _origin(url)
        for url in (
            MEDIA_URL if "://" in MEDIA_URL else None,
            env("AWS_S3_CUSTOM_DOMAIN"),
            env("AWS_S3_ENDPOINT_URL"),
            _bucket and f"{_bucket}.s3.amazonaws.com",
            _bucket and _region and f"{_bucket}.s3.{_region}.amazonaws.com",
        )
        if url
    }
    | set(env_list("CSP_IMG_ORIGINS"))
)
_csp_report = {"report-uri": [env("CSP_REPORT_URI")]} if env("CSP_REPORT_URI") else {}
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF],
        "img-src": [SELF, "data:", *CSP_MEDIA_ORIGINS],
        "object-src": [NONE],
        "base-uri": [SELF],
        "frame-ancestors": [NONE],
        "form-action": [SELF],
        **_csp_report,
    }
}
# Wagtail's admin (and its previews, which show public templates inside the editor)
# needs inline scripts in some panels and widgets, inline styles, blob: images for
# uploads and its preview iframe. No nonce here: a nonce would switch off
# 'unsafe-inline'.
CSP_ADMIN_PATH_PREFIXES = ["/admin/"]
CONTENT_SECURITY_POLICY_ADMIN = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, UNSAFE_INLINE],
        "style-src": [SELF, UNSAFE_INLINE],
        "img-src": [SELF, "data:", "blob:", *CSP_MEDIA_ORIGINS],
        "font-src": [SELF, "data:"],
        "frame-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "frame-ancestors": [SELF],
        "form-action": [SELF],
        **_csp_report,
    }
}

# --- Backups: manage.py backup / restore (backups/, django-dbbackup) ---------------
# One backup set = the database dump plus one archive of every file storage (media
# and private documents), gzip-compressed, GnuPG-encrypted when a recipient is set.
BACKUP_DIR = Path(env("BACKUP_DIR", str(BASE_DIR / "var" / "backups")))
BACKUP_S3_BUCKET = env("BACKUP_S3_BUCKET")
if BACKUP_S3_BUCKET:
    # A bucket (or prefix) of its own, never the media bucket: private, no overwrite.
    STORAGES["dbbackup"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": BACKUP_S3_BUCKET,
            "location": env("BACKUP_S3_PREFIX", "backups"),
            "endpoint_url": env("AWS_S3_ENDPOINT_URL"),
            "region_name": env("AWS_S3_REGION_NAME"),
            "default_acl": None,
            "file_overwrite": False,
            "querystring_auth": True,
        },
    }
else:
    # Backups hold personal data: readable by the portal's user only.
    STORAGES["dbbackup"] = {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {
            "location": str(BACKUP_DIR),
            "file_permissions_mode": 0o600,
            "directory_permissions_mode": 0o700,
        },
    }
# How many backup sets to keep (older ones are deleted after each backup).
BACKUP_KEEP = int(env("BACKUP_KEEP", "14"))
DBBACKUP_CLEANUP_KEEP = BACKUP_KEEP
DBBACKUP_CLEANUP_KEEP_MEDIA = BACKUP_KEEP
# One name on every machine, so a new server finds the old server's backups.
DBBACKUP_HOSTNAME = env("BACKUP_SERVERNAME", "cecto")
# A key id or fingerprint whose public key is in the portal user's GnuPG keyring;
# set, every backup is encrypted to it (the private key stays off this server).
DBBACKUP_GPG_RECIPIENT = env("BACKUP_GPG_RECIPIENT")
DBBACKUP_GPG_ALWAYS_TRUST = True  # the recipient is pinned here, not by a web of trust
DBBACKUP_SEND_EMAIL = False  # failures exit non-zero; the systemd unit reports them
# Connectors that check a dump before restoring it (backups/connectors.py).
DBBACKUP_CONNECTOR_MAPPING = {
    "django.db.backends.sqlite3": "backups.connectors.SqliteOnlineConnector",
    "django.db.backends.postgresql": "backups.connectors.PgDumpCheckedConnector",
}

# --- Credentials: certificates, verification, Open Badges 3.0 (credentials/) -------
# The Ed25519 private key that signs Open Badges, as PEM or a JWK in JSON
# (`manage.py credential_signing_key` prints a new one). Production has no
# fallback: `check --deploy` fails without it. Development and tests generate one
# once into CREDENTIAL_DEV_KEY_FILE (set in dev.py and test.py only).
CREDENTIAL_SIGNING_KEY = env("CREDENTIAL_SIGNING_KEY")
CREDENTIAL_DEV_KEY_FILE: Path | str | None = None
CREDENTIAL_ISSUER_NAME = env(
    "CREDENTIAL_ISSUER_NAME",
    "Certified Educational Chief Technology Officer (CeCTO) Program",
)
CREDENTIAL_ISSUER_DESCRIPTION = (
    "The CeCTO program of the N.C. Department of Public Instruction, the UNC School "
    "of Government's Center for Public Technology and MCNC."
)
# Verification searches per network per hour (the address is hashed, as for the
# interest form's limit), so the search cannot be used to list graduates.
CREDENTIAL_SEARCH_RATE_LIMIT = int(env("CREDENTIAL_SEARCH_RATE_LIMIT", "20"))

# --- Logging: structured JSON lines on stdout --------------------------------------

LOG_LEVEL = env("LOG_LEVEL", "INFO")
LOGGING: dict[str, Any] = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "plain": {"format": "%(levelname)s %(name)s: %(message)s"},
        "json": {
            "()": "pythonjsonlogger.json.JsonFormatter",
            "fmt": "%(asctime)s %(levelname)s %(name)s %(message)s",
            "rename_fields": {
                "asctime": "time",
                "levelname": "level",
                "name": "logger",
            },
        },
    },
    "handlers": {
        "stdout": {
            "class": "logging.StreamHandler",
            "stream": "ext://sys.stdout",
            "formatter": env("LOG_FORMAT", "json"),
        },
    },
    "root": {"handlers": ["stdout"], "level": LOG_LEVEL},
    "loggers": {
        "django.db.backends": {"level": "WARNING"},
        # One line per background task is noise at INFO (search index updates).
        "django_tasks": {"level": "WARNING"},
        # WeasyPrint logs each step of every certificate at INFO.
        "weasyprint": {"level": "WARNING"},
    },
}

# --- Wagtail -------------------------------------------------------------------

WAGTAIL_SITE_NAME = "CeCTO Portal"
# The address the portal is served at (core/sites.py): e-mails, feeds, the sitemap and
# the default Site record use it; `make run` sets it from PORT. The old
# WAGTAILADMIN_BASE_URL variable is still read when it is the only one given.
PORTAL_BASE_URL = env(
    "PORTAL_BASE_URL", env("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")
).rstrip("/")
WAGTAILADMIN_BASE_URL = PORTAL_BASE_URL
WAGTAIL_ENABLE_UPDATE_CHECK = False  # no outbound calls from the admin
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAIL_I18N_ENABLED = False
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
WAGTAILIMAGES_EXTENSIONS = ["avif", "gif", "jpg", "jpeg", "png", "webp"]
WAGTAILIMAGES_FORMAT_CONVERSIONS = {"avif": "avif", "bmp": "webp", "webp": "webp"}
# Documents go through Django (never a redirect to storage), so collection privacy
# holds on every storage backend. HTML, SVG and archives are never accepted.
WAGTAILDOCS_SERVE_METHOD = "serve_view"
WAGTAILDOCS_EXTENSIONS = ["pdf", "docx", "pptx", "xlsx", "csv", "txt", "odt", "rtf"]
WAGTAILDOCS_MAX_UPLOAD_SIZE = 20 * 1024 * 1024
WAGTAIL_WORKFLOW_REQUIRE_REAPPROVAL_ON_EDIT = True
# Editors see and enter dates in the program's time zone.
WAGTAIL_USER_TIME_ZONES = ["America/New_York"]
WAGTAILSEARCH_HITS_MAX_AGE = 14
WAGTAILEMBEDS_RESPONSIVE_HTML = True

# Demo content: the shared password of the demo sign-ins made by seed_demo.
DEMO_PASSWORD = env("DEMO_PASSWORD", "cecto-demo")
DEMO_CONTENT_ALLOWED = False  # seed_demo refuses unless dev or test settings allow it
