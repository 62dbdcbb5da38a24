"""Factories for the people app."""

import datetime

import factory

from people.choices import EnrollmentStatus, PersonRole, Region
from people.models import LEA, Cohort, Enrollment, PartnerOrganization, Person, Role
from tests.factories.curriculum import TrackFactory


class LEAFactory(factory.django.DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Alder Creek {n} County Schools")
    slug = factory.Sequence(lambda n: f"alder-creek-{n}")
    region = Region.PIEDMONT_TRIAD
    student_count = 12_000

    class Meta:
        model = LEA


class PartnerFactory(factory.django.DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Partner organization {n}")
    short_name = factory.Sequence(lambda n: f"P{n}")

    class Meta:
        model = PartnerOrganization


def set_roles(person, create, slugs, default=()):
    """PersonFactory(roles=["faculty"]): roles by slug."""
    slugs = slugs if slugs is not None else default
    if create and slugs:
        # A ParentalManyToManyField is only written when the person is saved.
        person.roles.set([Role.objects.get_or_create(slug=slug)[0] for slug in slugs])
        person.save()


def roles_hook(*default):
    return factory.PostGeneration(
        lambda person, create, extracted, **kw: set_roles(
            person, create, extracted, default
        )
    )


class PersonFactory(factory.django.DjangoModelFactory):
    first_name = factory.Sequence(lambda n: f"Jordan{n}")
    last_name = factory.Sequence(lambda n: f"Rivers{n}")
    job_title = "Chief Technology Officer"
    is_public = True

    class Meta:
        model = Person
        skip_postgeneration_save = True

    class Params:
        private = factory.Trait(is_public=False)

    roles = roles_hook()


class FacultyFactory(PersonFactory):
    job_title = "Faculty, Center for Public Technology"
    roles = roles_hook(PersonRole.FACULTY)


class ParticipantFactory(PersonFactory):
    lea = factory.SubFactory(LEAFactory)
    roles = roles_hook(PersonRole.PARTICIPANT)


class CohortFactory(factory.django.DjangoModelFactory):
    year = 2012
    track = factory.SubFactory(TrackFactory)
    starts_on = factory.LazyAttribute(lambda c: datetime.date(c.year, 2, 9))
    ends_on = factory.LazyAttribute(lambda c: datetime.date(c.year, 11, 17))

    class Meta:
        model = Cohort


class EnrollmentFactory(factory.django.DjangoModelFactory):
    person = factory.SubFactory(ParticipantFactory)
    cohort = factory.SubFactory(CohortFactory)
    status = EnrollmentStatus.ENROLLED

    class Meta:
        model = Enrollment

    class Params:
        completed = factory.Trait(
            status=EnrollmentStatus.COMPLETED,
            completed_on=factory.LazyAttribute(lambda e: e.cohort.ends_on),
        )
