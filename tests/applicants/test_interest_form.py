"""The interest form at /join/: stored, e-mailed, confirmed once, hard to spam."""

import pytest
from django.core import mail
from wagtail.contrib.forms.models import FormSubmission

from applicants.models import InterestFormPage
from home.models import HomePage
from tests.factories.applicants import InterestFormPageFactory
from tests.two_factor import sign_in_verified

pytestmark = pytest.mark.django_db


@pytest.fixture
def form_page(home_page):
    return InterestFormPageFactory(parent=home_page)


def valid_data(**overrides):
    return {
        "name": "Dana Reyes",
        "email": "dana@example.org",
        "track_of_interest": "Not sure yet",
        "message": "When does the next cohort start?",
        "website": "",
        **overrides,
    }


def test_the_form_lives_once_under_home_and_holds_nothing(home_page, form_page):
    assert InterestFormPage in HomePage.allowed_subpage_models()
    assert set(InterestFormPage.allowed_parent_page_models()) == {HomePage}
    assert not InterestFormPage.allowed_subpage_models()
    assert not InterestFormPage.can_create_at(home_page)


def test_get_shows_labelled_fields_the_honeypot_and_the_privacy_note(client, form_page):
    response = client.get("/join/")
    assert response.status_code == 200
    content = response.content.decode()
    assert content.count("<h1") == 1
    assert '<label class="form-label" for="id_name">' in content
    assert "<legend>Track of interest" in content
    assert "Leave this empty" in content
    assert 'tabindex="-1"' in content and 'autocomplete="off"' in content
    assert "We use these details only to contact you about the program" in content


def test_a_valid_post_is_stored_emailed_and_redirected_to_thanks(client, form_page):
    response = client.post("/join/", valid_data())
    assert response.status_code == 302
    assert response["Location"] == "/join/?thank-you=1"

    submission = FormSubmission.objects.get(page=form_page)
    data = submission.get_data()
    assert data["name"] == "Dana Reyes"
    assert data["email"] == "dana@example.org"
    assert "website" not in submission.form_data

    # One e-mail to staff, one confirmation to the visitor (test_join_form_as_visitor.py).
    assert [m.to for m in mail.outbox] == [["staff@example.org"], ["dana@example.org"]]
    message = mail.outbox[0]
    assert message.subject == "New interest in the CeCTO program"
    assert "dana@example.org" in message.body
    assert "Leave this empty" not in message.body

    thanks = client.get(response["Location"])
    assert thanks.status_code == 200
    content = thanks.content.decode()
    assert content.count("<h1") == 1
    assert "program staff will be in touch" in content
    # Refreshing the confirmation is a GET: nothing is posted again.
    client.get(response["Location"])
    assert FormSubmission.objects.count() == 1
    assert len(mail.outbox) == 2


def test_a_missing_email_shows_the_form_again_with_the_error(client, form_page):
    response = client.post("/join/", valid_data(email=""))
    assert response.status_code == 200
    content = response.content.decode()
    assert "There is a problem" in content
    assert 'href="#id_email"' in content
    assert 'id="id_email-error"' in content
    assert 'aria-describedby="id_email-error"' in content
    assert 'aria-invalid="true"' in content
    assert 'value="Dana Reyes"' in content  # what was typed is kept
    assert not FormSubmission.objects.exists()
    assert not mail.outbox


def test_a_filled_honeypot_looks_like_success_but_stores_and_sends_nothing(
    client, form_page
):
    response = client.post("/join/", valid_data(website="http://spam.example"))
    assert response.status_code == 302
    assert response["Location"] == "/join/?thank-you=1"
    assert not FormSubmission.objects.exists()
    assert not mail.outbox


def test_the_sixth_post_in_an_hour_from_one_network_is_refused(client, form_page):
    for n in range(5):
        response = client.post("/join/", valid_data(name=f"Visitor {n}"))
        assert response.status_code == 302
    response = client.post("/join/", valid_data(name="Visitor 6"))
    assert response.status_code == 429
    content = response.content.decode()
    assert "Too many submissions from your network" in content
    assert "cecto@example.org" in content  # the program's contact address
    assert FormSubmission.objects.count() == 5
    assert len(mail.outbox) == 10  # staff's and the visitor's confirmation, each

    # Another network is not affected.
    other = client.post("/join/", valid_data(), REMOTE_ADDR="203.0.113.9")
    assert other.status_code == 302
    assert FormSubmission.objects.count() == 6


def test_invalid_posts_do_not_count_towards_the_limit(client, form_page):
    for _ in range(6):
        assert client.post("/join/", valid_data(email="")).status_code == 200
    assert client.post("/join/", valid_data()).status_code == 302


def test_no_address_is_stored_with_a_submission(client, form_page):
    client.post("/join/", valid_data(), REMOTE_ADDR="198.51.100.7")
    submission = FormSubmission.objects.get()
    assert "198.51.100.7" not in str(submission.form_data)


def test_staff_see_and_export_submissions_in_the_admin(client, form_page, admin_user):
    client.post("/join/", valid_data())
    sign_in_verified(client, admin_user)
    url = f"/admin/forms/submissions/{form_page.pk}/"
    response = client.get(url)
    assert response.status_code == 200
    assert b"dana@example.org" in response.content

    export = client.get(url + "?export=csv")
    assert export.status_code == 200
    assert export["Content-Type"].startswith("text/csv")
    body = b"".join(export.streaming_content).decode()
    header = body.splitlines()[0]
    assert "Name" in header and "Email" in header and "website" not in header
    assert "Dana Reyes" in body


def test_the_demo_form_asks_six_questions_and_mails_the_contact_address(home_page):
    from core.models import ProgramSettings
    from demo.home import seed_interest_form

    page, created = seed_interest_form(home_page)
    assert created and page.live and page.url == "/join/"
    fields = {field.clean_name: field for field in page.form_fields.all()}
    assert list(fields) == [
        "name",
        "email",
        "school_district",
        "role",
        "track_of_interest",
        "message",
    ]
    assert fields["name"].required and fields["email"].required
    assert fields["role"].field_type == "dropdown"
    assert fields["school_district"].field_type == "district"
    assert "Not sure yet" in fields["track_of_interest"].choices
    site = home_page.get_site()
    assert page.to_address == ProgramSettings.for_site(site).contact_email
    assert seed_interest_form(home_page) == (page, False)
