"""Two-factor sign-in with django-otp: an authenticator app (TOTP) and one-time
recovery codes (static tokens), both throttled by django-otp after wrong codes."""

from base64 import b32encode

import segno
from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django_otp import device_classes, user_has_device
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

ADMIN_ACCESS = "wagtailadmin.access_admin"
RECOVERY_CODE_COUNT = 10


def has_admin_access(user):
    """Whether the user can open Wagtail's admin, and so must use a second factor."""
    return user.is_active and user.has_perm(ADMIN_ACCESS)


def has_device(user):
    """Whether the user has turned two-factor sign-in on (a confirmed device)."""
    return user_has_device(user, confirmed=True)


def authenticator(user):
    """The user's confirmed authenticator app, or None."""
    return TOTPDevice.objects.devices_for_user(user, confirmed=True).first()


def pending_authenticator(user):
    """The authenticator being set up: the same key until it is confirmed, so
    reloading the page does not change the QR code the person already scanned."""
    device = (
        TOTPDevice.objects.devices_for_user(user, confirmed=False)
        .order_by("pk")
        .first()
    )
    return device or TOTPDevice.objects.create(
        user=user, name="Authenticator app", confirmed=False
    )


def secret_text(device):
    """The key in base32, in groups of four, for typing into an app by hand."""
    secret = b32encode(device.bin_key).decode()
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


def qr_code_svg(device):
    """The device's otpauth:// address as an inline SVG QR code (no script, no
    request to another site)."""
    return segno.make(device.config_url, error="m").svg_inline(
        scale=5,
        border=4,
        dark="#000",
        light="#fff",
        svgclass="qr-code__image",
        title=f"QR code for {settings.OTP_TOTP_ISSUER}",
    )


def normalise(code):
    """Codes as people type them: spaces and dashes dropped, recovery codes in lower case."""
    return "".join((code or "").split()).replace("-", "").lower()


def is_app_code(code):
    return code.isdigit() and len(code) == 6


def confirm_authenticator(device, code):
    """Confirms a new authenticator with a first code; it replaces any other."""
    with transaction.atomic():
        device = TOTPDevice.objects.select_for_update().get(pk=device.pk)
        if not device.verify_token(normalise(code)):
            return None
        device.confirmed = True
        device.save(update_fields=["confirmed"])
        TOTPDevice.objects.filter(user_id=device.user_id).exclude(pk=device.pk).delete()
    return device


def new_recovery_codes(user):
    """Replaces the user's recovery codes with RECOVERY_CODE_COUNT new ones."""
    with transaction.atomic():
        StaticDevice.objects.filter(user=user).delete()
        device = StaticDevice.objects.create(
            user=user, name="Recovery codes", confirmed=True
        )
        codes = [StaticToken.random_token() for _ in range(RECOVERY_CODE_COUNT)]
        StaticToken.objects.bulk_create(
            StaticToken(device=device, token=code) for code in codes
        )
    return codes


def verify(user, code):
    """Checks an app code or a recovery code (which is used up).

    Returns (device, wait): the device that accepted the code, or None and, when
    django-otp's throttle refused to check, the seconds to wait.
    """
    code = normalise(code)
    kind = TOTPDevice if is_app_code(code) else StaticDevice
    wait = None
    for device in kind.objects.devices_for_user(user, confirmed=True):
        with transaction.atomic():
            device = kind.objects.select_for_update().get(pk=device.pk)
            allowed, data = device.verify_is_allowed()
            if not allowed:
                locked_until = (data or {}).get("locked_until")
                if locked_until is not None:
                    seconds = (locked_until - timezone.now()).total_seconds()
                    wait = max(1, int(seconds + 0.999))
                continue
            if device.verify_token(code):
                return device, None
    return None, wait


def recovery_codes_left(user):
    return StaticToken.objects.filter(device__user=user, device__confirmed=True).count()


def reset(user):
    """Deletes every second-factor device of the user: they enrol again at their
    next sign-in (staff) or may turn it on again (participants)."""
    deleted = 0
    with transaction.atomic():
        for model in device_classes():
            devices = model.objects.filter(user=user)
            deleted += len(devices)
            devices.delete()
    return deleted
