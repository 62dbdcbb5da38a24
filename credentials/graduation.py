"""Graduating a cohort, and undoing it.

`graduate(cohort, selected, graduated_on, user)` checks every selected person
first and writes nothing when one is refused (a withdrawn enrollment, a person not
in the cohort, or rules not met without a reason). Then, in one transaction, each
enrolled person's enrollment becomes completed on the date, their credential is
issued (`credentials.services.issue_credential`), a `GraduationEntry` keeps the
rules not met and the reason, Wagtail's log records it, and each graduate is
e-mailed their verification page's link (through the e-mail queue, so a rollback
sends nothing). People already completed are left as they are: graduating twice
creates nothing new.

`undo_graduation(enrollments, user)` returns completed enrollments to enrolled and
revokes their credentials with the reason UNDONE_REASON: a credential issued by
mistake must not stay verifiable, and revoking (rather than deleting) keeps the
audit trail and answers a verifier who saw it with "revoked". Graduating the
person again reinstates that same credential (same identifier, the new date).
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.log_actions import log

from core.sites import served_url
from credentials.completion import completion_for
from credentials.models import Credential, Graduation, GraduationEntry
from credentials.services import issue_credential, revoke_credential
from outbox.queue import send_email
from people.choices import EnrollmentStatus
from people.models import Enrollment

if TYPE_CHECKING:
    from django.contrib.auth.models import User

    from credentials.completion import Completion
    from people.models import Cohort

GRADUATE_ACTION = "credentials.graduate"
UNDO_ACTION = "credentials.graduation_undone"
REINSTATE_ACTION = "credentials.reinstate"
UNDONE_REASON = "Graduation undone"


class GraduationRefused(Exception):
    """Nothing was written. `errors`: {enrollment pk or None: message}."""

    def __init__(self, errors: dict[int | None, str]) -> None:
        super().__init__("; ".join(str(message) for message in errors.values()))
        self.errors = errors


def cohort_enrollments(cohort: Cohort) -> list[Enrollment]:
    """The cohort's enrollments with what the graduation screen shows."""
    return list(
        Enrollment.objects.filter(cohort=cohort)
        .select_related("person__lea", "person__partner", "cohort__track")
        .order_by("person__last_name", "person__first_name", "pk")
    )


def check_selection(
    cohort: Cohort, selected: Mapping[int, str], today: datetime.date | None = None
) -> tuple[list[Enrollment], dict[int, Completion]]:
    """The people of `selected` ({enrollment pk: reason}) who would graduate, as
    (enrollments, completions); raises GraduationRefused with an error per person."""
    enrollments = {e.pk: e for e in cohort_enrollments(cohort)}
    errors: dict[int | None, str] = {}
    for pk in selected:
        if pk not in enrollments:
            errors[pk] = _("This person is not in %(cohort)s.") % {"cohort": cohort}
    chosen = [enrollments[pk] for pk in selected if pk in enrollments]
    completions = completion_for(chosen, today=today)
    graduating = []
    for enrollment in chosen:
        name = enrollment.person.full_name
        if enrollment.status == EnrollmentStatus.WITHDRAWN:
            errors[enrollment.pk] = _("%(name)s has withdrawn and cannot graduate.") % {
                "name": name
            }
        elif enrollment.status == EnrollmentStatus.COMPLETED:
            continue  # graduated already: nothing new
        elif not completions[enrollment.pk].met and not selected[enrollment.pk]:
            errors[enrollment.pk] = _(
                "%(name)s has not met every rule (%(unmet)s): give the reason they "
                "graduate anyway, or leave them out."
            ) % {
                "name": name,
                "unmet": "; ".join(r.text for r in completions[enrollment.pk].unmet),
            }
        else:
            graduating.append(enrollment)
    if errors:
        raise GraduationRefused(errors)
    return graduating, completions


