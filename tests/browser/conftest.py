"""Browser tests: Playwright for Python driving Debian's Chromium against a live server.

Run with `make test-browser` (serial, `--liveserver 127.0.0.1`). The folder is skipped
with a reason when Chromium or axe-core (npm) is missing, except under CI (the CI
environment variable set), where a missing piece is an error.
"""

import json
import os
import re
import sqlite3
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command

from tests.tree import ensure_tree_root

# Playwright's sync API runs an event loop in this thread; Django refuses ORM calls
# from a thread with a running loop unless told otherwise.
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = Path("/usr/bin/chromium")
AXE_JS = ROOT / "node_modules" / "axe-core" / "axe.min.js"
SCREENSHOTS = ROOT / "test-artifacts" / "screenshots"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
BLOCKING_IMPACTS = {"serious", "critical"}
DEMO_PASSWORD = "cecto-demo"  # the demo command's shared password (demo data only)


def _missing():
    missing = []
    if not CHROMIUM.exists():
        missing.append(f"Chromium not found at {CHROMIUM} (apt-get install chromium)")
    if not AXE_JS.exists():
        missing.append(f"axe-core not found at {AXE_JS} (npm ci)")
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        missing.append("playwright is not installed (make install)")
    return missing


@pytest.hookimpl(trylast=True)  # after `-m` has deselected what is not run
def pytest_collection_modifyitems(config, items):
    here = Path(__file__).parent
    ours = [item for item in items if here in Path(str(item.fspath)).parents]
    if not ours:
        return
    missing = _missing()
    if not missing:
        return
    reason = "browser tests need: " + "; ".join(missing)
    if os.environ.get("CI"):
        raise pytest.UsageError(f"CI is set, so not skipping: {reason}")
    for item in ours:
        item.add_marker(pytest.mark.skip(reason=reason))


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True
        )
        yield browser
        browser.close()


@pytest.fixture(scope="session")
def live_server(request):
    """pytest-django's live server, answering one request at a time.

    On in-memory SQLite every request shares the test's one connection; Django's
    threaded server let a page and its images run at once, interleaving their
    transactions (a rendition's foreign key failing at commit, a 503 for "database
    unavailable"). A plain WSGIServer closes each connection after its response,
    as Django's runserver does without threads.
    """
    from django.core.servers.basehttp import WSGIServer
    from pytest_django.live_server_helper import LiveServer

    class OneRequestAtATime(WSGIServer):
        def __init__(self, *args, connections_override=None, **kwargs):
            # LiveServerThread.run already gave its own thread the test's connection.
            super().__init__(*args, **kwargs)

    addr = (
        request.config.getvalue("liveserver")
        or os.getenv("DJANGO_LIVE_TEST_SERVER_ADDRESS")
        or "localhost"
    )
    server = LiveServer(addr, start=False)
    server.thread.server_class = OneRequestAtATime
    server.start()
    yield server
    server.stop()


@pytest.fixture
def new_page(browser, live_server):
    """Opens a page in a browser context of its own: one per person in a scenario,
    so each has their own cookies. The contexts are closed after the test."""
    contexts = []

    def open_page():
        context = browser.new_context(
            base_url=live_server.url, viewport={"width": 1280, "height": 900}
        )
        context.set_default_timeout(15_000)
        # Wagtail's editor releases its editing session with a beacon when the page
        # is hidden, which closing the context does: that request would reach the
        # live server while the test's database is being flushed ("database table is
        # locked"). Nothing here tests the release, so no beacon is sent.
        context.add_init_script("navigator.sendBeacon = () => true;")
        contexts.append(context)
        return context.new_page()

    yield open_page
    for context in contexts:
        context.close()


@pytest.fixture
def page(new_page):
    return new_page()


# The seeded demo database, copied once per session (SQLite's backup API), so each
# later test restores it in milliseconds instead of seeding again (about 30 s each).
_demo_snapshot: dict[str, sqlite3.Connection] = {}


