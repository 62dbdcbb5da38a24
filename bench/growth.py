"""`make bench-growth`: how the server time of the slowest pages grows with the data.

For each engine, the data set is seeded by `seed_scale` at 1x and at `--scale` (3x by
default; kept in bench/var/ and reused like `make bench`'s). `bench.probe` then
measures every page in-process at each size, under production settings with the
page cache off. The report lists the three pages slowest at 1x, with their server
time and queries at each size and the ratio between them; the goal is flat, a ratio
near 1.0. Results: bench/results/growth.md and growth.json, and the growth table of
docs/developers/benchmarks.md between the bench-growth markers.

    .venv/bin/python -m bench.growth --engines sqlite,postgresql --scale 3
"""

import argparse
import json
import subprocess
from datetime import UTC, datetime

from bench import run

# The growth table's markers in docs/developers/benchmarks.md.
TABLE_START = "<!-- bench-growth:start -->"
TABLE_END = "<!-- bench-growth:end -->"
SLOWEST = 3


def probe(engine, scale, args):
    """`bench.probe`'s pages at one size: [{name, url, kind, queries, server_ms_median,
    ...}] in the probe's order (the same pages at every size)."""
    sized = argparse.Namespace(scale=scale, seed=args.seed, reseed=args.reseed)
    env = run.engine_env(engine, sized)
    run.prepare_database(engine, sized, env)
    run.run([run.BIN / "python", "manage.py", "collectstatic", "--noinput", "-v0"], env)
    run.clear_cache(engine)
    run.log(f"[{engine}] {scale:g}x: in-process measurements (page cache off)")
    output = run.run(
        [
            run.BIN / "python",
            "-m",
            "bench.probe",
            f"--repeat={args.repeat}",
            f"--ceiling={run.VAR / 'growth-ceiling.html'}",
        ],
        {**env, "CACHE_URL": run.cache_url(engine), "PAGE_CACHE_TIMEOUT": "0"},
        stdout=subprocess.PIPE,
        text=True,
    ).stdout
    return json.loads(output)["pages"]


def slowest(base, grown, count=SLOWEST):
    """The `count` pages slowest at the base size, each with both measurements."""
    pairs = sorted(
        zip(base, grown, strict=True),
        key=lambda pair: pair[0]["server_ms_median"],
        reverse=True,
    )
    return [
        {
            "name": small["name"],
            "kind": small["kind"],
            "base_ms": small["server_ms_median"],
            "grown_ms": large["server_ms_median"],
            "base_queries": small["queries"],
            "grown_queries": large["queries"],
            "ratio": round(large["server_ms_median"] / small["server_ms_median"], 2),
        }
        for small, large in pairs[:count]
    ]


def markdown(results):
    scale = f"{results['scale']:g}x"
    lines = [
        f"Run {results['started'][:10]}: `seed_scale --seed {results['seed']}` at 1x and "
        f"{scale}; server time is the median of {results['repeat']} in-process requests "
        "with the page cache off. The three pages slowest at 1x on each engine:",
        "",
        f"| Engine | Page | 1x ms | {scale} ms | Growth | Queries 1x | Queries {scale} |",
        "|---|---|--:|--:|--:|--:|--:|",
    ]
    for engine in results["engines"]:
        title = "SQLite" if engine["engine"] == "sqlite" else "PostgreSQL"
        for row in engine["slowest"]:
            lines.append(
                f"| {title} | {row['name']} | {row['base_ms']} | {row['grown_ms']} "
                f"| {row['ratio']:.2f}x | {row['base_queries']} | {row['grown_queries']} |"
            )
    return "\n".join(lines) + "\n"


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--engines", default="sqlite,postgresql")
    parser.add_argument("--scale", type=float, default=3.0)
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--reseed", action="store_true")
    parser.add_argument("--repeat", type=int, default=25)
    run.add_no_docs_option(parser)
    args = parser.parse_args(argv)
    engines = [name.strip() for name in args.engines.split(",") if name.strip()]

    results = {
        "started": datetime.now(UTC).isoformat(timespec="seconds"),
        "scale": args.scale,
        "seed": args.seed,
        "repeat": args.repeat,
        "engines": [],
    }
    for engine in engines:
        base = probe(engine, 1.0, args)
        grown = probe(engine, args.scale, args)
        results["engines"].append(
            {"engine": engine, "slowest": slowest(base, grown), "pages": grown}
        )
    run.RESULTS.mkdir(parents=True, exist_ok=True)
    table = markdown(results)
    (run.RESULTS / "growth.md").write_text(table)
    (run.RESULTS / "growth.json").write_text(json.dumps(results, indent=2) + "\n")
    if not args.no_docs:
        run.write_docs_table(table, TABLE_START, TABLE_END)
    print(table)


if __name__ == "__main__":
    main()
