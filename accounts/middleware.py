"""Staff sessions that expire after a working day of inactivity, and the second
factor, enforced on every request after django-otp's OTPMiddleware."""

import time
from functools import cached_property
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _

from accounts import sessions, two_factor

# How often a staff session's last activity is written back (a session save).
LAST_SEEN_RESOLUTION = 60


def _admin_prefix():
    return reverse("wagtailadmin_home")


class StaffSessionIdleMiddleware:
    """Signs staff out after STAFF_SESSION_IDLE_TIMEOUT seconds without a request.

    Participants keep Django's session lifetime. The last activity is kept in the
    session (at most one write a minute), so it holds on every session backend
    and whatever the cookie's own lifetime ("remember me" on the admin's sign-in).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        if user.is_authenticated:
            is_admin = request.path_info.startswith(_admin_prefix())
            if sessions.is_staff(request, fresh=is_admin):
                expired = self.touch(request)
                if expired:
                    return self.sign_out(request, is_admin)
        return self.get_response(request)

    @staticmethod
    def touch(request):
        now = int(time.time())
        last_seen = request.session.get(sessions.LAST_SEEN_KEY)
        if (
            last_seen is not None
            and now - last_seen > settings.STAFF_SESSION_IDLE_TIMEOUT
        ):
            return True
        if last_seen is None or now - last_seen >= LAST_SEEN_RESOLUTION:
            request.session[sessions.LAST_SEEN_KEY] = now
        return False

    @staticmethod
    def sign_out(request, is_admin):
        logout(request)
        hours = settings.STAFF_SESSION_IDLE_TIMEOUT / 3600
        messages.info(
            request,
            _(
                "You were signed out after %(hours)s hours without activity. "
                "Please sign in again."
            )
            % {"hours": f"{hours:g}"},
        )
        login_url = reverse("wagtailadmin_login" if is_admin else "accounts:login")
        return redirect_to_login(request.get_full_path(), login_url)


class TwoFactorMiddleware:
    """Until a user who must give a second factor has given it in this session,
    every page but signing in and out, password reset and the two-factor pages
    sends them to set up an authenticator (first time) or enter a code, and
    then back where they were going.

    Staff (anyone with admin access) must; others once they turned it on. A
    password alone is not a sign-in for them: the admin and the private pages
    alike stay closed.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    @cached_property
    def exempt_paths(self):
        names = [
            "accounts:login",
            "accounts:logout",
            "accounts:two_factor_verify",
            "accounts:two_factor_setup",
            "wagtailadmin_login",
            "wagtailadmin_logout",
        ]
        return {reverse(name) for name in names}

    @cached_property
    def exempt_prefixes(self):
        return (reverse("accounts:password_reset"), settings.STATIC_URL)

    def is_exempt(self, path):
        return path in self.exempt_paths or path.startswith(self.exempt_prefixes)

    def __call__(self, request):
        response = self.redirect_for(request)
        return response or self.get_response(request)

    def redirect_for(self, request):
        user = request.user
        path = request.path_info
        if not user.is_authenticated or self.is_exempt(path):
            return None
        is_admin = path.startswith(_admin_prefix())
        if not sessions.needs_second_factor(request, fresh=is_admin):
            return None
        if user.is_verified():
            return None
        if two_factor.has_device(user):
            target = "accounts:two_factor_verify"
        elif sessions.is_staff(request):
            target = "accounts:two_factor_setup"
        else:
            # A participant whose devices an administrator removed.
            sessions.set_two_factor(request.session, False)
            return None
        query = urlencode({"next": request.get_full_path()})
        return redirect(f"{reverse(target)}?{query}")
