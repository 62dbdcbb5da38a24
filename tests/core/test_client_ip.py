"""core.client_ip: the client's address, never one the client chose itself."""

import pytest
from django.test import RequestFactory

from core.client_ip import get_client_ip


def request_from(remote_addr="10.0.0.1", forwarded=None):
    extra = {"REMOTE_ADDR": remote_addr}
    if forwarded is not None:
        extra["HTTP_X_FORWARDED_FOR"] = forwarded
    return RequestFactory().get("/", **extra)


def test_without_proxies_a_spoofed_forwarded_header_is_ignored(settings):
    settings.TRUSTED_PROXY_COUNT = 0
    request = request_from("198.51.100.7", forwarded="203.0.113.1, 203.0.113.2")
    assert get_client_ip(request) == "198.51.100.7"


def test_behind_one_proxy_the_address_it_saw_is_the_client(settings):
    settings.TRUSTED_PROXY_COUNT = 1
    # The proxy at 10.0.0.1 appended 198.51.100.7, the peer it saw.
    assert get_client_ip(request_from(forwarded="198.51.100.7")) == "198.51.100.7"


def test_behind_one_proxy_addresses_the_client_prepended_are_ignored(settings):
    settings.TRUSTED_PROXY_COUNT = 1
    request = request_from(forwarded="1.2.3.4, 5.6.7.8, 198.51.100.7")
    assert get_client_ip(request) == "198.51.100.7"


def test_behind_two_proxies_the_outer_proxys_peer_is_the_client(settings):
    settings.TRUSTED_PROXY_COUNT = 2
    # Client spoofed 1.2.3.4; the CDN saw 198.51.100.7; the load balancer saw the CDN.
    request = request_from(forwarded="1.2.3.4, 198.51.100.7, 192.0.2.50")
    assert get_client_ip(request) == "198.51.100.7"


@pytest.mark.parametrize(
    "forwarded",
    [None, "", "198.51.100.7", "not-an-address, 192.0.2.50", " , 192.0.2.50"],
)
def test_a_short_or_malformed_header_falls_back_to_the_connection(settings, forwarded):
    settings.TRUSTED_PROXY_COUNT = 2
    assert get_client_ip(request_from("10.0.0.1", forwarded)) == "10.0.0.1"


def test_ipv6_addresses_are_read_and_normalised(settings):
    settings.TRUSTED_PROXY_COUNT = 1
    request = request_from(forwarded="2001:DB8::0:1")
    assert get_client_ip(request) == "2001:db8::1"
