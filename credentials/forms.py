"""Forms of the credentials app: the employer's search, the graduate's choices,
the director's revocation."""

import datetime

from django import forms
from django.utils.translation import gettext_lazy as _

from credentials.models import normalise_name


class VerificationSearchForm(forms.Form):
    """A full name and a graduation year: both required, no partial matches."""

    name = forms.CharField(
        label=_("Full name, as on the certificate"),
        max_length=170,
        help_text=_("First and last name, for example Jordan Rivers."),
    )
    year = forms.IntegerField(
        label=_("Year of graduation"),
        min_value=2010,
        max_value=2100,
        help_text=_("The 'Class of' year, for example 2012."),
    )

    def clean_name(self):
        name = " ".join(self.cleaned_data["name"].split())
        if len(normalise_name(name).split()) < 2:
            raise forms.ValidationError(
                _("Enter the graduate's full name: first and last name.")
            )
        return name

    def clean_year(self):
        year = self.cleaned_data["year"]
        if year > datetime.date.today().year + 1:
            raise forms.ValidationError(_("Enter a year no later than next year."))
        return year


class PublicDisplayForm(forms.Form):
    """What the graduate's public verification page shows besides the credential."""

    show_name = forms.BooleanField(
        label=_("Show my name"),
        required=False,
        help_text=_(
            "Your name on your verification page, in the verification search, and "
            "a link to your page from the 'Class of' roster."
        ),
    )
    show_affiliation = forms.BooleanField(
        label=_("Show my district or employer beside my name"),
        required=False,
        help_text=_("Only shown together with your name."),
    )


class RevokeForm(forms.Form):
    """The Program Director's reason for revoking a credential (kept in the admin
    and the history; the public page says only that and when)."""

    reason = forms.CharField(
        label=_("Reason"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=1000,
        help_text=_(
            "Why the credential is revoked, for the record. The public page shows "
            "the date it was revoked, not this reason."
        ),
    )
