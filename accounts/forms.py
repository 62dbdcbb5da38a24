"""Signing in: the two-factor codes, and password resets that queue their e-mail.

The password reset forms send their e-mail through the portal's queue (outbox.queue).
Django's `PasswordResetForm.send_mail` sends in the request and only logs a failure,
so a reset asked for while the mail server is down was lost. These queue it; the
worker delivers it, and retries. The public form serves /accounts/password-reset/;
the admin's is Wagtail's (WAGTAILADMIN_USER_PASSWORD_RESET_FORM).
https://github.com/django/django/blob/stable/5.2.x/django/contrib/auth/forms.py
"""

import unicodedata
from urllib.parse import urlsplit

from django import forms
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.forms import PasswordResetForm as DjangoPasswordResetForm
from django.template import loader
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms.auth import PasswordResetForm as WagtailPasswordResetForm

from core.sites import base_url
from outbox.queue import send_email


class AppCodeForm(forms.Form):
    """Six digits from the authenticator app (a recovery code is accepted too)."""

    code = forms.CharField(
        label=_("Code from your authenticator app"),
        help_text=_("The 6-digit code the app shows now for the CeCTO Portal."),
        max_length=32,
        widget=forms.TextInput(
            attrs={
                "autocomplete": "one-time-code",
                "inputmode": "numeric",
                "autocapitalize": "off",
                "spellcheck": "false",
                "class": "input--code",
            }
        ),
    )


class RecoveryCodeForm(forms.Form):
    """One of the ten recovery codes shown when two-factor sign-in was set up."""

    code = forms.CharField(
        label=_("Recovery code"),
        help_text=_(
            "One of the recovery codes you saved when you set up two-factor "
            "sign-in. Each code works once."
        ),
        max_length=32,
        widget=forms.TextInput(
            attrs={
                "autocomplete": "one-time-code",
                "autocapitalize": "off",
                "spellcheck": "false",
                "class": "input--code",
            }
        ),
    )


class QueuedPasswordResetMixin:
    """Queue the reset e-mail instead of sending it in the request."""

    def send_mail(
        self,
        subject_template_name,
        email_template_name,
        context,
        from_email,
        to_email,
        html_email_template_name=None,
    ):
        # The link and the name come from the served address and the site name,
        # not from whichever host the request came in on.
        parts = urlsplit(base_url())
        context = {
            **context,
            "site_name": settings.WAGTAIL_SITE_NAME,
            "domain": parts.netloc,
            "protocol": parts.scheme,
        }
        subject = loader.render_to_string(subject_template_name, context)
        html_body = ""
        if html_email_template_name is not None:
            html_body = loader.render_to_string(html_email_template_name, context)
        send_email(
            "".join(subject.splitlines()),
            loader.render_to_string(email_template_name, context),
            [to_email],
            html_body=html_body,
            from_email=from_email,
            headers={"Auto-Submitted": "auto-generated"},
        )


class PasswordResetForm(QueuedPasswordResetMixin, DjangoPasswordResetForm):
    """The public site's password reset (/accounts/password-reset/).

    Django's form skips accounts that never had a password. Here such an account is
    someone enrolled by the director (applicants.services.enroll) whose "set your
    password" link expired or was lost: the portal has no other way to sign in, so
    the form sends them a link too. Inactive accounts still get nothing.
    """

    def get_users(self, email):
        user_model = get_user_model()
        email_field = user_model.get_email_field_name()
        candidates = user_model._default_manager.filter(
            **{f"{email_field}__iexact": email, "is_active": True}
        )
        for user in candidates:
            if _same_address(email, getattr(user, email_field)):
                yield user


def _same_address(a, b):
    """Case-insensitive, Unicode-normalised comparison (as Django's own form does)."""
    return (
        unicodedata.normalize("NFKC", a).casefold()
        == unicodedata.normalize("NFKC", b).casefold()
    )


class AdminPasswordResetForm(QueuedPasswordResetMixin, WagtailPasswordResetForm):
    """Wagtail's admin password reset (/admin/password_reset/)."""
