"""Two-factor sign-in: required for everyone with admin access, optional for
participants; set up with a QR code, given with an app code or a recovery code."""

import re
from io import StringIO

import pytest
from django.core.management import call_command
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.two_factor import new_recovery_codes
from tests.factories.core import UserFactory
from tests.two_factor import (
    authenticator_for,
    code_for,
    fresh_code_for,
    sign_in_verified,
)

pytestmark = pytest.mark.django_db

SETUP = "/accounts/two-factor/set-up/"
VERIFY = "/accounts/two-factor/verify/"
CODES = "/accounts/two-factor/recovery-codes/"


@pytest.fixture
def staff(groups):
    """One user per role with admin access."""
    faculty = UserFactory(username="farrah")
    faculty.groups.add(groups["Faculty"])
    director = UserFactory(username="dana")
    director.groups.add(groups["Program Director"], groups["Faculty"])
    return {
        "faculty": faculty,
        "director": director,
        "administrator": UserFactory(username="root", superuser=True),
    }


def password_sign_in(client, username, url="/accounts/login/"):
    response = client.post(url, {"username": username, "password": "password"})
    assert response.status_code == 302, response.content.decode()[:500]
    return response


@pytest.mark.parametrize("role", ["faculty", "director", "administrator"])
@pytest.mark.parametrize(
    "url", ["/admin/", "/admin/pages/", "/admin/snippets/people/person/"]
)
def test_staff_with_a_password_only_are_sent_to_set_up_two_factor(
    client, home_page, staff, role, url
):
    client.force_login(staff[role])
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"] == f"{SETUP}?next={url.replace('/', '%2F')}"


@pytest.mark.parametrize("role", ["faculty", "director", "administrator"])
def test_staff_with_an_authenticator_are_asked_for_a_code_before_the_admin(
    client, home_page, staff, role
):
    authenticator_for(staff[role])
    client.force_login(staff[role])
    response = client.get("/admin/pages/")
    assert response.status_code == 302
    assert response["Location"] == f"{VERIFY}?next=%2Fadmin%2Fpages%2F"


def test_unverified_staff_cannot_post_to_the_admin(client, home_page, staff):
    authenticator_for(staff["director"])
    client.force_login(staff["director"])
    response = client.post(f"/admin/pages/{home_page.pk}/unpublish/")
    assert response.status_code == 302
    assert response["Location"].startswith(VERIFY)
    home_page.refresh_from_db()
    assert home_page.live


def test_unverified_staff_can_still_reach_the_admin_sign_in_and_sign_out(
    client, home_page, staff
):
    client.force_login(staff["faculty"])
    assert client.get("/admin/login/").status_code == 302  # Wagtail: to the admin
    assert client.post("/admin/logout/").status_code == 302
    assert "_auth_user_id" not in client.session


def test_verified_staff_open_the_admin(verified_client, home_page, staff):
    for user in staff.values():
        verified_client.sign_in(user)
        assert verified_client.get("/admin/").status_code == 200


def test_a_participant_without_two_factor_is_never_asked(
    client, home_page, participant_user
):
    password_sign_in(client, "parker")
    response = client.get("/dashboard/")
    assert response.status_code == 200


def test_faculty_set_up_an_authenticator_at_their_first_sign_in(
    client, home_page, staff
):
    password_sign_in(client, "farrah", url="/admin/login/")
    response = client.get("/admin/", follow=True)
    assert response.redirect_chain[-1][0] == f"{SETUP}?next=%2Fadmin%2F"
    html = response.content.decode()
    assert html.count("<h1>") == 1
    assert '<svg width="' in html and 'class="qr-code__image"' in html
    device = TOTPDevice.objects.get(user=staff["faculty"], confirmed=False)
    secret = re.search(
        r'<code class="secret-key" id="secret-key">([A-Z2-7 ]+)</code>', html
    )
    assert (
        secret.group(1).replace(" ", "")
        == device.config_url.split("secret=")[1].split("&")[0]
    )
    assert 'autocomplete="one-time-code"' in html and 'inputmode="numeric"' in html
    # The page reloads with the same key: the QR code already scanned stays valid.
    client.get(f"{SETUP}?next=/admin/")
    assert TOTPDevice.objects.filter(user=staff["faculty"]).count() == 1

    wrong = client.post(SETUP, {"code": "000000", "next": "/admin/"})
    assert wrong.status_code == 200
    assert "That code is not right" in wrong.content.decode()
    assert 'aria-invalid="true"' in wrong.content.decode()
    device.throttle_reset()

    confirmed = client.post(SETUP, {"code": code_for(device), "next": "/admin/"})
    assert confirmed.status_code == 302
    assert confirmed["Location"] == f"{CODES}?next=%2Fadmin%2F"
    device.refresh_from_db()
    assert device.confirmed

    shown = client.get(confirmed["Location"]).content.decode()
    codes = re.findall(r"<li><code>([a-z2-7]{8})</code></li>", shown)
    assert len(codes) == 10
    assert set(codes) == set(
        StaticToken.objects.filter(device__user=staff["faculty"]).values_list(
            "token", flat=True
        )
    )
    assert "Print this page" in shown
    again = client.get(CODES).content.decode()
    assert not any(code in again for code in codes)  # shown once only
    assert "shown only once" in again

    assert client.get("/admin/").status_code == 200


