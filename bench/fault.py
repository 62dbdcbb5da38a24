"""`make fault`: the portal under a light load while its services fail one by one.

Everything runs on 127.0.0.1 and is thrown away at the end: a PostgreSQL cluster of
its own (initdb, fsync off, a free port), a Redis of its own, a local SMTP server
(aiosmtpd, in this process), gunicorn with production settings and 2 workers, and
the e-mail worker (`manage.py email_worker`, restarted if it exits, as systemd
would). The machine's shared PostgreSQL and Redis are never touched.

Phases, each under the same load (a few threads of urllib-style clients that read
pages and post the /join/ interest form as new visitors behind a proxy):

    baseline, redis-down, redis-back, smtp-down, smtp-back, postgres-down,
    postgres-back, worker-killed

Checks: no error in the baseline; pages keep answering with Redis down (the cache
fails open); the form keeps working with the mail server down (e-mail is queued);
with PostgreSQL down every answer is a cached page or the friendly 503, never a
500, and pages answer again within seconds of its return; a killed worker is
replaced; every form post that got a success answer is stored; every e-mail queued
meanwhile reaches the SMTP server in the end. Results: bench/results/fault.json and
fault.md; the exit status is 1 if a check fails.

    .venv/bin/python -m bench.fault [--phase-seconds 6] [--threads 4]
"""

import argparse
import contextlib
import http.client
import json
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "bench" / "results"
BIN = ROOT / ".venv" / "bin"
PAGES = ["/", "/join/", "/curriculum/", "/case-studies/", "/news/", "/healthz"]
FRIENDLY_503 = "Back in a moment"
POST_EVERY = 4  # one form post per this many requests of a thread
RECOVERY_SECONDS = 10  # pages must answer again this soon after a service returns
# Queued e-mail must arrive this soon after the last phase. An attempt cut off by the
# database outage counts as stuck after outbox.queue.stale_after() (60 s) and is then
# queued again by the worker's next look (RECOVER_EVERY_SECONDS), so the wait covers both.
MAIL_WAIT_SECONDS = 100
RECOVER_EVERY_SECONDS = 5
PHASES = [
    "baseline",
    "redis-down",
    "redis-back",
    "smtp-down",
    "smtp-back",
    "postgres-down",
    "postgres-back",
    "worker-killed",
]


def log(message):
    print(f"[fault] {message}", file=sys.stderr, flush=True)


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


# --- Pure parts: parsing, summaries, checks, report (tests/bench/test_fault.py) ---

CSRF_INPUT = re.compile(
    r'<input[^>]*name="csrfmiddlewaretoken"[^>]*value="([^"]+)"|'
    r'<input[^>]*value="([^"]+)"[^>]*name="csrfmiddlewaretoken"'
)


def csrf_token(html):
    """The CSRF token of the first form in ``html``, or None."""
    match = CSRF_INPUT.search(html)
    return next((group for group in match.groups() if group), None) if match else None


def cookie_value(set_cookie_headers, name):
    """A cookie's value from a response's Set-Cookie headers, or None."""
    for header in set_cookie_headers:
        first = header.split(";", 1)[0]
        key, _, value = first.partition("=")
        if key.strip() == name:
            return value.strip()
    return None


@dataclass
class Outcome:
    """One request: when it ended (seconds into the phase), what it was, its answer."""

    at: float
    kind: str  # "get" or "post"
    path: str
    status: int | None  # None: no HTTP answer (refused, reset, timed out)
    friendly: bool = False  # a 503 carrying the friendly page
    error: str = ""


def is_error(outcome):
    return outcome.status is None or outcome.status >= 400


