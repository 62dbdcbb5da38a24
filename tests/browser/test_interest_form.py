"""A visitor asks to join a future course through the interest form at /join/."""

import re

import pytest
from django.core import mail
from playwright.sync_api import expect

from tests.browser.conftest import assert_accessible, screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_visitor_sends_the_interest_form_and_staff_are_told_once(demo_site, page):
    from wagtail.contrib.forms.models import FormSubmission

    from applicants.models import InterestFormPage
    from people.models import LEA

    join = InterestFormPage.objects.live().get()
    district = LEA.objects.order_by("name").first().name
    mail.outbox.clear()

    # From the home page's call to action, as a visitor finds it.
    page.goto("/")
    page.get_by_role("link", name="Ask to join a future course").first.click()
    page.wait_for_url(f"**{join.url}")
    expect(page.get_by_role("heading", level=1)).to_have_text(join.title)

    page.get_by_label(re.compile(r"^Name")).fill("Morgan Ashby")
    page.get_by_label(re.compile(r"^Email")).fill("morgan.ashby@example.org")
    # Nothing is chosen for the visitor: the lists start on their prompt.
    expect(page.get_by_label(re.compile(r"^School district"))).to_have_value("")
    expect(page.get_by_label("Role", exact=True)).to_have_value("")
    page.get_by_label(re.compile(r"^School district")).select_option(label=district)
    page.get_by_label("Role", exact=True).select_option("Technology director")
    page.get_by_role("radio", name="CeCTO Certification").check()
    page.get_by_label("Message", exact=True).fill("Is the 2027 cohort still open?")
    page.get_by_role("button", name="Send").click()

    # Post, redirect, get: the confirmation is its own address.
    page.wait_for_url(re.compile(r"/join/\?thank-you=1$"))
    confirmation = page.get_by_role("status")
    expect(
        confirmation.get_by_role("heading", name="Your request has been sent")
    ).to_be_visible()
    expect(confirmation).to_contain_text("Program staff will reply by e-mail")
    screenshot(page, "interest-form-confirmation")
    assert_accessible(page)

    submissions = FormSubmission.objects.filter(page=join)
    assert submissions.count() == 1
    data = submissions.get().get_data()
    assert data["name"] == "Morgan Ashby"
    assert data["email"] == "morgan.ashby@example.org"
    assert data["school_district"] == district
    assert data["role"] == "Technology director"
    assert data["track_of_interest"] == "CeCTO Certification"
    assert data["message"] == "Is the 2027 cohort still open?"
    assert "website" not in data  # the honeypot is never stored

    # The live server runs in this process, so locmem's outbox sees its e-mail:
    # staff's, the visitor's confirmation, and the Program Director's "new
    # applicant" (applicants/), each once.
    staff_to = [a.strip() for a in join.to_address.split(",")]
    assert len(mail.outbox) == 3
    (confirmation_email,) = [m for m in mail.outbox if "morgan" in m.to[0]]
    (director_email,) = [
        m for m in mail.outbox if m.subject.startswith("New applicant")
    ]
    (message,) = [
        m for m in mail.outbox if m not in (confirmation_email, director_email)
    ]
    assert message.to == staff_to
    assert message.subject == join.subject
    assert "Name: Morgan Ashby" in message.body
    assert "morgan.ashby@example.org" in message.body
    assert "Track of interest: CeCTO Certification" in message.body

    # Reloading the confirmation asks again for the page, and sends nothing.
    page.reload()
    expect(
        page.get_by_role("heading", name="Your request has been sent")
    ).to_be_visible()
    assert FormSubmission.objects.filter(page=join).count() == 1
    assert len(mail.outbox) == 3
