"""A participant's week, in Chromium at 1280 and 375 px: sign in, write a best
practice with headings and a list using the keyboard only, preview it, submit it, see
it on the dashboard, withdraw it. Axe runs on every screen, the Content-Security-Policy
is watched throughout, and screenshots go to test-artifacts/screenshots/."""

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import assert_accessible, screenshot, sign_in
from tests.browser.test_csp import ViolationWatch

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def press_until_focused(page, key, target, most=15):
    """Presses Tab (or Shift+Tab) until `target` has the focus, as a person would."""
    for _ in range(most):
        page.keyboard.press(key)
        if target.evaluate("el => el === document.activeElement"):
            return
    raise AssertionError(f"{key} never reached {target}")


def type_body_with_the_keyboard(page):
    """A heading, a paragraph and a list, the toolbar reached with Tab only."""
    editor = page.locator("trix-editor#id_body")
    page.locator("#id_tags").focus()
    press_until_focused(page, "Tab", editor)
    page.keyboard.type("The problem")
    press_until_focused(
        page, "Shift+Tab", page.get_by_role("button", name="Heading", exact=True)
    )
    page.keyboard.press("Enter")  # the line becomes a heading; back in the text
    expect(editor).to_be_focused()
    page.keyboard.press("End")
    page.keyboard.press("Enter")
    page.keyboard.type("Three districts shared one help desk.")
    page.keyboard.press("Enter")
    press_until_focused(
        page, "Shift+Tab", page.get_by_role("button", name="Bulleted list")
    )
    page.keyboard.press("Space")
    expect(editor).to_be_focused()
    page.keyboard.type("One queue")
    page.keyboard.press("Enter")
    page.keyboard.type("Shared staff")


@pytest.mark.parametrize("width", [1280, 375])
def test_participant_writes_previews_submits_and_withdraws_a_practice(
    demo_site, new_page, width
):
    page = new_page()
    page.set_viewport_size({"width": width, "height": 900})
    watch = ViolationWatch(page)

    sign_in(page, "participant")
    page.wait_for_url("**/dashboard/")
    screenshot(page, f"participant-{width}-dashboard")
    assert_accessible(page)

    page.goto("/best-practices/submit/")
    expect(page.locator("trix-editor#id_body")).to_be_visible()
    assert_accessible(page)
    page.locator("#id_title").fill(f"Shared help desk at {width}")
    page.locator("#id_intro").fill("Three small districts share one help desk.")
    page.locator('input[name="topic_areas"]').first.check()
    page.locator("#id_tags").fill("help desk")
    type_body_with_the_keyboard(page)
    screenshot(page, f"participant-{width}-form")
    assert_accessible(page)

    # Save a draft with the keyboard, then edit again: the body comes back formatted.
    page.get_by_role("button", name="Save draft").focus()
    page.keyboard.press("Enter")
    page.wait_for_url("**/dashboard/")
    page.get_by_role("link", name=f"Edit Shared help desk at {width}").click()
    editor = page.locator("trix-editor#id_body")
    expect(editor.locator("h2")).to_have_text("The problem")
    expect(editor.locator("ul li")).to_have_count(2)
    value = page.locator("#id_body_html").input_value()
    assert "<h2>The problem</h2>" in value
    assert "<ul><li>One queue</li><li>Shared staff</li></ul>" in value

    # Save and preview: the public template, marked as a preview.
    page.get_by_role("button", name="Save and preview").click()
    page.wait_for_url("**/preview/")
    expect(page.get_by_role("heading", name="Preview: not published")).to_be_visible()
    expect(page.locator(".prose h2")).to_have_text("The problem")
    expect(page.locator(".prose ul li")).to_have_count(2)
    screenshot(page, f"participant-{width}-preview")
    assert_accessible(page)

    # Back to editing, then submit for review with the keyboard.
    page.get_by_role("link", name="Back to editing").click()
    expect(page.locator("trix-editor#id_body h2")).to_have_text("The problem")
    page.get_by_role("button", name="Submit for review").focus()
    page.keyboard.press("Enter")
    page.wait_for_url("**/dashboard/")
    expect(page.locator(".messages")).to_contain_text("Submitted for review")
    card = page.locator(".card", has_text=f"Shared help desk at {width}")
    expect(card).to_contain_text("In review")
    expect(card).to_contain_text("Submitted")
    screenshot(page, f"participant-{width}-submitted")
    assert_accessible(page)

    # What was sent, read-only; then withdraw it, confirming.
    card.get_by_role("link", name="What you sent").click()
    expect(page.locator(".prose h2")).to_have_text("The problem")
    assert_accessible(page)
    page.get_by_role("link", name="Withdraw from review").click()
    expect(page.locator("h1")).to_contain_text("Withdraw")
    screenshot(page, f"participant-{width}-withdraw")
    assert_accessible(page)
    page.get_by_role("button", name="Withdraw from review").click()
    page.wait_for_url("**/dashboard/")
    expect(page.locator(".messages")).to_contain_text("is a draft again")
    expect(card).to_contain_text("Draft")
    screenshot(page, f"participant-{width}-withdrawn")
    assert_accessible(page)

    # Signing out says so.
    page.get_by_role("button", name="Sign out").first.click()
    expect(page.locator(".messages")).to_contain_text("You are signed out.")
    watch.assert_none("the participant's path")


def test_participant_dashboard_does_not_scroll_sideways_at_320_px(demo_site, new_page):
    page = new_page()
    page.set_viewport_size({"width": 320, "height": 800})
    sign_in(page, "participant")
    page.wait_for_url("**/dashboard/")
    screenshot(page, "participant-320-dashboard")
    overflow = page.evaluate(
        "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    assert overflow <= 0, f"the dashboard scrolls sideways by {overflow}px at 320 px"
    page.goto("/best-practices/submit/")
    screenshot(page, "participant-320-form")
    overflow = page.evaluate(
        "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    assert overflow <= 0, f"the form scrolls sideways by {overflow}px at 320 px"
