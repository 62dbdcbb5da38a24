"""Enroll in one action: person, sign-in and enrollment together or not at all,
linked (never copied) when they exist, and a one-time "set your password" link."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.urls import reverse
from wagtail.models import ModelLogEntry

from applicants.choices import ApplicantStatus
from applicants.services import EnrollmentError, enroll
from people import roles
from people.choices import EnrollmentStatus, PersonRole
from people.models import Enrollment, Person
from tests.applicants.conftest import ApplicantFactory
from tests.factories.core import UserFactory
from tests.factories.people import PersonFactory

pytestmark = pytest.mark.django_db

User = get_user_model()


def enroll_url(applicant):
    return reverse("applicants:enroll", args=[applicant.pk])


def enroll_by_post(client, applicant, cohort, callbacks):
    with callbacks(execute=True):
        return client.post(enroll_url(applicant), {"cohort": cohort.pk})


def test_the_confirmation_offers_the_cohort_of_their_track_and_year(
    verified_client, director, accepted, cohorts
):
    verified_client.sign_in(director)
    html = verified_client.get(enroll_url(accepted)).content.decode()
    assert f'<option value="{cohorts["cecto"].pk}" selected>' in html
    assert "Yes, enroll" in html
    assert not Person.objects.exists()  # a GET changes nothing


def test_the_edit_screen_offers_enroll_to_accepted_applicants_only(
    verified_client, director, accepted, tracks
):
    verified_client.sign_in(director)
    edit = reverse("applicants:edit", args=[accepted.pk])
    assert enroll_url(accepted) in verified_client.get(edit).content.decode()
    inspect = reverse("applicants:inspect", args=[accepted.pk])
    assert enroll_url(accepted) in verified_client.get(inspect).content.decode()

    contacted = ApplicantFactory(status=ApplicantStatus.CONTACTED)
    html = verified_client.get(
        reverse("applicants:edit", args=[contacted.pk])
    ).content.decode()
    assert enroll_url(contacted) not in html


def test_enrolling_creates_person_account_and_enrollment_and_emails_a_link(
    verified_client,
    director,
    accepted,
    cohorts,
    lea,
    django_capture_on_commit_callbacks,
):
    verified_client.sign_in(director)
    response = enroll_by_post(
        verified_client, accepted, cohorts["cecto"], django_capture_on_commit_callbacks
    )
    assert response.status_code == 302

    person = Person.objects.get()
    account = User.objects.get(email__iexact="dana.reyes@wake.example")
    enrollment = Enrollment.objects.get()
    assert (person.first_name, person.last_name) == ("Dana", "Reyes")
    assert person.lea == lea
    assert person.job_title == "Technology Director"
    assert person.email == "Dana.Reyes@Wake.example"
    assert person.user == account
    assert person.has_role(PersonRole.PARTICIPANT)
    assert account.username == "dana.reyes@wake.example"
    assert not account.has_usable_password()
    assert list(account.groups.values_list("name", flat=True)) == [roles.PARTICIPANTS]
    assert enrollment.person == person
    assert enrollment.cohort == cohorts["cecto"]
    assert enrollment.status == EnrollmentStatus.ENROLLED

    accepted.refresh_from_db()
    assert accepted.status == ApplicantStatus.ENROLLED
    assert accepted.person == person
    assert accepted.enrollment == enrollment
    entry = ModelLogEntry.objects.get(action="applicants.enroll")
    assert entry.user == director
    assert entry.data["created_user"] is True

    history = verified_client.get(
        reverse("applicants:history", args=[accepted.pk])
    ).content.decode()
    assert "Enrolled in" in history
    assert "Created: person record, sign-in, enrollment." in history

    (message,) = [m for m in mail.outbox if m.to == ["Dana.Reyes@Wake.example"]]
    assert "choose your password" in message.subject
    link = re.search(r"http://testserver(/accounts/password-reset/\S+/)", message.body)
    assert link, message.body

    # The link works once: it sets the password, then it is spent.
    anonymous = verified_client.__class__()
    page = anonymous.get(link.group(1), follow=True)
    assert page.status_code == 200
    assert b"Choose a new password" in page.content
    set_url = page.redirect_chain[-1][0]
    done = anonymous.post(
        set_url,
        {
            "new_password1": "A-long new passphrase 42",
            "new_password2": "A-long new passphrase 42",
        },
    )
    assert done.status_code == 302
    account.refresh_from_db()
    assert account.check_password("A-long new passphrase 42")
    again = anonymous.get(link.group(1), follow=True)
    assert b"already been used or has expired" in again.content


def test_a_leaders_cohort_makes_a_superintendent(accepted, cohorts, director):
    result = enroll(accepted, cohorts["leaders"], user=director)
    assert list(result.user.groups.values_list("name", flat=True)) == [
        roles.SUPERINTENDENTS
    ]
    assert result.person.has_role(PersonRole.SUPERINTENDENT)


def test_enrolling_twice_duplicates_nothing(
    verified_client, director, accepted, cohorts, django_capture_on_commit_callbacks
):
    verified_client.sign_in(director)
    enroll_by_post(
        verified_client, accepted, cohorts["cecto"], django_capture_on_commit_callbacks
    )
    response = enroll_by_post(
        verified_client, accepted, cohorts["cecto"], django_capture_on_commit_callbacks
    )
    assert response.status_code == 302
    assert Person.objects.count() == 1
    assert User.objects.filter(email__iexact=accepted.email).count() == 1
    assert Enrollment.objects.count() == 1
    assert ModelLogEntry.objects.filter(action="applicants.enroll").count() == 1
    # An enrolled applicant is not offered Enroll again (only a new password link).
    page = verified_client.get(enroll_url(accepted)).text
    assert "Yes, enroll" not in page
    assert "Yes, send a new link" in page


def test_an_existing_account_and_person_are_linked_not_copied(
    accepted, cohorts, director, django_capture_on_commit_callbacks
):
    account = UserFactory(username="dreyes", email="dana.reyes@WAKE.example")
    person = PersonFactory(first_name="Dana", last_name="Reyes", email="", user=account)

    with django_capture_on_commit_callbacks(execute=True):
        result = enroll(accepted, cohorts["cecto"], user=director)

    assert result.user == account
    assert result.person == person
    assert not (result.created_user or result.created_person)
    assert Person.objects.count() == 1
    assert User.objects.filter(email__iexact=accepted.email).count() == 1
    assert Enrollment.objects.get().person == person
    # They have a password already: no "set your password" e-mail.
    assert not [m for m in mail.outbox if "password" in m.subject]


def test_a_person_with_the_email_but_no_account_gets_the_new_account(
    accepted, cohorts, director
):
    person = PersonFactory(email="DANA.REYES@wake.example")
    result = enroll(accepted, cohorts["cecto"], user=director)
    assert result.person == person
    person.refresh_from_db()
    assert person.user == result.user
    assert Person.objects.count() == 1


def test_an_existing_enrollment_in_the_cohort_is_linked(accepted, cohorts, director):
    person = PersonFactory(email="dana.reyes@wake.example")
    enrollment = Enrollment.objects.create(person=person, cohort=cohorts["cecto"])
    result = enroll(accepted, cohorts["cecto"], user=director)
    assert result.enrollment == enrollment
    assert Enrollment.objects.count() == 1


def test_a_failure_writes_nothing_and_sends_nothing(
    verified_client,
    director,
    accepted,
    cohorts,
    monkeypatch,
    django_capture_on_commit_callbacks,
):
    def broken(*args, **kwargs):
        raise RuntimeError("database went away")

    monkeypatch.setattr(Enrollment.objects, "get_or_create", broken)
    verified_client.raise_request_exception = False
    verified_client.sign_in(director)
    users_before = User.objects.count()
    mail.outbox.clear()

    response = enroll_by_post(
        verified_client, accepted, cohorts["cecto"], django_capture_on_commit_callbacks
    )

    assert response.status_code == 500
    assert User.objects.count() == users_before
    assert not Person.objects.exists()
    assert not Enrollment.objects.exists()
    accepted.refresh_from_db()
    assert accepted.status == ApplicantStatus.ACCEPTED
    assert not ModelLogEntry.objects.filter(action="applicants.enroll").exists()
    assert not mail.outbox


@pytest.mark.parametrize("status", ["new", "contacted", "declined", "withdrawn"])
def test_only_accepted_applicants_are_enrolled(
    verified_client, director, cohorts, tracks, status
):
    applicant = ApplicantFactory(status=status, track=tracks["cecto"], year=2027)
    with pytest.raises(EnrollmentError):
        enroll(applicant, cohorts["cecto"], user=director)
    verified_client.sign_in(director)
    response = verified_client.post(
        enroll_url(applicant), {"cohort": cohorts["cecto"].pk}
    )
    assert response.status_code == 200
    assert "Only an accepted applicant" in response.content.decode()
    assert not Person.objects.exists()


def test_a_cohort_must_be_chosen(verified_client, director, accepted):
    verified_client.sign_in(director)
    response = verified_client.post(enroll_url(accepted), {"cohort": ""})
    assert response.status_code == 200
    assert not Person.objects.exists()


def test_faculty_cannot_enroll(client, faculty_user, accepted, cohorts):
    from tests.two_factor import sign_in_verified

    sign_in_verified(client, faculty_user)
    response = client.post(enroll_url(accepted), {"cohort": cohorts["cecto"].pk})
    assert response.status_code in (302, 403)
    assert not Person.objects.exists()


def test_a_new_password_link_can_be_sent_until_a_password_is_chosen(
    verified_client, director, accepted, cohorts, django_capture_on_commit_callbacks
):
    verified_client.sign_in(director)
    enroll_by_post(
        verified_client, accepted, cohorts["cecto"], django_capture_on_commit_callbacks
    )
    edit = reverse("applicants:edit", args=[accepted.pk])
    assert "Send a new password link" in verified_client.get(edit).text
    assert "Yes, send a new link" in verified_client.get(enroll_url(accepted)).text

    with django_capture_on_commit_callbacks(execute=True):
        response = verified_client.post(enroll_url(accepted))
    assert response.status_code == 302
    links = [m for m in mail.outbox if m.to == ["Dana.Reyes@Wake.example"]]
    assert len(links) == 2
    assert Person.objects.count() == 1 and Enrollment.objects.count() == 1

    account = User.objects.get(email__iexact=accepted.email)
    account.set_password("Chosen at last 1234")
    account.save()
    assert "Send a new password link" not in verified_client.get(edit).text
    assert verified_client.get(enroll_url(accepted)).status_code == 302
