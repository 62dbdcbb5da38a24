"""Districts, cohorts and people of the scale data set.

Who a person is follows from their number alone (names, roles, cohort), so the pools
other kinds draw from (faculty for modules, each class's candidates for best
practices) are known without reading every person back: roles follow a fixed
pattern per hundred people (2 % faculty, 1 % faculty and staff, 1 % staff, 2 %
partner contacts, 26 % superintendents, 68 % technology directors), names are a
one-to-one function of the number, and candidates go round the classes of their
track. What is drawn from the item's generator is the rest: job title, district,
photo, biography, public profile.
"""

import datetime

from django.db import transaction
from django.utils.text import slugify

from demo import people as people_demo
from demo.curriculum import CECTO, LEADERS
from demo.people import COHORTS as DEMO_COHORTS
from demo.people import CPT, CURRENT_YEAR, MCNC, NCDPI, index_in_bulk
from demo.scale import vocabulary
from demo.scale.items import item_rng
from demo.scale.text import lowercase, person_bio
from demo.scale.tree import create_m2m
from people.choices import EnrollmentStatus, PersonRole, Region
from people.models import LEA, Cohort, Enrollment, Person

# Districts: the demo's 32 plus these make North Carolina's 115 or so LEAs.
SCALE_LEAS = 83
LEA_SPACE = len(vocabulary.LEA_FIRST) * len(vocabulary.LEA_SECOND)
# Scale cohorts take the years the demo leaves free, from 2013 on.
FIRST_SCALE_YEAR = 2013
DEMO_YEARS = frozenset(year for year, *_rest in DEMO_COHORTS)
# Person n's name is a one-to-one function of n (for n below NAME_SPACE): NAME_STRIDE
# is a prime that does not divide NAME_SPACE.
NAME_SPACE = (
    len(vocabulary.FIRST_NAMES) * len(vocabulary.INITIALS) * len(vocabulary.LAST_NAMES)
)
NAME_STRIDE = 7_919

# The demo's titles, and a few more seen in larger districts.
TECHNOLOGY_TITLES = [
    *people_demo.TECHNOLOGY_TITLES,
    "Network Services Manager",
    "Assistant Director of Technology",
]
SUPERINTENDENT_TITLES = [
    "Superintendent",
    "Superintendent",
    "Deputy Superintendent",
    "Assistant Superintendent",
]
PARTNER_TITLES = [
    "Education Technology Consultant",
    "Regional Technology Consultant",
    "IT Project Manager",
    "Client Engagement Manager",
]
STAFF_TITLES = ["Program Coordinator", "Program Assistant", "Events Coordinator"]


def lea_name(seed, number):
    k = (number * 7 + seed) % LEA_SPACE
    first, second = divmod(k, len(vocabulary.LEA_SECOND))
    kind = "City Schools" if number % 6 == 5 else "County Schools"
    return f"{vocabulary.LEA_FIRST[first]} {vocabulary.LEA_SECOND[second]} {kind}"


def person_name(seed, number):
    """(first name, initial, last name, slug) of person `number`: never repeated."""
    k = (number * NAME_STRIDE + seed * 104_729) % NAME_SPACE
    k, first = divmod(k, len(vocabulary.FIRST_NAMES))
    k, initial = divmod(k, len(vocabulary.INITIALS))
    first, initial = vocabulary.FIRST_NAMES[first], vocabulary.INITIALS[initial]
    last = vocabulary.LAST_NAMES[k]
    lap = number // NAME_SPACE
    slug = slugify(f"{first} {initial} {last}") + (f"-{lap + 1}" if lap else "")
    return first, initial, last, slug


def person_roles(number):
    """Roles by a fixed pattern, so even ten people include faculty and candidates."""
    r = (number * 37) % 100
    if r == 0:
        return [PersonRole.FACULTY, PersonRole.STAFF]
    if r < 3:
        return [PersonRole.FACULTY]
    if r < 4:
        return [PersonRole.STAFF]
    if r < 6:
        return [PersonRole.PARTNER_CONTACT]
    if r < 32:
        return [PersonRole.SUPERINTENDENT]
    return [PersonRole.PARTICIPANT]


