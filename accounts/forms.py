"""The code a person types from their authenticator app, or a recovery code."""

from django import forms
from django.utils.translation import gettext_lazy as _


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
