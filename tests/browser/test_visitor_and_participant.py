"""A visitor's path through the portal, and a participant's sign-in, in Chromium.

Screenshots go to test-artifacts/screenshots/."""

import re

import pytest

from tests.browser.conftest import DEMO_PASSWORD, assert_accessible, screenshot
from tests.browser.urls import path_of

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_visitor_goes_home_then_a_module_a_case_study_and_searches(demo_site, page):
    from case_studies.models import BestPracticePage, CaseStudyPage
    from curriculum.models import CurriculumIndexPage, ModulePage

    curriculum = path_of(CurriculumIndexPage.objects.live().get())
    module = path_of(ModulePage.objects.live().public().first())
    case_study = path_of(CaseStudyPage.objects.live().public().first())
    best_practice = path_of(BestPracticePage.objects.live().public().first())

    page.goto("/")
    assert page.locator("main").is_visible()
    screenshot(page, "home")

    # Home -> the curriculum (main menu) -> a module.
    page.locator(f'header a[href="{curriculum}"]').first.click()
    page.wait_for_url(f"**{curriculum}")
    page.locator(f'main a[href="{module}"]').first.click()
    page.wait_for_url(f"**{module}")
    assert page.locator("h1").first.is_visible()
    screenshot(page, "module")

    # The case studies listing (main menu) -> a case study.
    page.locator('header a[href="/case-studies/"]').first.click()
    page.wait_for_url("**/case-studies/")
    page.locator(f'main a[href="{case_study}"]').first.click()
    page.wait_for_url(f"**{case_study}")
    assert page.locator("h1").first.is_visible()

    page.goto(best_practice)
    screenshot(page, "best-practice")

    # Search from the results page's own form, then narrow with a facet.
    page.goto("/search/")
    page.locator("#search-q").fill("governance")
    page.locator("#search-q").press("Enter")
    page.wait_for_url(re.compile(r"/search/\?q=governance"))
    results = page.locator("main")
    assert "governance" in results.inner_text().lower()
    screenshot(page, "search-results")

    facet = page.locator('input[type="checkbox"][name="type"]').first
    facet.check()
    page.get_by_role("button", name="Apply filters").click()
    page.wait_for_url(re.compile(r"[?&]type="))
    assert page.locator('input[type="checkbox"][name="type"]').first.is_checked()
    assert_accessible(page)


def test_participant_signs_in_and_sees_the_dashboard_and_submission_form(
    demo_site, page
):
    page.goto("/accounts/login/")
    page.locator('input[name="username"]').fill("participant")
    page.locator('input[name="password"]').fill(DEMO_PASSWORD)
    page.locator('main button[type="submit"], main input[type="submit"]').first.click()
    page.wait_for_load_state()

    page.goto("/dashboard/")
    assert "/accounts/login/" not in page.url, "the participant was not signed in"
    assert page.locator("h1").first.is_visible()
    screenshot(page, "dashboard")
    assert_accessible(page)

    response = page.goto("/best-practices/submit/")
    assert response.ok, f"submission form: HTTP {response.status}"
    assert page.locator("main form").count() >= 1
    screenshot(page, "submission-form")
    assert_accessible(page)
