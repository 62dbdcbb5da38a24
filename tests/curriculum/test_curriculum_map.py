"""The curriculum map adds module hours per topic and per track."""

from decimal import Decimal

import pytest

from curriculum.models import CurriculumMap
from tests.factories.curriculum import (
    CurriculumIndexPageFactory,
    ModulePageFactory,
    TopicAreaFactory,
    TrackFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def curriculum(home_page):
    cecto = TrackFactory(name="CeCTO Certification", required_hours=240)
    leaders = TrackFactory(name="Leaders for the 21st Century", required_hours=20)
    governance = TopicAreaFactory(name="IT governance")
    security = TopicAreaFactory(name="Security")
    index = CurriculumIndexPageFactory(parent=home_page)
    ModulePageFactory(
        parent=index,
        topic_area=governance,
        contact_hours=Decimal("120"),
        tracks=[cecto],
    )
    ModulePageFactory(
        parent=index,
        topic_area=governance,
        contact_hours=Decimal("100"),
        tracks=[cecto],
    )
    ModulePageFactory(
        parent=index,
        topic_area=security,
        contact_hours=Decimal("20"),
        tracks=[cecto, leaders],
    )
    ModulePageFactory(
        parent=index,
        topic_area=security,
        contact_hours=Decimal("99"),
        tracks=[cecto],
        draft=True,
    )
    return {
        "index": index,
        "cecto": cecto,
        "leaders": leaders,
        "governance": governance,
    }


def rows_by_name(rows, key):
    return {str(row[key]): row for row in rows}


def test_map_totals_hours_per_topic_from_live_modules_only(curriculum):
    cmap = CurriculumMap(
        curriculum["index"].modules(), [curriculum["cecto"], curriculum["leaders"]]
    )
    topics = rows_by_name(cmap.topics, "topic")
    assert topics["IT governance"]["hours"] == Decimal("220")
    assert topics["Security"]["hours"] == Decimal("20")
    assert cmap.total_hours == Decimal("240")


def test_map_balances_each_track_against_its_required_hours(curriculum):
    cmap = CurriculumMap(
        curriculum["index"].modules(), [curriculum["cecto"], curriculum["leaders"]]
    )
    tracks = rows_by_name(cmap.tracks, "track")
    assert tracks["CeCTO Certification"]["hours"] == Decimal("240")
    assert tracks["CeCTO Certification"]["balanced"] is True
    assert tracks["Leaders for the 21st Century"]["hours"] == Decimal("20")
    assert tracks["Leaders for the 21st Century"]["balanced"] is True


def test_map_reports_a_short_track(curriculum):
    curriculum["leaders"].required_hours = 24
    curriculum["leaders"].save()
    cmap = CurriculumMap(
        curriculum["index"].modules(), [curriculum["cecto"], curriculum["leaders"]]
    )
    leaders = rows_by_name(cmap.tracks, "track")["Leaders for the 21st Century"]
    assert leaders["balanced"] is False
    assert leaders["difference"] == Decimal("-4")
