"""A visitor's first look at the portal, in Chromium at 1280 and 375 px, mostly with
the keyboard: the main menu (News and the calendar in it, "Sign in" on one line),
the two tracks, the curriculum and its map, a module, the program calendar, a case
study, a best practice, a misspelt search ("Did you mean"), the phone's filter
toggle, the join form filled in with the keyboard (the district chosen from the
list), and the footer's accessibility and privacy statements.

Axe runs on every screen, the Content-Security-Policy is watched throughout, and
screenshots go to test-artifacts/screenshots/.
"""

import re

import pytest
from django.core import mail
from playwright.sync_api import expect

from tests.browser.conftest import (
    assert_accessible,
    follow_with_keyboard,
    screenshot,
    tab_to,
)
from tests.browser.test_csp import ViolationWatch

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# How many lines a text takes on screen: one line box per distinct top edge.
LINES_OF_TEXT = """el => {
  const range = document.createRange();
  range.selectNodeContents(el);
  return new Set([...range.getClientRects()].map(r => Math.round(r.top))).size;
}"""


def shown(page, name, width, heading):
    """The screen has its heading, passes axe, and is kept as a screenshot."""
    expect(page.get_by_role("heading", level=1)).to_have_text(heading)
    screenshot(page, f"visitor-{width}-{name}")
    assert_accessible(page)


def open_menu_on_a_phone(page, width):
    """On a phone the main menu is behind the "Menu" button: opened from the
    keyboard. On a desktop it is always shown."""
    if width >= 1024:
        return
    toggle = page.get_by_role("button", name="Menu")
    expect(toggle).to_have_attribute("aria-expanded", "false")
    tab_to(page, toggle)
    page.keyboard.press("Enter")
    expect(toggle).to_have_attribute("aria-expanded", "true")


def menu_link(page, name):
    return page.get_by_role("navigation", name="Main").get_by_role(
        "link", name=name, exact=True
    )


