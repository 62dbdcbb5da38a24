"""The benchmark's reading of wrk, its target checks and its table in the docs."""

import argparse

from bench import growth, report, run

WRK_OUTPUT = """\
Running 10s test @ http://127.0.0.1:8765/best-practices/
  2 threads and 4 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency    23.10ms    4.02ms 120.11ms   85.00%
    Req/Sec    86.10     10.11   110.00     70.00%
  Latency Distribution
     50%  870.00us
     75%   24.60ms
     90%   28.20ms
     99%    1.20s
  1722 requests in 10.01s, 50.00MB read
  Socket errors: connect 0, read 2, write 0, timeout 1
  Non-2xx or 3xx responses: 4
Requests/sec:    172.03
Transfer/sec:      5.00MB
"""


def test_parse_wrk_reads_rate_percentiles_in_any_unit_and_errors():
    parsed = report.parse_wrk(WRK_OUTPUT)
    assert parsed == {
        "rps": 172.03,
        "p50_ms": 0.87,
        "p99_ms": 1200.0,
        "requests": 1722,
        "errors": 7,
    }


def test_parse_wrk_without_errors():
    clean = "\n".join(
        line
        for line in WRK_OUTPUT.splitlines()
        if "errors" not in line and "Non-2xx" not in line
    )
    assert report.parse_wrk(clean)["errors"] == 0


def _results(**page_overrides):
    page = {
        "name": "module",
        "url": "/m/",
        "kind": "detail",
        "status": 200,
        "queries": 12,
        "writes": 0,
        "server_ms_median": 9.0,
    } | page_overrides
    load = {"rps": 100.0, "p50_ms": 10.0, "p99_ms": 40.0, "requests": 1000, "errors": 0}
    cached = {**load, "rps": 900.0, "ceiling_rps": 1000.0}
    return {
        "started": "2026-11-23T12:00:00+00:00",
        "machine": {
            "cpu": "cpu",
            "cores": 2,
            "memory_gb": 24,
            "os": "Linux",
            "python": "3.11",
        },
        "settings": {
            "scale": 1,
            "seed": 42,
            "duration": 10,
            "connections": 4,
            "threads": 2,
            "workers": 2,
            "repeat": 25,
        },
        "engines": [
            {
                "engine": "sqlite",
                "cache": "files",
                "seed_seconds": 100,
                "pages": [page],
                "modes": {
                    "uncached": {
                        "ceiling": {**load, "rps": 1000.0},
                        "pages": {"/m/": {**load, "ceiling_rps": 1000.0}},
                        "worker_peak_mb": [120.0, 121.0],
                    },
                    "cached": {
                        "ceiling": {**load, "rps": 1000.0},
                        "pages": {"/m/": cached},
                        "worker_peak_mb": [120.0, 125.0],
                    },
                },
            }
        ],
    }


def test_a_run_within_every_target_misses_none():
    results = _results()
    assert report.missed_targets(results) == []
    assert "Targets missed: none." in report.markdown(results)


def test_each_missed_target_is_named():
    results = _results(queries=16, writes=1, server_ms_median=15.5)
    modes = results["engines"][0]["modes"]
    modes["uncached"]["pages"]["/m/"]["p99_ms"] = 101.0
    modes["cached"]["pages"]["/m/"]["rps"] = 790.0
    modes["cached"]["worker_peak_mb"] = [201.0]
    missed = "\n".join(report.missed_targets(results))
    assert "16 queries > 15" in missed
    assert "1 writes on a GET" in missed
    assert "server time 15.5 ms > 15 ms" in missed
    assert "uncached p99 101.0 ms > 100 ms" in missed
    assert "cached at 79% of the ceiling" in missed
    assert "worker peak 201.0 MB" in missed


def test_the_results_table_is_replaced_between_its_markers(tmp_path):
    page = tmp_path / "benchmarks.md"
    page.write_text(
        f"# Title\n\n{report.TABLE_START}\nold table\n{report.TABLE_END}\n\nAfter.\n"
    )
    assert report.update_between_markers(page, "| new | table |\n")
    text = page.read_text()
    assert "old table" not in text
    assert f"{report.TABLE_START}\n| new | table |\n{report.TABLE_END}" in text
    assert text.endswith("After.\n")


