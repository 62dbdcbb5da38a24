"""Open Badges 3.0 (1EdTech) documents: the issuer's profile, each track's
achievement, each credential as an OpenBadgeCredential, and its revocation status.

The credential follows the W3C Verifiable Credentials 2.0 data model with the
Open Badges 3.0 context; signing.py turns it into a VC-JWT. The recipient is
named only as the graduate allowed: a salted hash of their e-mail address always
(a verifier who knows the address can check it), their name in clear only if they
agreed to show it, otherwise as a salted hash too.
"""

import datetime

from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from core.sites import served_url
from credentials.services import email_hash

VC_CONTEXT = "https://www.w3.org/ns/credentials/v2"
OB_CONTEXT = "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"
CONTEXTS = [VC_CONTEXT, OB_CONTEXT]
# 1EdTech's revocation list status method (Open Badges 3.0, "Revocation List").
STATUS_TYPE = "1EdTechRevocationList"


def issuer_id():
    return served_url(reverse("credentials:issuer"))


def issuer_profile(with_context=False):
    """The issuer (an OB 3.0 Profile): the program, at its own address."""
    profile = {
        "id": issuer_id(),
        "type": ["Profile"],
        "name": settings.CREDENTIAL_ISSUER_NAME,
        "url": served_url("/"),
        "description": settings.CREDENTIAL_ISSUER_DESCRIPTION,
    }
    return {"@context": CONTEXTS, **profile} if with_context else profile


def achievement_id(track_slug):
    return served_url(reverse("credentials:achievement", args=[track_slug]))


def criteria_narrative(track):
    """What a graduate of `track` did, in words, from the track's own figures."""
    parts = [
        f"Complete {track.required_hours} hours of instruction over "
        f"{track.duration_months} months in the {track.name} track."
    ]
    if track.joint_sessions:
        parts.append(f"Attend the required joint sessions: {track.joint_sessions}")
    if track.certifies:
        parts.append(
            "Write a best practice for school technology leaders that is reviewed "
            "and published by the program."
        )
    parts.append("Graduation is confirmed by the Program Director.")
    return " ".join(parts)


def achievement(track, name=None):
    """The track as an OB 3.0 Achievement (one per track)."""
    return {
        "id": achievement_id(track.slug),
        "type": ["Achievement"],
        "achievementType": "Certification" if track.certifies else "Certificate",
        "name": name or track.name,
        "description": track.summary,
        "criteria": {"narrative": criteria_narrative(track)},
        "creator": issuer_profile(),
    }


def credential_id(credential):
    return served_url(credential.badge_json_url())


def valid_from(credential):
    """The issue date at midnight in the program's time zone, as VC 2.0 wants."""
    moment = datetime.datetime.combine(credential.issued_on, datetime.time())
    return timezone.make_aware(moment).isoformat()


def recipient_identifiers(credential):
    identities = []
    if credential.recipient_email_hash:
        identities.append(
            {
                "type": "IdentityObject",
                "identityType": "emailAddress",
                "hashed": True,
                "identityHash": credential.recipient_email_hash,
                "salt": credential.recipient_salt,
            }
        )
    if credential.show_name:
        identities.append(
            {
                "type": "IdentityObject",
                "identityType": "name",
                "hashed": False,
                "identityHash": credential.name,
            }
        )
    else:
        identities.append(
            {
                "type": "IdentityObject",
                "identityType": "name",
                "hashed": True,
                "identityHash": email_hash(credential.name, credential.recipient_salt),
                "salt": credential.recipient_salt,
            }
        )
    return identities


def open_badge_credential(credential):
    """The credential as an OpenBadgeCredential (unsigned JSON)."""
    track = credential.track
    return {
        "@context": CONTEXTS,
        "id": credential_id(credential),
        "type": ["VerifiableCredential", "OpenBadgeCredential"],
        "name": f"{credential.track_name}, Class of {credential.cohort_year}",
        "description": (
            f"{credential.program_name}: {credential.track_name}, Class of "
            f"{credential.cohort_year}, issued by "
            f"{', '.join(credential.partners) or settings.CREDENTIAL_ISSUER_NAME}."
        ),
        "issuer": issuer_profile(),
        "validFrom": valid_from(credential),
        "credentialSubject": {
            "type": ["AchievementSubject"],
            "identifier": recipient_identifiers(credential),
            "achievement": achievement(track, name=credential.track_name),
        },
        "credentialStatus": {
            "id": served_url(credential.status_url()),
            "type": STATUS_TYPE,
        },
    }


def jwt_payload(credential):
    """The VC-JWT payload: the credential with the JWT claims OB 3.0 names
    (iss = issuer.id, jti = id, nbf = validFrom; no sub, the subject has no id)."""
    document = open_badge_credential(credential)
    starts = datetime.datetime.fromisoformat(document["validFrom"])
    return {
        **document,
        "iss": document["issuer"]["id"],
        "jti": document["id"],
        "nbf": int(starts.timestamp()),
    }


def revocation_list(credential):
    """This credential's own revocation list: empty, or listing it when revoked.

    One list per credential, so the list never tells anyone which other
    identifiers exist. The reason stays in the admin: it concerns the person.
    """
    revoked = []
    if credential.is_revoked:
        revoked.append({"id": credential_id(credential)})
    return {
        "id": served_url(credential.status_url()),
        "issuer": issuer_id(),
        "revokedCredentials": revoked,
    }
