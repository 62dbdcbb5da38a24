"""OutgoingEmail moves to the outbox app (#19): its table is renamed, its rows stay.

The database keeps the table under its new name; core's migration state forgets
the model, which outbox's first migration takes over without touching the database.
"""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0003_outgoing_email"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[
                migrations.AlterModelTable(
                    name="OutgoingEmail", table="outbox_outgoingemail"
                ),
            ],
            state_operations=[
                migrations.DeleteModel(name="OutgoingEmail"),
            ],
        ),
    ]
