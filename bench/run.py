"""`make bench`: the portal at scale, served as in production, under a bounded load.

For each engine (SQLite, PostgreSQL):
1. a database seeded by `seed_scale` (kept in bench/var/ and reused while the scale
   and seed match; `--reseed` rebuilds it), and its seeding time;
2. `bench.probe` in-process, under production settings with the page cache off:
   each page's SQL queries, median server time and whether it wrote anything; it
   also writes the home page's HTML as a static file, the ceiling;
3. gunicorn (production settings, DEBUG off, 2 sync workers, 127.0.0.1), loaded by
   wrk with a fixed number of connections for a fixed time, once with the page
   cache off ("uncached") and once on ("cached"); first the static ceiling, then
   each page: requests per second, p50 and p99 latency, errors, and the ratio to
   the ceiling; the workers' peak memory (VmHWM) at the end.
The SQLite leg shares a file cache between the workers, the PostgreSQL leg Redis.
Results: bench/results/<engine>.json, bench/results/latest.md, and the results
table of docs/developers/benchmarks.md between the bench-results markers.

    .venv/bin/python -m bench.run --engines sqlite,postgresql --duration 10
"""

import argparse
import contextlib
import json
import os
import platform
import secrets
import shutil
import subprocess
import sys
import time
import urllib.error
import urllib.request
from datetime import UTC, datetime
from pathlib import Path

from bench import report

ROOT = Path(__file__).resolve().parents[1]
VAR = ROOT / "bench" / "var"
RESULTS = ROOT / "bench" / "results"
# The page whose tables each run rewrites between its markers (bench/report.py).
DOCS_PAGE = ROOT / "docs" / "developers" / "benchmarks.md"
BIN = ROOT / ".venv" / "bin"
STATIC_ROOT = ROOT / "staticfiles"
CEILING = STATIC_ROOT / "bench" / "ceiling.html"
PG_ADMIN_URL = "postgres://postgres@127.0.0.1:5432"
REDIS_URL = "redis://127.0.0.1:6379/15"
HEADERS = {"X-Forwarded-Proto": "https"}  # as behind the TLS proxy


def log(message):
    print(message, file=sys.stderr, flush=True)


def run(command, env, **kwargs):
    return subprocess.run(command, env=env, cwd=ROOT, check=True, **kwargs)


# --- Databases ------------------------------------------------------------------


def scale_tag(args):
    return f"scale{args.scale:g}_seed{args.seed}".replace(".", "_")


def database_url(engine, args):
    if engine == "sqlite":
        return f"sqlite:///{VAR / f'sqlite-{scale_tag(args)}.sqlite3'}"
    return f"{PG_ADMIN_URL}/cecto_bench_{scale_tag(args)}"


def media_root(engine, args):
    return VAR / f"media-{engine}-{scale_tag(args)}"


def private_media_root(engine, args):
    """Documents (PRIVATE_MEDIA_ROOT), never the project's private-media/."""
    return VAR / f"private-media-{engine}-{scale_tag(args)}"


def prepare_database(engine, args, env):
    """Seeds the engine's database unless a finished seed at this size is there."""
    marker = VAR / f"{engine}-{scale_tag(args)}.seeded.json"
    if marker.exists() and not args.reseed:
        log(f"[{engine}] reusing the seeded database ({marker.name})")
        return json.loads(marker.read_text())
    marker.unlink(missing_ok=True)
    shutil.rmtree(media_root(engine, args), ignore_errors=True)
    shutil.rmtree(private_media_root(engine, args), ignore_errors=True)
    if engine == "sqlite":
        path = Path(database_url(engine, args).removeprefix("sqlite:///"))
        for leftover in path.parent.glob(path.name + "*"):
            leftover.unlink()
    else:
        name = database_url(engine, args).rsplit("/", 1)[1]
        psql = ["psql", "-h", "127.0.0.1", "-U", "postgres", "-qc"]
        run([*psql, f"DROP DATABASE IF EXISTS {name}"], env)
        run([*psql, f"CREATE DATABASE {name}"], env)
    seed_env = {**env, "DJANGO_SETTINGS_MODULE": "portal.settings.dev"}
    run([BIN / "python", "manage.py", "migrate", "--noinput", "-v0"], seed_env)
    log(f"[{engine}] seed_scale --scale {args.scale:g} --seed {args.seed}")
    start = time.monotonic()
    run(
        [
            BIN / "python",
            "manage.py",
            "seed_scale",
            f"--scale={args.scale:g}",
            f"--seed={args.seed}",
        ],
        seed_env,
    )
    seeded = {"seed_seconds": round(time.monotonic() - start, 1), "scale": args.scale}
    marker.write_text(json.dumps(seeded))
    return seeded


