"""The address the portal is served at: one setting, PORTAL_BASE_URL.

E-mails, the calendar feeds and every other absolute link are built from it, and
`sync_default_site` keeps Wagtail's default Site record (hostname, port, name) in
step with it, so what Wagtail builds from the Site (page full URLs, the sitemap,
the Atom feed) agrees. `make run` sets it from PORT.
"""

from urllib.parse import urlsplit

from django.conf import settings
from wagtail.models import Site


def base_url():
    """The served address without a trailing slash, e.g. http://127.0.0.1:8000."""
    return settings.PORTAL_BASE_URL.rstrip("/")


def served_url(path=""):
    """`path` (a site-relative address such as /events/) on the served address;
    an address that is already absolute is returned unchanged."""
    if not path:
        return base_url() + "/"
    if "://" in path:
        return path
    return base_url() + ("" if path.startswith("/") else "/") + path


def served_host():
    """The served address's host name (no port), e.g. for iCalendar UIDs."""
    return urlsplit(base_url()).hostname or "localhost"


def site_address():
    """(hostname, port) of the served address, as Wagtail's Site record holds them."""
    parts = urlsplit(base_url())
    default_port = 443 if parts.scheme == "https" else 80
    return parts.hostname or "localhost", parts.port or default_port


def sync_default_site():
    """Point the default Site at the served address and give it the site name.

    Idempotent; returns the Site, or None when there is no default Site yet (the
    demo content or the first home page creates it).
    """
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        return None
    hostname, port = site_address()
    changes = {"hostname": hostname, "port": port}
    if not site.site_name:
        changes["site_name"] = settings.WAGTAIL_SITE_NAME
    if any(getattr(site, field) != value for field, value in changes.items()):
        for field, value in changes.items():
            setattr(site, field, value)
        site.save()  # Site.save clears Wagtail's cached site root paths
    return site
