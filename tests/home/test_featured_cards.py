"""The home page's featured cards, as a visitor sees them: an image or no image box
at all, and a label a visitor would use (or none), never a model's name."""

import re

import pytest

from tests.factories.case_studies import (
    CaseStudyIndexPageFactory,
    CaseStudyPageFactory,
)
from tests.factories.core import ImageFactory
from tests.factories.curriculum import CurriculumIndexPageFactory, ModulePageFactory
from tests.factories.home import ContentPageFactory
from tests.querycount import count_queries

pytestmark = pytest.mark.django_db


def feature(home_page, *pages):
    home_page.featured = [("page", page) for page in pages]
    home_page.save_revision().publish()


def featured_cards(client):
    content = client.get("/").content.decode()
    section = content[content.index('id="featured-heading"') :]
    section = section[: section.index("</section>")]
    return re.findall(r'<article class="card">.*?</article>', section, re.S)


@pytest.fixture
def pages(home_page):
    curriculum = CurriculumIndexPageFactory(parent=home_page, title="Curriculum")
    cases = CaseStudyIndexPageFactory(parent=home_page, title="Case studies")
    return {
        "about": ContentPageFactory(
            parent=home_page, title="About the program", listing_image=ImageFactory()
        ),
        "curriculum": curriculum,
        "module": ModulePageFactory(parent=curriculum, title="Leading change"),
        "case": CaseStudyPageFactory(parent=cases, title="A data breach"),
    }


def test_visitor_sees_no_internal_type_label_on_featured_cards(
    client, home_page, pages
):
    feature(home_page, pages["about"], pages["curriculum"])

    cards = featured_cards(client)

    assert len(cards) == 2
    for card in cards:
        assert "card__meta" not in card
    content = client.get("/").content.decode()
    for internal in ("Content Page", "Curriculum Index", "CONTENT PAGE"):
        assert internal not in content


def test_visitor_sees_a_human_label_on_featured_content(client, home_page, pages):
    feature(home_page, pages["module"], pages["case"])

    module_card, case_card = featured_cards(client)

    assert '<p class="card__meta eyebrow">Module</p>' in module_card
    assert '<p class="card__meta eyebrow">Case study</p>' in case_card


def test_featured_card_without_an_image_has_no_image_box(client, home_page, pages):
    feature(home_page, pages["about"], pages["curriculum"])

    with_image, without_image = featured_cards(client)

    assert 'class="card__media"' in with_image and "<img" in with_image
    assert "card__media" not in without_image and "<img" not in without_image


def test_featured_cards_cost_the_same_queries_with_more_cards(client, home_page, pages):
    feature(home_page, pages["about"])
    one = count_queries(client, "/")
    feature(home_page, *pages.values())
    four = count_queries(client, "/")

    assert four == one
