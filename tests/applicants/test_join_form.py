"""Every join form submission becomes an applicant, and the director is told."""

import datetime

import pytest
from django.core import mail
from wagtail.contrib.forms.models import FormSubmission
from wagtail.models import ModelLogEntry

from applicants.choices import ApplicantSource, ApplicantStatus
from applicants.models import Applicant
from tests.factories.applicants import InterestFormPageFactory
from tests.factories.people import CohortFactory

pytestmark = pytest.mark.django_db

# The demo form's questions (demo/home.py INTEREST_FORM_FIELDS).
FIELDS = [
    ("Name", "singleline", True, ""),
    ("Email", "email", True, ""),
    ("School district", "district", False, ""),
    ("Role", "dropdown", False, "Technology director\nSuperintendent\nOther"),
    (
        "Track of interest",
        "radio",
        False,
        "CeCTO Certification\nLeaders for the 21st Century\nNot sure yet",
    ),
    ("Message", "multiline", False, ""),
]


@pytest.fixture
def form_page(home_page, lea, tracks):
    return InterestFormPageFactory(parent=home_page, fields=FIELDS)


def post(client, **data):
    values = {
        "name": "Dana Maria Reyes",
        "email": "dana@example.org",
        "school_district": "Wake County Schools",
        "role": "Technology director",
        "track_of_interest": "CeCTO Certification",
        "message": "I lead technology for 30 schools.",
        "website": "",
    }
    response = client.post("/join/", {**values, **data})
    assert response.status_code == 302, response.content.decode()[:2000]
    return response


def test_a_join_request_becomes_a_new_applicant_with_its_answers(
    client, form_page, lea, tracks
):
    CohortFactory(
        year=2099,
        track=tracks["cecto"],
        starts_on=datetime.date(2099, 2, 1),
        ends_on=datetime.date(2099, 11, 1),
    )
    post(client)

    applicant = Applicant.objects.get()
    assert applicant.first_name == "Dana Maria"
    assert applicant.last_name == "Reyes"
    assert applicant.email == "dana@example.org"
    assert applicant.lea == lea
    assert applicant.district_other == ""
    assert applicant.job_title == "Technology director"
    assert applicant.track == tracks["cecto"]
    assert applicant.year == 2099  # the next cohort of that track to begin
    assert applicant.message == "I lead technology for 30 schools."
    assert applicant.status == ApplicantStatus.NEW
    assert applicant.source == ApplicantSource.JOIN_FORM
    assert applicant.form_submission == FormSubmission.objects.get()
    assert ModelLogEntry.objects.filter(
        object_id=str(applicant.pk), action="wagtail.create"
    ).exists()


def test_other_district_and_not_sure_are_kept_as_such(client, form_page):
    post(
        client,
        school_district="other",
        school_district_other="Eastern Charter Academy",
        track_of_interest="Not sure yet",
        role="Other",
        name="Cher",
    )
    applicant = Applicant.objects.get()
    assert applicant.lea is None
    assert applicant.district_other == "Eastern Charter Academy"
    assert applicant.district == "Eastern Charter Academy"
    assert applicant.track is None
    assert applicant.job_title == ""
    assert (applicant.first_name, applicant.last_name) == ("Cher", "")


def test_a_renamed_form_still_maps_by_field_type_and_name(
    home_page, lea, tracks, client
):
    InterestFormPageFactory(
        parent=home_page,
        fields=[
            ("First name", "singleline", True, ""),
            ("Last name", "singleline", True, ""),
            ("Where we reply", "email", True, ""),
            ("Your LEA", "district", False, ""),
            ("Job title", "singleline", False, ""),
            ("Phone", "singleline", False, ""),
            ("Cohort year", "dropdown", False, "2027\n2028"),
        ],
    )
    post(
        client,
        first_name="Ana",
        last_name="Lowe",
        where_we_reply="ana@example.org",
        your_lea="Wake County Schools",
        job_title="Chief Technology Officer",
        phone="919-555-0100",
        cohort_year="2028",
    )
    applicant = Applicant.objects.get()
    assert (applicant.first_name, applicant.last_name) == ("Ana", "Lowe")
    assert applicant.email == "ana@example.org"
    assert applicant.lea == lea
    assert applicant.job_title == "Chief Technology Officer"
    assert applicant.phone == "919-555-0100"
    assert applicant.year == 2028


def test_each_program_director_is_emailed_with_a_link_to_the_applicant(
    client, form_page, director, groups
):
    from tests.factories.core import UserFactory

    UserFactory(username="away", email="").groups.add(groups["Program Director"])
    inactive = UserFactory(username="gone", is_active=False)
    inactive.groups.add(groups["Program Director"])
    post(client)

    applicant = Applicant.objects.get()
    to_director = [m for m in mail.outbox if m.to == ["director@cecto.example"]]
    assert len(to_director) == 1
    message = to_director[0]
    assert message.subject == "New applicant: Dana Maria Reyes"
    assert f"http://testserver/admin/applicants/edit/{applicant.pk}/" in message.body
    assert "Wake County Schools" in message.body
    assert "They asked before" not in message.body
    recipients = {address for m in mail.outbox for address in m.to}
    assert recipients == {
        "director@cecto.example",
        "staff@example.org",
        "dana@example.org",
    }


def test_a_failure_making_the_applicant_never_costs_the_visitor_their_request(
    client, form_page, monkeypatch
):
    def broken(*args, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr("applicants.services.applicant_from_submission", broken)
    post(client)
    assert FormSubmission.objects.count() == 1
    assert not Applicant.objects.exists()


def test_the_honeypot_makes_no_applicant(client, form_page):
    client.post("/join/", {"name": "Bot", "email": "b@example.org", "website": "x"})
    assert not Applicant.objects.exists()


def test_a_second_request_from_the_same_address_points_to_the_first(
    client, form_page, director
):
    post(client)
    first = Applicant.objects.get()
    mail.outbox.clear()
    post(client, email="DANA@example.org")

    assert Applicant.objects.count() == 2
    (message,) = [m for m in mail.outbox if m.to == ["director@cecto.example"]]
    assert "They asked before" in message.body
    assert f"http://testserver/admin/applicants/edit/{first.pk}/" in message.body