def graduate(
    cohort: Cohort,
    selected: Mapping[int, str | None],
    graduated_on: datetime.date | None,
    user: User | None,
    today: datetime.date | None = None,
) -> Graduation | None:
    """Graduate the people of `selected` ({enrollment pk: reason, "" for none}).
    Returns the `Graduation`, or None when everyone selected had graduated already.
    Raises GraduationRefused (nothing written)."""
    if graduated_on is None:
        raise GraduationRefused({None: _("Enter the graduation date.")})
    reasons = {int(pk): (reason or "").strip() for pk, reason in selected.items()}
    if not reasons:
        raise GraduationRefused({None: _("Choose at least one person to graduate.")})
    graduating, completions = check_selection(cohort, reasons, today=today)
    if not graduating:
        return None
    with transaction.atomic():
        # Locked and read again: a graduation confirmed at the same moment wins.
        pks = (
            Enrollment.objects.select_for_update()
            .filter(pk__in=[e.pk for e in graduating], status=EnrollmentStatus.ENROLLED)
            .values_list("pk", flat=True)
        )
        still_enrolled = set(pks)
        graduating = [e for e in graduating if e.pk in still_enrolled]
        if not graduating:
            return None
        graduation = Graduation.objects.create(
            cohort=cohort, graduated_on=graduated_on, confirmed_by=user
        )
        for enrollment in graduating:
            unmet = [r.text for r in completions[enrollment.pk].unmet]
            reason = reasons[enrollment.pk] if unmet else ""
            enrollment.status = EnrollmentStatus.COMPLETED
            enrollment.completed_on = graduated_on
            enrollment.save(update_fields=["status", "completed_on"])
            GraduationEntry.objects.create(
                graduation=graduation,
                enrollment=enrollment,
                unmet_rules=unmet,
                reason=reason,
            )
            credential = _credential(enrollment, graduated_on, user)
            log(
                enrollment,
                GRADUATE_ACTION,
                user=user,
                data={
                    "graduated_on": graduated_on.isoformat(),
                    "unmet": unmet,
                    "reason": reason,
                    "credential": credential.identifier,
                },
            )
            _email_graduate(enrollment, credential)
    return graduation


def _credential(
    enrollment: Enrollment, graduated_on: datetime.date, user: User | None
) -> Credential:
    """Issue the credential, or reinstate the one an undone graduation revoked."""
    credential = Credential.objects.filter(enrollment=enrollment).first()
    if credential is None:
        try:
            return issue_credential(enrollment, graduated_on, user=user)[0]
        except ValidationError as error:  # pragma: no cover - status set just above
            raise GraduationRefused({enrollment.pk: error.messages[0]}) from error
    if credential.is_revoked and credential.revoked_reason == UNDONE_REASON:
        credential.revoked_at = None
        credential.revoked_reason = ""
        credential.revoked_by = None
        credential.issued_on = graduated_on
        credential.save(
            update_fields=["revoked_at", "revoked_reason", "revoked_by", "issued_on"]
        )
        log(
            credential,
            REINSTATE_ACTION,
            user=user,
            data={"issued_on": graduated_on.isoformat()},
        )
    return credential


def _email_graduate(enrollment: Enrollment, credential: Credential) -> None:
    person = enrollment.person
    if not person.email:
        return
    send_email(
        _("Congratulations: you have graduated from the %(track)s track")
        % {"track": enrollment.cohort.track},
        render_to_string(
            "emails/graduated.txt",
            {
                "recipient_name": person.first_name or person.full_name,
                "enrollment": enrollment,
                "credential": credential,
                "verification_url": served_url(credential.get_absolute_url()),
                "dashboard_url": served_url("/dashboard/"),
                "site_name": settings.WAGTAIL_SITE_NAME,
            },
        ),
        [person.email],
        headers={"Auto-Submitted": "auto-generated"},
    )


def last_graduation(cohort: Cohort) -> Graduation | None:
    """The cohort's latest graduation with someone still graduated, or None."""
    return (
        Graduation.objects.filter(cohort=cohort, entries__undone_at__isnull=True)
        .distinct()
        .order_by("-confirmed_at", "-pk")
        .first()
    )


def undo_graduation(enrollments: Iterable[Enrollment], user: User | None) -> int:
    """Return each completed enrollment of `enrollments` to enrolled, revoke its
    credential ("Graduation undone") and log it; returns how many were undone."""
    undone = 0
    with transaction.atomic():
        locked = (
            Enrollment.objects.select_for_update()
            .filter(
                pk__in=[e.pk for e in enrollments], status=EnrollmentStatus.COMPLETED
            )
            .select_related("person", "cohort__track")
        )
        for enrollment in locked:
            graduated_on = enrollment.completed_on
            enrollment.status = EnrollmentStatus.ENROLLED
            enrollment.completed_on = None
            enrollment.save(update_fields=["status", "completed_on"])
            GraduationEntry.objects.filter(
                enrollment=enrollment, undone_at__isnull=True
            ).update(undone_at=timezone.now(), undone_by=user)
            credential = Credential.objects.filter(enrollment=enrollment).first()
            if credential is not None:
                revoke_credential(credential, UNDONE_REASON, user)
            log(
                enrollment,
                UNDO_ACTION,
                user=user,
                data={
                    "graduated_on": graduated_on.isoformat() if graduated_on else "",
                    "credential": credential.identifier if credential else "",
                },
            )
            undone += 1
    return undone