def test_a_page_without_the_markers_is_left_alone(tmp_path):
    page = tmp_path / "benchmarks.md"
    page.write_text("# Title\n\nNo table here.\n")
    assert not report.update_between_markers(page, "| new | table |\n")
    assert page.read_text() == "# Title\n\nNo table here.\n"


def test_the_docs_page_holds_each_tables_markers_once():
    text = run.DOCS_PAGE.read_text()
    for start, end in [
        (report.TABLE_START, report.TABLE_END),
        (growth.TABLE_START, growth.TABLE_END),
    ]:
        assert text.count(start) == 1 and text.count(end) == 1
        assert text.index(start) < text.index(end)


def test_the_run_writes_its_table_into_the_docs_page(tmp_path, monkeypatch):
    page = tmp_path / "benchmarks.md"
    page.write_text(f"Intro\n{report.TABLE_START}\nold\n{report.TABLE_END}\nEnd\n")
    monkeypatch.setattr(run, "DOCS_PAGE", page)
    run.write_docs_table("| new |\n", report.TABLE_START, report.TABLE_END)
    assert page.read_text() == (
        f"Intro\n{report.TABLE_START}\n| new |\n{report.TABLE_END}\nEnd\n"
    )


def test_no_docs_and_its_older_name_no_readme_both_leave_the_page_alone():
    parser = argparse.ArgumentParser()
    run.add_no_docs_option(parser)
    assert parser.parse_args(["--no-docs"]).no_docs
    assert parser.parse_args(["--no-readme"]).no_docs
    assert not parser.parse_args([]).no_docs


def _signed_in(results):
    """The page of `results` loaded signed in: kept under its own key."""
    page = results["engines"][0]["pages"][0]
    page["signed_in"] = True
    for mode in results["engines"][0]["modes"].values():
        mode["pages"][report.page_key(page)] = mode["pages"].pop("/m/")
    return results


def test_a_signed_in_page_is_kept_apart_from_the_same_url_anonymous():
    page = {"url": "/m/"}
    assert report.page_key(page) == "/m/"
    assert report.page_key({**page, "signed_in": True}) == "signed-in /m/"


def test_a_signed_in_page_has_the_budgets_of_its_kind_but_no_cached_ratio():
    results = _signed_in(_results(server_ms_median=15.5))
    results["engines"][0]["modes"]["cached"]["pages"]["signed-in /m/"]["rps"] = 100.0
    missed = report.missed_targets(results)
    assert missed == ["sqlite: module: server time 15.5 ms > 15 ms"]
    assert "| module | 12 | 15.5 |" in report.markdown(results)


def test_a_sitemap_page_is_held_to_50_ms_and_150_ms_under_load():
    assert report.missed_targets(_results(kind="sitemap", server_ms_median=49.0)) == []
    results = _results(kind="sitemap", server_ms_median=50.5)
    results["engines"][0]["modes"]["uncached"]["pages"]["/m/"]["p99_ms"] = 151.0
    missed = "\n".join(report.missed_targets(results))
    assert "server time 50.5 ms > 50 ms" in missed
    assert "uncached p99 151.0 ms > 150 ms" in missed


def test_a_feed_is_held_to_20_ms():
    assert report.missed_targets(_results(kind="feed", server_ms_median=19.5)) == []
    missed = report.missed_targets(_results(kind="feed", server_ms_median=20.5))
    assert missed == ["sqlite: module: server time 20.5 ms > 20 ms"]


def test_server_time_is_held_on_postgresql_too():
    results = _results(server_ms_median=15.5)
    results["engines"][0]["engine"] = "postgresql"
    assert report.missed_targets(results) == [
        "postgresql: module: server time 15.5 ms > 15 ms"
    ]


def test_cold_pages_are_held_to_15_queries_and_their_kinds_budget():
    within = _results(cold_queries=15, cold_ms_median=25.0)
    assert report.missed_targets(within) == []
    table = report.markdown(within)
    assert "| Cold queries | Cold ms |" in table
    assert "| module | 12 | 9.0 | 15 | 25.0 |" in table

    missed = "\n".join(
        report.missed_targets(_results(cold_queries=16, cold_ms_median=25.5))
    )
    assert "16 queries cold > 15" in missed
    assert "cold server time 25.5 ms > 25 ms" in missed
    listing = _results(kind="listing", cold_queries=12, cold_ms_median=39.0)
    assert report.missed_targets(listing) == []
