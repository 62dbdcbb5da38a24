"""Failed sign-ins are throttled on the site's sign-in and the admin's (django-axes
with accounts/throttling.py): per username and address, per account, per address."""

from datetime import timedelta
from io import StringIO

import pytest
from axes.models import AccessAttempt
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from tests.factories.core import UserFactory

pytestmark = pytest.mark.django_db

SITE = "/accounts/login/"
ADMIN = "/admin/login/"


@pytest.fixture
def director(groups):
    user = UserFactory(username="director", email="director@example.org")
    user.groups.add(groups["Program Director"], groups["Faculty"])
    return user


def sign_in(client, url, username, password, address="203.0.113.7", **headers):
    return client.post(
        url,
        {"username": username, "password": password},
        REMOTE_ADDR=address,
        **headers,
    )


def fail(client, url, username, times, address="203.0.113.7", **headers):
    return [
        sign_in(client, url, username, "wrong-password", address, **headers)
        for _ in range(times)
    ]


@pytest.mark.parametrize("url", [SITE, ADMIN])
def test_director_is_locked_out_after_five_wrong_passwords_on_either_sign_in(
    client, home_page, director, url
):
    responses = fail(client, url, "director", 5)
    assert [r.status_code for r in responses[:4]] == [200] * 4
    locked = responses[4]
    assert locked.status_code == 429
    html = locked.content.decode()
    assert "<h1>Too many sign-in attempts</h1>" in html
    assert "You can try again after" in html
    assert "30 minutes" in html
    assert "mailto:cecto@example.org" in html  # whom to contact (program settings)
    assert int(locked["Retry-After"]) == pytest.approx(30 * 60, abs=5)


@pytest.mark.parametrize("url", [SITE, ADMIN])
def test_twenty_wrong_passwords_then_the_right_one_is_refused(
    client, home_page, director, url
):
    fail(client, url, "director", 20)
    response = sign_in(client, url, "director", "password")
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session


def test_the_lockout_ends_after_the_cool_off(client, home_page, director):
    fail(client, SITE, "director", 5)
    assert sign_in(client, SITE, "director", "password").status_code == 429
    AccessAttempt.objects.update(attempt_time=timezone.now() - timedelta(minutes=31))
    response = sign_in(client, SITE, "director", "password")
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(director.pk)


def test_tries_during_a_lockout_do_not_extend_it(client, home_page, director):
    fail(client, SITE, "director", 5)
    first = AccessAttempt.objects.get().attempt_time
    fail(client, SITE, "director", 3)
    attempt = AccessAttempt.objects.get()
    assert attempt.attempt_time == first
    assert attempt.failures_since_start == 5


def test_a_successful_sign_in_clears_the_persons_own_failures(
    client, home_page, director
):
    fail(client, SITE, "director", 4)
    assert sign_in(client, SITE, "director", "password").status_code == 302
    client.logout()
    responses = fail(client, SITE, "director", 4)
    assert {r.status_code for r in responses} == {200}


def test_a_locked_out_pair_does_not_lock_anyone_else_at_the_address(
    client, home_page, director
):
    fail(client, SITE, "director", 5)
    UserFactory(username="parker")
    assert sign_in(client, SITE, "parker", "password").status_code == 302


def test_a_locked_out_pair_does_not_lock_the_account_from_elsewhere(
    client, home_page, director
):
    fail(client, SITE, "director", 5, address="203.0.113.7")
    response = sign_in(client, SITE, "director", "password", address="198.51.100.2")
    assert response.status_code == 302


def test_guessing_from_many_addresses_locks_the_account_everywhere(
    client, home_page, director
):
    for host in range(5):  # 4 failures each: under the per-address limit
        fail(client, SITE, "director", 4, address=f"192.0.2.{host}")
    response = sign_in(client, SITE, "director", "password", address="198.51.100.9")
    assert response.status_code == 429
    UserFactory(username="parker")
    other = sign_in(client, SITE, "parker", "password", address="192.0.2.1")
    assert other.status_code == 302


def test_spraying_many_accounts_from_one_address_locks_that_address(
    client, home_page, director
):
    for number in range(25):  # 2 failures per name: no pair or account limit
        fail(client, SITE, f"guess{number}", 2)
    assert sign_in(client, SITE, "director", "password").status_code == 429
    elsewhere = sign_in(client, SITE, "director", "password", address="198.51.100.2")
    assert elsewhere.status_code == 302


def test_a_forged_forwarded_for_header_is_ignored_without_proxies(
    client, home_page, director, settings
):
    settings.TRUSTED_PROXY_COUNT = 0
    responses = [
        sign_in(
            client,
            SITE,
            "director",
            "wrong",
            HTTP_X_FORWARDED_FOR=f"10.0.0.{number}",
        )
        for number in range(5)
    ]
    assert responses[-1].status_code == 429
    assert set(AccessAttempt.objects.values_list("ip_address", flat=True)) == {
        "203.0.113.7"
    }


def test_behind_a_proxy_the_lockout_keys_on_the_address_the_proxy_appended(
    client, home_page, director, settings
):
    settings.TRUSTED_PROXY_COUNT = 1
    for number in range(5):  # the client forges the left part; the proxy appends
        sign_in(
            client,
            SITE,
            "director",
            "wrong",
            address="10.0.0.2",
            HTTP_X_FORWARDED_FOR=f"1.2.3.{number}, 198.51.100.5",
        )
    assert set(AccessAttempt.objects.values_list("ip_address", flat=True)) == {
        "198.51.100.5"
    }
    locked = sign_in(
        client,
        SITE,
        "director",
        "password",
        address="10.0.0.2",
        HTTP_X_FORWARDED_FOR="198.51.100.5",
    )
    assert locked.status_code == 429
    other_client = sign_in(
        client,
        SITE,
        "director",
        "password",
        address="10.0.0.2",
        HTTP_X_FORWARDED_FOR="198.51.100.77",
    )
    assert other_client.status_code == 302  # the proxy itself is not locked out


def test_staff_unlock_an_account_with_a_command(client, home_page, director):
    fail(client, SITE, "director", 5)
    out = StringIO()
    call_command("unlock_account", "director", stdout=out)
    assert "Unlocked director: 5 failed sign-in(s) cleared." in out.getvalue()
    assert sign_in(client, SITE, "director", "password").status_code == 302


def test_the_unlock_command_clears_an_address(client, home_page, director):
    for number in range(25):
        fail(client, SITE, f"guess{number}", 2)
    out = StringIO()
    call_command("unlock_account", "--address", "203.0.113.7", stdout=out)
    assert "50 failed sign-in(s) cleared" in out.getvalue()
    assert sign_in(client, SITE, "director", "password").status_code == 302


def test_axes_own_reset_command_also_unlocks(client, home_page, director):
    fail(client, SITE, "director", 5)
    call_command("axes_reset_username", "director", stdout=StringIO())
    assert sign_in(client, SITE, "director", "password").status_code == 302


def test_password_reset_still_works_while_locked_out(client, home_page, director):
    fail(client, SITE, "director", 5)
    assert client.get("/accounts/password-reset/").status_code == 200
    response = client.post(
        "/accounts/password-reset/", {"email": "director@example.org"}
    )
    assert response.status_code == 302
    assert len(mail.outbox) == 1


def test_a_wrong_password_is_announced_above_the_form(client, home_page, director):
    html = sign_in(client, SITE, "director", "wrong").content.decode()
    assert 'class="error-summary" role="alert"' in html
    assert "Please enter a correct username and password." in html
    assert html.count("<h1>") == 1
