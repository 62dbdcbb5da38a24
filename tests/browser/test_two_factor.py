"""A director's first admin sign-in sets up an authenticator app, keeps the recovery
codes, and the next sign-in asks for a code; each page passes axe."""

import pytest
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import expect

from tests.browser.conftest import (
    DEMO_PASSWORD,
    assert_accessible,
    code_from_key,
    screenshot,
)
from tests.two_factor import fresh_code_for

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_director_sets_up_two_factor_then_gives_a_code_at_the_next_sign_in(
    demo_site, page
):
    page.goto("/admin/login/")
    page.get_by_label("Username").fill("director")
    page.get_by_label("Password").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Sign in").click()

    page.wait_for_url("**/accounts/two-factor/set-up/?next=%2Fadmin%2F")
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Set up two-factor sign-in"
    )
    expect(page.locator("svg.qr-code__image")).to_be_visible()
    assert_accessible(page)
    screenshot(page, "two-factor-set-up")
    secret = page.locator("#secret-key").inner_text()
    page.get_by_label("Code from the app, to confirm").fill("123456")
    page.get_by_role("button", name="Confirm and continue").click()
    expect(page.get_by_text("That code is not right").first).to_be_visible()
    assert_accessible(page)
    page.wait_for_timeout(1100)  # django-otp's throttle: 1 s after a wrong code
    page.get_by_label("Code from the app, to confirm").fill(code_from_key(secret))
    page.get_by_role("button", name="Confirm and continue").click()

    page.wait_for_url("**/accounts/two-factor/recovery-codes/**")
    expect(page.locator(".recovery-codes code")).to_have_count(10)
    assert_accessible(page)
    page.get_by_role("link", name="I have saved my codes: continue").click()
    page.wait_for_url("**/admin/")
    expect(page.get_by_role("heading", level=1).first).to_be_visible()

    page.context.clear_cookies()  # a new browser session: the sign-in starts again
    page.goto("/admin/login/")
    page.get_by_label("Username").fill("director")
    page.get_by_label("Password").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url("**/accounts/two-factor/verify/?next=%2Fadmin%2F")
    assert_accessible(page)
    device = TOTPDevice.objects.get(user__username="director", confirmed=True)
    page.get_by_label("Code from your authenticator app").fill(fresh_code_for(device))
    page.get_by_role("button", name="Verify").click()
    page.wait_for_url("**/admin/")
