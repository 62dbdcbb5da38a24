"""A request while the database is away answers 503 with a friendly page and a
Retry-After header, never a 500 traceback; the next request after it is back succeeds
(core.middleware.DatabaseUnavailableMiddleware, core.views.server_error).
"""

import psycopg
import pytest
from django.core.handlers.wsgi import WSGIHandler
from django.db import InterfaceError, OperationalError, connection
from django.db.backends.utils import CursorWrapper
from django.test import Client, RequestFactory

from tests.factories.core import UserFactory
from tests.factories.home import ContentPageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def about(home_page):
    page = ContentPageFactory(parent=home_page, title="About the program", slug="about")
    page.save_revision().publish()
    return page


@pytest.fixture
def database_down(monkeypatch):
    """Every query fails as it does while PostgreSQL restarts; `.up()` ends it."""

    class Outage:
        error = OperationalError

        def up(self):
            monkeypatch.undo()

    outage = Outage()

    def execute(self, *args, **kwargs):
        raise outage.error("terminating connection due to administrator command")

    monkeypatch.setattr(CursorWrapper, "execute", execute)
    monkeypatch.setattr(CursorWrapper, "executemany", execute)
    return outage


def assert_friendly_503(response):
    assert response.status_code == 503
    assert response["Retry-After"] == "10"
    assert "no-store" in response["Cache-Control"]
    html = response.content.decode()
    # `make fault` (bench/fault.py) recognises the friendly page by its title.
    assert "<title>Back in a moment | CeCTO Portal</title>" in html
    assert "Traceback" not in html and "OperationalError" not in html
    assert 'class="site-header"' in html  # the site's design


def test_a_visitor_gets_a_friendly_503_while_the_database_is_away(
    client, about, database_down
):
    assert_friendly_503(client.get("/about/"))


def test_an_interface_error_from_a_closed_connection_is_a_503_too(
    client, about, database_down
):
    database_down.error = InterfaceError
    assert_friendly_503(client.get("/about/"))


def test_the_next_request_after_the_database_is_back_succeeds(
    client, about, database_down
):
    assert client.get("/about/").status_code == 503
    database_down.up()
    response = client.get("/about/")
    assert response.status_code == 200
    assert "About the program" in response.content.decode()


def _raise_operational_error(self, *args, **kwargs):
    raise OperationalError("server closed the connection unexpectedly")


def test_a_signed_in_participant_gets_the_503_page_too(about):
    # Signed in, the user is loaded in middleware (outside the view), so the server
    # error handler answers: the test client must not re-raise the logged error.
    client = Client(raise_request_exception=False)
    client.force_login(UserFactory(username="during-restart"))
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(CursorWrapper, "execute", _raise_operational_error)
        response = client.get("/dashboard/")
    assert_friendly_503(response)


def test_an_error_raised_in_middleware_rather_than_a_view_is_a_503(about, monkeypatch):
    """A session saved on the way out fails outside the view, where no middleware's
    process_exception sees it: the server error handler answers 503."""
    client = Client(raise_request_exception=False)

    def failing(self, request, response):
        raise OperationalError("the database system is shutting down")

    monkeypatch.setattr(
        "django.contrib.sessions.middleware.SessionMiddleware.process_response", failing
    )
    assert_friendly_503(client.get("/about/"))


def test_other_server_errors_still_answer_500(about, monkeypatch):
    client = Client(raise_request_exception=False)

    def broken(*args, **kwargs):
        raise RuntimeError("a bug")

    monkeypatch.setattr("home.models.ContentPage.get_context", broken)
    response = client.get("/about/")
    assert response.status_code == 500
    assert "Sorry, something went wrong" in response.content.decode()


def test_cached_pages_are_still_served_while_the_database_is_away(
    client, about, settings, database_down
):
    settings.PAGE_CACHE_TIMEOUT = 300
    database_down.up()
    assert client.get("/about/")["X-Cache"] == "MISS"
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(CursorWrapper, "execute", _raise_operational_error)
        cached = client.get("/about/")
        uncached = client.get("/about/?page=2")
    assert cached.status_code == 200 and cached["X-Cache"] == "HIT"
    assert_friendly_503(uncached)
    assert client.get("/about/?page=2").status_code == 200  # the 503 was not stored


def test_health_checks_are_on_so_a_dead_connection_is_replaced():
    assert connection.settings_dict["CONN_HEALTH_CHECKS"] is True


# --- PostgreSQL: the server really drops the connections ------------------------------


def serve(path):
    """One request through Django's own WSGI handler, as gunicorn makes it: unlike
    the test client, it runs the connection upkeep at the start and end of each
    request (close_old_connections), and keeps this thread's connection between
    requests (CONN_MAX_AGE)."""
    environ = RequestFactory().get(path).environ
    status = []
    response = WSGIHandler()(environ, lambda code, headers: status.append(code))
    body = b"".join(response)
    response.close()
    return int(status[0].split()[0]), body.decode()


@pytest.mark.django_db(transaction=True)
def test_after_postgresql_drops_its_connections_the_next_request_succeeds(home_page):
    """What a restart or failover does to a worker's open connection: the next
    request finds it dead (CONN_HEALTH_CHECKS), reconnects and answers 200."""
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL (DATABASE_URL=postgres://...); SQLite here")
    page = ContentPageFactory(parent=home_page, title="Still here", slug="still-here")
    page.save_revision().publish()
    assert serve("/still-here/")[0] == 200
    worker_pid = connection.connection.info.backend_pid

    # Another session terminates the worker's, as a restart would.
    with psycopg.connect(**connection.get_connection_params(), autocommit=True) as db:
        db.execute("SELECT pg_terminate_backend(%s)", [worker_pid])

    status, body = serve("/still-here/")
    assert status == 200
    assert "Still here" in body
    assert connection.connection.info.backend_pid != worker_pid
