"""Editor-entered addresses: only http(s), mailto or a path on the site reach href."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.template import Context, Template
from django.utils import timezone
from wagtail import blocks

from core.blocks import CallToActionBlock, SafeURLBlock
from core.validators import safe_href, validate_safe_url
from curriculum.blocks import LinkBlock
from curriculum.models import ModuleSession
from home.models import HomePage
from people.models import PartnerOrganization
from tests.factories.curriculum import CurriculumIndexPageFactory, ModulePageFactory
from tests.factories.people import PartnerFactory

UNSAFE = [
    "javascript:alert(document.cookie)",
    " JaVaScRiPt:alert(1)",
    "JAVASCRIPT:alert(1)",
    "java\tscript:alert(1)",
    "java\nscript:alert(1)",
    "\x01javascript:alert(1)",
    "javascript&colon;alert(1)",
    "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
    "DATA:text/html,<script>alert(1)</script>",
    "vbscript:msgbox(1)",
    "//evil.example/",
    "/\\evil.example/",
    "\\\\evil.example",
    "ftp://files.example.org/",
    "file:///etc/passwd",
    "mailto:",
    "https://",
    "join/",
    "#top",
]
SAFE = [
    "https://www.sog.unc.edu/",
    "http://example.org/a?b=c#d",
    "HTTPS://EXAMPLE.ORG/",
    "mailto:cecto@example.org",
    "mailto:cecto@example.org?subject=Hello",
    "/join/",
    "/",
    "/search/?q=governance",
]


@pytest.mark.parametrize("value", UNSAFE)
def test_validator_refuses_scripts_data_and_other_sites_paths(value):
    with pytest.raises(ValidationError):
        validate_safe_url(value)
    assert safe_href(value) == ""


@pytest.mark.parametrize("value", SAFE)
def test_validator_accepts_web_mail_and_site_paths(value):
    validate_safe_url(value)
    assert safe_href(value) == value


def test_validator_leaves_an_empty_optional_address_alone():
    validate_safe_url("")
    validate_safe_url(None)


@pytest.mark.parametrize("value", UNSAFE)
def test_safe_url_block_refuses_unsafe_addresses(value):
    block = SafeURLBlock()
    # The form field strips outer spaces first, as the admin does.
    with pytest.raises(ValidationError):
        block.clean(block.field.clean(value))


@pytest.mark.parametrize("value", SAFE)
def test_safe_url_block_accepts_safe_addresses(value):
    assert SafeURLBlock().clean(value) == value


@pytest.mark.parametrize("value", UNSAFE)
def test_faculty_cannot_save_a_call_to_action_with_an_unsafe_link(value):
    block = CallToActionBlock()
    raw = {"text": "Click", "page": None, "link": value.strip(), "style": "primary"}
    with pytest.raises(blocks.StructBlockValidationError) as caught:
        block.clean(block.to_python(raw))
    assert "link" in caught.value.block_errors


def test_faculty_can_save_a_call_to_action_to_a_path_or_a_web_address():
    block = CallToActionBlock()
    for link in ("/join/", "https://www.mcnc.org/", "mailto:cecto@example.org"):
        raw = {"text": "Go", "page": None, "link": link, "style": "primary"}
        assert block.clean(block.to_python(raw))["link"] == link


@pytest.mark.parametrize("value", UNSAFE)
def test_faculty_cannot_save_a_reading_link_with_an_unsafe_address(value):
    block = LinkBlock()
    raw = {"title": "A reading", "url": value.strip(), "description": ""}
    with pytest.raises(blocks.StructBlockValidationError) as caught:
        block.clean(block.to_python(raw))
    assert "url" in caught.value.block_errors


def test_stored_unsafe_call_to_action_renders_no_button():
    """Data saved before the validator existed: no href at all, not a bad one."""
    block = CallToActionBlock()
    value = block.to_python(
        {"text": "Win", "page": None, "link": "javascript:alert(1)", "style": "primary"}
    )
    html = block.render(value)
    assert "javascript" not in html
    assert "href" not in html


def test_stored_unsafe_reading_link_renders_its_title_without_a_link():
    block = LinkBlock()
    value = block.to_python(
        {"title": "A reading", "url": " javascript:alert(1)", "description": ""}
    )
    html = block.render(value)
    assert "A reading" in html
    assert "href" not in html
    safe = block.to_python(
        {"title": "A reading", "url": "https://example.org/", "description": ""}
    )
    assert 'href="https://example.org/"' in block.render(safe)


def test_safe_href_filter_drops_unsafe_addresses_in_templates():
    template = Template('{% load link_tags %}<a href="{{ url|safe_href }}">')
    assert template.render(Context({"url": "vbscript:x"})) == '<a href="">'
    assert template.render(Context({"url": "/join/"})) == '<a href="/join/">'


@pytest.mark.django_db
def test_director_cannot_save_an_unsafe_home_page_interest_link(home_page):
    for value in UNSAFE:
        home_page.interest_link = value
        with pytest.raises(ValidationError) as caught:
            home_page.full_clean()
        assert "interest_link" in caught.value.message_dict, value
    home_page.interest_link = "/join/"
    home_page.full_clean()


@pytest.mark.django_db
def test_staff_cannot_save_an_unsafe_partner_website():
    for value in [*UNSAFE, "/partners/"]:
        partner = PartnerOrganization(name="MCNC", website=value)
        with pytest.raises(ValidationError) as caught:
            partner.full_clean()
        assert "website" in caught.value.message_dict, value
    PartnerOrganization(name="MCNC", website="https://www.mcnc.org/").full_clean()


@pytest.mark.django_db
def test_faculty_cannot_save_an_unsafe_session_meeting_link(home_page):
    module = ModulePageFactory(parent=CurriculumIndexPageFactory(parent=home_page))
    start = timezone.now()
    for value in [*UNSAFE, "https://meet.example.org/cecto"]:
        session = ModuleSession(
            module=module,
            title="Live session",
            kind="session",
            mode="synchronous",
            meeting_link=value,
            hours=Decimal("1"),
            starts_at=start,
            ends_at=start + datetime.timedelta(hours=1),
        )
        if value.startswith("https://meet"):
            session.full_clean()
            continue
        with pytest.raises(ValidationError) as caught:
            session.full_clean()
        assert "meeting_link" in caught.value.message_dict, value


@pytest.mark.django_db
def test_home_page_never_writes_stored_unsafe_links_into_href(client, home_page):
    """Links stored before validation (written past it here) do not reach the page."""
    home_page.calls_to_action = [
        ("call_to_action", {"text": "Run", "link": "/run/", "style": "primary"})
    ]
    home_page.save_revision().publish()
    home_page.refresh_from_db()
    stream = home_page.calls_to_action.raw_data
    stream[0]["value"]["link"] = "JaVaScRiPt:alert('cta')"
    HomePage.objects.filter(pk=home_page.pk).update(
        interest_link="javascript:alert('interest')",
        calls_to_action=list(stream),
    )
    partner = PartnerFactory(name="Evil partner")
    PartnerOrganization.objects.filter(pk=partner.pk).update(
        website="data:text/html,<script>alert('partner')</script>"
    )
    stored = HomePage.objects.get(pk=home_page.pk).calls_to_action.raw_data
    assert stored[0]["value"]["link"].startswith("JaVaScRiPt:")
    html = client.get("/").content.decode().lower()
    assert "javascript:" not in html
    assert "data:text/html" not in html
    assert 'href="/join/"' in html  # the interest button falls back to the form
    assert "evil partner" in html  # the partner is named, without a link


@pytest.mark.django_db
def test_search_never_writes_a_stored_unsafe_promotion_link_into_href(
    client, home_page
):
    """Wagtail's promotion link is a URLField; one stored unsafe shows as text."""
    from wagtail.contrib.search_promotions.models import Query, SearchPromotion

    query = Query.objects.create(query_string="budget")
    SearchPromotion.objects.create(
        query=query,
        external_link_url="javascript:alert('promo')",
        external_link_text="Budget office",
        sort_order=0,
    )
    html = client.get("/search/", {"q": "budget"}).content.decode()
    assert "Budget office" in html
    assert "javascript:" not in html