@pytest.mark.parametrize("width", [1280, 375])
def test_visitor_walks_the_public_site_with_the_keyboard(demo_site, new_page, width):
    page = new_page()
    page.set_viewport_size({"width": width, "height": 900})
    watch = ViolationWatch(page)
    mail.outbox.clear()

    # --- Home: the skip link first, then the main menu ------------------------------
    page.goto("/")
    shown(page, "home", width, "Leading technology in North Carolina's schools")
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Skip to main content")
    expect(skip).to_be_focused()
    expect(skip).to_be_visible()

    sign_in = page.get_by_role("banner").get_by_role("link", name="Sign in")
    assert sign_in.evaluate(LINES_OF_TEXT) == 1, "'Sign in' wraps onto two lines"
    if width >= 1024:
        # The whole menu on one row.
        tops = page.locator(".main-menu__item").evaluate_all(
            "items => items.map(i => Math.round(i.getBoundingClientRect().top))"
        )
        assert len(set(tops)) == 1, f"the main menu takes {len(set(tops))} rows"
    open_menu_on_a_phone(page, width)
    for name in ("News", "Events"):
        expect(menu_link(page, name)).to_be_visible()
    screenshot(page, f"visitor-{width}-menu")

    # --- The two tracks (home's call to action), then the curriculum and its map ---
    follow_with_keyboard(page, page.get_by_role("link", name="Explore the two tracks"))
    shown(page, "tracks", width, "The two tracks")
    expect(page.get_by_role("main")).to_contain_text("240 hours")

    open_menu_on_a_phone(page, width)
    follow_with_keyboard(page, menu_link(page, "Curriculum"))
    shown(page, "curriculum", width, "Curriculum")
    follow_with_keyboard(page, page.get_by_role("link", name="See the curriculum map"))
    shown(page, "curriculum-map", width, "Curriculum map")
    # The chart's figures are in a table for screen readers; whole hours, no ".0".
    main = page.get_by_role("main")
    expect(main.locator("svg").first).to_be_visible()
    expect(main.locator("table").first).to_be_attached()
    assert not re.search(r"\b\d+\.0\b", main.inner_text()), "hours shown as 24.0"

    page.go_back()
    module = page.get_by_role("main").get_by_role(
        "link", name="IT governance in the school district"
    )
    follow_with_keyboard(page, module)
    shown(page, "module", width, "IT governance in the school district")

    # --- The program calendar, from the main menu -----------------------------------
    open_menu_on_a_phone(page, width)
    follow_with_keyboard(page, menu_link(page, "Events"))
    shown(page, "events", width, "Program calendar")
    expect(page.get_by_role("link", name="Add to calendar").first).to_be_visible()

    # --- A case study and a best practice -------------------------------------------
    open_menu_on_a_phone(page, width)
    follow_with_keyboard(page, menu_link(page, "Case studies"))
    shown(page, "case-studies", width, "Case studies")
    case_study = page.get_by_role("main").get_by_role(
        "link", name="Replacing the finance and HR system in Ironwood"
    )
    follow_with_keyboard(page, case_study)
    shown(page, "case-study", width, "Replacing the finance and HR system in Ironwood")

    open_menu_on_a_phone(page, width)
    follow_with_keyboard(page, menu_link(page, "Best practices"))
    shown(page, "best-practices", width, "Best practices")
    practice = page.get_by_role("main").get_by_role(
        "link", name="Project status in traffic lights, honestly"
    )
    follow_with_keyboard(page, practice)
    shown(page, "best-practice", width, "Project status in traffic lights, honestly")

    # --- Search: a misspelling, "Did you mean", the filters -------------------------
    box = page.get_by_role("banner").get_by_label("Search the site")
    tab_to(page, box)
    page.keyboard.type("goverance")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"/search/\?q=goverance$"))
    suggestion = page.get_by_role("link", name="governance", exact=True)
    expect(page.locator(".search-suggestion")).to_contain_text(
        "Did you mean governance?"
    )
    shown(page, "search-misspelt", width, "Search")
    follow_with_keyboard(page, suggestion)
    expect(page).to_have_url(re.compile(r"/search/\?q=governance$"))
    expect(page.get_by_role("status")).to_contain_text("for “governance”")
    expect(page.locator(".search-result").first).to_be_visible()

    filters = page.locator("summary.search-facets__toggle")
    facet = page.locator('input[type="checkbox"][name="type"]').first
    if width < 1024:
        # On a phone the filters wait behind a toggle above the results.
        expect(filters).to_be_visible()
        expect(facet).to_be_hidden()
        above = (
            filters.bounding_box()["y"]
            < (page.locator(".search-result").first.bounding_box()["y"])
        )
        assert above, "the filter toggle is not above the results"
        tab_to(page, filters)
        page.keyboard.press("Enter")
    expect(facet).to_be_visible()
    tab_to(page, facet)
    page.keyboard.press("Space")
    expect(facet).to_be_checked()
    tab_to(page, page.get_by_role("button", name="Apply filters"))
    with page.expect_navigation():
        page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"[?&]type="))
    shown(page, "search-filtered", width, "Search")

    # --- The join form, with the keyboard alone -------------------------------------
    page.goto("/join/")
    shown(page, "join", width, "Ask to join a future course")
    name = page.get_by_label(re.compile(r"^Name"))
    district = page.get_by_label(re.compile(r"^School district"))
    role = page.get_by_label("Role", exact=True)
    expect(district).to_have_value("")  # nothing chosen for the visitor
    expect(role).to_have_value("")
    tab_to(page, name)
    page.keyboard.type(f"Morgan Ashby {width}")
    page.keyboard.press("Tab")
    page.keyboard.type(f"morgan.{width}@example.org")
    page.keyboard.press("Tab")
    expect(district).to_be_focused()
    page.keyboard.type("Ironwood")  # a closed list picks the option typed
    expect(district).to_have_value("Ironwood County Schools")
    tab_to(page, role)
    page.keyboard.type("Technology")
    expect(role).to_have_value("Technology director")
    page.keyboard.press("Tab")
    cecto = page.get_by_role("radio", name="CeCTO Certification")
    expect(cecto).to_be_focused()
    page.keyboard.press("Space")
    expect(cecto).to_be_checked()
    page.keyboard.press("Tab")
    expect(page.get_by_label("Message", exact=True)).to_be_focused()
    page.keyboard.type("Is the next cohort still open?")
    screenshot(page, f"visitor-{width}-join-filled")
    tab_to(page, page.get_by_role("button", name="Send"))
    with page.expect_navigation():
        page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"/join/\?thank-you=1$"))
    expect(
        page.get_by_role("heading", name="Your request has been sent")
    ).to_have_count(1)
    screenshot(page, f"visitor-{width}-join-sent")
    assert_accessible(page)
    to_visitor = [m for m in mail.outbox if m.to == [f"morgan.{width}@example.org"]]
    assert len(to_visitor) == 1, [m.to for m in mail.outbox]

    # --- The footer's statements -----------------------------------------------------
    footer = page.get_by_role("contentinfo")
    for link, heading in (
        ("Accessibility statement", "Accessibility statement"),
        ("Privacy statement", "Privacy statement"),
    ):
        follow_with_keyboard(page, footer.get_by_role("link", name=link))
        shown(page, heading.split()[0].lower(), width, heading)

    watch.assert_none("the visitor's path")
