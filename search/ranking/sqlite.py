"""SQLite: ask FTS5 first, ranked by its own bm25."""

from typing import Any

# Columns read: the FTS table's title, body and rowid (the entry's id); the entry's
# id, content_type_id and object_id (tests/search/test_ranking_contract.py).
FTS_COLUMNS = ("title", "body")
ENTRY_COLUMNS = ("id", "content_type_id", "object_id")


def sqlite_tables() -> tuple[str, str]:
    """(index entry table, FTS5 table), as Wagtail's models name them."""
    # Imported here: SQLiteFTSIndexEntry is defined only on a SQLite connection.
    from wagtail.search.models import IndexEntry, SQLiteFTSIndexEntry

    return IndexEntry._meta.db_table, SQLiteFTSIndexEntry._meta.db_table


def sqlite_ranking(
    words: list[str], content_type_ids: list[int], limit: int
) -> tuple[str, list[Any]]:
    """Wagtail's SQLite backend scores each match in a subquery of its own, and its
    filtered join lets SQLite probe the full-text table row by row: 30 s for a word
    in 9,000 of 20,000 best practices, 0.1 s for a word in three. Asking FTS5 first,
    ranked by its own bm25, takes about 25 ms and 0.2 ms. The same columns (title
    and body) as the backend; every word must match, as there."""
    entry_table, fts_table = sqlite_tables()
    columns = " ".join(FTS_COLUMNS)
    expression = "{" + columns + "} : (" + " AND ".join(f'"{w}"' for w in words) + ")"
    placeholders = ", ".join(["%s"] * len(content_type_ids))
    # Only "%s" placeholders and the tables' names from Wagtail's models are
    # formatted into the SQL; every value is a parameter.
    sql = (
        "SELECT content_type_id, object_id FROM ("  # noqa: S608
        " SELECT entry.content_type_id, entry.object_id, row_number() OVER"
        " (PARTITION BY entry.content_type_id ORDER BY fts.rank) AS position"
        f" FROM {fts_table} fts"
        f" JOIN {entry_table} entry ON fts.rowid = entry.id"
        f" WHERE {fts_table} MATCH %s"
        f" AND entry.content_type_id IN ({placeholders})"
        ") WHERE position <= %s ORDER BY content_type_id, position"
    )
    return sql, [expression, *content_type_ids, limit]
