"""Demo alumni: a refresher track for graduates, its module, and `alumna`.

- The "CeCTO Refresher" track (certifies nothing, 6 hours) for CeCTO graduates, its
  Class of 2027 (the current program year's dates) and one refresher module with a
  face-to-face day in that year (and last year's, 50 weeks earlier).
- The `alumna` sign-in is one of the Class of 2012's CeCTO graduates (the first by
  name whose credential is valid and who has no sign-in yet), so the 2012 roster
  keeps its 23 + 2 + 18; she holds the credential issued by demo/credentials.py and
  is enrolled in the refresher cohort. Graduates stay in the Participants group, so
  she reads participant materials as before.

Runs after the credentials step. Idempotent: a second run creates nothing.
"""

import datetime
from decimal import Decimal

from django.contrib.auth import get_user_model

from credentials.models import Credential
from credentials.services import issue_credential
from curriculum.choices import DeliveryMode, SessionKind
from curriculum.models import ModulePage, ModuleSession, TopicArea, Track
from demo.base import bullets, heading, text, upsert_page
from demo.curriculum import CECTO, CHAPEL_HILL, at
from people.choices import EnrollmentStatus, PersonRole
from people.models import Cohort, Enrollment, Person, Role

ALUMNA = "alumna"
GRADUATING_YEAR = 2012
REFRESHER_YEAR = 2027
REFRESHER = {
    "slug": "cecto-refresher",
    "name": "CeCTO Refresher",
    "certifies": False,
    "audience": "CeCTO graduates",
    "required_hours": 6,
    "duration_months": 10,
    "summary": (
        "For CeCTO graduates: a day a year on what has changed since they "
        "graduated, with the current class's faculty. It certifies nothing new; "
        "graduates asked for a way to keep up."
    ),
    "schedule": "One face-to-face day in the spring of each program year.",
    "joint_sessions": (
        "None required. Graduates are welcome at the final joint meeting, where "
        "the current class's best practices are reviewed."
    ),
}
MODULE_SLUG = "refresher-what-changed"


def seed_alumni(curriculum_index):
    """The refresher track, cohort and module, and `alumna`; return created."""
    track, created = Track.objects.get_or_create(
        slug=REFRESHER["slug"],
        defaults={**REFRESHER, "sort_order": Track.objects.count()},
    )
    current = Cohort.objects.filter(year=REFRESHER_YEAR, track__slug=CECTO).first()
    starts_on = current.starts_on if current else datetime.date(REFRESHER_YEAR, 2, 8)
    ends_on = current.ends_on if current else datetime.date(REFRESHER_YEAR, 11, 17)
    cohort, was_created = Cohort.objects.get_or_create(
        year=REFRESHER_YEAR,
        track=track,
        defaults={"starts_on": starts_on, "ends_on": ends_on},
    )
    created += was_created
    created += _refresher_module(curriculum_index, track)
    created += _alumna(cohort)
    return created


def _refresher_module(curriculum_index, track):
    if curriculum_index.get_children().filter(slug=MODULE_SLUG).exists():
        return 0
    faculty = Person.objects.filter(user__username="faculty").first()
    # A Tuesday in the current program year, and last year's day 50 weeks earlier
    # (every module holds both classes' calendars, demo/curriculum.py).
    days = [at("2026-04-28", "09:00"), at("2027-04-13", "09:00")]
    _page, created = upsert_page(
        curriculum_index,
        ModulePage,
        MODULE_SLUG,
        title="Refresher: what changed since you graduated",
        intro=(
            "A day for CeCTO graduates on what has changed in security, privacy "
            "law and funding since their year, and what their peers do about it."
        ),
        topic_area=TopicArea.objects.filter(slug="emerging-trends").first()
        or TopicArea.objects.first(),
        tracks=[track],
        contact_hours=Decimal(6),
        face_to_face=True,
        learning_objectives=bullets(
            "Name the changes in state and federal rules since your graduation.",
            "Compare your district's security practice with this year's class's.",
        ),
        competencies="Emerging trends\nSecurity\nLegal and regulatory issues",
        faculty=[faculty] if faculty else [],
        sessions=[
            ModuleSession(
                title="Refresher day",
                kind=SessionKind.SESSION,
                starts_at=starts_at,
                ends_at=starts_at + datetime.timedelta(hours=6),
                mode=DeliveryMode.FACE_TO_FACE,
                location=CHAPEL_HILL,
                hours=Decimal(6),
                faculty=faculty,
                sort_order=order,
            )
            for order, starts_at in enumerate(days)
        ],
        body=[
            heading("About this module"),
            text(
                "<p>Graduates bring one problem from their district; the day "
                "ends with each leaving with a peer to call about it.</p>"
            ),
        ],
        search_description="A refresher day for CeCTO graduates.",
    )
    return int(created)


def _alumna(cohort):
    """Link `alumna` to a 2012 CeCTO graduate and enroll her in the refresher."""
    user = get_user_model().objects.filter(username=ALUMNA).first()
    if user is None:
        return 0
    created = 0
    person = Person.objects.filter(user=user).first()
    if person is None:
        credential = (
            Credential.objects.filter(
                cohort_year=GRADUATING_YEAR,
                track__slug=CECTO,
                revoked_at__isnull=True,
                enrollment__person__user__isnull=True,
            )
            .select_related("enrollment__person")
            .order_by("name_key")
            .first()
        )
        if credential is None:
            return 0
        person = credential.enrollment.person
        person.user = user
        person.save(update_fields=["user"])
        user.first_name, user.last_name = person.first_name, person.last_name
        user.save(update_fields=["first_name", "last_name"])
        created += 1
    graduated = Enrollment.objects.filter(
        person=person,
        cohort__year=GRADUATING_YEAR,
        status=EnrollmentStatus.COMPLETED,
    ).first()
    if graduated is not None:
        created += issue_credential(graduated, graduated.completed_on)[1]
    for role in Role.objects.filter(slug=PersonRole.PARTICIPANT):
        Person.roles.through.objects.get_or_create(person=person, role=role)
    _enrollment, was_created = Enrollment.objects.get_or_create(
        person=person, cohort=cohort, defaults={"status": EnrollmentStatus.ENROLLED}
    )
    return created + was_created
