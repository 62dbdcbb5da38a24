"""Every track that exists gets its default completion rules (new tracks get theirs
when created: credentials/completion.py `track_saved`)."""

from django.db import migrations


def create_rules(apps, schema_editor):
    Track = apps.get_model("curriculum", "Track")
    CompletionRules = apps.get_model("credentials", "CompletionRules")
    for track in Track.objects.filter(completion_rules__isnull=True):
        CompletionRules.objects.get_or_create(
            track=track, defaults={"requires_best_practice": track.certifies}
        )


class Migration(migrations.Migration):
    dependencies = [
        ("credentials", "0002_completion_and_graduation"),
    ]

    operations = [migrations.RunPython(create_rules, migrations.RunPython.noop)]
