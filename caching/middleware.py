"""Full-page cache for anonymous visitors.

A GET from a visitor with no session cookie is answered from the cache when the
same URL was rendered for another anonymous visitor under the current content
version (`caching.version`): any publish, unpublish, move or delete, and any change to
the records pages show, starts a new version, so nothing is ever served stale and
no key needs hunting down. Entries also expire after `PAGE_CACHE_TIMEOUT` seconds,
which bounds what depends on the clock (upcoming events).

Stored only when nothing in the response belongs to one visitor: a 200, no cookie
set, no CSRF token used (a form on the page), no `private`/`no-store` cache
control (a message shown or queued sets a cookie). Requests that carry a session or messages cookie,
and the admin, sign-in, documents and operational URLs, never touch the cache.

A hit costs no round trip to the shared cache: each worker keeps the pages it
served in memory too (`pages-local`), under the content version it read at most
`PAGE_CACHE_VERSION_TTL` seconds ago (one by default). So a publish shows at once on
the worker that made it, and on the others within that second.

Django's own cache middleware was not used: it keys on headers named in `Vary`
(each visitor's CSRF cookie splits the cache) and cannot be invalidated site-wide
without clearing the whole cache.

A cached page keeps no Content-Security-Policy header and no nonce of its own: each
copy served gets a fresh nonce, written into the page where the rendered one was and
into the header by `ContentSecurityPolicyMiddleware` (above this one).

When the shared cache is unavailable (`FailOpenRedisCache.available` is False, or a
file cache raises OSError), pages are served uncached.

`CachedSiteMiddleware` (below) keeps the request's Wagtail Site under the content
version.
"""

import hashlib
import logging
from collections.abc import Callable
from typing import Any, cast

from django.conf import settings
from django.core.cache import BaseCache, cache, caches
from django.core.cache.backends.base import InvalidCacheBackendError
from django.db import InterfaceError, OperationalError
from django.http import HttpRequest, HttpResponse
from django.http.request import split_domain_port
from django.http.response import HttpResponseBase
from django.utils.cache import patch_cache_control, patch_vary_headers
from wagtail.models import Site

from caching.fragments import cached_by_version
from caching.version import content_version

logger = logging.getLogger(__name__)

# Response headers a cached copy keeps (others are per-response or re-added on the
# way out by the middleware above this one).
_SKIP_HEADERS = {
    "set-cookie",
    "content-length",
    "x-cache",
    "content-security-policy",
    "content-security-policy-report-only",
}
_PER_VISITOR_CACHE_CONTROL = ("private", "no-store", "no-cache")


def page_cache_key(request: HttpRequest, version: int) -> str:
    raw = f"{request.scheme}://{request.get_host()}{request.get_full_path()}"
    digest = hashlib.sha256(raw.encode()).hexdigest()[:40]
    return f"cecto:page:{version}:{digest}"


def local_page_cache() -> BaseCache | None:
    """This worker's own copy of recently served pages (the `pages-local` cache),
    in front of the shared one; None when not configured."""
    try:
        return caches["pages-local"]
    except InvalidCacheBackendError:
        return None


class AnonymousPageCacheMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        timeout = getattr(settings, "PAGE_CACHE_TIMEOUT", 0)
        if not timeout or not self.request_is_cacheable(request):
            response = self.get_response(request)
            if settings.SESSION_COOKIE_NAME in request.COOKIES:
                # Someone's own page: no shared cache (a CDN, a proxy) may keep it.
                patch_cache_control(response, private=True)
            return response

        if not getattr(cache, "available", True):
            # The shared cache is down: no content version to key pages on.
            return self.get_response(request)
        try:
            version = content_version(max_age=settings.PAGE_CACHE_VERSION_TTL)
            key = page_cache_key(request, version)
            local = local_page_cache()
            cached = local.get(key) if local else None
            if cached is None:
                cached = cache.get(key)
                if cached is not None and local:
                    local.set(key, cached, timeout)
        except OSError:  # a file cache on a full or missing disk
            logger.exception("page cache unavailable: serving uncached")
            return self.get_response(request)
        if not getattr(cache, "available", True):
            # It failed just now: the version read was made up, keep nothing under it.
            return self.get_response(request)
        if cached is not None:
            return self.rebuild(cached, request)

        response = self.get_response(request)
        if self.response_is_cacheable(request, response):
            self.mark_shared(response)
            # A 200 that is not streamed (response_is_cacheable): it has content.
            frozen = self.freeze(cast(HttpResponse, response), request)
            try:
                cache.set(key, frozen, timeout)
            except OSError:
                logger.exception("page cache unavailable: page not stored")
            if local:
                local.set(key, frozen, timeout)
            response["X-Cache"] = "MISS"
        return response

    @staticmethod
    def request_is_cacheable(request: HttpRequest) -> bool:
        if request.method != "GET":
            return False
        cookies = request.COOKIES
        if settings.SESSION_COOKIE_NAME in cookies or "messages" in cookies:
            return False
        if "HTTP_AUTHORIZATION" in request.META:
            return False
        return not request.path.startswith(settings.PAGE_CACHE_EXCLUDED_PATHS)

    @staticmethod
    def response_is_cacheable(request: HttpRequest, response: HttpResponseBase) -> bool:
        if response.status_code != 200 or response.streaming:
            return False
        if response.cookies or request.META.get("CSRF_COOKIE_NEEDS_UPDATE"):
            return False
        cache_control = response.get("Cache-Control", "").lower()
        return not any(word in cache_control for word in _PER_VISITOR_CACHE_CONTROL)

    @staticmethod
    def mark_shared(response: HttpResponseBase) -> None:
        """With a CDN in front (`CDN_MAX_AGE`), let it keep anonymous pages too;
        Wagtail's frontend cache purges them on publish."""
        cdn_max_age = getattr(settings, "CDN_MAX_AGE", 0)
        if cdn_max_age:
            patch_cache_control(response, public=True, max_age=0, s_maxage=cdn_max_age)
            patch_vary_headers(response, ["Cookie"])

    @staticmethod
    def freeze(response: HttpResponse, request: HttpRequest) -> tuple[Any, ...]:
        headers = [
            (name, value)
            for name, value in response.items()
            if name.lower() not in _SKIP_HEADERS
        ]
        # The CSP nonce the page was rendered with, if it used one.
        used = getattr(request, "csp_nonce", None)
        nonce = str(used) if used else None
        return (response.status_code, headers, response.content, nonce)

    @staticmethod
    def rebuild(frozen: tuple[Any, ...], request: HttpRequest) -> HttpResponse:
        status, headers, content, *rest = frozen
        rendered_nonce = rest[0] if rest else None
        fresh_nonce = getattr(request, "csp_nonce", None)
        if rendered_nonce and fresh_nonce is not None:
            # This visitor's own nonce, in the page and (on the way out) the header.
            content = content.replace(
                f'nonce="{rendered_nonce}"'.encode(), f'nonce="{fresh_nonce}"'.encode()
            )
        response = HttpResponse(content, status=status)
        for name, value in headers:
            response[name] = value
        response["X-Cache"] = "HIT"
        return response


class CachedSiteMiddleware:
    """Wagtail finds the request's Site with a query on every request (the menu,
    routing, links all ask). The answer only changes when a Site is saved, which
    moves the content version (caching.signal_handlers), so it is kept per host and
    port under it; Wagtail then finds it on the request."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    # The admin and downloads seldom ask for the Site; they look it up themselves.
    SKIPPED = ("/admin/", "/documents/", "/healthz")

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        if request.path_info.startswith(self.SKIPPED):
            return self.get_response(request)
        # The host as sent, as Wagtail's own lookup reads it (Site.find_for_request).
        hostname = split_domain_port(request._get_raw_host())[0]  # type: ignore[attr-defined]
        port = request.get_port()
        try:
            site = cached_by_version(
                f"site:{hostname}:{port}", lambda: Site.find_for_request(request)
            )
        except (InterfaceError, OperationalError):
            # The database is away: /healthz says so, and a page's own lookup
            # fails into DatabaseUnavailableMiddleware's 503 as before.
            site = None
        if site is not None:
            # Where Site.find_for_request looks first (wagtail/models/sites.py).
            setattr(request, "_wagtail_site", site)  # noqa: B010
        return self.get_response(request)
