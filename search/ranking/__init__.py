"""Ranking in Wagtail's own index tables, one query for every searched model.

Wagtail's database backend is slow at scale on both engines (see each engine's module);
these queries read the same index entries and apply the same match, ranked by the
engine's own full-text functions.
"""

import re

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import connection

from search.ranking.postgres import postgres_ranking
from search.ranking.sqlite import sqlite_ranking


def uses_database_search():
    """Whether searches go to Wagtail's database backend on SQLite or PostgreSQL."""
    backend = settings.WAGTAILSEARCH_BACKENDS["default"]["BACKEND"]
    return backend.endswith(".database") and connection.vendor in (
        "sqlite",
        "postgresql",
    )


def ranked_ids(models, query, limit):
    """{model: ids of its indexed objects matching every word of `query`, best
    first}, at most `limit` per model, in one query on Wagtail's own index tables."""
    words = re.findall(r"\w+", query)
    if not words:
        return {model: [] for model in models}
    content_types = ContentType.objects.get_for_models(*models)
    by_type = {content_types[model].pk: model for model in models}
    if connection.vendor == "sqlite":
        sql, params = sqlite_ranking(words, list(by_type), limit)
    else:
        sql, params = postgres_ranking(words, list(by_type), limit)
    ids = {model: [] for model in models}
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        for content_type_id, object_id in cursor.fetchall():
            ids[by_type[content_type_id]].append(int(object_id))
    return ids
