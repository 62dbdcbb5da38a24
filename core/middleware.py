"""Full-page cache for anonymous visitors.

A GET from a visitor with no session cookie is answered from the cache when the
same URL was rendered for another anonymous visitor under the current content
version (`core.cache`): any publish, unpublish, move or delete, and any change to
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
"""

import hashlib

from django.conf import settings
from django.core.cache import cache, caches
from django.core.cache.backends.base import InvalidCacheBackendError
from django.http import HttpResponse
from django.utils.cache import patch_cache_control, patch_vary_headers

from core.cache import content_version

# Response headers a cached copy keeps (others are per-response or re-added on the
# way out by the middleware above this one).
_SKIP_HEADERS = {"set-cookie", "content-length", "x-cache"}
_PER_VISITOR_CACHE_CONTROL = ("private", "no-store", "no-cache")


def page_cache_key(request, version):
    raw = f"{request.scheme}://{request.get_host()}{request.get_full_path()}"
    digest = hashlib.sha256(raw.encode()).hexdigest()[:40]
    return f"cecto:page:{version}:{digest}"


def local_page_cache():
    """This worker's own copy of recently served pages (the `pages-local` cache),
    in front of the shared one; None when not configured."""
    try:
        return caches["pages-local"]
    except InvalidCacheBackendError:
        return None


class AnonymousPageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        timeout = getattr(settings, "PAGE_CACHE_TIMEOUT", 0)
        if not timeout or not self.request_is_cacheable(request):
            response = self.get_response(request)
            if settings.SESSION_COOKIE_NAME in request.COOKIES:
                # Someone's own page: no shared cache (a CDN, a proxy) may keep it.
                patch_cache_control(response, private=True)
            return response

        version = content_version(max_age=settings.PAGE_CACHE_VERSION_TTL)
        key = page_cache_key(request, version)
        local = local_page_cache()
        cached = local.get(key) if local else None
        if cached is None:
            cached = cache.get(key)
            if cached is not None and local:
                local.set(key, cached, timeout)
        if cached is not None:
            return self.rebuild(cached)

        response = self.get_response(request)
        if self.response_is_cacheable(request, response):
            self.mark_shared(response)
            frozen = self.freeze(response)
            cache.set(key, frozen, timeout)
            if local:
                local.set(key, frozen, timeout)
            response["X-Cache"] = "MISS"
        return response

    @staticmethod
    def request_is_cacheable(request):
        if request.method != "GET":
            return False
        cookies = request.COOKIES
        if settings.SESSION_COOKIE_NAME in cookies or "messages" in cookies:
            return False
        if "HTTP_AUTHORIZATION" in request.META:
            return False
        return not request.path.startswith(settings.PAGE_CACHE_EXCLUDED_PATHS)

    @staticmethod
    def response_is_cacheable(request, response):
        if response.status_code != 200 or response.streaming:
            return False
        if response.cookies or request.META.get("CSRF_COOKIE_NEEDS_UPDATE"):
            return False
        cache_control = response.get("Cache-Control", "").lower()
        return not any(word in cache_control for word in _PER_VISITOR_CACHE_CONTROL)

    @staticmethod
    def mark_shared(response):
        """With a CDN in front (`CDN_MAX_AGE`), let it keep anonymous pages too;
        Wagtail's frontend cache purges them on publish."""
        cdn_max_age = getattr(settings, "CDN_MAX_AGE", 0)
        if cdn_max_age:
            patch_cache_control(response, public=True, max_age=0, s_maxage=cdn_max_age)
            patch_vary_headers(response, ["Cookie"])

    @staticmethod
    def freeze(response):
        headers = [
            (name, value)
            for name, value in response.items()
            if name.lower() not in _SKIP_HEADERS
        ]
        return (response.status_code, headers, response.content)

    @staticmethod
    def rebuild(frozen):
        status, headers, content = frozen
        response = HttpResponse(content, status=status)
        for name, value in headers:
            response[name] = value
        response["X-Cache"] = "HIT"
        return response
