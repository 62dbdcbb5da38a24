"""Demo applicants for the Class of 2027: one or more in every status.

Fictional people from the demo districts. Two are accepted, so the Program
Director can try Enroll; the enrolled one is the demo participant's own request,
linked to their enrollment. Idempotent: applicants are matched by e-mail.
"""

import datetime

from django.utils import timezone
from wagtail.log_actions import log

from applicants.choices import ApplicantSource, ApplicantStatus
from applicants.models import Applicant
from curriculum.models import Track
from demo.people import CECTO, CURRENT_YEAR, LEADERS
from people.models import LEA, Enrollment

# (first, last, district, job title, track, status, source, days ago, notes, message)
APPLICANTS = [
    (
        "Wren",
        "Castellano",
        "Sound Haven County Schools",
        "Director of Technology",
        CECTO,
        ApplicantStatus.NEW,
        ApplicantSource.JOIN_FORM,
        2,
        "",
        "Our district is rolling out one-to-one devices next year.",
    ),
    (
        "Tobias",
        "Whitlock",
        "Ironwood County Schools",
        "Superintendent",
        LEADERS,
        ApplicantStatus.NEW,
        ApplicantSource.JOIN_FORM,
        4,
        "",
        "My technology director took part in 2012 and recommended it.",
    ),
    (
        "Marguerite",
        "Osei",
        "Eastern Piedmont Charter Academy",
        "Head of IT",
        CECTO,
        ApplicantStatus.NEW,
        ApplicantSource.JOIN_FORM,
        6,
        "",
        "",
    ),
    (
        "Desmond",
        "Achterberg",
        "Kestrel County Schools",
        "Network Manager",
        CECTO,
        ApplicantStatus.CONTACTED,
        ApplicantSource.JOIN_FORM,
        15,
        "Called: would like to start in February; checking budget approval.",
        "",
    ),
    (
        "Liesl",
        "Montgomery-Vance",
        "Laurel Fork County Schools",
        "Deputy Superintendent",
        LEADERS,
        ApplicantStatus.CONTACTED,
        ApplicantSource.BY_HAND,
        18,
        "Met at the NCDPI fall conference.",
        "",
    ),
    (
        "Rafferty",
        "Oyelaran",
        "Shoal Creek County Schools",
        "Chief Technology Officer",
        CECTO,
        ApplicantStatus.ACCEPTED,
        ApplicantSource.JOIN_FORM,
        24,
        "Superintendent's letter of support received.",
        "",
    ),
    (
        "Imogen",
        "Szabo",
        "Riverbend County Schools",
        "Superintendent",
        LEADERS,
        ApplicantStatus.ACCEPTED,
        ApplicantSource.JOIN_FORM,
        27,
        "Confirmed she can attend the joint sessions.",
        "",
    ),
    (
        "Barnaby",
        "Quintero",
        "Pine Barrens County Schools",
        "Technology Coordinator",
        CECTO,
        ApplicantStatus.DECLINED,
        ApplicantSource.JOIN_FORM,
        35,
        "Not yet in a district leadership role; encouraged to apply again.",
        "",
    ),
    (
        "Ottoline",
        "Farquhar",
        "Falls Branch County Schools",
        "Director of Technology",
        CECTO,
        ApplicantStatus.WITHDRAWN,
        ApplicantSource.JOIN_FORM,
        40,
        "Withdrew: moving to a post out of state.",
        "",
    ),
]


def seed_applicants():
    """The demo applicants; returns how many were created."""
    tracks = {
        track.slug: track for track in Track.objects.filter(slug__in=[CECTO, LEADERS])
    }
    leas = {lea.name: lea for lea in LEA.objects.all()}
    existing = set(Applicant.objects.values_list("email", flat=True))
    now = timezone.now()
    created = 0
    for (
        first,
        last,
        district,
        title,
        track,
        status,
        source,
        days,
        notes,
        message,
    ) in APPLICANTS:
        email = f"{first}.{last}@{_domain(district)}".lower()
        if email in existing:
            continue
        applicant = Applicant.objects.create(
            first_name=first,
            last_name=last,
            email=email,
            lea=leas.get(district),
            district_other="" if district in leas else district,
            job_title=title,
            track=tracks.get(track),
            year=CURRENT_YEAR,
            status=status,
            source=source,
            notes=notes,
            message=message,
        )
        _received(applicant, now - datetime.timedelta(days=days))
        created += 1
    return created + _seed_enrolled(now)


def _seed_enrolled(now):
    """The demo participant's own request, enrolled and linked to their enrollment."""
    enrollment = (
        Enrollment.objects.filter(
            person__user__username="participant",
            cohort__year=CURRENT_YEAR,
            cohort__track__slug=CECTO,
        )
        .select_related("person", "cohort__track")
        .first()
    )
    if enrollment is None:
        return 0
    person = enrollment.person
    email = person.email or person.user.email
    if Applicant.objects.filter(email__iexact=email).exists():
        return 0
    applicant = Applicant.objects.create(
        first_name=person.first_name,
        last_name=person.last_name,
        email=email,
        lea=person.lea,
        job_title=person.job_title,
        track=enrollment.cohort.track,
        year=CURRENT_YEAR,
        status=ApplicantStatus.ENROLLED,
        source=ApplicantSource.JOIN_FORM,
        person=person,
        enrollment=enrollment,
        notes="Enrolled after a call with the director.",
    )
    _received(applicant, now - datetime.timedelta(days=60))
    return 1


def _received(applicant, when):
    """Backdate the request and give it the history a real one would have."""
    Applicant.objects.filter(pk=applicant.pk).update(created_at=when, updated_at=when)
    log(applicant, "wagtail.create", data={"source": applicant.source}, timestamp=when)


def _domain(district):
    words = [w for w in district.lower().replace("-", " ").split() if w.isalpha()]
    return "-".join(words[:2]) + ".example"