def summarise(outcomes, seconds):
    """Requests, answers by status and the error rate of one phase."""
    statuses = Counter(
        "no answer" if o.status is None else str(o.status) for o in outcomes
    )
    errors = sum(1 for o in outcomes if is_error(o))
    return {
        "seconds": round(seconds, 1),
        "requests": len(outcomes),
        "posts": sum(1 for o in outcomes if o.kind == "post"),
        "statuses": dict(sorted(statuses.items())),
        "errors": errors,
        "error_rate": round(errors / len(outcomes), 4) if outcomes else 0.0,
        "last_error_at": round(
            max((o.at for o in outcomes if is_error(o)), default=0), 1
        ),
    }


@dataclass
class Check:
    name: str
    passed: bool
    detail: str


def phase_checks(outcomes):
    """The checks that read the phases' outcomes alone."""
    checks = []

    def clean(phase, what):
        bad = [o for o in outcomes.get(phase, []) if is_error(o)]
        statuses = Counter(str(o.status or o.error) for o in bad)
        checks.append(
            Check(
                what,
                bool(outcomes.get(phase)) and not bad,
                f"{len(outcomes.get(phase, []))} requests, errors: "
                + (", ".join(f"{k} x{v}" for k, v in statuses.items()) or "none"),
            )
        )

    clean("baseline", "baseline: every request answered without error")
    clean("redis-down", "Redis down: pages and the form keep answering (fail-open)")
    clean("smtp-down", "SMTP down: pages and the form keep answering (e-mail queued)")
    down = outcomes.get("postgres-down", [])
    # /healthz answers its own 503 to the load balancer; pages answer the friendly one.
    unfriendly = [
        o
        for o in down
        if is_error(o)
        and not (o.status == 503 and (o.friendly or o.path == "/healthz"))
    ]
    checks.append(
        Check(
            "PostgreSQL down: every error is the friendly 503, never a 500",
            bool(down) and not unfriendly,
            f"{len(down)} requests, friendly 503: "
            f"{sum(1 for o in down if o.status == 503 and o.friendly)}, /healthz 503: "
            f"{sum(1 for o in down if o.status == 503 and o.path == '/healthz')}, "
            "other errors: "
            + (
                ", ".join(
                    f"{k} x{v}"
                    for k, v in Counter(
                        str(o.status or o.error) for o in unfriendly
                    ).items()
                )
                or "none"
            ),
        )
    )
    checks.append(
        Check(
            "PostgreSQL down: the outage was real (some request needed it)",
            any(o.status == 503 for o in down),
            "a 503 was seen" if any(o.status == 503 for o in down) else "no 503 seen",
        )
    )
    posted = {
        phase: sum(
            1
            for o in outcomes.get(phase, [])
            if o.kind == "post" and o.status in (302, 303)
        )
        for phase in ("redis-down", "smtp-down")
    }
    checks.append(
        Check(
            "forms were sent with success during the Redis and the SMTP outage",
            all(posted.values()),
            ", ".join(f"{phase}: {count}" for phase, count in posted.items()),
        )
    )
    for phase, service in (
        ("redis-back", "Redis"),
        ("smtp-back", "SMTP"),
        ("postgres-back", "PostgreSQL"),
    ):
        back = outcomes.get(phase, [])
        errors = [o for o in back if is_error(o)]
        last = max((o.at for o in errors), default=0.0)
        checks.append(
            Check(
                f"{service} back: no error later than {RECOVERY_SECONDS} s after",
                bool(back) and last <= RECOVERY_SECONDS,
                f"{len(back)} requests, {len(errors)} errors, the last at {last:.1f} s",
            )
        )
    return checks


def worker_kill_check(outcomes, before, after, threads):
    """gunicorn replaced the killed worker, and only requests in flight on it
    (at most one per client thread) went unanswered."""
    errors = sum(1 for o in outcomes if is_error(o))
    replaced = len(after) == len(before) and before[0] not in after
    return Check(
        "a killed gunicorn worker is replaced, failing at most its requests in flight",
        bool(before) and replaced and errors <= threads,
        f"workers before {before}, after {after}; {errors} errors of "
        f"{len(outcomes)} requests",
    )