def test_staff_verify_with_a_code_from_their_app_and_go_where_they_were_going(
    client, home_page, staff
):
    device = authenticator_for(staff["director"])
    password_sign_in(client, "dana")
    response = client.get("/admin/pages/", follow=True)
    assert response.redirect_chain[-1][0] == f"{VERIFY}?next=%2Fadmin%2Fpages%2F"
    html = response.content.decode()
    assert 'autocomplete="one-time-code"' in html and 'inputmode="numeric"' in html
    old_key = client.session.session_key
    verified = client.post(
        VERIFY, {"code": fresh_code_for(device), "next": "/admin/pages/"}
    )
    assert verified.status_code == 302
    assert verified["Location"] == "/admin/pages/"
    assert client.session.session_key != old_key  # a new session key
    assert client.get("/admin/").status_code == 200


def test_a_used_app_code_cannot_be_replayed(client, home_page, staff):
    device = authenticator_for(staff["director"])
    code = fresh_code_for(device)
    password_sign_in(client, "dana")
    assert client.post(VERIFY, {"code": code}).status_code == 302
    client.post("/accounts/logout/")
    password_sign_in(client, "dana")
    replay = client.post(VERIFY, {"code": code})
    assert replay.status_code == 200
    assert "That code is not right" in replay.content.decode()


def test_wrong_codes_are_throttled(client, home_page, staff):
    device = authenticator_for(staff["director"])
    password_sign_in(client, "dana")
    client.post(VERIFY, {"code": "000000"})
    # Right away, even the right code is not checked (django-otp: 1, 2, 4... s).
    response = client.post(VERIFY, {"code": fresh_code_for(device)})
    assert "Too many wrong codes. Wait 1 second, then try again." in (
        response.content.decode()
    )
    device.refresh_from_db()
    assert device.throttling_failure_count == 1
    assert client.get("/admin/").status_code == 302


def test_a_recovery_code_works_once(client, home_page, staff):
    authenticator_for(staff["director"])
    codes = new_recovery_codes(staff["director"])
    password_sign_in(client, "dana")
    page = client.get(f"{VERIFY}?next=/admin/&recovery=1").content.decode()
    assert "Recovery code" in page and 'inputmode="numeric"' not in page
    response = client.post(
        VERIFY, {"code": codes[0].upper(), "method": "recovery", "next": "/admin/"}
    )
    assert response.status_code == 302
    assert response["Location"] == "/admin/"
    assert StaticToken.objects.filter(device__user=staff["director"]).count() == 9
    client.post("/accounts/logout/")

    password_sign_in(client, "dana")
    reused = client.post(VERIFY, {"code": codes[0], "method": "recovery"})
    assert reused.status_code == 200
    assert "That code is not right" in reused.content.decode()
    assert client.get("/admin/").status_code == 302


def test_a_password_alone_cannot_replace_the_authenticator(client, home_page, staff):
    authenticator_for(staff["director"])
    password_sign_in(client, "dana")
    response = client.get(SETUP)
    assert response.status_code == 302
    assert response["Location"].startswith(VERIFY)
    assert not TOTPDevice.objects.filter(confirmed=False).exists()


def test_next_may_not_leave_the_site(client, home_page, staff):
    device = authenticator_for(staff["director"])
    password_sign_in(client, "dana")
    response = client.post(
        VERIFY, {"code": fresh_code_for(device), "next": "https://evil.example/"}
    )
    assert response["Location"] == "/admin/"


def test_a_participant_turns_two_factor_on_and_is_then_asked_at_sign_in(
    client, home_page, participant_user
):
    password_sign_in(client, "parker")
    account = client.get("/accounts/two-factor/").content.decode()
    assert "Turn on two-factor sign-in" in account
    client.get(SETUP)
    device = TOTPDevice.objects.get(user=participant_user)
    response = client.post(SETUP, {"code": code_for(device), "next": "/dashboard/"})
    assert response.status_code == 302
    client.post("/accounts/logout/")

    password_sign_in(client, "parker")
    response = client.get("/dashboard/")
    assert response.status_code == 302
    assert response["Location"] == f"{VERIFY}?next=%2Fdashboard%2F"
    client.post(VERIFY, {"code": fresh_code_for(device)})
    assert client.get("/dashboard/").status_code == 200


