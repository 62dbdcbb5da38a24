"""The contract between search.ranking's raw SQL and Wagtail's index tables.

search.ranking reads Wagtail's search index tables directly (its docstring says
why). These tests fail when a Wagtail or modelsearch upgrade renames a table or
drops a column the SQL reads, on the engine the tests run on: SQLite, or
PostgreSQL when DATABASE_URL points at it.
"""

import re

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from wagtail.search.models import IndexEntry

from people.models import Person
from search.ranking import postgres as ranking_postgres
from search.ranking import ranked_ids
from search.ranking import sqlite as ranking_sqlite

pytestmark = pytest.mark.django_db


def model_columns(model):
    return {field.column for field in model._meta.concrete_fields}


def table_columns(table):
    with connection.cursor() as cursor:
        return {
            column.name
            for column in connection.introspection.get_table_description(cursor, table)
        }


def table_names():
    with connection.cursor() as cursor:
        return set(connection.introspection.table_names(cursor))


def needs(vendor):
    if connection.vendor != vendor:
        pytest.skip(f"the {vendor} ranking runs on {vendor} only")


def test_the_index_entry_model_and_table_have_every_column_the_sql_reads():
    if connection.vendor == "sqlite":
        columns = set(ranking_sqlite.ENTRY_COLUMNS)
    else:
        columns = set(ranking_postgres.ENTRY_COLUMNS)
    assert IndexEntry._meta.db_table in table_names()
    assert columns <= model_columns(IndexEntry)
    assert columns <= table_columns(IndexEntry._meta.db_table)
    assert IndexEntry._meta.get_field("object_id").get_internal_type() == "CharField"


def test_sqlite_fts_table_has_title_and_body_keyed_by_the_entrys_rowid():
    needs("sqlite")
    from wagtail.search.models import SQLiteFTSIndexEntry

    entry_table, fts_table = ranking_sqlite.sqlite_tables()
    assert (entry_table, fts_table) == (
        IndexEntry._meta.db_table,
        SQLiteFTSIndexEntry._meta.db_table,
    )
    assert fts_table in table_names()
    # The FTS row is the entry's rowid: the SQL joins fts.rowid = entry.id.
    pk = SQLiteFTSIndexEntry._meta.pk
    assert pk.column == "rowid"
    assert pk.related_model is IndexEntry
    assert set(ranking_sqlite.FTS_COLUMNS) <= model_columns(SQLiteFTSIndexEntry)
    assert set(ranking_sqlite.FTS_COLUMNS) <= table_columns(fts_table)
    with connection.cursor() as cursor:
        cursor.execute("SELECT sql FROM sqlite_master WHERE name = %s", [fts_table])
        (definition,) = cursor.fetchone()
    assert "fts5" in definition.lower()


def test_postgresql_title_and_body_are_tsvectors_with_gin_indexes():
    needs("postgresql")
    from django.contrib.postgres.search import SearchVectorField

    table = ranking_postgres.postgres_table()
    assert table == IndexEntry._meta.db_table
    for name in ("title", "body"):
        assert isinstance(IndexEntry._meta.get_field(name), SearchVectorField)
    with connection.cursor() as cursor:
        constraints = connection.introspection.get_constraints(cursor, table)
    gin_columns = {
        tuple(info["columns"])
        for info in constraints.values()
        if info.get("type") == "gin"
    }
    # The ranking's speed comes from these indexes (search/ranking/postgres.py).
    assert {("title",), ("body",)} <= gin_columns


def test_postgresql_rank_weights_are_four_numbers():
    needs("postgresql")
    assert re.fullmatch(r"\{[-\d.e]+(,[-\d.e]+){3}\}", ranking_postgres.rank_weights())


def test_the_ranking_sql_runs_on_this_engine():
    # An unknown column or table would raise here rather than in a visitor's search.
    assert ContentType.objects.get_for_model(Person)
    assert ranked_ids([Person], "broadband consortium", 5) == {Person: []}