def render_markdown(result):
    """The short report, bench/results/fault.md."""
    lines = [
        f"# Fault run, {result['started']}",
        "",
        f"{result['machine']}. Load: {result['threads']} client threads, one form "
        f"post in {POST_EVERY} requests, {result['phase_seconds']} s per phase, "
        "against gunicorn (production settings, 2 workers), PostgreSQL, Redis, a "
        "local SMTP server and the e-mail worker, all on 127.0.0.1.",
        "",
        "| Phase | Requests | Posts | Answers | Errors | Error rate |",
        "| --- | ---: | ---: | --- | ---: | ---: |",
    ]
    for name, phase in result["phases"].items():
        answers = ", ".join(f"{k}: {v}" for k, v in phase["statuses"].items())
        lines.append(
            f"| {name} | {phase['requests']} | {phase['posts']} | {answers} | "
            f"{phase['errors']} | {phase['error_rate']:.1%} |"
        )
    lines += ["", "| Check | Result | Detail |", "| --- | --- | --- |"]
    for check in result["checks"]:
        mark = "pass" if check["passed"] else "**FAIL**"
        lines.append(f"| {check['name']} | {mark} | {check['detail']} |")
    verdict = "All checks passed." if result["passed"] else "Some checks FAILED."
    lines += ["", verdict, ""]
    return "\n".join(lines)


# --- The services, each ours alone --------------------------------------------------


def postgres_bin():
    found = sorted(Path("/usr/lib/postgresql").glob("*/bin/pg_ctl"))
    if found:
        return found[-1].parent
    pg_ctl = shutil.which("pg_ctl")
    if pg_ctl:
        return Path(pg_ctl).parent
    raise RuntimeError("PostgreSQL's server binaries (pg_ctl, initdb) are missing.")


class Postgres:
    """A throwaway cluster: trust auth on 127.0.0.1, a free port, fsync off."""

    def __init__(self, directory):
        self.bin = postgres_bin()
        self.directory = Path(directory) / "pgdata"
        self.port = free_port()
        self.as_postgres = (
            ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
        )

    def _run(self, *command):
        subprocess.run(
            [*self.as_postgres, *command], check=True, capture_output=True, timeout=60
        )

    def init(self):
        self.directory.parent.mkdir(parents=True, exist_ok=True)
        if self.as_postgres:
            shutil.chown(self.directory.parent, "postgres")
        self._run(
            str(self.bin / "initdb"),
            "-D",
            str(self.directory),
            "-U",
            "postgres",
            "--auth=trust",
            "--no-sync",
        )
        self.start()

    def start(self):
        options = (
            f"-p {self.port} -c listen_addresses=127.0.0.1 -k {self.directory} "
            "-c fsync=off -c synchronous_commit=off -c full_page_writes=off"
        )
        self._run(
            str(self.bin / "pg_ctl"),
            "-D",
            str(self.directory),
            "-o",
            options,
            "-l",
            str(self.directory / "server.log"),
            "-w",
            "start",
        )

    def stop(self):
        with contextlib.suppress(subprocess.SubprocessError):
            self._run(
                str(self.bin / "pg_ctl"),
                "-D",
                str(self.directory),
                "-m",
                "fast",
                "-w",
                "stop",
            )

    def url(self, name):
        return f"postgres://postgres@127.0.0.1:{self.port}/{name}"

    def sql(self, statement, database="postgres"):
        result = subprocess.run(
            [
                "psql",
                "-h",
                "127.0.0.1",
                "-p",
                str(self.port),
                "-U",
                "postgres",
                "-d",
                database,
                "-qtAc",
                statement,
            ],
            check=True,
            capture_output=True,
            text=True,
            timeout=30,
        )
        return result.stdout


