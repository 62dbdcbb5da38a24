"""Operational endpoints, and the server error page."""

import logging
import sys

from django.core.cache import cache
from django.db import DatabaseError, connection
from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET
from django.views.defaults import server_error as django_server_error

from core.middleware import DATABASE_UNAVAILABLE_ERRORS, database_unavailable_response

logger = logging.getLogger(__name__)

HEALTHZ_CACHE_KEY = "cecto:healthz"


def cache_status():
    """ "ok" when the shared cache answers, "unavailable" when it does not."""
    ping = getattr(cache, "ping", None)  # FailOpenRedisCache
    if ping is not None:
        return "ok" if ping() else "unavailable"
    try:
        cache.set(HEALTHZ_CACHE_KEY, 1, 10)
        cache.get(HEALTHZ_CACHE_KEY)
    except Exception as error:  # any backend's failure is an answer here
        logger.error("health check: cache unavailable", extra={"error": str(error)})
        return "unavailable"
    return "ok"


@never_cache
@require_GET
def healthz(request):
    """200 with a JSON body when the database answers, 503 when it does not.

    The cache is reported but does not fail the check: the site serves pages
    uncached without it (core/cache_backends.py).
    """
    cache_state = cache_status()
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError as error:
        logger.error(
            "health check failed: database unavailable", extra={"error": str(error)}
        )
        return JsonResponse(
            {"status": "error", "database": "unavailable", "cache": cache_state},
            status=503,
        )
    return JsonResponse({"status": "ok", "database": "ok", "cache": cache_state})


def server_error(request, template_name="500.html"):
    """handler500: the 503 page when the error was the database going away (raised
    outside a view, where DatabaseUnavailableMiddleware cannot see it), else
    Django's 500 page."""
    error = sys.exc_info()[1]
    if isinstance(error, DATABASE_UNAVAILABLE_ERRORS):
        return database_unavailable_response()
    return django_server_error(request, template_name=template_name)
