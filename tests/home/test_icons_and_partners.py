"""Every page names its favicon and touch icon; the demo's partners have logos and
the partners page links each partner's website beside its logo."""

import pytest
from PIL import Image

from demo.people import PARTNERS, seed_leas_and_partners
from people.models import PartnerOrganization
from tests.factories.core import ImageFactory
from tests.factories.home import ContentPageFactory
from tests.factories.people import PartnerFactory

pytestmark = pytest.mark.django_db


def test_every_page_links_the_favicon_and_touch_icon(client, home_page):
    content = client.get("/").content.decode()

    assert '<link rel="icon" href="/static/img/favicon.svg" type="image/svg+xml">' in (
        content
    )
    assert 'rel="icon" href="/static/img/favicon-32.png" type="image/png"' in content
    assert '<link rel="apple-touch-icon" href="/static/img/apple-touch-icon.png">' in (
        content
    )


def test_touch_icon_is_a_180_pixel_square_and_the_favicon_an_svg():
    with Image.open("static/img/apple-touch-icon.png") as icon:
        assert icon.size == (180, 180)
    with Image.open("static/img/favicon-32.png") as icon:
        assert icon.size == (32, 32)
    with open("static/img/favicon.svg") as svg:
        assert svg.read().startswith("<svg")


def test_visitor_sees_each_partners_logo_and_link_on_the_home_page(client, home_page):
    PartnerFactory(
        name="Zeta Network", website="https://zeta.example/", logo=ImageFactory()
    )

    content = client.get("/").content.decode()
    partner = content[content.index('<li class="partner">') :]

    assert '<div class="partner__logo"><picture>' in partner
    assert '<a href="https://zeta.example/">Zeta Network</a>' in partner


def test_demo_partners_get_logos_and_the_partners_page_links_each(home_page):
    page = ContentPageFactory(parent=home_page, title="Partners", slug="partners")

    seed_leas_and_partners()

    partners = list(PartnerOrganization.objects.select_related("logo"))
    assert len(partners) == len(PARTNERS)
    assert all(partner.logo is not None for partner in partners)
    page.refresh_from_db()
    blocks = [block.block_type for block in page.body]
    assert blocks.count("image") == len(PARTNERS)
    html = str(page.body)
    for partner in partners:
        assert f'href="{partner.website}"' in html
    # Run again: nothing is added twice.
    seed_leas_and_partners()
    page.refresh_from_db()
    assert [block.block_type for block in page.body] == blocks