def engine_env(engine, args):
    VAR.mkdir(parents=True, exist_ok=True)
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "portal.settings.production",
        "SECRET_KEY": secrets.token_urlsafe(64),
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "DATABASE_URL": database_url(engine, args),
        "MEDIA_ROOT": str(media_root(engine, args)),
        "PRIVATE_MEDIA_ROOT": str(private_media_root(engine, args)),
        "CACHE_KEY_PREFIX": "bench",
        "LOG_LEVEL": "WARNING",
        "PYTHONUNBUFFERED": "1",
    }


def cache_url(engine):
    return REDIS_URL if engine == "postgresql" else f"file://{VAR / 'cache-sqlite'}"


def clear_cache(engine):
    if engine == "postgresql":
        import redis

        redis.Redis.from_url(REDIS_URL).flushdb()
    else:
        shutil.rmtree(VAR / "cache-sqlite", ignore_errors=True)


# --- The server and the load --------------------------------------------------


def get(url, headers=None):
    request = urllib.request.Request(url, headers={**HEADERS, **(headers or {})})
    with urllib.request.urlopen(request, timeout=30) as response:
        return response.status


@contextlib.contextmanager
def gunicorn(env, args):
    server = subprocess.Popen(
        [
            BIN / "gunicorn",
            "portal.wsgi:application",
            f"--bind=127.0.0.1:{args.port}",
            f"--workers={args.workers}",
            "--worker-class=sync",
            "--log-level=warning",
            "--timeout=120",
        ],
        env=env,
        cwd=ROOT,
    )
    base = f"http://127.0.0.1:{args.port}"
    try:
        for _ in range(120):
            with contextlib.suppress(urllib.error.URLError, ConnectionError):
                if get(base + "/healthz") == 200:
                    break
            if server.poll() is not None:
                raise RuntimeError("gunicorn exited before it answered /healthz")
            time.sleep(0.5)
        else:
            raise RuntimeError("gunicorn did not answer /healthz within a minute")
        yield server, base
    finally:
        server.terminate()
        server.wait(timeout=30)


def worker_pids(master_pid):
    children = Path(f"/proc/{master_pid}/task/{master_pid}/children")
    return (
        [int(pid) for pid in children.read_text().split()] if children.exists() else []
    )


def peak_memory_mb(pids):
    """Each worker's peak resident memory so far (VmHWM), in MB."""
    peaks = []
    for pid in pids:
        with contextlib.suppress(FileNotFoundError):
            for line in Path(f"/proc/{pid}/status").read_text().splitlines():
                if line.startswith("VmHWM:"):
                    peaks.append(round(int(line.split()[1]) / 1024, 1))
    return peaks


def load(url, args, cookie=None):
    """wrk against `url`; with `cookie` (a signed-in participant's session), sent on
    every request."""
    headers = {"Cookie": cookie} if cookie else {}
    for _ in range(args.workers * 2):  # each worker warm: renditions, caches
        get(url, headers)
    command = [
        "wrk",
        f"--threads={args.threads}",
        f"--connections={args.connections}",
        f"--duration={args.duration}s",
        "--latency",
        *[
            f"--header={name}: {value}"
            for name, value in {**HEADERS, **headers}.items()
        ],
        url,
    ]
    output = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    return report.parse_wrk(output)


def load_all(engine, mode, pages, env, args, cookie=None):
    """Each page under load; pages marked `signed_in` send the session `cookie`."""
    clear_cache(engine)
    mode_env = {
        **env,
        "CACHE_URL": cache_url(engine),
        "PAGE_CACHE_TIMEOUT": "300" if mode == "cached" else "0",
    }
    with gunicorn(mode_env, args) as (server, base):
        ceiling_url = base + "/static/bench/ceiling.html"
        log(f"[{engine}/{mode}] ceiling: {ceiling_url}")
        ceiling = load(ceiling_url, args)
        loads = {}
        for page in pages:
            log(f"[{engine}/{mode}] {page['name']}: {page['url']}")
            key = report.page_key(page)
            signed_in = cookie if page.get("signed_in") else None
            loads[key] = load(base + page["url"], args, signed_in)
            if mode == "cached":
                # Cached pages come close to the ceiling, so each is compared with a
                # ceiling measured right after it: the machine's noise drifts.
                loads[key]["ceiling_rps"] = load(ceiling_url, args)["rps"]
            else:
                loads[key]["ceiling_rps"] = ceiling["rps"]
        memory = peak_memory_mb(worker_pids(server.pid))
    return {"ceiling": ceiling, "pages": loads, "worker_peak_mb": memory}


