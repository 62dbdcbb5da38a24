"""Two-factor sign-in: set up an authenticator, enter a code, recovery codes, the
account page where participants turn it on or off, and the admin's reset."""

from urllib.parse import urlsplit

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST
from django.views.generic import TemplateView
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp import login as otp_login
from django_otp.plugins.otp_static.models import StaticDevice
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from accounts import sessions, two_factor
from accounts.forms import AppCodeForm, RecoveryCodeForm

NEW_CODES_KEY = "accounts_new_recovery_codes"
FEW_CODES_LEFT = 3


def _next_url(request):
    """Where to go once the second factor is given: `next` if it is on this site."""
    url = request.POST.get("next") or request.GET.get("next") or ""
    if url and url_has_allowed_host_and_scheme(
        url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return url
    if sessions.is_staff(request):
        return reverse("wagtailadmin_home")
    return settings.LOGIN_REDIRECT_URL


class SignInView(auth_views.LoginView):
    """/accounts/login/: people land where their work is unless a page asked for them.

    A `next` address that a page asked for (Django's redirect of a signed-out
    visitor) is kept, and the page says to sign in to see it. The header's "Sign in"
    link also carries the page it is on, as `next`; that one is voluntary (the
    address is the page the person came from), so it is dropped: participants land on
    their dashboard, staff on the admin (after their second factor).
    """

    redirect_authenticated_user = True
    extra_context = {"site_name": settings.WAGTAIL_SITE_NAME}

    def get_redirect_url(self):
        url = super().get_redirect_url()
        return "" if self.request.method == "GET" and self.voluntary(url) else url

    def voluntary(self, url):
        """True if `url` is the page the person clicked "Sign in" on."""
        referer = self.request.headers.get("Referer", "")
        if not url or not referer:
            return False
        came_from = urlsplit(referer)
        return came_from.netloc == self.request.get_host() and (
            came_from.path == urlsplit(url).path
        )

    def get_default_redirect_url(self):
        if two_factor.has_admin_access(self.request.user):
            return reverse("wagtailadmin_home")
        return reverse("submissions:dashboard")


class SignOutView(auth_views.LogoutView):
    """/accounts/logout/ (a POST): signs out and says so on the page it lands on."""

    extra_context = {"site_name": settings.WAGTAIL_SITE_NAME}

    def post(self, request, *args, **kwargs):
        was_signed_in = request.user.is_authenticated
        response = super().post(request, *args, **kwargs)
        if was_signed_in:
            messages.success(request, _("You are signed out."))
        return response


def _with_next(name, next_url):
    return f"{reverse(name)}?{urlencode({'next': next_url})}"


def _verified(request, device):
    """Marks the session verified by `device` (as django_otp.login does), under a
    new session key: a second factor raises the session's privilege."""
    otp_login(request, device)
    request.session.cycle_key()
    sessions.set_two_factor(request.session, True)


@never_cache
@login_required
def verify(request):
    """Asks for a code from the authenticator app, or a recovery code."""
    user = request.user
    next_url = _next_url(request)
    if not two_factor.has_device(user):
        if sessions.is_staff(request):
            return redirect(_with_next("accounts:two_factor_setup", next_url))
        return HttpResponseRedirect(next_url)
    if user.is_verified():
        return HttpResponseRedirect(next_url)

    use_recovery = request.GET.get("recovery") == "1" or (
        request.POST.get("method") == "recovery"
    )
    form_class = RecoveryCodeForm if use_recovery else AppCodeForm
    form = form_class(request.POST or None)
    if request.method == "POST" and form.is_valid():
        device, wait = two_factor.verify(user, form.cleaned_data["code"])
        if device is not None:
            _verified(request, device)
            if isinstance(device, StaticDevice):
                left = two_factor.recovery_codes_left(user)
                level = messages.WARNING if left <= FEW_CODES_LEFT else messages.INFO
                messages.add_message(
                    request,
                    level,
                    ngettext(
                        "You used a recovery code; %(left)d is left. Make new "
                        "ones on your two-factor sign-in page when you run low.",
                        "You used a recovery code; %(left)d are left. Make new "
                        "ones on your two-factor sign-in page when you run low.",
                        left,
                    )
                    % {"left": left},
                )
            return HttpResponseRedirect(next_url)
        if wait:
            form.add_error(
                "code",
                ngettext(
                    "Too many wrong codes. Wait %(wait)d second, then try again.",
                    "Too many wrong codes. Wait %(wait)d seconds, then try again.",
                    wait,
                )
                % {"wait": wait},
            )
        else:
            form.add_error(
                "code",
                _(
                    "That code is not right. Enter the newest code your app "
                    "shows (codes change every 30 seconds), or a recovery code "
                    "you have not used."
                ),
            )
    return render(
        request,
        "accounts/two_factor_verify.html",
        {"form": form, "next": next_url, "use_recovery": use_recovery},
    )


@never_cache
@login_required
def setup(request):
    """Shows a new authenticator's QR code and key, and confirms it with a first code."""
    user = request.user
    next_url = _next_url(request)
    if two_factor.has_device(user) and not user.is_verified():
        # Replacing a device needs the current one: a password alone cannot.
        return redirect(_with_next("accounts:two_factor_verify", next_url))

    device = two_factor.pending_authenticator(user)
    form = AppCodeForm(request.POST or None)
    form.fields["code"].label = "Code from the app, to confirm"
    if request.method == "POST" and form.is_valid():
        confirmed = two_factor.confirm_authenticator(device, form.cleaned_data["code"])
        if confirmed is not None:
            _verified(request, confirmed)
            request.session[NEW_CODES_KEY] = two_factor.new_recovery_codes(user)
            return redirect(_with_next("accounts:two_factor_recovery_codes", next_url))
        form.add_error(
            "code",
            _(
                "That code is not right. Check that your phone sets its time "
                "automatically, then enter the newest code the app shows."
            ),
        )
    return render(
        request,
        "accounts/two_factor_setup.html",
        {
            "form": form,
            "next": next_url,
            "qr_code": mark_safe(two_factor.qr_code_svg(device)),  # noqa: S308 - segno's own SVG
            "secret": two_factor.secret_text(device),
            "issuer": settings.OTP_TOTP_ISSUER,
            "username": user.get_username(),
            "required": sessions.is_staff(request),
        },
    )


@never_cache
@login_required
def recovery_codes(request):
    """Shows new recovery codes once; a POST replaces them with new ones."""
    user = request.user
    if not two_factor.has_device(user):
        return redirect("accounts:two_factor")
    if request.method == "POST":
        if not user.is_verified():
            raise PermissionDenied
        request.session[NEW_CODES_KEY] = two_factor.new_recovery_codes(user)
        return redirect(
            _with_next("accounts:two_factor_recovery_codes", _next_url(request))
        )
    codes = request.session.pop(NEW_CODES_KEY, None)
    return render(
        request,
        "accounts/recovery_codes.html",
        {"codes": codes, "next": _next_url(request)},
    )


@never_cache
@login_required
def account(request):
    """The person's two-factor sign-in: on or off, recovery codes, a new phone."""
    user = request.user
    authenticator = two_factor.authenticator(user)
    return render(
        request,
        "accounts/two_factor.html",
        {
            "enabled": two_factor.has_device(user),
            "authenticator": authenticator,
            "codes_left": two_factor.recovery_codes_left(user),
            "required": sessions.is_staff(request),
        },
    )


@never_cache
@login_required
@require_POST
def disable(request):
    """Turns two-factor sign-in off, for those who chose to turn it on; staff must
    keep it (an administrator resets a lost device: `manage.py reset_two_factor`)."""
    if sessions.is_staff(request, fresh=True):
        raise PermissionDenied
    if two_factor.has_device(request.user) and not request.user.is_verified():
        raise PermissionDenied
    two_factor.reset(request.user)
    request.session.pop(DEVICE_ID_SESSION_KEY, None)
    sessions.set_two_factor(request.session, False)
    messages.success(request, _("Two-factor sign-in is off for your account."))
    return redirect("accounts:two_factor")


class ResetTwoFactorView(WagtailAdminTemplateMixin, TemplateView):
    """Admin > Users > (a user) > "Reset two-factor sign-in": for a lost phone.
    Deletes the user's devices and ends their sessions, as `manage.py
    reset_two_factor` does; for those who may change users."""

    template_name = "accounts/admin/reset_two_factor.html"
    page_title = "Reset two-factor sign-in"
    header_icon = "key"

    def dispatch(self, request, user_id):
        if not request.user.has_perm("auth.change_user"):
            raise PermissionDenied
        self.person = get_object_or_404(get_user_model(), pk=user_id)
        return super().dispatch(request, user_id)

    def get_page_subtitle(self):
        return self.person.get_username()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["person"] = self.person
        context["devices"] = two_factor.has_device(self.person)
        context["staff"] = two_factor.has_admin_access(self.person)
        return context

    def post(self, request, user_id):
        deleted = two_factor.reset(self.person)
        ended = sessions.end_all(self.person)
        messages.success(
            request,
            _(
                "Two-factor sign-in reset for %(username)s: %(deleted)d device(s) "
                "deleted, %(ended)d session(s) ended."
            )
            % {
                "username": self.person.get_username(),
                "deleted": deleted,
                "ended": ended,
            },
        )
        return redirect("wagtailusers_users:index")
