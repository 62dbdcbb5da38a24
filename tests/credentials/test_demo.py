"""Demo credentials: every 2012 graduate, issued on graduation day; one revoked."""

import pytest

from credentials.models import Credential
from demo.credentials import seed_credentials
from tests.factories.curriculum import TrackFactory
from tests.factories.people import CohortFactory, EnrollmentFactory, PersonFactory

pytestmark = pytest.mark.django_db


def test_demo_issues_the_2012_graduates_credentials_once():
    cecto = TrackFactory(certifies=True)
    leaders = TrackFactory(certifies=False)
    for track, graduates in ((cecto, 4), (leaders, 3)):
        cohort = CohortFactory(year=2012, track=track)
        for _ in range(graduates):
            EnrollmentFactory(cohort=cohort, completed=True)
        EnrollmentFactory(cohort=cohort)  # a candidate who did not graduate
    EnrollmentFactory(cohort=CohortFactory(year=2011, track=cecto), completed=True)
    EnrollmentFactory(
        person=PersonFactory(is_public=False),
        cohort=CohortFactory(year=2010, track=cecto),
        completed=True,
    )

    assert seed_credentials() == 7
    credentials = Credential.objects.all()
    assert {c.cohort_year for c in credentials} == {2012}
    assert all(c.issued_on == c.enrollment.cohort.ends_on for c in credentials)
    revoked = Credential.objects.revoked().get()
    assert revoked.track == leaders and revoked.revoked_reason

    assert seed_credentials() == 0
    assert Credential.objects.count() == 7
    assert Credential.objects.revoked().count() == 1
