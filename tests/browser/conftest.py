"""Browser tests: Playwright for Python driving Debian's Chromium against a live server.

Run with `make test-browser` (serial, `--liveserver 127.0.0.1`). The folder is skipped
with a reason when Chromium or axe-core (npm) is missing, except under CI (the CI
environment variable set), where a missing piece is an error.
"""

import json
import os
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
        contexts.append(context)
        return context.new_page()

    yield open_page
    for context in contexts:
        context.close()


@pytest.fixture
def page(new_page):
    return new_page()


@pytest.fixture
def demo_site(transactional_db, live_server):
    """The demo content, committed so the live server's thread sees it.

    Transactional tests flush the database at teardown, which also removes what
    Wagtail's migrations created, so the tree's root is made here when absent.
    """
    ensure_tree_root()
    out = StringIO()
    call_command("seed_demo", stdout=out)
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


def assert_accessible(page, url=None):
    violations = axe_violations(page)
    assert not violations, format_violations(url or page.url, violations)
