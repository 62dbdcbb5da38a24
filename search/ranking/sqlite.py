"""SQLite: ask FTS5 first, ranked by its own bm25."""


def sqlite_ranking(words, content_type_ids, limit):
    """Wagtail's SQLite backend scores each match in a subquery of its own, and its
    filtered join lets SQLite probe the full-text table row by row: 30 s for a word
    in 9,000 of 20,000 best practices, 0.1 s for a word in three. Asking FTS5 first,
    ranked by its own bm25, takes about 25 ms and 0.2 ms. The same columns (title
    and body) as the backend; every word must match, as there."""
    expression = "{title body} : (" + " AND ".join(f'"{w}"' for w in words) + ")"
    placeholders = ", ".join(["%s"] * len(content_type_ids))
    # Only "%s" placeholders are formatted into the SQL; every value is a parameter.
    sql = (
        "SELECT content_type_id, object_id FROM ("  # noqa: S608
        " SELECT entry.content_type_id, entry.object_id, row_number() OVER"
        " (PARTITION BY entry.content_type_id ORDER BY fts.rank) AS position"
        " FROM wagtailsearch_indexentry_fts fts"
        " JOIN wagtailsearch_indexentry entry ON fts.rowid = entry.id"
        " WHERE wagtailsearch_indexentry_fts MATCH %s"
        f" AND entry.content_type_id IN ({placeholders})"
        ") WHERE position <= %s ORDER BY content_type_id, position"
    )
    return sql, [expression, *content_type_ids, limit]
