"""What happens to applicants: made from join form submissions, and enrolled.

`applicant_from_submission` reads a join form submission into an `Applicant`;
`enroll` turns an accepted applicant into a person, a sign-in and an enrollment in
one transaction, linking what exists already (matched by e-mail, ignoring case)
instead of copying it.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, cast

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.tokens import default_token_generator
from django.db import transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext as _
from wagtail.log_actions import log

from applicants.choices import ApplicantSource, ApplicantStatus
from applicants.models import DISTRICT_FIELD, Applicant
from core.sites import served_url
from curriculum.models import Track
from outbox.queue import send_email
from people import roles
from people.choices import EnrollmentStatus, PersonRole
from people.models import LEA, Cohort, Enrollment, Person, Role

if TYPE_CHECKING:
    from django.contrib.auth.models import User
    from django.db.models import QuerySet
    from wagtail.contrib.forms.models import AbstractFormField, FormSubmission

logger = logging.getLogger(__name__)

# --- From a join form submission ----------------------------------------------------

# Clean names (the form field labels, slugified by Wagtail) that mean each answer,
# tried after the field types; editors can rename labels within reason.
NAME_HINTS = ("full_name", "name", "your_name")
FIRST_NAME_HINTS = ("first_name", "given_name")
LAST_NAME_HINTS = ("last_name", "surname", "family_name")
EMAIL_HINTS = ("email", "e_mail", "email_address")
PHONE_HINTS = ("phone", "telephone", "phone_number", "mobile")
DISTRICT_HINTS = ("school_district", "district", "lea", "organization")
JOB_TITLE_HINTS = ("job_title", "role", "title", "position")
TRACK_HINTS = ("track_of_interest", "track")
YEAR_HINTS = ("year", "cohort", "cohort_year", "class_of")
MESSAGE_HINTS = ("message", "comments", "anything_else")

NOT_AN_ANSWER = {"other", "not sure yet", "not sure", "choose..."}


def applicant_from_submission(
    submission: FormSubmission, fields: Iterable[AbstractFormField]
) -> Applicant:
    """An unsaved `Applicant` for a join form `submission`.

    `fields` are the form's field definitions (clean_name, field_type); answers
    are found by field type first (e-mail, district), then by clean name, so a
    renamed label still lands in the right place.
    """
    data = submission.form_data
    by_type: dict[str, list[str]] = {}
    for field in fields:
        by_type.setdefault(field.field_type, []).append(field.clean_name)

    def answer(*, types: Sequence[str] = (), hints: Sequence[str] = ()) -> str:
        names = [name for t in types for name in by_type.get(t, [])]
        names += [h for h in hints if h in data]
        names += [n for n in data if any(h in n for h in hints) and n not in names]
        for name in names:
            value = data.get(name)
            if isinstance(value, list):
                value = ", ".join(str(v) for v in value)
            if value not in (None, ""):
                return str(value).strip()
        return ""

    email = answer(types=["email"], hints=EMAIL_HINTS)
    first_name = answer(hints=FIRST_NAME_HINTS)
    last_name = answer(hints=LAST_NAME_HINTS)
    if not first_name:
        first_name, last_name = split_name(answer(hints=NAME_HINTS))
    if not first_name:
        first_name = email.split("@")[0]

    applicant = Applicant(
        first_name=first_name[:80],
        last_name=last_name[:80],
        email=email,
        phone=answer(hints=PHONE_HINTS)[:40],
        message=answer(types=["multiline"], hints=MESSAGE_HINTS),
        source=ApplicantSource.JOIN_FORM,
        form_submission=submission,
    )
    district = answer(types=[DISTRICT_FIELD], hints=DISTRICT_HINTS)
    applicant.lea = LEA.objects.filter(name__iexact=district).first()
    if applicant.lea is None:
        applicant.district_other = district[:255]
    job_title = answer(hints=JOB_TITLE_HINTS)
    if job_title.lower() not in NOT_AN_ANSWER:
        applicant.job_title = job_title[:150]
    applicant.track = _track(answer(hints=TRACK_HINTS), data)
    applicant.year = _year(answer(hints=YEAR_HINTS)) or next_cohort_year(
        applicant.track
    )
    return applicant


def split_name(full_name: str) -> tuple[str, str]:
    """("Dana Maria", "Reyes") from "Dana Maria Reyes"; a single word is a first name."""
    parts = full_name.split()
    if len(parts) < 2:
        return full_name.strip(), ""
    return " ".join(parts[:-1]), parts[-1]


def _track(value: str, data: dict[str, Any]) -> Track | None:
    """The track named by the answer; failing that, by any answer that is a track."""
    tracks = {track.name.lower(): track for track in Track.objects.all()}
    if value.lower() in tracks:
        return tracks[value.lower()]
    for answer in data.values():
        if isinstance(answer, str) and answer.strip().lower() in tracks:
            return tracks[answer.strip().lower()]
    return None


def _year(value: str) -> int | None:
    match = re.search(r"\b(20\d\d)\b", value)
    return int(match.group(1)) if match else None


def next_cohort_year(track: Track | None = None) -> int | None:
    """The class of the next cohort to begin (for the track, if given), or None."""
    cohorts = Cohort.objects.filter(starts_on__gt=timezone.localdate())
    if track is not None:
        cohorts = cohorts.filter(track=track)
    return cohorts.order_by("starts_on").values_list("year", flat=True).first()


def directors_to_tell() -> QuerySet[User]:
    """Active users in the Program Director group who have an e-mail address."""
    return roles.program_directors().exclude(email="").order_by("pk")


def record_join_request(
    submission: FormSubmission, fields: Iterable[AbstractFormField]
) -> Applicant | None:
    """Save, log and announce to the directors the applicant of a join form
    `submission`; None if that failed.

    A failure is logged and never costs the visitor their submission (it is
    stored, and staff can add the applicant by hand).
    """
    try:
        with transaction.atomic():
            applicant = applicant_from_submission(submission, fields)
            applicant.save()
            log(applicant, "wagtail.create", data={"source": applicant.source})
            notify_directors(applicant)
    except Exception:
        logger.exception("Join form submission %s: no applicant made", submission.pk)
        return None
    return applicant


def notify_directors(applicant: Applicant) -> None:
    """E-mail each Program Director that a new applicant arrived, with its link."""
    link = served_url(reverse("applicants:edit", args=[applicant.pk]))
    # The same person asking again is one person: say so, with the earlier record.
    earlier = (
        Applicant.objects.filter(email__iexact=applicant.email)
        .exclude(pk=applicant.pk)
        .order_by("-created_at")
        .first()
    )
    earlier_url = (
        served_url(reverse("applicants:edit", args=[earlier.pk])) if earlier else ""
    )
    for director in directors_to_tell():
        send_email(
            _("New applicant: %(name)s") % {"name": applicant},
            render_to_string(
                "emails/applicant_received.txt",
                {
                    "recipient_name": director.first_name or director.username,
                    "applicant": applicant,
                    "applicant_url": link,
                    "earlier": earlier,
                    "earlier_url": earlier_url,
                    "site_name": settings.WAGTAIL_SITE_NAME,
                },
            ),
            [director.email],
            headers={"Auto-Submitted": "auto-generated"},
        )


# --- Enrolling ----------------------------------------------------------------------


class EnrollmentError(Exception):
    """The applicant cannot be enrolled as asked; the message says why."""


@dataclass
class EnrollmentResult:
    applicant: Applicant
    person: Person
    user: User | None
    enrollment: Enrollment
    created_person: bool
    created_user: bool
    created_enrollment: bool
    already_enrolled: bool = False
    password_link_sent: bool = False


def needs_password_link(applicant: Applicant) -> bool:
    """An enrolled applicant whose sign-in has no password yet (the link expired
    or was lost): enrolling again sends a new one."""
    if applicant.status != ApplicantStatus.ENROLLED or applicant.person is None:
        return False
    account = applicant.person.user
    return account is not None and not account.has_usable_password()


def default_cohort(applicant: Applicant) -> Cohort | None:
    """The cohort for the applicant's track and year, if there is one."""
    if not (applicant.track_id and applicant.year):
        return None
    return Cohort.objects.filter(
        track_id=applicant.track_id, year=applicant.year
    ).first()


