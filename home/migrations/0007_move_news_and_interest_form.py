"""News moves to the news app, the interest form to applicants (#19).

The tables are renamed to the new apps' names and the models leave home's state;
news/0001 and applicants/0002 take them into theirs without touching the database,
and move their ContentType rows, so pages, revisions, log entries, search index
entries and permissions follow.
"""

from django.db import migrations

MOVED = [
    # (model, new table); the form fields first: they point at the form page.
    ("interestformfield", "applicants_interestformfield"),
    ("interestformpage", "applicants_interestformpage"),
    ("newspage", "news_newspage"),
    ("newsindexpage", "news_newsindexpage"),
]


class Migration(migrations.Migration):
    dependencies = [
        ("home", "0006_interest_form_district_field"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[
                migrations.AlterModelTable(name=name, table=table)
                for name, table in MOVED
            ],
            state_operations=[migrations.DeleteModel(name=name) for name, _ in MOVED],
        ),
    ]
