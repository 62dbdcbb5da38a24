"""Helpers for asserting that a page's query count does not grow with its data."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

# A ceiling that catches regressions; what the issue asks is that counts do not grow
# with the data. Page routing, privacy checks, the menu, breadcrumbs and site settings
# cost about a dozen queries per page today; the performance work brings the ceiling
# down to 15.
MAX_QUERIES = 15


def count_queries(client, url):
    """Number of queries one GET of `url` runs (after a warm-up request)."""
    client.get(url)  # warm caches that are per-process, not per-request
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    return len(queries)
