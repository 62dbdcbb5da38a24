"""Credentials: what a graduate was certified for, frozen when it was issued."""

import re
import secrets

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

# token_urlsafe(18): 24 characters, 144 random bits. Anything else is refused
# before the database is asked (and answers the same 404 as an unknown one).
IDENTIFIER_PATTERN = r"[A-Za-z0-9_-]{24}"
_IDENTIFIER_RE = re.compile(rf"^{IDENTIFIER_PATTERN}$")


def new_identifier():
    """A public identifier nobody can guess: never the primary key."""
    return secrets.token_urlsafe(18)


def new_salt():
    """The salt of the recipient's hashed e-mail in the Open Badge."""
    return secrets.token_hex(8)


def is_identifier(value):
    return bool(_IDENTIFIER_RE.match(value or ""))


def normalise_name(name):
    """'  ada   LOVELACE ' -> 'ada lovelace': how the verification search compares."""
    return " ".join((name or "").split()).casefold()


class CredentialQuerySet(models.QuerySet):
    def valid(self):
        return self.filter(revoked_at__isnull=True)

    def revoked(self):
        return self.filter(revoked_at__isnull=False)

    def shown_publicly(self):
        """Credentials whose graduate agreed to be named on the public pages."""
        return self.filter(show_name=True)

    def for_search(self, name, year):
        """Consenting graduates' credentials whose printed name is `name` (case and
        spacing ignored) in the Class of `year`, valid or revoked."""
        return self.shown_publicly().filter(
            name_key=normalise_name(name), cohort_year=year
        )