def test_a_participant_may_turn_two_factor_off(client, home_page, participant_user):
    device = authenticator_for(participant_user)
    password_sign_in(client, "parker")
    client.post(VERIFY, {"code": fresh_code_for(device)})
    response = client.post("/accounts/two-factor/turn-off/")
    assert response.status_code == 302
    assert not TOTPDevice.objects.filter(user=participant_user).exists()
    client.post("/accounts/logout/")
    password_sign_in(client, "parker")
    assert client.get("/dashboard/").status_code == 200


def test_staff_cannot_turn_two_factor_off(verified_client, home_page, staff):
    verified_client.sign_in(staff["faculty"])
    page = verified_client.get("/accounts/two-factor/").content.decode()
    assert "Turn two-factor sign-in off" not in page
    assert verified_client.post("/accounts/two-factor/turn-off/").status_code == 403
    assert TOTPDevice.objects.filter(user=staff["faculty"]).exists()


def test_an_administrator_resets_a_lost_device_with_a_command(
    verified_client, home_page, staff
):
    verified_client.sign_in(staff["faculty"])
    new_recovery_codes(staff["faculty"])
    out = StringIO()
    call_command("reset_two_factor", "farrah", stdout=out)
    assert "2 device(s) deleted, 1 session(s) ended" in out.getvalue()
    assert "set up an authenticator app at their next sign-in" in out.getvalue()
    assert not TOTPDevice.objects.filter(user=staff["faculty"]).exists()
    assert verified_client.get("/admin/").status_code == 302  # signed out

    password_sign_in(verified_client, "farrah")
    response = verified_client.get("/admin/")
    assert response["Location"] == f"{SETUP}?next=%2Fadmin%2F"


def test_the_reset_command_names_an_unknown_user():
    with pytest.raises(Exception, match="No user named 'nobody'"):
        call_command("reset_two_factor", "nobody")


def test_an_administrator_resets_a_lost_device_from_the_users_listing(
    verified_client, home_page, staff
):
    lost = staff["faculty"]
    authenticator_for(lost)
    new_recovery_codes(lost)
    verified_client.sign_in(staff["administrator"])
    url = f"/admin/users/{lost.pk}/reset-two-factor/"
    listing = verified_client.get("/admin/users/").content.decode()
    assert f'href="{url}"' in listing
    page = verified_client.get(url)
    assert page.status_code == 200
    assert "set up a new authenticator app" in page.content.decode()

    response = verified_client.post(url)
    assert response.status_code == 302
    assert response["Location"] == "/admin/users/"
    assert not TOTPDevice.objects.filter(user=lost).exists()
    assert not StaticToken.objects.filter(device__user=lost).exists()
    assert TOTPDevice.objects.filter(user=staff["administrator"]).exists()


def test_faculty_cannot_reset_someone_elses_two_factor(
    verified_client, home_page, staff
):
    authenticator_for(staff["director"])
    verified_client.sign_in(staff["faculty"])
    url = f"/admin/users/{staff['director'].pk}/reset-two-factor/"
    response = verified_client.post(url)
    # Wagtail's admin answers PermissionDenied with its "no permission" redirect.
    assert (response.status_code, response["Location"]) == (302, "/admin/")
    assert TOTPDevice.objects.filter(user=staff["director"]).exists()


def test_a_participants_dashboard_links_to_two_factor_sign_in(
    client, home_page, participant_user
):
    client.force_login(participant_user)
    html = client.get("/dashboard/").content.decode()
    assert 'href="/accounts/two-factor/"' in html


def test_the_reset_ends_sessions_in_cached_db_too(client, home_page, staff, settings):
    settings.SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
    sign_in_verified(client, staff["faculty"])
    assert client.get("/admin/").status_code == 200
    call_command("reset_two_factor", "farrah", stdout=StringIO())
    response = client.get("/admin/")
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")


def test_the_two_factor_pages_have_no_inline_script_or_style(client, home_page, staff):
    client.force_login(staff["faculty"])
    pages = [client.get(SETUP)]
    device = TOTPDevice.objects.get(user=staff["faculty"])
    client.post(SETUP, {"code": code_for(device)})
    pages += [client.get(CODES), client.get("/accounts/two-factor/")]
    client.post("/accounts/logout/")
    client.force_login(staff["faculty"])
    pages += [client.get(VERIFY), client.get(f"{VERIFY}?recovery=1")]
    for response in pages:
        html = response.content.decode()
        assert response.status_code == 200
        assert " style=" not in html
        inline = [
            tag
            for tag in re.findall(r"<script[^>]*>", html)
            if " src=" not in tag and 'type="application/json"' not in tag
        ]
        assert not inline, response.request["PATH_INFO"]
        assert "Content-Security-Policy" in response.headers
