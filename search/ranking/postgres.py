"""PostgreSQL: narrow through the GIN indexes first, then match and rank as Wagtail does."""

from typing import Any

# Columns read from the index entry table (tests/search/test_ranking_contract.py).
ENTRY_COLUMNS = ("id", "content_type_id", "object_id", "title", "body", "title_norm")


def postgres_table() -> str:
    """The index entry table, as Wagtail's model names it."""
    # Imported here, as the SQLite side's model is (it exists only on SQLite).
    from wagtail.search.models import IndexEntry

    return IndexEntry._meta.db_table


def rank_weights() -> str:
    """The weights (D, C, B, A) the backend's own ts_rank uses, as an SQL array.

    No public API gives them: they are derived from the search fields' boosts when
    the apps are ready, in the module the backend itself ranks with."""
    # Imported here: read on PostgreSQL only, once the search fields are known.
    from wagtail.search.backends.database.postgres.weights import get_sql_weights

    return str(get_sql_weights())


def postgres_ranking(
    words: list[str], content_type_ids: list[int], limit: int
) -> tuple[str, list[Any]]:
    """Wagtail's PostgreSQL backend matches `(title || body) @@ query`, which no
    index can serve: every entry is read (170 ms for a word in three pages of
    27,000). Here the entries with any of the words are found through the GIN
    indexes on title and body first, then the same match and rank decide."""
    table = postgres_table()
    placeholders = ", ".join(["%s"] * len(content_type_ids))
    # Only "%s" placeholders and the table's name from Wagtail's model are
    # formatted into the SQL; every value is a parameter.
    sql = (
        "SELECT content_type_id, object_id FROM ("  # noqa: S608
        " SELECT entry.content_type_id, entry.object_id, row_number() OVER ("
        "  PARTITION BY entry.content_type_id ORDER BY"
        "  ts_rank(%s::float4[], entry.title, plainto_tsquery(%s)) * entry.title_norm"
        "  + ts_rank(%s::float4[], entry.body, plainto_tsquery(%s)) DESC,"
        "  entry.id DESC) AS position"
        f" FROM {table} entry,"
        # Any of the query's words (stop words already dropped): the GIN indexes'
        # way in. Every word must then match in title and body together.
        " CAST(replace(CAST(plainto_tsquery(%s) AS text), '&', '|') AS tsquery)"
        " AS any_word(q)"
        f" WHERE entry.content_type_id IN ({placeholders})"
        " AND (entry.title @@ any_word.q OR entry.body @@ any_word.q)"
        " AND (entry.title || entry.body) @@ plainto_tsquery(%s)"
        ") ranked WHERE position <= %s ORDER BY content_type_id, position"
    )
    query = " ".join(words)
    weights = rank_weights()
    params = [weights, query, weights, query, query, *content_type_ids, query, limit]
    return sql, params
