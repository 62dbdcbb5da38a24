"""Issuing and revoking credentials, and the graduate's choice of what is shown.

Every write is one transaction and is recorded in Wagtail's log (Reports > Site
history, and the credential's own history): who issued or revoked what, when.
"""

from __future__ import annotations

import datetime
import hashlib
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.log_actions import log

from credentials.models import Credential
from people.choices import EnrollmentStatus
from people.models import Enrollment, PartnerOrganization

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser, User

    from curriculum.models import Track

# The certificate's heading for the track that certifies; other tracks (Leaders for
# the 21st Century) are named by their own track name.
CERTIFYING_PROGRAM_NAME = "Certified Educational Chief Technology Officer (CeCTO)"


def program_name_for(track: Track) -> str:
    return CERTIFYING_PROGRAM_NAME if track.certifies else track.name


def email_hash(email: str, salt: str) -> str:
    """Open Badges' hashed identity: 'sha256$' and the hex digest of value + salt."""
    digest = hashlib.sha256(f"{email.strip().lower()}{salt}".encode()).hexdigest()
    return f"sha256${digest}"


def issue_credential(
    enrollment: Enrollment,
    issued_on: datetime.date | None,
    user: User | AnonymousUser | None = None,
) -> tuple[Credential, bool]:
    """The enrollment's credential, issued on `issued_on` if it has none yet.

    Idempotent: a second call returns the credential already issued, unchanged.
    Returns (credential, created). Only a completed enrollment earns one; anything
    else raises ValidationError and writes nothing. The graduation action (#12's
    completion rules) calls this when the director confirms a cohort's graduation.
    """
    if issued_on is None:
        raise ValidationError(_("Enter the date the credential is issued on."))
    existing = Credential.objects.filter(enrollment=enrollment).first()
    if existing is not None:
        return existing, False
    enrollment = Enrollment.objects.select_related(
        "person__lea", "person__partner", "cohort__track"
    ).get(pk=enrollment.pk)
    if enrollment.status != EnrollmentStatus.COMPLETED:
        raise ValidationError(
            _("Only a completed enrollment earns a credential; %(person)s's is %(s)s.")
            % {"person": enrollment.person, "s": enrollment.get_status_display()}
        )
    person, track = enrollment.person, enrollment.cohort.track
    credential = Credential(
        enrollment=enrollment,
        issued_on=issued_on,
        issued_by=user if user and user.is_authenticated else None,
        name=person.full_name,
        track=track,
        track_name=track.name,
        program_name=program_name_for(track),
        cohort_year=enrollment.cohort.year,
        affiliation=person.affiliation or "",
        partners=list(PartnerOrganization.objects.values_list("name", flat=True)),
        # The person's consent to a public profile carries over to their name;
        # the district is shown only when they ask for it.
        show_name=person.is_public,
    )
    if person.email:
        credential.recipient_email_hash = email_hash(
            person.email, credential.recipient_salt
        )
    try:
        with transaction.atomic():
            credential.save()
            log(
                credential,
                "credentials.issue",
                user=credential.issued_by,
                data={"issued_on": issued_on.isoformat(), "name": credential.name},
            )
    except IntegrityError:
        # Issued at the same moment by another request: that one stands.
        return Credential.objects.get(enrollment=enrollment), False
    return credential, True


def revoke_credential(
    credential: Credential, reason: str | None, user: User | None
) -> bool:
    """Revoke with a reason (required); revoking twice keeps the first revocation."""
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError(_("Give the reason for revoking this credential."))
    if credential.is_revoked:
        return False
    with transaction.atomic():
        credential.revoked_at = timezone.now()
        credential.revoked_reason = reason
        credential.revoked_by = user
        credential.save(update_fields=["revoked_at", "revoked_reason", "revoked_by"])
        log(credential, "credentials.revoke", user=user, data={"reason": reason})
    return True


def set_public_display(
    credential: Credential,
    *,
    show_name: bool,
    show_affiliation: bool,
    user: User | None,
) -> bool:
    """The graduate's choice of what the public page shows. A district is shown
    only beside a name. Returns whether anything changed."""
    show_affiliation = bool(show_affiliation and show_name)
    changed = (credential.show_name, credential.show_affiliation) != (
        bool(show_name),
        show_affiliation,
    )
    if not changed:
        return False
    with transaction.atomic():
        credential.show_name = bool(show_name)
        credential.show_affiliation = show_affiliation
        credential.save(update_fields=["show_name", "show_affiliation"])
        log(
            credential,
            "credentials.public_display",
            user=user,
            data={
                "show_name": credential.show_name,
                "show_affiliation": show_affiliation,
            },
        )
    return True
