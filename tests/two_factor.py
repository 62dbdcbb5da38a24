"""Signing staff in the way the portal requires: a password and a second factor.

`sign_in_verified(client, user)` is `client.force_login(user)` plus what
django_otp.login does after a correct code: a confirmed authenticator for the user
and its id in the session. Use it for anyone with admin access (faculty, the
director, superusers); a bare force_login leaves them at the two-factor page.
`sign_in(client, user)` picks what the user needs (for tests over every role).
`client.login(...)` checks the password through django-axes, which needs a request:
`client.login(request=HttpRequest(), username=..., password=...)`, then
`give_second_factor(client, user)` for staff.
"""

import time

from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice


def authenticator_for(user):
    """The user's confirmed authenticator app, made if missing."""
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    return device or TOTPDevice.objects.create(
        user=user, name="Test authenticator", confirmed=True
    )


def give_second_factor(client, user):
    """Marks the client's signed-in session verified, as django_otp.login does after
    a correct code (an authenticator is made for the user if missing)."""
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = authenticator_for(user).persistent_id
    session.save()
    return client


def sign_in_verified(client, user):
    """force_login, then the second factor given."""
    client.force_login(user)
    return give_second_factor(client, user)


def sign_in(client, user):
    """Signs anyone in as far as their sign-in goes when done right: with the second
    factor for staff and for those who turned it on, with the password alone for
    the others (so a participant gets no device they did not ask for)."""
    if user.is_active and (
        user.has_perm("wagtailadmin.access_admin")
        or TOTPDevice.objects.filter(user=user, confirmed=True).exists()
    ):
        return sign_in_verified(client, user)
    client.force_login(user)
    return client


def code_for(device, *, at=None):
    """The 6-digit code an authenticator app shows for `device` (now, or at `at`)."""
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = time.time() if at is None else at
    return f"{totp.token():06d}"


def fresh_code_for(device):
    """A code the device has not accepted yet: django-otp refuses a time step that
    was already used, so a second sign-in within 30 seconds takes the next one."""
    device.refresh_from_db()
    now = time.time()
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = now
    at = now if totp.t() > device.last_t else now + device.step
    return code_for(device, at=at)
