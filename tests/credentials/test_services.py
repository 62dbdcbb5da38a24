"""Issuing is idempotent and only for graduates; a credential keeps what it certified."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from wagtail.models import ModelLogEntry

from credentials.models import Credential, is_identifier
from credentials.services import issue_credential, revoke_credential, set_public_display
from tests.credentials.conftest import GRADUATION
from tests.factories.people import EnrollmentFactory

pytestmark = pytest.mark.django_db


def test_issuing_snapshots_what_was_certified(credential, graduate, partners, director):
    assert credential.name == "Grace Okonkwo-Hale"
    assert (credential.track_name, credential.cohort_year) == (
        "CeCTO Certification",
        2012,
    )
    assert credential.program_name.startswith("Certified Educational Chief Technology")
    assert sorted(credential.partners) == sorted(partner.name for partner in partners)
    assert credential.affiliation == "Alder Creek County Schools"
    assert credential.issued_on == GRADUATION
    assert credential.issued_by == director
    assert credential.show_name is True  # carried over from the public profile
    assert credential.show_affiliation is False
    assert credential.recipient_email_hash.startswith("sha256$")


def test_identifier_is_unguessable_and_not_the_primary_key(credential):
    assert is_identifier(credential.identifier)
    assert len(credential.identifier) == 24 and credential.identifier != str(
        credential.pk
    )
    assert credential.get_absolute_url() == f"/credentials/{credential.identifier}/"
    other = EnrollmentFactory(cohort=credential.enrollment.cohort, completed=True)
    assert issue_credential(other, GRADUATION)[0].identifier != credential.identifier


def test_later_edits_do_not_change_an_issued_credential(credential, graduate, track):
    graduate.person.first_name = "Renamed"
    graduate.person.save()
    track.name = "Renamed track"
    track.save()
    credential.refresh_from_db()
    assert (credential.name, credential.track_name) == (
        "Grace Okonkwo-Hale",
        "CeCTO Certification",
    )


def test_issuing_twice_returns_the_same_credential(credential, graduate):
    again, created = issue_credential(graduate, datetime.date(2013, 1, 1))
    assert (again.pk, created) == (credential.pk, False)
    assert again.issued_on == GRADUATION
    assert Credential.objects.count() == 1


def test_issuing_is_logged(credential, director):
    entry = ModelLogEntry.objects.get(action="credentials.issue")
    assert (entry.object_id, entry.user) == (str(credential.pk), director)


@pytest.mark.parametrize("status", ["enrolled", "withdrawn"])
def test_only_a_completed_enrollment_earns_a_credential(cohort, status):
    enrollment = EnrollmentFactory(cohort=cohort, status=status)
    with pytest.raises(ValidationError):
        issue_credential(enrollment, GRADUATION)
    assert not Credential.objects.exists()


def test_issuing_needs_a_date(graduate):
    with pytest.raises(ValidationError):
        issue_credential(graduate, None)
    assert not Credential.objects.exists()


def test_revoking_needs_a_reason_and_is_logged(credential, director):
    with pytest.raises(ValidationError):
        revoke_credential(credential, "   ", director)
    credential.refresh_from_db()
    assert not credential.is_revoked
    assert revoke_credential(credential, "Issued in error.", director) is True
    credential.refresh_from_db()
    assert credential.is_revoked and credential.revoked_by == director
    assert credential.revoked_reason == "Issued in error."
    entry = ModelLogEntry.objects.get(action="credentials.revoke")
    assert entry.data == {"reason": "Issued in error."}
    # Revoking again keeps the first revocation.
    assert revoke_credential(credential, "Another reason.", director) is False
    credential.refresh_from_db()
    assert credential.revoked_reason == "Issued in error."


def test_district_is_shown_only_beside_a_name(credential, graduate_user):
    set_public_display(
        credential, show_name=False, show_affiliation=True, user=graduate_user
    )
    credential.refresh_from_db()
    assert (credential.show_name, credential.show_affiliation) == (False, False)
    assert ModelLogEntry.objects.filter(action="credentials.public_display").exists()