# --- One engine, then all -----------------------------------------------------


def bench_engine(engine, args):
    env = engine_env(engine, args)
    seeded = prepare_database(engine, args, env)
    run([BIN / "python", "manage.py", "collectstatic", "--noinput", "-v0"], env)
    log(f"[{engine}] in-process measurements (page cache off)")
    probe_env = {**env, "CACHE_URL": cache_url(engine), "PAGE_CACHE_TIMEOUT": "0"}
    clear_cache(engine)
    probe = json.loads(
        run(
            [
                BIN / "python",
                "-m",
                "bench.probe",
                f"--repeat={args.repeat}",
                f"--ceiling={CEILING}",
            ],
            probe_env,
            stdout=subprocess.PIPE,
            text=True,
        ).stdout
    )
    modes = {
        mode: load_all(engine, mode, probe["pages"], env, args, probe.get("cookie"))
        for mode in ("uncached", "cached")
    }
    return {
        "engine": engine,
        "cache": "Redis" if engine == "postgresql" else "files (FileBasedCache)",
        **seeded,
        "ceiling_bytes": probe["ceiling_bytes"],
        "pages": probe["pages"],
        "modes": modes,
    }


def machine():
    cpu = next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        ),
        platform.processor(),
    )
    mem_kb = next(
        int(line.split()[1])
        for line in Path("/proc/meminfo").read_text().splitlines()
        if line.startswith("MemTotal:")
    )
    return {
        "cpu": cpu,
        "cores": os.cpu_count(),
        "memory_gb": round(mem_kb / 1024 / 1024, 1),
        "os": platform.platform(terse=True),
        "python": platform.python_version(),
    }


def add_no_docs_option(parser):
    """`--no-docs`: leave the docs page's table alone. `--no-readme` is its older
    name, from when the tables were in README.md; CI still passes it."""
    parser.add_argument(
        "--no-docs",
        "--no-readme",
        dest="no_docs",
        action="store_true",
        help=f"leave {DOCS_PAGE.relative_to(ROOT)} alone (--no-readme: the same)",
    )


def write_docs_table(table, start, end):
    """Write `table` into the docs page between `start` and `end`, or say why not."""
    if not report.update_between_markers(DOCS_PAGE, table, start, end):
        log(
            f"{DOCS_PAGE.relative_to(ROOT)} has no {start} ... {end}: table not written"
        )


def main(argv=None):
    parser = argparse.ArgumentParser(description="Benchmark the portal at scale.")
    parser.add_argument("--engines", default="sqlite,postgresql")
    parser.add_argument("--scale", type=float, default=1.0)
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--reseed", action="store_true")
    parser.add_argument(
        "--duration", type=int, default=10, help="seconds of load per URL"
    )
    parser.add_argument("--connections", type=int, default=4)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--repeat", type=int, default=25, help="in-process samples")
    parser.add_argument("--port", type=int, default=8765)
    add_no_docs_option(parser)
    args = parser.parse_args(argv)

    engines = [name.strip() for name in args.engines.split(",") if name.strip()]
    unknown = set(engines) - {"sqlite", "postgresql"}
    if unknown:
        parser.error(f"unknown engines: {', '.join(sorted(unknown))}")
    if not shutil.which("wrk"):
        parser.error(
            "wrk is not installed (make bench installs it: apt-get install wrk)"
        )

    started = datetime.now(UTC)
    results = {
        "started": started.isoformat(timespec="seconds"),
        "machine": machine(),
        "settings": {
            key: getattr(args, key)
            for key in (
                "scale",
                "seed",
                "duration",
                "connections",
                "threads",
                "workers",
                "repeat",
            )
        },
        "engines": [bench_engine(engine, args) for engine in engines],
    }
    results["seconds"] = round((datetime.now(UTC) - started).total_seconds())
    RESULTS.mkdir(parents=True, exist_ok=True)
    for engine in results["engines"]:
        single = {**results, "engines": [engine]}
        (RESULTS / f"{engine['engine']}.json").write_text(
            json.dumps(single, indent=2) + "\n"
        )
    markdown = report.markdown(results)
    (RESULTS / "latest.md").write_text(markdown)
    (RESULTS / "latest.json").write_text(json.dumps(results, indent=2) + "\n")
    if not args.no_docs:
        write_docs_table(markdown, report.TABLE_START, report.TABLE_END)
    print(markdown)
    failures = report.missed_targets(results)
    if failures:
        log("Targets missed:\n  " + "\n  ".join(failures))


if __name__ == "__main__":
    main()
