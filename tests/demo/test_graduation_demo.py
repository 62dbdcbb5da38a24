"""demo/graduation.py: the tracks' completion rules and best practices for several
of the Class of 2026's CeCTO candidates, with nothing graduated; idempotent."""

import datetime

import pytest

from case_studies.models import BestPracticeAuthor
from credentials.models import CompletionRules, Credential
from demo.graduation import WITHOUT_PRACTICE_EVERY, seed_graduation
from people.choices import EnrollmentStatus
from tests.factories.case_studies import BestPracticeIndexPageFactory
from tests.factories.curriculum import TrackFactory
from tests.factories.people import CohortFactory, EnrollmentFactory

pytestmark = pytest.mark.django_db


def test_seed_graduation_gives_most_candidates_a_practice_and_graduates_nobody(
    home_page,
):
    BestPracticeIndexPageFactory(parent=home_page)
    cecto = TrackFactory(slug="cecto-certification", certifies=True)
    leaders = TrackFactory(slug="leaders-for-the-21st-century")
    CompletionRules.objects.all().delete()
    cohort = CohortFactory(
        year=2026,
        track=cecto,
        starts_on=datetime.date(2026, 2, 24),
        ends_on=datetime.date(2026, 12, 2),
    )
    candidates = [EnrollmentFactory(cohort=cohort) for _ in range(10)]

    assert seed_graduation() > 0
    assert CompletionRules.objects.get(track=cecto).requires_best_practice
    assert not CompletionRules.objects.get(track=leaders).requires_best_practice
    authors = set(
        BestPracticeAuthor.objects.filter(page__live=True).values_list(
            "person_id", flat=True
        )
    )
    with_practice = [e for e in candidates if e.person_id in authors]
    expected = len(candidates) - len(candidates) // WITHOUT_PRACTICE_EVERY
    assert len(with_practice) == expected < len(candidates)
    assert not Credential.objects.exists()
    assert all(
        e.status == EnrollmentStatus.ENROLLED
        for e in type(candidates[0]).objects.filter(cohort=cohort)
    )

    assert seed_graduation() == 0
