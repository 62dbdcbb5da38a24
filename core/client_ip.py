"""The visitor's address, read only from what a trusted proxy wrote."""

import ipaddress

from django.conf import settings


def get_client_ip(request):
    """The address of the client that sent ``request``, for rate limits.

    With ``TRUSTED_PROXY_COUNT = 0`` (no proxy) the client is the connection's
    peer, ``REMOTE_ADDR``; ``X-Forwarded-For`` is never read, because the client
    itself can set it. With N trusted proxies each appends the address it saw, so
    the Nth address from the right of the header is the one the outermost trusted
    proxy saw: anything to its left was written by the client and is ignored.
    When the header is missing, shorter than N or not a list of addresses, the
    answer falls back to ``REMOTE_ADDR`` (a proxy misconfiguration limits the
    proxy, never lets a client choose its own key).
    """
    remote_addr = request.META.get("REMOTE_ADDR", "")
    count = getattr(settings, "TRUSTED_PROXY_COUNT", 0)
    if count <= 0:
        return remote_addr
    header = request.META.get("HTTP_X_FORWARDED_FOR", "")
    hops = [hop.strip() for hop in header.split(",")] if header else []
    if len(hops) < count:
        return remote_addr
    candidate = hops[-count]
    try:
        return str(ipaddress.ip_address(candidate))
    except ValueError:
        return remote_addr
