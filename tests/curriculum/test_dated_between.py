"""ModuleSession dates by local day, compared as instants (curriculum.models.dated_between)."""

import datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest

from curriculum.models import ModuleSession
from tests.factories.curriculum import ModulePageFactory, TrackFactory
from tests.factories.people import CohortFactory

pytestmark = pytest.mark.django_db
LOCAL = ZoneInfo("America/New_York")


def at(day, hour, minute=0):
    return datetime.datetime.combine(day, datetime.time(hour, minute), tzinfo=LOCAL)


def test_a_cohort_has_the_sessions_of_its_first_to_its_last_local_day(home_page):
    track = TrackFactory()
    module = ModulePageFactory(parent=home_page, tracks=[track])
    first, last = (
        datetime.date(2027, 3, 14),
        datetime.date(2027, 11, 7),
    )  # both DST days
    cohort = CohortFactory(track=track, starts_on=first, ends_on=last)
    titles = {
        "day before, late": at(first - datetime.timedelta(days=1), 23, 59),
        "first day, early": at(first, 0, 0),
        "last day, late": at(last, 23, 30),
        "day after, early": at(last + datetime.timedelta(days=1), 0, 10),
    }
    for title, start in titles.items():
        ModuleSession.objects.create(
            module=module,
            title=title,
            kind="session",
            mode="face-to-face",
            hours=Decimal("1"),
            starts_at=start,
            ends_at=start + datetime.timedelta(minutes=20),
        )

    found = set(
        ModuleSession.objects.for_cohort(cohort).values_list("title", flat=True)
    )

    assert found == {"first day, early", "last day, late"}