@pytest.fixture
def demo_site(transactional_db, live_server):
    """The demo content, committed so the live server's thread sees it.

    Transactional tests flush the database at teardown, which also removes what
    Wagtail's migrations created, so the tree's root is made here when absent. On
    SQLite (the browser suite's engine) the first test seeds and keeps a copy of the
    whole database; the next ones restore that copy, with the caches emptied.
    """
    from django.core.cache import caches
    from django.db import connection

    if connection.vendor != "sqlite":
        ensure_tree_root()
        call_command("seed_demo", stdout=StringIO())
        return live_server
    connection.ensure_connection()
    snapshot = _demo_snapshot.get("db")
    if snapshot is None:
        ensure_tree_root()
        call_command("seed_demo", stdout=StringIO())
        snapshot = sqlite3.connect(":memory:", check_same_thread=False)
        connection.connection.backup(snapshot)
        _demo_snapshot["db"] = snapshot
    else:
        snapshot.backup(connection.connection)
    for cache in caches.all():
        cache.clear()
    return live_server


def sign_in(page, username, *, admin=False):
    """Signs a demo user in through the site's sign-in page, or the admin's, and
    gives the second factor as a person would: staff set up an authenticator the
    first time (typing the key shown on the page into a TOTP generator), then
    enter a code; the codes are computed here from the key."""
    page.goto("/admin/login/" if admin else "/accounts/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(lambda url: "/login/" not in url)
    if "/two-factor/set-up/" in page.url:
        set_up_authenticator(page)
    elif "/two-factor/verify/" in page.url:
        enter_code(page, username)


def code_from_key(secret):
    """The code an authenticator app shows now for a key typed in by hand."""
    from base64 import b32decode

    from django_otp.oath import TOTP

    return f"{TOTP(b32decode(secret.replace(' ', ''))).token():06d}"


def set_up_authenticator(page):
    """Enrols with the key shown under the QR code; keeps the recovery codes."""
    secret = page.locator("#secret-key").inner_text()
    page.get_by_label("Code from the app, to confirm").fill(code_from_key(secret))
    page.get_by_role("button", name="Confirm and continue").click()
    page.wait_for_url("**/two-factor/recovery-codes/**")
    codes = page.locator(".recovery-codes code").all_inner_texts()
    assert len(codes) == 10, codes
    page.get_by_role("link", name="I have saved my codes: continue").click()
    page.wait_for_url(lambda url: "/two-factor/" not in url)
    return codes


def enter_code(page, username):
    """Enters a current code from the user's authenticator (its key, from the database)."""
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from tests.two_factor import fresh_code_for

    device = TOTPDevice.objects.get(user__username=username, confirmed=True)
    page.get_by_label("Code from your authenticator app").fill(fresh_code_for(device))
    page.get_by_role("button", name="Verify").click()
    page.wait_for_url(lambda url: "/two-factor/" not in url)


def screenshot(page, name):
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path


def axe_violations(page):
    """Runs axe-core (injected from node_modules) on the page; the serious and
    critical violations of the WCAG 2.1 A/AA rules."""
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        # Evaluated through the DevTools protocol: an injected <script> tag would be
        # an inline script, which the site's Content-Security-Policy refuses.
        page.evaluate(AXE_JS.read_text())
    result = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})",
        AXE_TAGS,
    )
    return [v for v in result["violations"] if v["impact"] in BLOCKING_IMPACTS]


def format_violations(url, violations):
    lines = [f"{url}: {len(violations)} serious/critical axe violation(s)"]
    for v in violations:
        targets = [json.dumps(node["target"]) for node in v["nodes"]][:5]
        lines.append(f"  {v['id']} ({v['impact']}): {v['help']}")
        lines.extend(f"    {t}" for t in targets)
    return "\n".join(lines)


# Violations in Wagtail's own admin widgets, open upstream: tolerated on admin screens
# only, node by node (the rule, and a pattern found in the node's HTML), so anything
# else on the same screen still fails.
ADMIN_KNOWN = (
    # Draftail's editor has no accessible name (wagtail/wagtail#14205).
    ("aria-input-field-name", r"public-DraftEditor-content"),
    # TypedTableBlock's cell inputs have no label (wagtail/wagtail#7646).
    ("label", r'id="[^"]*-table-cell-\d+-\d+"'),
    # The tag field (jQuery tag-it) is typed into an input of its own, which the
    # field's label (for the hidden input behind it) does not name.
    ("label", r"ui-autocomplete-input"),
    # A listing's "Show filters" button shows how many filters are in use, a number
    # its name leaves out.
    ("label-content-name-mismatch", r'aria-label="Show filters"'),
)

