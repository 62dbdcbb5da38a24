"""bench/growth.py: the three pages slowest at 1x, and how their time grows."""

from bench import growth, report


def _page(name, ms, queries=10):
    return {"name": name, "kind": "listing", "server_ms_median": ms, "queries": queries}


def test_the_three_pages_slowest_at_1x_are_compared_with_the_same_pages_grown():
    base = [_page("a", 5.0), _page("b", 20.0), _page("c", 12.0), _page("d", 30.0)]
    grown = [_page("a", 50.0), _page("b", 22.0), _page("c", 12.0), _page("d", 45.0, 11)]

    rows = growth.slowest(base, grown)

    assert [row["name"] for row in rows] == ["d", "b", "c"]
    assert rows[0] == {
        "name": "d",
        "kind": "listing",
        "base_ms": 30.0,
        "grown_ms": 45.0,
        "base_queries": 10,
        "grown_queries": 11,
        "ratio": 1.5,
    }
    assert [row["ratio"] for row in rows] == [1.5, 1.1, 1.0]


def test_the_growth_table_goes_into_the_docs_page_between_its_markers(tmp_path):
    results = {
        "started": "2026-11-28T10:00:00+00:00",
        "scale": 3.0,
        "seed": 42,
        "repeat": 25,
        "engines": [
            {
                "engine": "postgresql",
                "slowest": growth.slowest(
                    [_page("topic page", 20.0)], [_page("topic page", 24.0)]
                ),
            }
        ],
    }
    table = growth.markdown(results)
    assert "| 1x ms | 3x ms | Growth |" in table
    assert "| PostgreSQL | topic page | 20.0 | 24.0 | 1.20x | 10 | 10 |" in table

    page = tmp_path / "benchmarks.md"
    page.write_text(f"Intro\n{growth.TABLE_START}\nold\n{growth.TABLE_END}\nEnd\n")
    assert report.update_between_markers(
        page, table, growth.TABLE_START, growth.TABLE_END
    )
    text = page.read_text()
    assert "old" not in text and table in text and text.endswith("End\n")
