"""The join form as a visitor finds it: nothing chosen for them, the district from the
LEA list (or "Other"), one thank-you, and a confirmation e-mail to the visitor."""

import re

import pytest
from django.core import mail
from wagtail.contrib.forms.models import FormSubmission

from tests.factories.applicants import InterestFormPageFactory
from tests.factories.people import LEAFactory

pytestmark = pytest.mark.django_db

FIELDS = [
    ("Name", "singleline", True, ""),
    ("Email", "email", True, ""),
    ("School district", "district", False, ""),
    ("Role", "dropdown", False, "Technology director\nSuperintendent\nOther"),
    ("Track of interest", "radio", False, "CeCTO Certification\nNot sure yet"),
]


@pytest.fixture
def form_page(home_page):
    LEAFactory(name="Wake County Schools")
    LEAFactory(name="Alamance-Burlington Schools")
    return InterestFormPageFactory(parent=home_page, fields=FIELDS)


def post(client, **data):
    values = {"name": "Dana Reyes", "email": "dana@example.org", "website": ""}
    return client.post("/join/", {**values, **data})


def test_a_visitor_finds_nothing_chosen_for_them(client, form_page):
    html = client.get("/join/").content.decode()
    assert "checked" not in html
    assert "selected" not in re.sub(r'<option value="" selected>', "", html)
    assert '<option value="" selected>Choose...</option>' in html
    assert '<option value="" selected>Choose your district...</option>' in html


def test_the_district_list_is_the_leas_in_order_then_other(client, form_page):
    html = client.get("/join/").content.decode()
    select = html[html.index('name="school_district"') :]
    select = select[: select.index("</select>")]
    options = re.findall(r'<option value="([^"]*)"', select)
    assert options == [
        "",
        "Alamance-Burlington Schools",
        "Wake County Schools",
        "other",
    ]
    assert "Other (tell us)" in select
    assert '<label class="form-label" for="id_school_district_other">' in html


def test_a_district_from_the_list_is_stored_as_chosen(client, form_page):
    assert post(client, school_district="Wake County Schools").status_code == 302
    data = FormSubmission.objects.get().get_data()
    assert data["school_district"] == "Wake County Schools"
    assert "school_district_other" not in FormSubmission.objects.get().form_data


def test_other_stores_the_district_the_visitor_typed(client, form_page):
    response = post(
        client, school_district="other", school_district_other="Eastern Charter"
    )
    assert response.status_code == 302
    assert FormSubmission.objects.get().get_data()["school_district"] == (
        "Eastern Charter"
    )


def test_other_without_a_name_asks_for_one(client, form_page):
    response = post(client, school_district="other")
    assert response.status_code == 200
    html = response.content.decode()
    assert 'href="#id_school_district_other"' in html
    assert "Tell us your district or organization" in html
    assert not FormSubmission.objects.exists()
    assert not mail.outbox


def test_a_district_not_in_the_list_is_refused(client, form_page):
    assert post(client, school_district="Atlantis Schools").status_code == 200
    assert not FormSubmission.objects.exists()


def test_the_visitor_gets_a_confirmation_email_and_staff_their_own(client, form_page):
    post(client, school_district="Wake County Schools")

    staff, confirmation = mail.outbox
    assert staff.to == ["staff@example.org"]
    assert confirmation.to == ["dana@example.org"]
    assert confirmation.subject == "We have your request to join a future CeCTO course"
    assert confirmation.reply_to == ["cecto@example.org"]
    assert "Your request has reached program staff" in confirmation.body
    assert "http://testserver/join/" in confirmation.body  # the served address
    assert "Dana Reyes" not in confirmation.body  # nothing typed is echoed


def test_a_bot_caught_by_the_honeypot_gets_no_confirmation_sent(client, form_page):
    post(client, website="http://spam.example")
    assert not mail.outbox


def test_the_thank_you_page_says_thank_you_once(client, form_page):
    response = post(client)
    html = client.get(response["Location"]).content.decode()
    main = html[html.index("<main") : html.index("</main>")]
    assert main.lower().count("thank you") == 1
    assert "We have sent a confirmation to the e-mail address you gave" in main
