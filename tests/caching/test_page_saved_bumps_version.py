"""A live page created or saved outside publishing (a script, an import) bumps the
content version, so cached fragments follow it; a draft's revision does not."""

import pytest

from caching.version import content_version
from tests.factories.home import ContentPageFactory

pytestmark = pytest.mark.django_db


def test_a_live_page_created_without_publishing_bumps_the_version(home_page):
    before = content_version()
    ContentPageFactory(parent=home_page, title="Imported")
    assert content_version() != before


def test_a_draft_page_or_a_draft_revision_does_not(home_page):
    page = ContentPageFactory(parent=home_page, title="About", live=False)
    before = content_version()
    page.save_revision()
    assert content_version() == before

    live = ContentPageFactory(parent=home_page, title="Live")
    before = content_version()
    live.title = "Live, edited in a draft"
    live.save_revision()
    assert content_version() == before
