"""Reading wrk's output, checking the targets (issues #6 and #14), and writing the
tables."""

import re

# Targets (issues #6 and #14). Server time is the in-process median with the page
# cache off at the standard size; it and p99 under load hold on every engine.
QUERY_LIMIT = 15
SERVER_MS = {
    "home": 20,
    "detail": 15,
    "listing": 25,
    "search": 30,
    "feed": 20,
    "sitemap": 50,
}
P99_MS = {
    "home": 150,
    "detail": 100,
    "listing": 150,
    "search": 150,
    "feed": 150,
    "sitemap": 150,
}
# Cold (issue #24): every fragment and lookup cache emptied before each request, as
# the first visitor after a change meets the page.
COLD_QUERY_LIMIT = 15
COLD_MS = {
    "home": 40,
    "detail": 25,
    "listing": 40,
    "search": 60,
    "feed": 50,
    "sitemap": 50,
}
CACHED_RATIO = 0.8
CACHED_KINDS = {"home", "detail", "listing", "feed"}
MEMORY_MB = 200

# The results table's markers in docs/developers/benchmarks.md.
TABLE_START = "<!-- bench-results:start -->"
TABLE_END = "<!-- bench-results:end -->"

_UNITS_MS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60_000.0}


def _ms(text):
    number, unit = re.fullmatch(r"([\d.]+)(us|ms|s|m)", text).groups()
    return round(float(number) * _UNITS_MS[unit], 2)


def parse_wrk(output):
    """Requests per second, p50/p99 latency (ms), requests and errors from
    `wrk --latency`."""
    percentiles = dict(re.findall(r"^\s+(50|99)%\s+([\d.]+\w+)\s*$", output, re.M))
    socket = re.search(
        r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output
    )
    non_2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    return {
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1)),
        "p50_ms": _ms(percentiles["50"]),
        "p99_ms": _ms(percentiles["99"]),
        "requests": int(re.search(r"(\d+) requests in", output).group(1)),
        "errors": (int(non_2xx.group(1)) if non_2xx else 0)
        + (sum(int(n) for n in socket.groups()) if socket else 0),
    }


def page_key(page):
    """What a page's load results are kept under: its URL, or for a page loaded
    signed in, the URL marked so (the same module is also loaded anonymously)."""
    return f"signed-in {page['url']}" if page.get("signed_in") else page["url"]


def missed_targets(results):
    """Each target a run missed, in words."""
    missed = []
    for engine in results["engines"]:
        name = engine["engine"]
        for page in engine["pages"]:
            label = f"{name}: {page['name']}"
            if page["status"] != 200:
                missed.append(f"{label}: HTTP {page['status']}")
            if page["queries"] > QUERY_LIMIT:
                missed.append(f"{label}: {page['queries']} queries > {QUERY_LIMIT}")
            if page["writes"]:
                missed.append(f"{label}: {page['writes']} writes on a GET")
            limit = SERVER_MS.get(page["kind"])
            if limit and page["server_ms_median"] > limit:
                missed.append(
                    f"{label}: server time {page['server_ms_median']} ms > {limit} ms"
                )
            cold_queries = page.get("cold_queries")
            if cold_queries is not None and cold_queries > COLD_QUERY_LIMIT:
                missed.append(
                    f"{label}: {cold_queries} queries cold > {COLD_QUERY_LIMIT}"
                )
            cold_limit = COLD_MS.get(page["kind"])
            cold_ms = page.get("cold_ms_median")
            if cold_limit and cold_ms is not None and cold_ms > cold_limit:
                missed.append(
                    f"{label}: cold server time {cold_ms} ms > {cold_limit} ms"
                )
            uncached = engine["modes"]["uncached"]["pages"][page_key(page)]
            if uncached["p99_ms"] > P99_MS[page["kind"]]:
                missed.append(
                    f"{label}: uncached p99 {uncached['p99_ms']} ms > {P99_MS[page['kind']]} ms"
                )
            ratio = ratio_to_ceiling(engine["modes"]["cached"]["pages"][page_key(page)])
            # A signed-in page is never served from the page cache.
            cacheable = page["kind"] in CACHED_KINDS and not page.get("signed_in")
            if cacheable and ratio < CACHED_RATIO:
                missed.append(
                    f"{label}: cached at {ratio:.0%} of the ceiling < {CACHED_RATIO:.0%}"
                )
            for mode, measured in engine["modes"].items():
                errors = measured["pages"][page_key(page)]["errors"]
                if errors:
                    missed.append(f"{label}: {errors} errors ({mode})")
        for mode, measured in engine["modes"].items():
            peak = max(measured["worker_peak_mb"], default=0)
            if peak > MEMORY_MB:
                missed.append(
                    f"{name} ({mode}): worker peak {peak} MB > {MEMORY_MB} MB"
                )
    return missed