class Redis:
    """A Redis of our own, in the foreground, nothing saved."""

    def __init__(self):
        self.port = free_port()
        self.process = None

    def start(self):
        self.process = subprocess.Popen(
            [
                "redis-server",
                "--port",
                str(self.port),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no",
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        for _ in range(50):
            with (
                contextlib.suppress(OSError),
                socket.create_connection(("127.0.0.1", self.port), timeout=0.2),
            ):
                return
            time.sleep(0.1)
        raise RuntimeError("Redis did not start")

    def stop(self):
        if self.process and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=10)


class Smtp:
    """aiosmtpd in this process; keeps every message it receives."""

    def __init__(self):
        self.port = free_port()
        self.messages = []
        self.controller = None

    def start(self):
        from aiosmtpd.controller import Controller

        smtp = self

        class Handler:
            async def handle_DATA(self, server, session, envelope):
                smtp.messages.append(envelope.content.decode("utf-8", "replace"))
                return "250 OK"

        self.controller = Controller(Handler(), hostname="127.0.0.1", port=self.port)
        self.controller.start()

    def stop(self):
        if self.controller:
            self.controller.stop()
            self.controller = None


class Supervised:
    """A process restarted whenever it exits, as systemd's Restart=always would."""

    def __init__(self, command, env, log_path):
        self.command, self.env, self.log_path = command, env, log_path
        self.process, self.restarts, self.stopping = None, 0, False
        self.thread = threading.Thread(target=self._watch, daemon=True)

    def start(self):
        self._spawn()
        self.thread.start()

    def _spawn(self):
        with open(self.log_path, "ab") as output:
            self.process = subprocess.Popen(
                self.command,
                env=self.env,
                cwd=ROOT,
                stdout=output,
                stderr=subprocess.STDOUT,
            )

    def _watch(self):
        while not self.stopping:
            if self.process.poll() is not None and not self.stopping:
                self.restarts += 1
                time.sleep(1)
                self._spawn()
            time.sleep(0.5)

    def stop(self):
        self.stopping = True
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.process.kill()


# --- The load -------------------------------------------------------------------------


class Load:
    """Threads that read pages and post the interest form, recording every answer."""

    def __init__(self, port, threads):
        self.port, self.threads = port, threads
        self.phase, self.phase_start = None, time.monotonic()
        self.outcomes = {}
        self.posted = []  # tokens of form posts that got a success answer
        self.lock = threading.Lock()
        self.stop_event = threading.Event()
        self.counter = 0

    def set_phase(self, name):
        with self.lock:
            self.phase, self.phase_start = name, time.monotonic()
            self.outcomes.setdefault(name, [])

    def _record(self, kind, path, status, body="", error=""):
        with self.lock:
            if self.phase is None:
                return
            self.outcomes[self.phase].append(
                Outcome(
                    at=time.monotonic() - self.phase_start,
                    kind=kind,
                    path=path,
                    status=status,
                    friendly=status == 503 and FRIENDLY_503 in body,
                    error=error,
                )
            )

    def _request(self, method, path, body=None, headers=None):
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=10)
        try:
            connection.request(
                method,
                path,
                body=body,
                headers={
                    "Host": f"127.0.0.1:{self.port}",
                    "X-Forwarded-Proto": "https",
                    **(headers or {}),
                },
            )
            response = connection.getresponse()
            text = response.read().decode("utf-8", "replace")
            return response.status, text, response.headers.get_all("Set-Cookie") or []
        finally:
            connection.close()

    def _get(self, path, headers=None):
        try:
            status, text, cookies = self._request("GET", path, headers=headers)
        except (OSError, http.client.HTTPException) as error:
            self._record("get", path, None, error=type(error).__name__)
            return None, "", []
        self._record("get", path, status, text)
        return status, text, cookies

    def _post_form(self, number):
        # A new visitor behind the proxy, on a network of its own.
        client = {"X-Forwarded-For": f"10.{number // 250 % 250}.{number % 250}.7"}
        status, html, cookies = self._get("/join/", client)
        token, cookie = csrf_token(html), cookie_value(cookies, "csrftoken")
        if status != 200 or not token or not cookie:
            return
        mark = f"fault-{number}-{secrets.token_hex(4)}"
        body = urlencode(
            {
                "csrfmiddlewaretoken": token,
                "name": f"Fault Run {mark}",
                "email": f"{mark}@example.test",
                "message": mark,
                "website": "",
            }
        )
        origin = f"https://127.0.0.1:{self.port}"
        headers = {
            **client,
            "Content-Type": "application/x-www-form-urlencoded",
            "Cookie": f"csrftoken={cookie}",
            "Origin": origin,
            "Referer": f"{origin}/join/",
        }
        try:
            status, text, _ = self._request("POST", "/join/", body, headers)
        except (OSError, http.client.HTTPException) as error:
            self._record("post", "/join/", None, error=type(error).__name__)
            return
        self._record("post", "/join/", status, text)
        if status in (302, 303):
            with self.lock:
                self.posted.append(mark)

    def _run(self, index):
        step = index
        while not self.stop_event.is_set():
            step += 1
            if step % POST_EVERY == 0:
                with self.lock:
                    self.counter += 1
                    number = self.counter
                self._post_form(number)
            else:
                self._get(PAGES[step % len(PAGES)])
            time.sleep(0.05)

    def start(self):
        self.workers = [
            threading.Thread(target=self._run, args=(i,), daemon=True)
            for i in range(self.threads)
        ]
        for worker in self.workers:
            worker.start()

    def stop(self):
        self.stop_event.set()
        for worker in self.workers:
            worker.join(timeout=15)
        with self.lock:
            self.phase = None