def person_withdrew(number):
    """One candidate in ten of a graduated class withdrew."""
    return (number * 53) % 100 < 10


def cohort_plan(count):
    """(year, track slug) of each scale cohort: both tracks of each free year."""
    plan = []
    year = FIRST_SCALE_YEAR
    while len(plan) < count:
        if year not in DEMO_YEARS:
            plan.append((year, CECTO))
            if len(plan) < count:
                plan.append((year, LEADERS))
        year += 1
    return plan


def cohort_dates(year):
    """Early cohorts ran February to November; later ones start the August before."""
    if year <= 2020:
        return (
            datetime.date(year, 2, 7 + year % 7),
            datetime.date(year, 11, 12 + year % 7),
        )
    return (
        datetime.date(year - 1, 8, 9 + year % 7),
        datetime.date(year, 5, 14 + year % 7),
    )


def seed_leas(seeder):
    """The fictional districts beyond the demo's, created once; indexed for search."""
    existing = set(LEA.objects.values_list("slug", flat=True))
    new = []
    for number in range(SCALE_LEAS):
        rng = item_rng(seeder.seed, "lea", number)
        name = lea_name(seeder.seed, number)
        if slugify(name) in existing:
            continue
        new.append(
            LEA(
                name=name,
                slug=slugify(name),
                region=rng.choice(Region.values),
                student_count=rng.randrange(1_200, 90_000, 10),
            )
        )
    LEA.objects.bulk_create(new)
    index_in_bulk(LEA, new)


def seed_cohorts(seeder):
    """Both tracks' classes of the free years; sets the seeder's cohort pools."""
    plan = cohort_plan(seeder.sizes["cohorts"])
    bar = seeder.progress("Cohorts", len(plan))
    tracks = seeder.tracks
    existing = set(Cohort.objects.values_list("year", "track_id"))
    new = []
    for year, track in plan:
        if (year, tracks[track].pk) in existing:
            continue
        starts_on, ends_on = cohort_dates(year)
        new.append(
            Cohort(year=year, track=tracks[track], starts_on=starts_on, ends_on=ends_on)
        )
    with transaction.atomic():
        Cohort.objects.bulk_create(new)
    bar.advance(len(plan))
    bar.close()
    cohorts = {
        (c.year, c.track_id): c
        for c in Cohort.objects.filter(year__in={year for year, _t in plan})
    }
    seeder.cohorts = [cohorts[year, tracks[t].pk] for year, t in plan]
    seeder.cecto_cohorts = [c for c in seeder.cohorts if c.track_id == tracks[CECTO].pk]
    seeder.leaders_cohorts = [
        c for c in seeder.cohorts if c.track_id == tracks[LEADERS].pk
    ]
    return len(new), len(plan) - len(new)


def person_cohort(seeder, number, roles):
    """The class person `number` enrolled in: candidates go round their track's."""
    if PersonRole.PARTICIPANT in roles:
        pool = seeder.cecto_cohorts
    elif PersonRole.SUPERINTENDENT in roles:
        pool = seeder.leaders_cohorts
    else:
        return None
    return pool[number % len(pool)] if pool else None


