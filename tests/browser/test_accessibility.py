"""axe-core (WCAG 2.1 A/AA) on every public page type of the demo portal: no serious
or critical violations."""

import pytest

from tests.browser.conftest import axe_violations, format_violations
from tests.browser.urls import public_urls

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_public_page_types_have_no_serious_axe_violations(demo_site, page):
    failures = []
    for name, url in public_urls():
        response = page.goto(url)
        assert response.ok, f"{name} {url}: HTTP {response.status}"
        violations = axe_violations(page)
        if violations:
            failures.append(format_violations(f"{name} {url}", violations))
    assert not failures, "\n".join(failures)


def test_axe_reports_a_known_violation(browser):
    """The checker itself works: an unlabelled field and an image without alt text."""
    page = browser.new_page()
    try:
        page.set_content(
            '<html lang="en"><head><title>t</title></head><body><main>'
            '<img src="data:,"><input type="text"></main></body></html>'
        )
        ids = {v["id"] for v in axe_violations(page)}
    finally:
        page.close()
    assert {"image-alt", "label"} <= ids, ids
