"""E-mail tasks queued before the move (#19) name the task where it now lives.

django-tasks-db stores each task's import path; the worker imports it to run the
task, so a retry queued under `core.email` would fail once that module is gone.
"""

from django.db import migrations

OLD_PATH = "core.email.send_email_task"
NEW_PATH = "outbox.queue.send_email_task"


def rename_task_path(apps, schema_editor, old, new):
    task_result = apps.get_model("django_tasks_database", "DBTaskResult")
    task_results = task_result.objects.using(schema_editor.connection.alias)
    task_results.filter(task_path=old).update(task_path=new)


def forwards(apps, schema_editor):
    rename_task_path(apps, schema_editor, OLD_PATH, NEW_PATH)


def backwards(apps, schema_editor):
    rename_task_path(apps, schema_editor, NEW_PATH, OLD_PATH)


class Migration(migrations.Migration):
    dependencies = [
        ("django_tasks_database", "0021_conditional_partial_index_ordering"),
        ("outbox", "0001_initial"),
    ]

    operations = [
        migrations.RunPython(forwards, backwards, elidable=False),
    ]
