"""Reports > Undelivered e-mails: the queue's failures, for administrators and the
Program Director only, with "Retry now"."""

import pytest
from django.core import mail

from outbox.models import OutgoingEmail
from people.roles import FACULTY, PARTICIPANTS, PROGRAM_DIRECTOR
from tests.factories.core import UserFactory
from tests.outbox.email_queue import DATABASE_BACKEND, run_worker

pytestmark = pytest.mark.django_db

INDEX = "/admin/reports/undelivered-emails/"
Status = OutgoingEmail.Status


@pytest.fixture
def db_queue(settings):
    """E-mail tasks are rows for a worker to run, as in production."""
    settings.TASKS = DATABASE_BACKEND
    settings.EMAIL_RETRY_BASE_SECONDS = 60
    settings.EMAIL_RETRY_MAX_SECONDS = 3600
    settings.EMAIL_MAX_ATTEMPTS = 8


def menu(client):
    """The admin's sidebar (its menus are rendered into the dashboard as JSON)."""
    return client.get("/admin/").content.decode()


@pytest.fixture
def users(groups):
    def member(username, group=None, **kwargs):
        user = UserFactory(username=username, **kwargs)
        if group:
            user.groups.add(groups[group])
        return user

    return {
        "participant": member("parker", PARTICIPANTS),
        "faculty": member("farrah", FACULTY),
        "director": member("dana", PROGRAM_DIRECTOR),
        "admin": member("root", superuser=True),
    }


@pytest.fixture
def failed(home_page):
    return OutgoingEmail.objects.create(
        subject="[CeCTO] Awaiting your review: Budgets",
        body="Please review.",
        from_email="CeCTO Portal <no-reply@cecto.example>",
        to=["farrah@example.org"],
        status=Status.FAILED,
        attempts=8,
        last_error="ConnectionRefusedError: [Errno 111] Connection refused",
    )


@pytest.fixture
def sent(home_page):
    return OutgoingEmail.objects.create(
        subject="Delivered long ago",
        from_email="x@example.org",
        to=["ok@example.org"],
        status=Status.SENT,
        attempts=1,
    )


def test_the_director_and_administrators_see_undelivered_emails_with_their_error(
    verified_client, users, failed, sent
):
    for role in ("director", "admin"):
        verified_client.sign_in(users[role])
        response = verified_client.get(INDEX)
        assert response.status_code == 200, role
        content = response.content.decode()
        assert "Awaiting your review: Budgets" in content
        assert "farrah@example.org" in content
        assert "Connection refused" in content
        assert "Delivered long ago" not in content  # only what did not arrive
        assert f"{INDEX}retry/{failed.pk}/" in content
        assert "Undelivered e-mails" in menu(verified_client)


@pytest.mark.parametrize("role", ["faculty", "participant"])
def test_faculty_and_participants_cannot_see_the_queue(
    verified_client, client, users, failed, role
):
    verified_client.sign_in(users[role])

    assert verified_client.get(INDEX).status_code in (302, 403)
    assert verified_client.get(f"{INDEX}inspect/{failed.pk}/").status_code in (
        302,
        403,
    )
    assert verified_client.post(f"{INDEX}retry/{failed.pk}/").status_code in (
        302,
        403,
    )
    failed.refresh_from_db()
    assert failed.status == Status.FAILED
    if role == "faculty":
        assert "Undelivered e-mails" not in menu(verified_client)


def test_visitors_are_sent_to_sign_in(client, failed):
    response = client.get(INDEX)
    assert response.status_code == 302
    assert "/login/" in response["Location"]


def test_the_director_retries_a_failed_email_and_it_is_sent(
    verified_client, users, failed
):
    verified_client.sign_in(users["director"])
    confirm = verified_client.get(f"{INDEX}retry/{failed.pk}/")
    assert confirm.status_code == 200
    assert "Yes, retry now" in confirm.content.decode()

    response = verified_client.post(f"{INDEX}retry/{failed.pk}/")

    assert response.status_code == 302
    assert response["Location"] == INDEX
    failed.refresh_from_db()
    assert failed.status == Status.SENT  # the tests' backend sends at once
    assert failed.attempts == 9
    assert [message.subject for message in mail.outbox] == [failed.subject]


def test_retry_now_puts_the_email_back_in_the_workers_queue(
    verified_client, users, failed, db_queue
):
    verified_client.sign_in(users["admin"])

    verified_client.post(f"{INDEX}retry/{failed.pk}/")

    failed.refresh_from_db()
    assert failed.status == Status.QUEUED
    assert mail.outbox == []
    assert run_worker() == 1
    failed.refresh_from_db()
    assert failed.status == Status.SENT
    assert len(mail.outbox) == 1


def test_a_sent_email_cannot_be_retried_from_the_admin(verified_client, users, sent):
    verified_client.sign_in(users["admin"])

    assert verified_client.post(f"{INDEX}retry/{sent.pk}/").status_code == 404
    assert mail.outbox == []


def test_the_queue_is_read_only_in_the_admin(verified_client, users, failed):
    verified_client.sign_in(users["admin"])

    content = verified_client.get(INDEX).content.decode()
    assert f"{INDEX}new/" not in content
    for path in ("new/", f"edit/{failed.pk}/", f"delete/{failed.pk}/"):
        assert verified_client.get(f"{INDEX}{path}").status_code == 404
    inspect = verified_client.get(f"{INDEX}inspect/{failed.pk}/")
    assert inspect.status_code == 200
    assert "Connection refused" in inspect.content.decode()


def test_the_director_never_sees_an_emails_body(verified_client, users):
    # A password-reset link in it would hand over the account it was sent for.
    reset = OutgoingEmail.objects.create(
        subject="Reset your CeCTO Portal password",
        body="http://testserver/admin/password_reset/confirm/Mg/secret-token/",
        from_email="x@example.org",
        to=["root@example.org"],
        status=Status.FAILED,
    )
    verified_client.sign_in(users["director"])

    for path in ("", f"inspect/{reset.pk}/", f"retry/{reset.pk}/"):
        response = verified_client.get(f"{INDEX}{path}")
        assert response.status_code == 200
        assert "secret-token" not in response.content.decode()


def test_the_listing_costs_a_fixed_number_of_queries(
    verified_client, users, failed, django_assert_max_num_queries
):
    for number in range(30):
        OutgoingEmail.objects.create(
            subject=f"Notice {number}",
            from_email="x@example.org",
            to=[f"p{number}@example.org"],
            status=Status.FAILED,
        )
    verified_client.sign_in(users["admin"])
    verified_client.get(INDEX)  # warm the session and the menu

    with django_assert_max_num_queries(25):
        assert verified_client.get(INDEX).status_code == 200
