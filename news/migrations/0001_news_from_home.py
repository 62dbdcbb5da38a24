"""News from home (#19): the models enter this app's state; their
tables were renamed by home/0007, and their ContentType rows move here."""

import core.listing
import django.db.models.deletion
import django.utils.timezone
import wagtail.contrib.routable_page.models
import wagtail.fields
from django.conf import settings
from django.db import migrations, models


MODELS = ('newsindexpage', 'newspage')


def move_content_types(apps, old, new):
    """The models' ContentType rows from one app label to the other, so the rows
    pointing at them (pages, revisions, log entries, search index entries,
    references, permissions) follow."""
    ContentType = apps.get_model("contenttypes", "ContentType")
    for model in MODELS:
        if not ContentType.objects.filter(app_label=old, model=model).exists():
            continue  # a fresh database: post_migrate makes the new rows
        # A row under the new label exists only if post_migrate ran before this
        # migration (a partial migrate); nothing can point at it yet.
        ContentType.objects.filter(app_label=new, model=model).delete()
        ContentType.objects.filter(app_label=old, model=model).update(app_label=new)


def forwards(apps, schema_editor):
    move_content_types(apps, "home", "news")


def backwards(apps, schema_editor):
    move_content_types(apps, "news", "home")


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('contenttypes', '0002_remove_content_type_name'),
        ('home', '0007_move_news_and_interest_form'),
        ('wagtailcore', '0098_apitoken'),
        ('wagtailimages', '0027_image_description'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name='NewsIndexPage',
                    fields=[
                        ('page_ptr', models.OneToOneField(auto_created=True, on_delete=django.db.models.deletion.CASCADE, parent_link=True, primary_key=True, serialize=False, to=settings.WAGTAIL_PAGE_MODEL)),
                        ('listing_title', models.CharField(blank=True, help_text='Shown on cards and in listings instead of the page title, if set.', max_length=120, verbose_name='listing title')),
                        ('listing_summary', models.TextField(blank=True, help_text="One or two sentences for cards, search results and link previews. Falls back to the page's introduction.", max_length=300, verbose_name='listing summary')),
                        ('intro', models.TextField(blank=True, help_text='A sentence about what the news covers.', max_length=800, verbose_name='introduction')),
                        ('listing_image', models.ForeignKey(blank=True, help_text='Shown on cards and when the page is shared on social media.', null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='wagtailimages.image', verbose_name='listing image')),
                    ],
                    options={
                        'verbose_name': 'news index',
                    },
                    bases=(core.listing.ListingIndexMixin, wagtail.contrib.routable_page.models.RoutablePageMixin, 'wagtailcore.page'),
                ),
                migrations.CreateModel(
                    name='NewsPage',
                    fields=[
                        ('page_ptr', models.OneToOneField(auto_created=True, on_delete=django.db.models.deletion.CASCADE, parent_link=True, primary_key=True, serialize=False, to=settings.WAGTAIL_PAGE_MODEL)),
                        ('listing_title', models.CharField(blank=True, help_text='Shown on cards and in listings instead of the page title, if set.', max_length=120, verbose_name='listing title')),
                        ('listing_summary', models.TextField(blank=True, help_text="One or two sentences for cards, search results and link previews. Falls back to the page's introduction.", max_length=300, verbose_name='listing summary')),
                        ('date', models.DateField(default=django.utils.timezone.localdate, help_text='The date the news is published; listings sort by it.', verbose_name='date')),
                        ('intro', models.TextField(help_text='The news in a sentence or two; shown in listings and the feed.', max_length=600, verbose_name='introduction')),
                        ('body', wagtail.fields.StreamField([('heading', 2), ('text', 3), ('image', 6), ('document', 9), ('quote', 13), ('call_to_action', 18), ('table', 24)], blank=True, block_lookup={0: ('wagtail.blocks.CharBlock', (), {'help_text': 'Keep headings short.', 'max_length': 120}), 1: ('wagtail.blocks.ChoiceBlock', [], {'choices': [('h2', 'Section (h2)'), ('h3', 'Subsection (h3)'), ('h4', 'Minor (h4)')], 'help_text': 'Use levels in order: a subsection belongs under a section.'}), 2: ('wagtail.blocks.StructBlock', [[('text', 0), ('level', 1)]], {}), 3: ('wagtail.blocks.RichTextBlock', (), {'features': ['h2', 'h3', 'h4', 'bold', 'italic', 'ol', 'ul', 'link', 'document-link', 'hr', 'blockquote'], 'icon': 'pilcrow', 'label': 'Text'}), 4: ('wagtail.images.blocks.ImageBlock', [], {'help_text': 'Describe what the image shows for people who cannot see it, or mark it as decorative.'}), 5: ('wagtail.blocks.CharBlock', (), {'max_length': 250, 'required': False}), 6: ('wagtail.blocks.StructBlock', [[('image', 4), ('caption', 5)]], {}), 7: ('wagtail.documents.blocks.DocumentChooserBlock', (), {}), 8: ('wagtail.blocks.CharBlock', (), {'help_text': "Leave blank to use the document's own title.", 'max_length': 200, 'required': False}), 9: ('wagtail.blocks.StructBlock', [[('document', 7), ('title', 8)]], {}), 10: ('wagtail.blocks.TextBlock', (), {'max_length': 600}), 11: ('wagtail.blocks.CharBlock', (), {'max_length': 120, 'required': False}), 12: ('wagtail.blocks.CharBlock', (), {'help_text': 'For example: Technology Director, a fictional county school district.', 'max_length': 160, 'required': False}), 13: ('wagtail.blocks.StructBlock', [[('quote', 10), ('attribution', 11), ('role', 12)]], {}), 14: ('wagtail.blocks.CharBlock', (), {'help_text': "Say what happens: 'Explore the curriculum'.", 'max_length': 60}), 15: ('wagtail.blocks.PageChooserBlock', (), {'required': False}), 16: ('core.blocks.SafeURLBlock', (), {'help_text': 'Use instead of a page for other addresses: a path on this site such as /join/, or an address starting with https:// or mailto:.', 'max_length': 300, 'required': False}), 17: ('wagtail.blocks.ChoiceBlock', [], {'choices': [('primary', 'Primary'), ('secondary', 'Secondary')]}), 18: ('wagtail.blocks.StructBlock', [[('text', 14), ('page', 15), ('link', 16), ('style', 17)]], {}), 19: ('wagtail.blocks.CharBlock', (), {'help_text': 'Says what the table shows; read first by screen readers.', 'max_length': 200, 'required': False}), 20: ('wagtail.blocks.CharBlock', (), {}), 21: ('wagtail.blocks.DecimalBlock', (), {}), 22: ('wagtail.blocks.RichTextBlock', (), {'features': ['bold', 'italic', 'link']}), 23: ('wagtail.contrib.typed_table_block.blocks.TypedTableBlock', [[('text', 20), ('number', 21), ('rich_text', 22)]], {}), 24: ('wagtail.blocks.StructBlock', [[('caption', 19), ('table', 23)]], {})}, verbose_name='body')),
                        ('listing_image', models.ForeignKey(blank=True, help_text='Shown on cards and when the page is shared on social media.', null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='wagtailimages.image', verbose_name='listing image')),
                    ],
                    options={
                        'verbose_name': 'news item',
                        'verbose_name_plural': 'news items',
                    },
                    bases=('wagtailcore.page',),
                ),
            ],
        ),
        migrations.RunPython(forwards, backwards),
    ]
