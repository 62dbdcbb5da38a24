"""Fixtures for the roster import: two tracks with 2026 cohorts, districts with
codes, and files built in memory (CSV text, XLSX through tablib)."""

import pytest

from people.choices import PersonRole
from people.models import Role
from tests.factories.curriculum import TrackFactory
from tests.factories.people import CohortFactory, LEAFactory


@pytest.fixture
def roster_world(db):
    """What a roster refers to: tracks, their 2026 cohorts and two districts."""
    for slug in PersonRole.values:
        Role.objects.get_or_create(slug=slug)
    cecto = TrackFactory(
        name="CeCTO Certification", slug="cecto-certification", certifies=True
    )
    leaders = TrackFactory(
        name="Leaders for the 21st Century", slug="leaders-21st-century"
    )
    return {
        "cecto": cecto,
        "leaders": leaders,
        "cecto_2026": CohortFactory(track=cecto, year=2026),
        "leaders_2026": CohortFactory(track=leaders, year=2026),
        "alder": LEAFactory(name="Alder Creek County Schools", code="015"),
        "blue": LEAFactory(name="Blue Heron County Schools", code="045"),
    }


@pytest.fixture
def write_file(tmp_path):
    def write(name, content):
        path = tmp_path / name
        path.write_bytes(content)
        return path

    return write