class Credential(models.Model):
    """A graduate's credential: a certificate, a public page and an Open Badge.

    Everything a verifier sees is copied here when it is issued (the name as
    printed, the track, the year, the partners), so later edits to the person,
    the track or the partners never change an issued credential.
    """

    enrollment = models.OneToOneField(
        "people.Enrollment",
        verbose_name=_("enrollment"),
        # An issued credential is a record: its enrollment cannot be deleted under it.
        on_delete=models.PROTECT,
        related_name="credential",
    )
    identifier = models.CharField(
        _("identifier"),
        max_length=32,
        unique=True,
        default=new_identifier,
        editable=False,
        help_text=_("Printed on the certificate; the address of its public page."),
    )
    issued_on = models.DateField(_("issued on"))
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("issued by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    # What was certified, as it stood on the day.
    name = models.CharField(_("name as printed"), max_length=170)
    name_key = models.CharField(max_length=170, db_index=True, editable=False)
    track = models.ForeignKey(
        "curriculum.Track",
        verbose_name=_("track"),
        on_delete=models.PROTECT,
        related_name="credentials",
    )
    track_name = models.CharField(_("track name"), max_length=120)
    program_name = models.CharField(_("program name"), max_length=200)
    cohort_year = models.PositiveSmallIntegerField(_("class of"), db_index=True)
    affiliation = models.CharField(
        _("district or employer"), max_length=200, blank=True
    )
    partners = models.JSONField(
        _("issuing partners"),
        default=list,
        help_text=_("The names of the partner organizations that issued it."),
    )
    recipient_salt = models.CharField(max_length=32, default=new_salt, editable=False)
    recipient_email_hash = models.CharField(max_length=80, blank=True, editable=False)

    # What the graduate agreed to show on the public page.
    show_name = models.BooleanField(
        _("name shown publicly"),
        default=False,
        help_text=_(
            "The graduate agreed that their name appears on the verification page, "
            "in the verification search and on the 'Class of' roster."
        ),
    )
    show_affiliation = models.BooleanField(
        _("district shown publicly"),
        default=False,
        help_text=_("The graduate agreed that their district appears beside it."),
    )

    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)
    revoked_reason = models.TextField(_("reason for revoking"), blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("revoked by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = CredentialQuerySet.as_manager()

    class Meta:
        ordering = ["-cohort_year", "name_key"]
        permissions = [("revoke_credential", "Can revoke a credential")]
        verbose_name = _("credential")
        verbose_name_plural = _("credentials")

    def __str__(self):
        return f"{self.name}, {self.track_name} {self.cohort_year}"

    def save(self, *args, **kwargs):
        self.name_key = normalise_name(self.name)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        """The public verification page."""
        return reverse("credentials:verify", args=[self.identifier])

    @property
    def is_revoked(self):
        return self.revoked_at is not None

    @property
    def status_label(self):
        return _("Revoked") if self.is_revoked else _("Valid")

    def certificate_url(self):
        """The graduate's own download of the certificate."""
        return reverse("credentials:certificate", args=[self.identifier])

    def badge_json_url(self):
        return reverse("credentials:badge_json", args=[self.identifier])

    def badge_jwt_url(self):
        return reverse("credentials:badge_jwt", args=[self.identifier])

    def status_url(self):
        return reverse("credentials:status", args=[self.identifier])


class CompletionRules(models.Model):
    """What a track's candidates must do to graduate, in data the director reads
    and edits (Graduation > Completion rules); `credentials/completion.py`
    evaluates it."""

    track = models.OneToOneField(
        "curriculum.Track",
        verbose_name=_("track"),
        on_delete=models.CASCADE,
        related_name="completion_rules",
    )
    required_hours = models.PositiveSmallIntegerField(
        _("required hours"),
        null=True,
        blank=True,
        help_text=_(
            "Hours a candidate must earn (attendance and adjustments). Leave it "
            "empty to use the track's own required hours."
        ),
    )
    required_joint_meetings = models.PositiveSmallIntegerField(
        _("required joint meetings"),
        null=True,
        blank=True,
        help_text=_(
            "How many of the cohort's joint meetings a candidate must attend. "
            "Leave it empty to require every joint meeting of the cohort."
        ),
    )
    requires_best_practice = models.BooleanField(
        _("at least one best practice published"),
        default=False,
        help_text=_(
            "Tick when a candidate must be an author of at least one published "
            "best practice of their cohort (CeCTO Certification)."
        ),
    )

    class Meta:
        ordering = ["track__sort_order", "track__name"]
        permissions = [("graduate_cohort", "Can confirm and undo graduations")]
        verbose_name = _("completion rules")
        verbose_name_plural = _("completion rules")

    def __str__(self):
        return _("Completion rules: %(track)s") % {"track": self.track}

    @property
    def hours_label(self):
        if self.required_hours:
            return str(self.required_hours)
        return _("%(hours)s (the track's)") % {"hours": self.track.required_hours}

    @property
    def joint_label(self):
        if self.required_joint_meetings is None:
            return _("Every joint meeting of the cohort")
        return str(self.required_joint_meetings)

    @property
    def best_practice_label(self):
        return _("Required") if self.requires_best_practice else _("Not required")


class Graduation(models.Model):
    """One confirmed graduation of a cohort: who confirmed it, on which date."""

    cohort = models.ForeignKey(
        "people.Cohort",
        verbose_name=_("cohort"),
        on_delete=models.PROTECT,
        related_name="graduations",
    )
    graduated_on = models.DateField(_("graduation date"))
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("confirmed by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    confirmed_at = models.DateTimeField(_("confirmed at"), auto_now_add=True)

    class Meta:
        ordering = ["-confirmed_at", "-pk"]
        verbose_name = _("graduation")
        verbose_name_plural = _("graduations")

    def __str__(self):
        return f"{self.cohort}, {self.graduated_on:%Y-%m-%d}"


class GraduationEntry(models.Model):
    """One person graduated in a `Graduation`: the rules they had not met and the
    reason recorded for them, and whether the graduation was undone."""

    graduation = models.ForeignKey(
        Graduation,
        verbose_name=_("graduation"),
        on_delete=models.CASCADE,
        related_name="entries",
    )
    enrollment = models.ForeignKey(
        "people.Enrollment",
        verbose_name=_("enrollment"),
        on_delete=models.PROTECT,
        related_name="graduation_entries",
    )
    unmet_rules = models.JSONField(
        _("rules not met"),
        default=list,
        blank=True,
        help_text=_("The rules not met when the graduation was confirmed."),
    )
    reason = models.TextField(
        _("reason"),
        blank=True,
        help_text=_("Why the person graduated without meeting every rule."),
    )
    undone_at = models.DateTimeField(_("undone at"), null=True, blank=True)
    undone_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("undone by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        ordering = ["graduation", "pk"]
        verbose_name = _("graduate")
        verbose_name_plural = _("graduates")

    def __str__(self):
        return str(self.enrollment)