def role_for(track: Track) -> PersonRole:
    return PersonRole.PARTICIPANT if track.certifies else PersonRole.SUPERINTENDENT


def enroll(
    applicant: Applicant, cohort: Cohort | None, *, user: User | None
) -> EnrollmentResult:
    """Enroll an accepted applicant in `cohort`, as `user`; returns EnrollmentResult.

    The person, the sign-in (no usable password) and the enrollment are made
    together or not at all. Records that exist already are linked: a person or an
    account with the applicant's e-mail (any case), an enrollment in the cohort.
    Enrolling an enrolled applicant again changes nothing, and sends a new "set
    your password" link if they have not chosen a password yet.
    """
    with transaction.atomic():
        applicant = Applicant.objects.select_for_update().get(pk=applicant.pk)
        if applicant.status == ApplicantStatus.ENROLLED and applicant.enrollment_id:
            enrollment = cast(Enrollment, applicant.enrollment)  # its id is set
            person = enrollment.person
            result = EnrollmentResult(
                applicant,
                person,
                person.user,
                enrollment,
                created_person=False,
                created_user=False,
                created_enrollment=False,
                already_enrolled=True,
            )
        else:
            result = _enroll(applicant, cohort, user)
    account = result.user
    if account is not None and not account.has_usable_password():
        result.password_link_sent = True
        transaction.on_commit(
            lambda: send_set_password_email(account, result.enrollment)
        )
    return result


