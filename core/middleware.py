"""The Content-Security-Policy middleware (a stricter policy on the public site than
in Wagtail's admin) and `DatabaseUnavailableMiddleware`, which answers 503 while the
database is away. The page cache is `caching.middleware`."""

import logging

from csp.middleware import CSPMiddleware
from csp.utils import default_config
from django.conf import settings
from django.db import InterfaceError, OperationalError
from django.http import HttpResponse
from django.template import loader
from django.utils.cache import add_never_cache_headers

logger = logging.getLogger(__name__)


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """django-csp's middleware with a second policy for Wagtail's admin.

    The public site gets `CONTENT_SECURITY_POLICY` (a nonce for scripts, nothing
    inline); paths under `CSP_ADMIN_PATH_PREFIXES` get
    `CONTENT_SECURITY_POLICY_ADMIN`, which allows what Wagtail's admin needs (inline
    scripts in some panels, inline styles, its preview iframe). A view's own
    `@csp`/`@csp_exempt` decorators still win, as in django-csp.

    Wagtail renders a preview through the middleware with a dummy request for the
    page's public path; that response gets no header here, so the admin view that
    returns it (under /admin/) sets the admin policy, which lets the editor frame it.
    """

    def process_response(self, request, response):
        if getattr(request, "is_dummy", False):
            return response
        return super().process_response(request, response)

    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only)
        admin_policy = getattr(settings, "CONTENT_SECURITY_POLICY_ADMIN", None)
        if (
            not report_only
            and parts.config is None
            and admin_policy
            and request.path_info.startswith(tuple(settings.CSP_ADMIN_PATH_PREFIXES))
        ):
            parts.config = default_config(admin_policy["DIRECTIVES"])
        return parts


# Seconds a client is asked to wait before trying again while the database is away.
DATABASE_RETRY_AFTER = 10

DATABASE_UNAVAILABLE_ERRORS = (OperationalError, InterfaceError)


def database_unavailable_response():
    """The friendly 503 page: rendered without a request, so without context
    processors, the database or the page tree."""
    content = loader.get_template("503.html").render({})
    response = HttpResponse(content, status=503)
    response["Retry-After"] = str(DATABASE_RETRY_AFTER)
    add_never_cache_headers(response)
    return response


class DatabaseUnavailableMiddleware:
    """Answers 503 with a friendly page, not a 500, when a view finds the database
    unreachable (a restart, a failover). Django closes a connection that failed at
    the end of the request, and checks a kept one before reusing it
    (`CONN_HEALTH_CHECKS`), so the next request reconnects.

    Errors raised in other middleware (a session saved on the way out) reach
    `core.views.server_error`, which answers the same way.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if isinstance(exception, DATABASE_UNAVAILABLE_ERRORS):
            logger.error(
                "database unavailable: answered 503",
                extra={"error": str(exception), "path": request.path},
            )
            return database_unavailable_response()
        return None
