"""Fixtures' building blocks for the attendance recording tests: a program of two
tracks with a cohort each, modules, sessions (past, future, joint, asynchronous) and
users in every role."""

import datetime
from decimal import Decimal

from django.utils import timezone

from curriculum.models import ModuleSession
from people import roles
from tests.factories.core import UserFactory
from tests.factories.curriculum import (
    CurriculumIndexPageFactory,
    ModulePageFactory,
    TrackFactory,
)
from tests.factories.people import (
    CohortFactory,
    EnrollmentFactory,
    FacultyFactory,
    ParticipantFactory,
)


def at(days, hour=9):
    """An aware datetime `days` from today at `hour` o'clock, New York time."""
    day = timezone.localdate() + datetime.timedelta(days=days)
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


def add_session(module, days, *, title="Session", hours="3", **kwargs):
    """A session of `module` starting `days` from today (negative: in the past)."""
    values = {
        "kind": "session",
        "mode": "face-to-face",
        "location": "Chapel Hill",
        "hours": Decimal(hours),
    }
    values.update(kwargs)
    return ModuleSession.objects.create(
        module=module,
        title=title,
        starts_at=at(days),
        ends_at=at(days, hour=12),
        **values,
    )


def staff_user(groups, username, group_name, person=None):
    """A user in `group_name`, linked to `person` when given."""
    user = UserFactory(username=username)
    user.groups.add(groups[group_name])
    if person is not None:
        person.user = user
        person.save()
    return user


class Program:
    """Two tracks, a cohort each this year, a module per track and a joint module,
    and a teacher for each module. Attributes name each piece."""

    def __init__(self, home_page, groups):
        today = timezone.localdate()
        index = CurriculumIndexPageFactory(parent=home_page)
        self.cecto = TrackFactory(name="CeCTO Certification", required_hours=240)
        self.leaders = TrackFactory(name="Leaders", required_hours=20)
        self.cohort = CohortFactory(
            year=today.year + 1,
            track=self.cecto,
            starts_on=today - datetime.timedelta(days=200),
            ends_on=today + datetime.timedelta(days=100),
        )
        self.leaders_cohort = CohortFactory(
            year=today.year + 1,
            track=self.leaders,
            starts_on=today - datetime.timedelta(days=200),
            ends_on=today + datetime.timedelta(days=100),
        )
        self.teacher = FacultyFactory(first_name="Farrah", last_name="Okafor")
        self.leaders_teacher = FacultyFactory(first_name="Lena", last_name="Marsh")
        self.module = ModulePageFactory(
            parent=index, title="Leading change", tracks=[self.cecto]
        )
        self.module.faculty.set([self.teacher])
        self.module.save()
        self.leaders_module = ModulePageFactory(
            parent=index, title="Leading schools", tracks=[self.leaders]
        )
        self.leaders_module.faculty.set([self.leaders_teacher])
        self.leaders_module.save()
        self.joint_module = ModulePageFactory(
            parent=index, title="Joint meetings", tracks=[self.cecto, self.leaders]
        )
        self.past = add_session(self.module, -7, title="Governance")
        self.future = add_session(self.module, 7, title="Budgets")
        self.leaders_past = add_session(self.leaders_module, -7, title="Vision")
        self.joint = add_session(
            self.joint_module, -14, title="Fall joint meeting", kind="joint"
        )
        self.faculty_user = staff_user(groups, "faculty", roles.FACULTY, self.teacher)
        self.leaders_faculty_user = staff_user(
            groups, "leaders-faculty", roles.FACULTY, self.leaders_teacher
        )
        self.director = staff_user(groups, "director", roles.PROGRAM_DIRECTOR)
        self.director.groups.add(groups[roles.FACULTY])
        self.superuser = UserFactory(username="root", superuser=True)
        self.participant_person = ParticipantFactory(first_name="Pat", last_name="Ng")
        self.participant = staff_user(
            groups, "parker", roles.PARTICIPANTS, self.participant_person
        )
        self.participant_enrollment = EnrollmentFactory(
            person=self.participant_person, cohort=self.cohort
        )

    def enroll(self, count, cohort=None, **kwargs):
        """`count` new enrollments in `cohort` (the CeCTO cohort by default)."""
        return EnrollmentFactory.create_batch(
            count, cohort=cohort or self.cohort, **kwargs
        )