def _enroll(
    applicant: Applicant, cohort: Cohort | None, acting_user: User | None
) -> EnrollmentResult:
    if applicant.status != ApplicantStatus.ACCEPTED:
        raise EnrollmentError(
            _("Only an accepted applicant can be enrolled; this one is “%(status)s”.")
            % {"status": applicant.get_status_display()}
        )
    email = applicant.email.strip()
    if not email:
        raise EnrollmentError(_("The applicant has no e-mail address."))
    if cohort is None:
        raise EnrollmentError(_("Choose the cohort to enroll them in."))
    track = cohort.track

    account, created_user = _account_for(email, applicant, acting_user)
    person, created_person = _person_for(email, account, applicant, track)
    if account is not None:
        # Participants on the certifying track, Superintendents on the other.
        account.groups.add(roles.sign_in_group(track.certifies))
    role, _created = Role.objects.get_or_create(slug=role_for(track))
    if not person.roles.filter(pk=role.pk).exists():
        person.roles.add(role)
        person.save()  # a ParentalManyToManyField is written on save

    enrollment, created_enrollment = Enrollment.objects.get_or_create(
        person=person, cohort=cohort, defaults={"status": EnrollmentStatus.ENROLLED}
    )
    if created_enrollment:
        log(enrollment, "wagtail.create", user=acting_user)

    applicant.status = ApplicantStatus.ENROLLED
    applicant.person = person
    applicant.enrollment = enrollment
    applicant.save(update_fields=["status", "person", "enrollment", "updated_at"])
    log(
        applicant,
        "applicants.enroll",
        user=acting_user,
        data={
            "cohort": str(cohort),
            "cohort_id": cohort.pk,
            "person_id": person.pk,
            "user_id": account.pk,
            "enrollment_id": enrollment.pk,
            "created_person": created_person,
            "created_user": created_user,
            "created_enrollment": created_enrollment,
            "changes": {
                "status": {
                    "old": str(ApplicantStatus.ACCEPTED.label),
                    "new": str(ApplicantStatus.ENROLLED.label),
                }
            },
        },
    )
    return EnrollmentResult(
        applicant,
        person,
        account,
        enrollment,
        created_person=created_person,
        created_user=created_user,
        created_enrollment=created_enrollment,
    )


def _account_for(
    email: str, applicant: Applicant, acting_user: User | None
) -> tuple[User, bool]:
    """The sign-in with this e-mail (or of the person with it), else a new one."""
    User = get_user_model()
    account = (
        User.objects.filter(Q(email__iexact=email) | Q(person__email__iexact=email))
        .order_by("pk")
        .first()
    )
    if account is not None:
        return account, False
    account = User(
        username=_free_username(email),
        email=email,
        first_name=applicant.first_name[:150],
        last_name=applicant.last_name[:150],
    )
    account.set_unusable_password()
    account.save()
    log(account, "wagtail.create", user=acting_user)
    return account, True


def _free_username(email: str) -> str:
    """The e-mail address, lowercased, as the username; a number added if taken."""
    User = get_user_model()
    base = email.lower()[:140]
    username, n = base, 2
    while User.objects.filter(username__iexact=username).exists():
        username, n = f"{base}-{n}", n + 1
    return username


def _person_for(
    email: str, account: User, applicant: Applicant, track: Track
) -> tuple[Person, bool]:
    """The account's person, or the person with this e-mail, else a new one."""
    person = Person.objects.filter(user=account).first()
    if person is None:
        person = (
            Person.objects.filter(email__iexact=email, user__isnull=True)
            .order_by("pk")
            .first()
        )
        if person is not None:
            person.user = account
            person.save()
    if person is not None:
        return person, False
    person = Person.objects.create(
        first_name=applicant.first_name,
        last_name=applicant.last_name,
        job_title=applicant.job_title,
        lea=applicant.lea,
        organization="" if applicant.lea_id else applicant.district_other[:200],
        email=email,
        user=account,
    )
    return person, True


def set_password_link(account: User) -> str:
    """The one-time address where `account` chooses its password (the public
    site's password reset confirmation; it stops working once used)."""
    return served_url(
        reverse(
            "accounts:password_reset_confirm",
            kwargs={
                "uidb64": urlsafe_base64_encode(force_bytes(account.pk)),
                "token": default_token_generator.make_token(account),
            },
        )
    )


def send_set_password_email(account: User, enrollment: Enrollment) -> None:
    """E-mail the new participant the link to choose their password."""
    context = {
        "recipient_name": account.first_name or account.get_username(),
        "site_name": settings.WAGTAIL_SITE_NAME,
        "username": account.get_username(),
        "cohort": enrollment.cohort,
        "link": set_password_link(account),
        "login_url": served_url(reverse("accounts:login")),
    }
    send_email(
        render_to_string("emails/set_password_subject.txt", context).strip(),
        render_to_string("emails/set_password.txt", context),
        [account.email],
        headers={"Auto-Submitted": "auto-generated"},
    )
