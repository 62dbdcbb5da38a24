"""Ranking in Wagtail's own index tables, one query for every searched model.

Why raw SQL rather than Wagtail's public search API (``backend.search()``): the
public API ranks one model per call, and its database backend is slow at scale on
both engines. At 20,000 best practices a common word took 30 s on SQLite and every
index entry is read on PostgreSQL (see each engine's module for the measurements).
The search page asks for every searchable model at once and must answer in well
under a second, so these queries read the same index entries, apply the same match
(every word, in title and body) and rank by the engine's own full-text functions,
in one query for all models. OpenSearch and Elasticsearch go through the public API
(``search.site_search``); only Wagtail's database backend is read here.

What the SQL reads is named by Wagtail's own models (``wagtail.search.models``): the
table names come from their ``_meta``; the columns are pinned by
``tests/search/test_ranking_contract.py``, which fails when a Wagtail upgrade
renames or drops one. The PostgreSQL rank weights have no public equivalent: they
are read from the backend's weights module, the one the backend ranks with.
"""

import re
from collections.abc import Sequence

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.models import Model

from search.ranking.postgres import postgres_ranking
from search.ranking.sqlite import sqlite_ranking


def uses_database_search() -> bool:
    """Whether searches go to Wagtail's database backend on SQLite or PostgreSQL."""
    backend = settings.WAGTAILSEARCH_BACKENDS["default"]["BACKEND"]
    return backend.endswith(".database") and connection.vendor in (
        "sqlite",
        "postgresql",
    )


def ranked_ids(
    models: Sequence[type[Model]], query: str, limit: int
) -> dict[type[Model], list[int]]:
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
    ids: dict[type[Model], list[int]] = {model: [] for model in models}
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        for content_type_id, object_id in cursor.fetchall():
            ids[by_type[content_type_id]].append(int(object_id))
    return ids
