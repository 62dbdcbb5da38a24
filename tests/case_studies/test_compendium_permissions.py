"""case_studies.permissions.may_download_compendium, per role: staff, and those
enrolled in or graduated from a cohort of the year; nobody else."""

import pytest
from django.contrib.auth.models import AnonymousUser

from case_studies.permissions import may_download_compendium
from people import roles
from people.choices import EnrollmentStatus
from tests.factories.core import UserFactory
from tests.factories.people import CohortFactory, EnrollmentFactory

pytestmark = pytest.mark.django_db

YEAR = 2012


@pytest.fixture
def people(groups):
    cohort = CohortFactory(year=YEAR)
    other_year = CohortFactory(year=2013, track=cohort.track)

    def user(username, *names, **kwargs):
        account = UserFactory(username=username, **kwargs)
        account.groups.add(*(groups[name] for name in names))
        return account

    def enrolled(username, cohort, status, group=roles.PARTICIPANTS):
        account = user(username, group)
        EnrollmentFactory(person__user=account, cohort=cohort, status=status)
        return account

    return {
        "participant": enrolled("parker", cohort, EnrollmentStatus.ENROLLED),
        "alumna": enrolled("alma", cohort, EnrollmentStatus.COMPLETED),
        "withdrawn": enrolled("wes", cohort, EnrollmentStatus.WITHDRAWN),
        "other year's participant": enrolled(
            "otto", other_year, EnrollmentStatus.ENROLLED
        ),
        "superintendent": user("sam", roles.SUPERINTENDENTS),
        "enrolled superintendent": enrolled(
            "sue", cohort, EnrollmentStatus.ENROLLED, roles.SUPERINTENDENTS
        ),
        "faculty": user("farrah", roles.FACULTY),
        "director": user("dana", roles.PROGRAM_DIRECTOR),
        "admin": user("root", superuser=True),
        "inactive faculty": user("ivy", roles.FACULTY, is_active=False),
        "anonymous": AnonymousUser(),
    }


@pytest.mark.parametrize(
    ("who", "allowed"),
    [
        ("participant", True),
        ("alumna", True),
        ("enrolled superintendent", True),
        ("faculty", True),
        ("director", True),
        ("admin", True),
        ("withdrawn", False),
        ("other year's participant", False),
        ("superintendent", False),
        ("inactive faculty", False),
        ("anonymous", False),
    ],
)
def test_who_may_download_the_class_of_2012s_compendium(people, who, allowed):
    assert may_download_compendium(people[who], YEAR) is allowed


def test_staff_need_one_query_and_anonymous_visitors_none(
    people, django_assert_num_queries
):
    with django_assert_num_queries(1):
        assert may_download_compendium(people["faculty"], YEAR)
    with django_assert_num_queries(0):
        assert not may_download_compendium(people["anonymous"], YEAR)
