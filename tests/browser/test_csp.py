"""The Content-Security-Policy in a real browser: no violation on any public page type
or in the admin's editor, preview, image chooser and workflow dialog.

Each page records `securitypolicyviolation` events (in every frame, the preview's
iframe too) and Chromium's console messages about the policy; none is allowed. The
admin is signed in with a verified second factor (tests/two_factor.py) through a
session cookie handed to the browser, so this test does not depend on how the
sign-in form's two-factor steps look.
"""

import re

import pytest
from django.conf import settings
from django.test import Client
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import expect

from tests.browser.conftest import screenshot
from tests.browser.urls import path_of

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

RECORD_VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__cspViolations.push(
    `${event.violatedDirective} blocked ${event.blockedURI || "inline"} ` +
    `at ${event.sourceFile}:${event.lineNumber} ${event.sample || ""}`
  );
});
"""


class ViolationWatch:
    """Collects CSP violations from a page's frames and its console."""

    def __init__(self, page):
        self.page = page
        self.console = []
        page.add_init_script(RECORD_VIOLATIONS)
        page.on("console", self._on_console)

    def _on_console(self, message):
        text = message.text
        if "Content Security Policy" in text or "Content-Security-Policy" in text:
            self.console.append(text)

    def violations(self):
        found = list(self.console)
        for frame in self.page.frames:
            try:
                found += frame.evaluate("() => window.__cspViolations || []")
            except PlaywrightError:  # a frame navigating away
                continue
        return found

    def assert_none(self, where):
        found = self.violations()
        assert not found, f"{where}: CSP violations:\n" + "\n".join(found)


def public_paths():
    from wagtail.models import Page

    paths = {}
    for page in Page.objects.live().public().filter(depth__gt=1).specific():
        paths.setdefault(type(page).__name__, path_of(page))
    return [
        *paths.values(),
        "/search/?q=governance",
        "/accounts/login/",
        "/curriculum/map/",
        "/no-such-page/",
    ]


def sign_in_staff(context, live_server, username):
    """A verified staff session, made by Django's test client, given to the browser."""
    from django.contrib.auth import get_user_model

    from tests.two_factor import sign_in_verified

    client = Client()
    sign_in_verified(client, get_user_model().objects.get(username=username))
    context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                "url": live_server.url,
            }
        ]
    )


def test_the_watch_sees_an_inline_script_the_policy_refuses(demo_site, page):
    """The check below could not fail without this: an injected inline script is
    refused by the public policy and recorded."""
    watch = ViolationWatch(page)
    page.goto("/")
    page.evaluate(
        """() => {
          const script = document.createElement("script");
          script.textContent = "window.__ranInline = true";
          document.body.append(script);
        }"""
    )
    page.wait_for_timeout(200)
    assert page.evaluate("() => window.__ranInline") is None
    assert any("script-src" in v for v in watch.violations()), watch.violations()


def test_a_visitor_meets_no_csp_violation_on_any_public_page_type(demo_site, page):
    watch = ViolationWatch(page)
    paths = public_paths()
    assert len(paths) >= 15
    for path in paths:
        page.goto(path)
        page.wait_for_load_state("load")
        # portal.js (loaded with the nonce) ran: the menu button is set up.
        assert page.evaluate(
            "() => document.documentElement.classList.contains('has-nav-toggle')"
        ), path
        watch.assert_none(path)


def test_an_editor_meets_no_csp_violation_in_the_admin(demo_site, page):
    from wagtail.models import Page

    from case_studies.models import BestPracticePage
    from curriculum.models import ModulePage

    sign_in_staff(page.context, demo_site, "admin")
    watch = ViolationWatch(page)

    # The userbar on a public page, opened.
    page.goto("/")
    page.locator("#wagtail-userbar-trigger").click()
    watch.assert_none("the userbar")

    page.goto("/admin/")
    expect(page.locator("main")).to_be_visible()
    watch.assert_none("/admin/")

    # The page editor of a module (inline panels, date widgets, rich text).
    module = ModulePage.objects.live().first()
    page.goto(f"/admin/pages/{module.pk}/edit/")
    expect(page.locator("#id_title")).to_have_value(module.title)
    watch.assert_none("the editor")

    # The preview panel: the public template inside the editor's iframe.
    page.locator('[data-side-panel-toggle="preview"]').click()
    preview = page.frame_locator("#w-preview-iframe")
    expect(preview.locator("h1").first).to_contain_text(module.title)
    screenshot(page, "csp-admin-preview")
    watch.assert_none("the preview panel")

    # The image chooser (Promote tab: the listing image).
    page.get_by_role("tab", name="Promote").click()
    page.get_by_role("button", name=re.compile("Choose an image")).first.click()
    dialog = page.get_by_role("dialog")
    expect(
        dialog.get_by_role("heading", name=re.compile("Choose an image"))
    ).to_be_visible()
    watch.assert_none("the image chooser")
    page.keyboard.press("Escape")

    # A workflow dialog: approving a best practice in review.
    practice = BestPracticePage.objects.live().first()
    workflow = practice.get_workflow()
    assert workflow is not None
    from django.contrib.auth import get_user_model

    workflow.start(practice, get_user_model().objects.get(username="participant"))
    page.goto(f"/admin/pages/{practice.pk}/edit/")
    page.get_by_role("button", name="More actions").click()
    page.get_by_role("button", name="Approve", exact=True).click()
    expect(
        page.get_by_role("dialog").get_by_role("heading", name="Approve")
    ).to_be_visible()
    screenshot(page, "csp-admin-workflow-dialog")
    watch.assert_none("the workflow dialog")
    assert Page.objects.filter(pk=practice.pk).exists()
