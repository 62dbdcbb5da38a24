"""Images: modern formats with fallbacks, sizes set, renditions made once, never the
original in a listing."""

import re

import pytest
from wagtail.images.models import Rendition

from tests.factories.case_studies import (
    CaseStudyIndexPageFactory,
    CaseStudyPageFactory,
)
from tests.factories.core import ImageFactory
from tests.factories.people import PartnerFactory

pytestmark = pytest.mark.django_db

IMG = re.compile(r"<img\b[^>]*>")


def pictures(html):
    return re.findall(r"<picture>.*?</picture>", html, re.S)


@pytest.fixture
def listing(home_page):
    index = CaseStudyIndexPageFactory(parent=home_page)
    images = [ImageFactory(width=1600, height=1000) for _ in range(3)]
    for image in images:
        CaseStudyPageFactory(parent=index, listing_image=image)
    return index, images


def test_listing_cards_offer_avif_and_webp_with_a_sized_fallback(client, listing):
    index, images = listing
    html = client.get(index.url).content.decode()
    cards = pictures(html)
    assert len(cards) == 3
    for picture in cards:
        assert 'type="image/avif"' in picture
        assert 'type="image/webp"' in picture
        (img,) = IMG.findall(picture)
        assert re.search(r'\bwidth="\d+"', img) and re.search(r'\bheight="\d+"', img)
        assert 'loading="lazy"' in img
    # Never the uploaded original, always a rendition.
    for image in images:
        assert image.file.url not in html


def test_renditions_are_made_once_and_reused(client, listing):
    index, _images = listing
    client.get(index.url)
    made = Rendition.objects.count()
    assert made == 3 * 3  # three cards, three formats each
    client.get(index.url)
    client.get(index.url + "?page=1")
    assert Rendition.objects.count() == made


def test_every_image_on_the_home_page_is_sized(client, home_page):
    logo = ImageFactory(width=600, height=300)
    PartnerFactory(logo=logo)
    html = client.get("/").content.decode()
    assert logo.file.url not in html
    imgs = IMG.findall(html)
    assert imgs, "the home page shows the partner's logo"
    for img in imgs:
        assert re.search(r'\bwidth="\d+"', img), img
        assert re.search(r'\bheight="\d+"', img), img
    assert any('type="image/webp"' in p for p in pictures(html))
