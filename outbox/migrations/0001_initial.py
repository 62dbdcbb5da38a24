"""OutgoingEmail, moved from core (#19) with its rows, permissions and history.

The table was renamed by core's 0004 migration: here the model enters outbox's state
without touching the database, its index takes the name Django gives it here, and
its content type moves with it, so the permissions given to groups and Wagtail's log
entries follow the model.
"""

from django.db import migrations, models

OLD_INDEX_NAME = "core_outgoi_status_a12fb7_idx"


def move_content_type(apps, schema_editor, source, target):
    content_type = apps.get_model("contenttypes", "ContentType")
    content_types = content_type.objects.using(schema_editor.connection.alias)
    moving = content_types.filter(app_label=source, model="outgoingemail")
    if not moving.exists():
        return  # a new database: post_migrate creates the content type later
    # One created for the target meanwhile holds nothing yet (the roles give their
    # permissions again after every migrate): the old one carries the history.
    content_types.filter(app_label=target, model="outgoingemail").delete()
    moving.update(app_label=target)


def forwards(apps, schema_editor):
    move_content_type(apps, schema_editor, "core", "outbox")


def backwards(apps, schema_editor):
    move_content_type(apps, schema_editor, "outbox", "core")


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("core", "0004_move_outgoing_email_to_outbox"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="OutgoingEmail",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True,
                                primary_key=True,
                                serialize=False,
                                verbose_name="ID",
                            ),
                        ),
                        (
                            "created_at",
                            models.DateTimeField(
                                auto_now_add=True, verbose_name="queued at"
                            ),
                        ),
                        ("subject", models.TextField(verbose_name="subject")),
                        ("from_email", models.TextField(verbose_name="from")),
                        ("to", models.JSONField(default=list, verbose_name="to")),
                        (
                            "cc",
                            models.JSONField(blank=True, default=list, verbose_name="cc"),
                        ),
                        (
                            "bcc",
                            models.JSONField(
                                blank=True, default=list, verbose_name="bcc"
                            ),
                        ),
                        (
                            "reply_to",
                            models.JSONField(
                                blank=True, default=list, verbose_name="reply to"
                            ),
                        ),
                        (
                            "headers",
                            models.JSONField(
                                blank=True, default=dict, verbose_name="headers"
                            ),
                        ),
                        (
                            "body",
                            models.TextField(blank=True, verbose_name="text body"),
                        ),
                        (
                            "html_body",
                            models.TextField(blank=True, verbose_name="HTML body"),
                        ),
                        (
                            "status",
                            models.CharField(
                                choices=[
                                    ("queued", "Queued"),
                                    ("sending", "Sending"),
                                    ("sent", "Sent"),
                                    ("failed", "Failed"),
                                ],
                                default="queued",
                                max_length=10,
                                verbose_name="status",
                            ),
                        ),
                        (
                            "attempts",
                            models.PositiveSmallIntegerField(
                                default=0, verbose_name="attempts"
                            ),
                        ),
                        (
                            "last_error",
                            models.TextField(blank=True, verbose_name="last error"),
                        ),
                        (
                            "last_attempt_at",
                            models.DateTimeField(
                                blank=True, null=True, verbose_name="last attempt"
                            ),
                        ),
                        (
                            "next_attempt_at",
                            models.DateTimeField(
                                blank=True, null=True, verbose_name="next attempt"
                            ),
                        ),
                        (
                            "sent_at",
                            models.DateTimeField(
                                blank=True, null=True, verbose_name="sent at"
                            ),
                        ),
                        (
                            "task_id",
                            models.CharField(
                                blank=True, max_length=64, verbose_name="task id"
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "outgoing e-mail",
                        "verbose_name_plural": "outgoing e-mails",
                        "ordering": ["-created_at", "-pk"],
                        # The index as the database has it, named under core.
                        "indexes": [
                            models.Index(
                                fields=["status", "created_at"], name=OLD_INDEX_NAME
                            )
                        ],
                    },
                ),
            ],
        ),
        migrations.RenameIndex(
            model_name="outgoingemail",
            new_name="outbox_outg_status_99f742_idx",
            old_name=OLD_INDEX_NAME,
        ),
        migrations.RunPython(forwards, backwards, elidable=False),
    ]
