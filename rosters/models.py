"""A record of each roster file: uploaded for preview, then imported."""

import hashlib
import secrets
from datetime import timedelta

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from rosters.choices import FileFormat, ImportSource, ImportStatus

# An uploaded file awaiting confirmation is kept this long, then discarded.
PENDING_LIFETIME = timedelta(days=1)


def new_token():
    return secrets.token_urlsafe(32)


def file_hash(content):
    return hashlib.sha256(bytes(content)).hexdigest()


class RosterImportQuerySet(models.QuerySet):
    def pending_for(self, user):
        """The uploads this user may still confirm."""
        return self.filter(
            status=ImportStatus.PENDING,
            created_by=user,
            created_at__gte=timezone.now() - PENDING_LIFETIME,
        )

    def stale(self):
        return self.filter(
            status=ImportStatus.PENDING,
            created_at__lt=timezone.now() - PENDING_LIFETIME,
        )


class RosterImport(models.Model):
    """One roster file: kept between the preview and the confirmation (keyed by a
    random token, checked by its SHA-256), then the record of what it imported.

    The file's bytes are dropped once it is imported; its name, hash and the counts
    stay, and Wagtail's log holds the action ("rosters.import").
    """

    token = models.CharField(
        _("token"), max_length=64, unique=True, default=new_token, editable=False
    )
    file_name = models.CharField(_("file name"), max_length=255)
    file_format = models.CharField(
        _("format"), max_length=10, choices=FileFormat.choices
    )
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    content = models.BinaryField(_("file"), blank=True, editable=False)
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=ImportStatus.choices,
        default=ImportStatus.PENDING,
    )
    source = models.CharField(_("source"), max_length=20, choices=ImportSource.choices)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("uploaded by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("uploaded"), default=timezone.now)
    imported_at = models.DateTimeField(_("imported"), null=True, blank=True)
    summary = models.JSONField(_("summary"), default=dict, blank=True)

    objects = RosterImportQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("roster import")
        verbose_name_plural = _("roster imports")

    def __str__(self):
        return self.file_name

    @property
    def content_intact(self):
        """True when the stored bytes are still the ones hashed at upload."""
        return file_hash(self.content) == self.sha256
