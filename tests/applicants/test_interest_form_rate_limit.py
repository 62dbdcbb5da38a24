"""The interest form's rate limit: per client behind the proxies, bots not counted."""

import pytest
from wagtail.contrib.forms.models import FormSubmission

from core import rate_limit
from tests.applicants.test_interest_form import valid_data
from tests.core.test_rate_limit import EmptyCache
from tests.factories.applicants import InterestFormPageFactory

pytestmark = pytest.mark.django_db

PROXY = "10.0.0.1"


@pytest.fixture
def form_page(home_page):
    return InterestFormPageFactory(parent=home_page)


def post(client, forwarded=None, remote_addr=PROXY, **overrides):
    extra = {"REMOTE_ADDR": remote_addr}
    if forwarded is not None:
        extra["HTTP_X_FORWARDED_FOR"] = forwarded
    return client.post("/join/", valid_data(**overrides), **extra)


def test_behind_a_proxy_visitors_from_different_networks_are_limited_apart(
    client, settings, form_page
):
    """All traffic arrives from the proxy's address; the limit follows the client."""
    settings.TRUSTED_PROXY_COUNT = 1
    for n in range(5):
        assert post(client, forwarded="198.51.100.7", name=f"A{n}").status_code == 302
    assert post(client, forwarded="198.51.100.7").status_code == 429
    # Another visitor through the same proxy is not blocked by the first.
    assert post(client, forwarded="203.0.113.9").status_code == 302
    assert FormSubmission.objects.count() == 6


def test_behind_a_proxy_a_spoofed_forwarded_address_does_not_escape_the_limit(
    client, settings, form_page
):
    settings.TRUSTED_PROXY_COUNT = 1
    for n in range(5):
        response = post(client, forwarded=f"192.0.2.{n}, 198.51.100.7")
        assert response.status_code == 302
    # A new made-up address on the left each time: still the same client.
    assert post(client, forwarded="192.0.2.99, 198.51.100.7").status_code == 429


def test_without_a_proxy_a_spoofed_forwarded_header_does_not_escape_the_limit(
    client, settings, form_page
):
    settings.TRUSTED_PROXY_COUNT = 0
    for n in range(5):
        response = post(client, forwarded=f"192.0.2.{n}", remote_addr="198.51.100.7")
        assert response.status_code == 302
    response = post(client, forwarded="192.0.2.99", remote_addr="198.51.100.7")
    assert response.status_code == 429


def test_honeypot_hits_do_not_use_up_the_limit_of_real_visitors(
    client, settings, form_page
):
    settings.TRUSTED_PROXY_COUNT = 0
    for _ in range(10):
        response = post(client, remote_addr="198.51.100.7", website="spam")
        assert response.status_code == 302  # looks like success to the bot
    assert not FormSubmission.objects.exists()
    for n in range(5):
        response = post(client, remote_addr="198.51.100.7", name=f"Visitor {n}")
        assert response.status_code == 302
    assert FormSubmission.objects.count() == 5


def test_the_limit_holds_while_the_shared_cache_is_down(
    client, settings, monkeypatch, form_page
):
    """Redis away (the fail-open cache reads nothing and keeps nothing): the worker
    still counts, so a flood is stopped (core.rate_limit)."""
    settings.TRUSTED_PROXY_COUNT = 1
    monkeypatch.setattr(rate_limit, "cache", EmptyCache())
    rate_limit.reset_local_counts()
    try:
        for n in range(5):
            assert (
                post(client, forwarded="198.51.100.7", name=f"A{n}").status_code == 302
            )
        assert post(client, forwarded="198.51.100.7").status_code == 429
        assert FormSubmission.objects.count() == 5
    finally:
        rate_limit.reset_local_counts()