# --- The run -------------------------------------------------------------------------


def manage(env, *arguments, settings="portal.settings.production"):
    try:
        subprocess.run(
            [BIN / "python", "manage.py", *arguments],
            env={**env, "DJANGO_SETTINGS_MODULE": settings},
            cwd=ROOT,
            check=True,
            capture_output=True,
            timeout=300,
        )
    except subprocess.CalledProcessError as error:
        log(error.stderr.decode("utf-8", "replace")[-3000:])
        raise


def worker_pids(master_pid):
    children = Path(f"/proc/{master_pid}/task/{master_pid}/children")
    return (
        sorted(int(pid) for pid in children.read_text().split())
        if children.exists()
        else []
    )


def wait_healthy(port, seconds=60):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        with contextlib.suppress(OSError, http.client.HTTPException):
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
            connection.request(
                "GET", "/healthz", headers={"X-Forwarded-Proto": "https"}
            )
            if connection.getresponse().status == 200:
                return
        time.sleep(0.5)
    raise RuntimeError("gunicorn did not answer /healthz")


def warm(port, paths):
    for path in paths:
        with contextlib.suppress(OSError, http.client.HTTPException):
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
            headers = {"X-Forwarded-Proto": "https", "Host": f"127.0.0.1:{port}"}
            connection.request("GET", path, headers=headers)
            connection.getresponse().read()
            connection.close()


def stored_marks(pg, database):
    rows = pg.sql("SELECT form_data::text FROM wagtailforms_formsubmission", database)
    return set(re.findall(r"fault-\d+-[0-9a-f]{8}", rows))


def email_retried(pg, database):
    """How many queued e-mails needed more than one attempt."""
    rows = pg.sql(
        "SELECT count(*) FROM outbox_outgoingemail WHERE attempts > 1", database
    )
    return int(rows.strip() or 0)


def email_statuses(pg, database):
    rows = pg.sql(
        "SELECT status, count(*) FROM outbox_outgoingemail GROUP BY status", database
    )
    return dict(line.split("|") for line in rows.split() if "|" in line)


