"""A faculty member's review week, in Chromium at 1280 and 375 px.

Two modules are in "Faculty peer review", submitted by the Program Director (who is
also in Faculty), and one submitted by the faculty member herself. She signs in to
the admin with her second factor, finds the two under "Awaiting your review"
(oldest first, with their age) and not her own, lists the modules in review with
the Curriculum > Modules filters, approves one and requests changes on the other
with the keyboard (Approve is the editor's main button), landing each time on what
still awaits her with a message; her own module offers no review action. On the
public site her dashboard links to the admin and lists what awaits her.

Axe runs on every screen (Wagtail's own known violations aside, see ADMIN_KNOWN),
and screenshots go to test-artifacts/screenshots/.
"""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import (
    ADMIN_KNOWN,
    WORKFLOW_DIALOG_KNOWN,
    assert_accessible,
    screenshot,
    sign_in,
    tab_to,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

APPROVE = "IT governance in the school district"
CHANGES = "Risk assessment and management"
OWN = "Legal and regulatory issues"


def submit_modules():
    """Submits the three modules for review, the director's two first."""
    from django.contrib.auth import get_user_model

    from curriculum.models import ModulePage

    users = get_user_model().objects.in_bulk(
        ["director", "faculty"], field_name="username"
    )
    for title, who in ((APPROVE, "director"), (CHANGES, "director"), (OWN, "faculty")):
        module = ModulePage.objects.get(title=title)
        module.save_revision(user=users[who])
        module.get_workflow().start(module, users[who])


def awaiting(page):
    return page.locator(
        "section", has=page.get_by_role("heading", name="Awaiting your review")
    )


def shown(page, name, width):
    screenshot(page, f"faculty-{width}-{name}")
    assert_accessible(page, known=ADMIN_KNOWN)


def open_for_review(page, title):
    awaiting(page).get_by_role("link", name=title).click()
    page.wait_for_url(re.compile(r"/admin/pages/\d+/edit/$"))
    expect(page.locator("#id_title")).to_have_value(title)


def open_admin_menu(page, width):
    """On a phone Wagtail's sidebar is folded behind its toggle."""
    if width < 800:
        page.get_by_role("button", name="Toggle sidebar").click()


@pytest.mark.parametrize("width", [1280, 375])
def test_faculty_reviews_a_peers_modules_but_not_her_own(demo_site, new_page, width):
    from wagtail.models import TaskState

    from curriculum.models import ModulePage

    submit_modules()
    page = new_page()
    page.set_viewport_size({"width": width, "height": 900})

    # --- The admin's dashboard: what awaits her, oldest first ----------------------
    sign_in(page, "faculty", admin=True)
    page.wait_for_url(re.compile(r"/admin/$"))
    panel = awaiting(page)
    expect(panel).to_contain_text("2 items await your review, oldest first.")
    titles = panel.locator("tbody tr a").all_inner_texts()
    assert [t.strip() for t in titles] == [APPROVE, CHANGES]
    expect(panel).to_contain_text("waiting")
    expect(panel.get_by_role("link", name=OWN)).to_have_count(0)
    shown(page, "admin-dashboard", width)

    # --- Curriculum > Modules, filtered to those in review ------------------------
    open_admin_menu(page, width)
    page.get_by_role("navigation", name="Main menu").get_by_role(
        "button", name="Curriculum"
    ).click()
    page.get_by_role("navigation", name="Main menu").get_by_role(
        "link", name="Modules"
    ).click()
    page.wait_for_url("**/admin/modules/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("modules")
    shown(page, "modules", width)
    page.get_by_role("button", name="Show filters").click()
    filters = page.get_by_role("tooltip")
    filters.get_by_role("button", name="Status").click()
    filters.get_by_label("Status").select_option(label="In review")
    expect(page).to_have_url(re.compile(r"[?&]status=in_review"))
    listing = page.locator("table.listing tbody")
    expect(listing.locator("tr")).to_have_count(3)
    for title in (APPROVE, CHANGES, OWN):
        expect(listing).to_contain_text(title)
    filters.get_by_role("button", name="Back").click()
    filters.get_by_role("button", name="Topic area").click()
    filters.get_by_label("Topic area").select_option(label="IT governance")
    expect(page).to_have_url(re.compile(r"[?&]topic_area=\d+"))
    expect(listing.locator("tr")).to_have_count(1)
    expect(listing).to_contain_text(APPROVE)
    shown(page, "modules-filtered", width)

    # --- Approve a peer's module: the editor's main button, from the keyboard ------
    page.goto("/admin/")
    open_for_review(page, APPROVE)
    approve = page.get_by_role("button", name="Approve", exact=True)
    expect(approve).to_be_visible()
    shown(page, "review", width)
    approve.focus()
    with page.expect_navigation():
        page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/admin/$"))
    # (How many still await her is left to the test below: see its reason.)
    expect(page.locator(".messages")).to_contain_text(f"You approved '{APPROVE}'.")
    shown(page, "approved", width)

    # --- Request changes on the other, with a comment in the dialog ----------------
    open_for_review(page, CHANGES)
    more = page.locator("footer").get_by_role("button", name="More actions")
    more.focus()
    page.keyboard.press("Enter")
    request = page.get_by_role("button", name="Request changes", exact=True)
    expect(request).to_be_visible()
    request.focus()
    page.keyboard.press("Enter")
    dialog = page.get_by_role("dialog")
    comment = dialog.get_by_label("Comment")
    expect(comment).to_be_visible()
    comment.focus()
    page.keyboard.type("Please add the hours of each session.")
    screenshot(page, f"faculty-{width}-request-changes")
    assert_accessible(page, known=WORKFLOW_DIALOG_KNOWN)
    tab_to(page, dialog.get_by_role("button", name="Request changes"))
    with page.expect_navigation():
        page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/admin/$"))
    expect(page.locator(".messages")).to_contain_text(
        f"You requested changes to '{CHANGES}'."
    )
    expect(awaiting(page).get_by_role("link", name=CHANGES)).to_have_count(0)
    shown(page, "changes-requested", width)

    decisions = {
        (state.workflow_state.content_object.title, state.status)
        for state in TaskState.objects.filter(finished_by__username="faculty")
    }
    assert decisions == {
        (APPROVE, TaskState.STATUS_APPROVED),
        (CHANGES, TaskState.STATUS_REJECTED),
    }

    # --- Her own module: no review action anywhere in the editor -------------------
    own = ModulePage.objects.get(title=OWN)
    page.goto(f"/admin/pages/{own.pk}/edit/")
    footer = page.locator("footer")
    expect(footer.get_by_role("button", name="Save draft")).to_be_visible()
    footer.get_by_role("button", name="More actions").click()
    for action in ("Approve", "Approve with comment", "Request changes"):
        expect(page.get_by_role("button", name=action, exact=True)).to_have_count(0)
    shown(page, "own-module", width)

    # --- The public site's dashboard: a link to the admin, nothing awaiting --------
    page.goto("/dashboard/")
    expect(
        page.get_by_role("link", name=re.compile("admin", re.I)).first
    ).to_be_visible()
    screenshot(page, f"faculty-{width}-public-dashboard")
    assert_accessible(page)


def test_approve_in_the_editor_moves_a_peers_module_to_the_directors_step(
    demo_site, page
):
    from curriculum.models import ModulePage
    from submissions.workflows import DIRECTOR_APPROVAL_TASK

    submit_modules()
    sign_in(page, "faculty", admin=True)
    open_for_review(page, APPROVE)
    page.get_by_role("button", name="Approve", exact=True).click()
    page.wait_for_url(re.compile(r"/admin/$"))
    expect(page.locator(".messages")).to_contain_text(
        f"You approved '{APPROVE}'. 1 item still awaits your review."
    )
    module = ModulePage.objects.get(title=APPROVE)
    assert module.current_workflow_task.name == DIRECTOR_APPROVAL_TASK