def seed_people(seeder):
    """People with roles, districts, photos and enrollments; sets the pools."""
    existing = set(Person.objects.values_list("slug", flat=True))

    def key(number, rng):
        return person_name(seeder.seed, number)[3], None

    def write(pending):
        people, roles = [], []
        for number, rng, _drawn in pending:
            people.append(make_person(seeder, number, rng))
            roles.append(person_roles(number))
        Person.objects.bulk_create(people)
        create_m2m(
            Person,
            "roles",
            [
                (person.pk, seeder.roles[slug].pk)
                for person, slugs in zip(people, roles, strict=True)
                for slug in slugs
                if slug in seeder.roles
            ],
        )
        enrollments = []
        for (number, _rng, _drawn), person, person_roles_ in zip(
            pending, people, roles, strict=True
        ):
            cohort = person_cohort(seeder, number, person_roles_)
            if cohort is None:
                continue
            if cohort.year >= CURRENT_YEAR:
                status = EnrollmentStatus.ENROLLED
            elif person_withdrew(number):
                status = EnrollmentStatus.WITHDRAWN
            else:
                status = EnrollmentStatus.COMPLETED
            completed = status == EnrollmentStatus.COMPLETED
            enrollments.append(
                Enrollment(
                    person=person,
                    cohort=cohort,
                    status=status,
                    completed_on=cohort.ends_on if completed else None,
                )
            )
        Enrollment.objects.bulk_create(enrollments)
        index_in_bulk(Person, people)

    result = seeder.build("people", key, existing, write)
    load_people_pools(seeder)
    return result


def make_person(seeder, number, rng):
    first, initial, last, slug = person_name(seeder.seed, number)
    roles = person_roles(number)
    topic_name = seeder.topics[number % len(seeder.topics)].name
    lea = partner = None
    organization = ""
    if PersonRole.PARTICIPANT in roles:
        lea = seeder.leas[rng.randrange(len(seeder.leas))]
        job_title = rng.choice(TECHNOLOGY_TITLES)
    elif PersonRole.SUPERINTENDENT in roles:
        lea = seeder.leas[rng.randrange(len(seeder.leas))]
        job_title = rng.choice(SUPERINTENDENT_TITLES)
    elif PersonRole.PARTNER_CONTACT in roles:
        partner = seeder.partners.get(rng.choice([NCDPI, NCDPI, MCNC]))
        job_title = rng.choice(PARTNER_TITLES)
    elif PersonRole.FACULTY in roles:
        if rng.random() < 0.5:
            partner = seeder.partners.get(CPT)
        else:
            organization = rng.choice(vocabulary.FACULTY_ORGANIZATIONS)
        job_title = f"Adjunct faculty, {lowercase(topic_name)}"
    else:
        partner = seeder.partners.get(CPT)
        job_title = rng.choice(STAFF_TITLES)
    affiliation = lea.name if lea else (partner.name if partner else organization)
    staff = {PersonRole.FACULTY, PersonRole.STAFF} & set(roles)
    bio = ""
    if staff or rng.random() < 0.4:
        role_text = (
            f"faculty in {topic_name}" if PersonRole.FACULTY in roles else job_title
        )
        bio = person_bio(
            rng, f"{first} {initial}. {last}", role_text, affiliation, topic_name
        )
    domain = f"{lea.slug}.example" if lea else "cecto.example"
    return Person(
        first_name=f"{first} {initial}.",
        last_name=last,
        slug=slug,
        job_title=job_title,
        lea=lea,
        partner=partner,
        organization=organization,
        photo_id=seeder.pick_image(rng, seeder.portraits, 0.35),
        bio=bio,
        email=f"{slugify(first)}.{slugify(last)}{number + 1}@{domain}",
        is_public=rng.random() < (0.95 if staff else 0.88),
    )


def load_people_pools(seeder):
    """Faculty, and each class's candidates who did not withdraw (ids, by number)."""
    pks = dict(Person.objects.values_list("slug", "pk"))
    seeder.faculty = []
    seeder.authors = {}
    for number in range(seeder.sizes["people"]):
        pk = pks.get(person_name(seeder.seed, number)[3])
        if pk is None:
            continue
        roles = person_roles(number)
        if PersonRole.FACULTY in roles:
            seeder.faculty.append(pk)
        cohort = person_cohort(seeder, number, roles)
        if (
            PersonRole.PARTICIPANT in roles
            and cohort is not None
            and not person_withdrew(number)
        ):
            seeder.authors.setdefault(cohort.pk, []).append(pk)
    if not seeder.faculty:  # no scale people: the demo's faculty teach
        seeder.faculty = list(
            Person.objects.with_role(PersonRole.FACULTY)
            .order_by("slug")
            .values_list("pk", flat=True)
        )