def ratio_to_ceiling(load):
    """Requests per second as a share of the static ceiling measured beside it."""
    return load["rps"] / load["ceiling_rps"]


def markdown(results):
    m = results["machine"]
    s = results["settings"]
    lines = [
        f"Run {results['started'][:10]} on {m['cpu']}, {m['cores']} cores, "
        f"{m['memory_gb']} GB, {m['os']}, Python {m['python']}. "
        f"Data: `seed_scale --scale {s['scale']:g} --seed {s['seed']}`. "
        f"Load: wrk, {s['threads']} threads, {s['connections']} connections, "
        f"{s['duration']} s per URL, against gunicorn with {s['workers']} sync workers "
        "(production settings, DEBUG off) on the same machine. Server time: median of "
        f"{s['repeat']} in-process requests with the page cache off (cold: every cache "
        "emptied before each request, as after a change). vs ceiling: requests "
        "per second as a share of the same server returning the home page's HTML as a "
        "static file under the same load (cached: the ceiling measured right after each "
        "page).",
        "",
    ]
    for engine in results["engines"]:
        uncached, cached = engine["modes"]["uncached"], engine["modes"]["cached"]
        title = "SQLite" if engine["engine"] == "sqlite" else "PostgreSQL"
        lines += [
            f"**{title}**, cache: {engine['cache']}; seeded in {engine['seed_seconds']} s.",
            "",
            "| Page | Queries | Server ms | Cold queries | Cold ms | Uncached req/s | p50 ms | p99 ms | vs ceiling "
            "| Cached req/s | p50 ms | p99 ms | vs ceiling | Errors |",
            "|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|",
        ]
        for page in engine["pages"]:
            u = uncached["pages"][page_key(page)]
            c = cached["pages"][page_key(page)]
            lines.append(
                f"| {page['name']} | {page['queries']} | {page['server_ms_median']} "
                f"| {page.get('cold_queries', '-')} | {page.get('cold_ms_median', '-')} "
                f"| {u['rps']:.0f} | {u['p50_ms']} | {u['p99_ms']} | {ratio_to_ceiling(u):.2f} "
                f"| {c['rps']:.0f} | {c['p50_ms']} | {c['p99_ms']} | {ratio_to_ceiling(c):.2f} "
                f"| {u['errors'] + c['errors']} |"
            )
        uc, cc = uncached["ceiling"], cached["ceiling"]
        lines.append(
            f"| ceiling (static file) | 0 | - | - | - | {uc['rps']:.0f} | {uc['p50_ms']} "
            f"| {uc['p99_ms']} | 1.00 | {cc['rps']:.0f} | {cc['p50_ms']} | {cc['p99_ms']} "
            f"| 1.00 | {uc['errors'] + cc['errors']} |"
        )
        lines += [
            "",
            "Worker peak memory (VmHWM): uncached "
            + ", ".join(f"{mb} MB" for mb in uncached["worker_peak_mb"])
            + "; cached "
            + ", ".join(f"{mb} MB" for mb in cached["worker_peak_mb"])
            + ".",
            "",
        ]
    missed = missed_targets(results)
    lines.append("Targets missed: " + ("none." if not missed else ""))
    lines += [f"- {item}" for item in missed]
    return "\n".join(lines).rstrip() + "\n"


def update_between_markers(path, table, start=TABLE_START, end=TABLE_END):
    """Replace what the page at `path` holds between the `start` and `end` markers;
    False, and the page left alone, when it lacks either marker."""
    text = path.read_text()
    if start not in text or end not in text:
        return False
    head, rest = text.split(start, 1)
    _old, tail = rest.split(end, 1)
    path.write_text(f"{head}{start}\n{table}{end}{tail}")
    return True
