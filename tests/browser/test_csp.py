"""The Content-Security-Policy in a real browser: no violation on any public page type
or in the admin's editor, preview, image chooser and workflow dialog.

Each page records `securitypolicyviolation` events (in every frame, the preview's
iframe too) and Chromium's console messages about the policy; none is allowed. The
admin signs in through the sign-in form and the two-factor pages, which are
checked too.
"""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import screenshot, sign_in
from tests.browser.urls import path_of

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

RECORD_VIOLATIONS = """
document.addEventListener("securitypolicyviolation", (event) => {
  window.__cspViolation(
    `${event.violatedDirective} blocked ${event.blockedURI || "inline"} ` +
    `at ${event.sourceFile}:${event.lineNumber} ${event.sample || ""}`
  );
});
"""


class ViolationWatch:
    """Collects the CSP violations of every page and frame the tab shows, across
    navigations: `securitypolicyviolation` events reported to Python, and
    Chromium's console messages about the policy."""

    def __init__(self, page):
        self.found = []
        page.expose_function("__cspViolation", lambda text: self.found.append(text))
        page.add_init_script(RECORD_VIOLATIONS)
        page.on("console", self._on_console)

    def _on_console(self, message):
        text = message.text
        if "Content Security Policy" in text or "Content-Security-Policy" in text:
            self.found.append(text)

    def violations(self):
        return list(self.found)

    def assert_none(self, where):
        assert not self.found, f"{where}: CSP violations:\n" + "\n".join(self.found)


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

    # Signed in as tests/browser/conftest.py does: the admin's sign-in form, then
    # the two-factor pages (setting up an authenticator, the recovery codes).
    watch = ViolationWatch(page)
    sign_in(page, "admin", admin=True)
    watch.assert_none("the sign-in and two-factor pages")

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