# Wagtail's workflow action dialog (wagtailadmin/shared/workflow_action_modal.html)
# puts its fields' <div>s straight into <ul class="fields">: for its dialogs only.
WORKFLOW_DIALOG_KNOWN = (*ADMIN_KNOWN, ("list", r'^<ul class="fields">'))


def _unknown(violations, known):
    """The violations, less the nodes that a (rule, HTML pattern) pair allows."""
    left = []
    for violation in violations:
        patterns = [re.compile(p) for rule, p in known if rule == violation["id"]]
        nodes = [
            node
            for node in violation["nodes"]
            if not any(p.search(node["html"]) for p in patterns)
        ]
        if nodes:
            left.append({**violation, "nodes": nodes})
    return left


# Waits for the page's transitions and animations that end (a message fading in),
# so axe does not measure the contrast of text half way through appearing.
SETTLE = """() => Promise.all(document.getAnimations()
  .filter(a => a.effect && a.effect.getTiming().iterations !== Infinity)
  .map(a => a.finished.catch(() => null)))"""


def assert_accessible(page, url=None, *, known=()):
    if known:
        # The admin shows its messages 100 ms after the page loads (w-messages).
        page.wait_for_timeout(150)
    page.evaluate(SETTLE)
    violations = _unknown(axe_violations(page), known)
    assert not violations, format_violations(url or page.url, violations)


def tab_to(page, target, *, key="Tab", most=80):
    """Presses Tab (or Shift+Tab) until `target` has the focus, as a keyboard user
    would, failing if it never does (it is not in the tab order)."""
    for _ in range(most):
        page.keyboard.press(key)
        if target.evaluate("el => el === document.activeElement"):
            return target
    raise AssertionError(f"{key} never reached {target}")


def follow_with_keyboard(page, link, *, key="Tab"):
    """Tabs to a link from where the focus is and follows it with Enter."""
    tab_to(page, link, key=key)
    href = link.get_attribute("href")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    return href


# WCAG 1.4.10 Reflow: at 320 CSS px nothing scrolls sideways but a data table, which
# may scroll inside its own container. Returns how far the page scrolls sideways,
# the elements that stick out of it, and the scroll containers that scroll sideways
# with no table in them.
REFLOW_CHECK = """() => {
  const root = document.scrollingElement;
  const width = root.clientWidth;
  const describe = (el) => el.tagName.toLowerCase() +
    (el.id ? '#' + el.id : '') +
    (typeof el.className === 'string' && el.className.trim()
      ? '.' + el.className.trim().split(/\\s+/).join('.') : '');
  const scrolls = (el) => ['auto', 'scroll'].includes(getComputedStyle(el).overflowX);
  const insideScroller = (el) => {
    for (let p = el.parentElement; p && p !== document.body; p = p.parentElement) {
      if (scrolls(p)) return true;
    }
    return false;
  };
  const sticking = [];
  const containers = [];
  for (const el of document.body.querySelectorAll('*')) {
    const box = el.getBoundingClientRect();
    if (box.width && box.right > width + 1 && !insideScroller(el)) {
      sticking.push(`${describe(el)} (right edge at ${Math.round(box.right)}px)`);
    }
    if (scrolls(el) && el.scrollWidth > el.clientWidth + 1 && !el.querySelector('table')) {
      containers.push(`${describe(el)} (${el.scrollWidth}px in ${el.clientWidth}px)`);
    }
  }
  return {
    overflow: root.scrollWidth - width,
    sticking: sticking.slice(0, 8),
    containers: containers.slice(0, 8),
  };
}"""


def reflow_problems(page):
    """What scrolls sideways on the page shown, but a data table: empty when it
    reflows."""
    found = page.evaluate(REFLOW_CHECK)
    problems = []
    if found["overflow"] > 0:
        problems.append(
            f"the page scrolls sideways by {found['overflow']}px; sticking out: "
            + ", ".join(found["sticking"])
        )
    if found["containers"]:
        problems.append(
            "scrolls sideways with no table in it: " + ", ".join(found["containers"])
        )
    return problems
