"""Shared fixtures: every test builds the page tree it needs; none relies on rows
that Wagtail's migrations happen to create."""

import threading
from http.server import BaseHTTPRequestHandler, HTTPServer
from io import StringIO

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.db import transaction
from wagtail.models import Site

from caching import frontend_cache
from caching.version import clear_all
from tests.factories.core import UserFactory
from tests.factories.home import HomePageFactory
from tests.tree import ensure_tree_root


@pytest.fixture(autouse=True)
def _empty_cache():
    clear_all()
    yield
    clear_all()


@pytest.fixture
def root_page(db):
    """Wagtail's tree root and the things every tree needs (locale, root collection)."""
    root = ensure_tree_root()
    return root


@pytest.fixture
def home_page(root_page):
    """A live home page serving as the only site's root."""
    home = HomePageFactory(parent=root_page)
    Site.objects.all().delete()
    Site.objects.create(
        hostname="localhost",
        port=80,
        root_page=home,
        is_default_site=True,
        site_name="CeCTO Portal",
    )
    return home


@pytest.fixture
def admin_user(db):
    return UserFactory(username="site-admin", superuser=True)


@pytest.fixture
def verified_client(client):
    """`client` with `.sign_in(user)`: force_login plus a verified second factor, as
    staff need (tests/two_factor.py)."""
    from tests.two_factor import sign_in_verified

    client.sign_in = lambda user: sign_in_verified(client, user)
    return client


@pytest.fixture
def groups(db):
    """The program's groups, as post_migrate keeps them."""
    from people.roles import ensure_roles_and_groups

    ensure_roles_and_groups()
    return {group.name: group for group in Group.objects.all()}


@pytest.fixture
def participant_user(groups):
    user = UserFactory(username="parker")
    user.groups.add(groups["Participants"])
    return user


class _PurgeRecorder(BaseHTTPRequestHandler):
    received: list[tuple[str, str]] = []

    def do_PURGE(self):
        self.received.append((self.headers["Host"], self.path))
        self.send_response(200)
        self.end_headers()

    def log_message(self, *args):
        pass


@pytest.fixture
def purge_server(settings):
    """A CDN that records the PURGE requests it receives."""
    _PurgeRecorder.received = []
    server = HTTPServer(("127.0.0.1", 0), _PurgeRecorder)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    settings.WAGTAILFRONTENDCACHE = {
        "http": {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
            "LOCATION": f"http://127.0.0.1:{server.server_port}",
        }
    }
    frontend_cache.register()
    yield _PurgeRecorder.received
    frontend_cache.unregister()
    server.shutdown()


@pytest.fixture(scope="module")
def demo_site(django_db_setup, django_db_blocker):
    """The demo site (seed_demo), seeded once for the module using it and rolled
    back after its last test; its tests ask for `db` too."""
    with django_db_blocker.unblock():
        outer = transaction.atomic()
        outer.__enter__()
    try:
        with django_db_blocker.unblock():
            ensure_tree_root()
            call_command("seed_demo", stdout=StringIO())
        yield
    finally:
        with django_db_blocker.unblock():
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)