def run(args):
    started = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    work = Path(tempfile.mkdtemp(prefix="cecto-fault-"))
    if os.geteuid() == 0:
        shutil.chown(work, "postgres")
        work.chmod(0o755)
    pg, redis, smtp = Postgres(work), Redis(), Smtp()
    gunicorn = worker = load = None
    database = "cecto_fault"
    began = time.monotonic()
    try:
        log(
            f"PostgreSQL cluster on port {pg.port}, Redis on {redis.port}, SMTP on {smtp.port}"
        )
        pg.init()
        pg.sql(f"CREATE DATABASE {database}")
        redis.start()
        smtp.start()
        port = args.port or free_port()
        env = {
            **os.environ,
            "SECRET_KEY": secrets.token_urlsafe(64),
            "ALLOWED_HOSTS": "127.0.0.1,localhost",
            "DATABASE_URL": pg.url(database),
            "CACHE_URL": f"redis://127.0.0.1:{redis.port}/0",
            "CACHE_KEY_PREFIX": "fault",
            "MEDIA_ROOT": str(work / "media"),
            "PRIVATE_MEDIA_ROOT": str(work / "private-media"),
            "EMAIL_HOST": "127.0.0.1",
            "EMAIL_PORT": str(smtp.port),
            "EMAIL_TIMEOUT": "5",
            "EMAIL_RETRY_BASE_SECONDS": "1",
            "EMAIL_RETRY_MAX_SECONDS": "2",
            "EMAIL_MAX_ATTEMPTS": "100",
            "TRUSTED_PROXY_COUNT": "1",
            "LOG_LEVEL": "ERROR",
            "PYTHONUNBUFFERED": "1",
        }
        for step, settings in (
            (["migrate", "--noinput", "-v0"], "portal.settings.dev"),
            (["seed_demo"], "portal.settings.dev"),  # production refuses demo content
            (["collectstatic", "--noinput", "-v0"], "portal.settings.production"),
        ):
            log(f"manage.py {step[0]} ({time.monotonic() - began:.0f} s into the run)")
            manage(env, *step, settings=settings)
        gunicorn = subprocess.Popen(
            [
                BIN / "gunicorn",
                "portal.wsgi:application",
                f"--bind=127.0.0.1:{port}",
                "--workers=2",
                "--timeout=30",
                "--graceful-timeout=5",
                "--log-level=warning",
            ],
            env={**env, "DJANGO_SETTINGS_MODULE": "portal.settings.production"},
            cwd=ROOT,
            stdout=open(work / "gunicorn.log", "wb"),  # noqa: SIM115 - closed with the process
            stderr=subprocess.STDOUT,
        )
        wait_healthy(port)
        log(f"gunicorn answers ({time.monotonic() - began:.0f} s into the run)")
        worker = Supervised(
            [
                BIN / "python",
                "manage.py",
                # As production runs it (deploy/cecto-worker.service).
                "email_worker",
                "--database-retry-seconds",
                "1",
                "--queue-name",
                "*",
                "--interval",
                "0.5",
                "--recover-every",
                str(RECOVER_EVERY_SECONDS),
                "--no-startup-delay",
            ],
            {**env, "DJANGO_SETTINGS_MODULE": "portal.settings.production"},
            work / "email_worker.log",
        )
        worker.start()

        load = Load(port, args.threads)
        timings = {}
        seconds = args.phase_seconds

        def phase(name, action=None, length=seconds):
            # The phase starts with its action: what fails while a service stops
            # belongs to its outage, what fails while it starts to its recovery.
            log(f"phase {name} ({time.monotonic() - began:.0f} s into the run)")
            load.set_phase(name)
            start = time.monotonic()
            if action:
                action()
            time.sleep(max(0, length - (time.monotonic() - start)))
            timings[name] = time.monotonic() - start

        # Every worker renders every page once (renditions, template caches), so
        # the baseline measures the portal, not its first requests.
        warm(port, PAGES * 4)
        load.set_phase("warm-up")
        load.start()
        time.sleep(1)
        phase("baseline")
        phase("redis-down", redis.stop)
        phase("redis-back", redis.start, length=max(seconds, RECOVERY_SECONDS + 2))
        phase("smtp-down", smtp.stop)
        phase("smtp-back", smtp.start)
        phase("postgres-down", pg.stop)
        phase("postgres-back", pg.start, length=max(seconds, RECOVERY_SECONDS + 2))
        before_kill = worker_pids(gunicorn.pid)

        def kill_worker():
            os.kill(before_kill[0], signal.SIGKILL)

        phase("worker-killed", kill_worker)
        after_kill = worker_pids(gunicorn.pid)
        load.stop()

        checks = phase_checks(load.outcomes)
        checks.append(
            worker_kill_check(
                load.outcomes.get("worker-killed", []),
                before_kill,
                after_kill,
                args.threads,
            )
        )
        posted = set(load.posted)
        stored = stored_marks(pg, database)
        lost = posted - stored
        checks.append(
            Check(
                "every form post answered with success is stored",
                bool(posted) and not lost,
                f"{len(posted)} posts succeeded, {len(posted & stored)} stored"
                + (f", lost: {sorted(lost)[:5]}" if lost else ""),
            )
        )
        log(f"waiting for the queued e-mail ({time.monotonic() - began:.0f} s)")
        deadline = time.monotonic() + MAIL_WAIT_SECONDS
        while time.monotonic() < deadline:
            delivered = {
                m for m in posted if any(m in message for message in smtp.messages)
            }
            if delivered == posted:
                break
            time.sleep(1)
        missing = posted - delivered
        statuses = email_statuses(pg, database)
        checks.append(
            Check(
                "every e-mail queued (also during the SMTP outage) arrives",
                bool(posted) and not missing,
                f"{len(delivered)} of {len(posted)} staff e-mails received; queue: "
                + (
                    ", ".join(f"{k} {v}" for k, v in sorted(statuses.items()))
                    or "empty"
                )
                + f"; worker restarts: {worker.restarts}",
            )
        )
        retried = email_retried(pg, database)
        checks.append(
            Check(
                "the SMTP outage was real: some e-mail needed another attempt",
                retried > 0,
                f"{retried} e-mails needed more than one attempt",
            )
        )
        phases = {
            name: summarise(load.outcomes.get(name, []), timings.get(name, 0))
            for name in PHASES
        }
        result = {
            "started": started,
            "machine": f"{os.cpu_count()} cores, Python {sys.version.split()[0]}",
            "threads": args.threads,
            "phase_seconds": seconds,
            "phases": phases,
            "email_queue": statuses,
            "email_worker_restarts": worker.restarts,
            "seconds": round(time.monotonic() - began),
            "checks": [check.__dict__ for check in checks],
            "passed": all(check.passed for check in checks),
        }
        RESULTS.mkdir(parents=True, exist_ok=True)
        (RESULTS / "fault.json").write_text(json.dumps(result, indent=2) + "\n")
        (RESULTS / "fault.md").write_text(render_markdown(result))
        print(render_markdown(result))
        return 0 if result["passed"] else 1
    finally:
        if load:
            load.stop()
        if worker:
            worker.stop()
        if gunicorn and gunicorn.poll() is None:
            gunicorn.terminate()
            with contextlib.suppress(subprocess.TimeoutExpired):
                gunicorn.wait(timeout=15)
            if gunicorn.poll() is None:
                gunicorn.kill()
        smtp.stop()
        redis.stop()
        pg.stop()
        if args.keep:
            log(f"logs kept in {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--phase-seconds", type=float, default=6)
    parser.add_argument("--threads", type=int, default=4)
    parser.add_argument(
        "--port", type=int, default=0, help="gunicorn's port (free one by default)"
    )
    parser.add_argument(
        "--keep", action="store_true", help="keep the logs and data directory"
    )
    args = parser.parse_args(argv)
    # A terminated run still stops every service it started (the finally above).
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    return run(args)


if __name__ == "__main__":
    sys.exit(main())
