"""WCAG 1.4.10 Reflow: at 320 CSS px wide nothing scrolls sideways but a data table
(which may scroll inside its own container), on every public page type and on the
participant's dashboard. Screenshots go to test-artifacts/screenshots/reflow-*.png."""

import pytest
from django.urls import reverse

from tests.browser.conftest import reflow_problems, screenshot, sign_in
from tests.browser.urls import path_of, public_urls

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def pages_to_check():
    from wagtail.models import Page

    from news.models import NewsPage

    urls = dict(public_urls())
    news_item = NewsPage.objects.live().public().order_by("-pk").first()
    if news_item is not None:
        urls["news item"] = path_of(news_item)
    for slug in ("tracks", "accessibility", "privacy", "partners", "people", "cohorts"):
        page = Page.objects.live().public().filter(slug=slug).first()
        if page is not None:
            urls[slug] = path_of(page)
    urls["search, misspelt"] = "/search/?q=goverance"
    urls["calendar, past"] = reverse("events") + "?view=past"
    return urls


def test_nothing_but_a_data_table_scrolls_sideways_at_320_px(demo_site, new_page):
    page = new_page()
    page.set_viewport_size({"width": 320, "height": 800})
    failures = []

    def check(name, url):
        response = page.goto(url)
        assert response.ok, f"{name} {url}: HTTP {response.status}"
        screenshot(page, "reflow-" + name.replace(" ", "-").replace(",", ""))
        failures.extend(f"{name} ({url}): {p}" for p in reflow_problems(page))

    for name, url in pages_to_check().items():
        check(name, url)

    sign_in(page, "participant")
    for name, url in (
        ("participant dashboard", "/dashboard/"),
        ("best practice form", "/best-practices/submit/"),
    ):
        check(name, url)

    assert not failures, "\n".join(failures)


def test_the_reflow_check_sees_a_wide_element_but_not_a_wide_table(browser):
    """The check itself: a wide picture makes the page scroll sideways; a wide
    table in a scrolling container does not count; a wide scroller with no table
    does."""
    page = browser.new_page(viewport={"width": 320, "height": 600})
    try:
        page.set_content(
            '<div style="overflow-x:auto"><table><tr><td style="min-width:900px">'
            "wide data</td></tr></table></div>"
        )
        assert reflow_problems(page) == []
        page.set_content(
            '<div style="overflow-x:auto"><pre>' + "x" * 300 + "</pre></div>"
        )
        assert "no table in it" in " ".join(reflow_problems(page))
        page.set_content('<img alt="" style="display:block;width:900px;height:10px">')
        assert "scrolls sideways by" in " ".join(reflow_problems(page))
    finally:
        page.close()
