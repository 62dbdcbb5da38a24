"""Which saves and deletes move the content version.

Each app registers the models whose rows pages show, from its own
`AppConfig.ready()`:

    caching.track(Cohort)

so this app never names an app above it. Writes that bypass model signals (a bulk
update, a roster import, a restore) say so with `caching.content_changed()`.
"""

from django.db import models
from django.db.models.signals import post_delete, post_save

from caching.version import bump_content_version

_UID = "caching.track"


def track(model: type[models.Model]) -> None:
    """Move the content version whenever a row of `model` is saved or deleted
    (at once, and again when the surrounding transaction commits)."""
    label = model._meta.label
    post_save.connect(
        bump_content_version, sender=model, dispatch_uid=f"{_UID}.{label}.saved"
    )
    post_delete.connect(
        bump_content_version, sender=model, dispatch_uid=f"{_UID}.{label}.deleted"
    )


def content_changed() -> None:
    """Rows that pages show were written without model signals (a bulk update or
    insert, a restore): move the content version now, and again when the
    surrounding transaction commits (a request in between may have cached what it
    read)."""
    bump_content_version()
