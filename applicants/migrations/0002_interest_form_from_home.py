"""The interest form from home (#19): the models enter this app's state; their
tables were renamed by home/0007, and their ContentType rows move here."""

import django.db.models.deletion
import modelcluster.fields
import wagtail.contrib.forms.models
import wagtail.fields
from django.conf import settings
from django.db import migrations, models


MODELS = ('interestformpage', 'interestformfield')


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
    move_content_types(apps, "home", "applicants")


def backwards(apps, schema_editor):
    move_content_types(apps, "applicants", "home")


class Migration(migrations.Migration):

    dependencies = [
        ('contenttypes', '0002_remove_content_type_name'),
        ('home', '0007_move_news_and_interest_form'),
        ('applicants', '0001_initial'),
        ('wagtailcore', '0098_apitoken'),
        ('wagtailimages', '0027_image_description'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name='InterestFormPage',
                    fields=[
                        ('page_ptr', models.OneToOneField(auto_created=True, on_delete=django.db.models.deletion.CASCADE, parent_link=True, primary_key=True, serialize=False, to=settings.WAGTAIL_PAGE_MODEL)),
                        ('listing_title', models.CharField(blank=True, help_text='Shown on cards and in listings instead of the page title, if set.', max_length=120, verbose_name='listing title')),
                        ('listing_summary', models.TextField(blank=True, help_text="One or two sentences for cards, search results and link previews. Falls back to the page's introduction.", max_length=300, verbose_name='listing summary')),
                        ('to_address', models.CharField(blank=True, help_text='Optional - form submissions will be emailed to these addresses. Separate multiple addresses by comma.', max_length=255, validators=[wagtail.contrib.forms.models.validate_to_address], verbose_name='to address')),
                        ('from_address', models.EmailField(blank=True, max_length=255, verbose_name='from address')),
                        ('subject', models.CharField(blank=True, max_length=255, verbose_name='subject')),
                        ('intro', models.TextField(blank=True, help_text='Who should fill in the form and what happens next.', max_length=800, verbose_name='introduction')),
                        ('thank_you_text', wagtail.fields.RichTextField(blank=True, help_text='Shown once the form is sent: when staff will be in touch.', verbose_name='thank-you text')),
                        ('listing_image', models.ForeignKey(blank=True, help_text='Shown on cards and when the page is shared on social media.', null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='wagtailimages.image', verbose_name='listing image')),
                    ],
                    options={
                        'verbose_name': 'interest form',
                    },
                    bases=(wagtail.contrib.forms.models.FormMixin, 'wagtailcore.page', models.Model),
                ),
                migrations.CreateModel(
                    name='InterestFormField',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('sort_order', models.IntegerField(blank=True, editable=False, null=True)),
                        ('clean_name', models.CharField(blank=True, default='', help_text='Safe name of the form field, the label converted to ascii_snake_case', max_length=255, verbose_name='name')),
                        ('label', models.CharField(help_text='The label of the form field', max_length=255, verbose_name='label')),
                        ('required', models.BooleanField(default=True, verbose_name='required')),
                        ('choices', models.TextField(blank=True, help_text='Comma or new line separated list of choices. Only applicable in checkboxes, radio and dropdown.', verbose_name='choices')),
                        ('default_value', models.TextField(blank=True, help_text='Default value. Comma or new line separated values supported for checkboxes.', verbose_name='default value')),
                        ('help_text', models.CharField(blank=True, max_length=255, verbose_name='help text')),
                        ('field_type', models.CharField(choices=[('singleline', 'Single line text'), ('multiline', 'Multi-line text'), ('email', 'Email'), ('number', 'Number'), ('url', 'URL'), ('checkbox', 'Checkbox'), ('checkboxes', 'Checkboxes'), ('dropdown', 'Drop down'), ('multiselect', 'Multiple select'), ('radio', 'Radio buttons'), ('date', 'Date'), ('datetime', 'Date/time'), ('hidden', 'Hidden field'), ('district', 'School district (from the list of LEAs)')], max_length=16, verbose_name='field type')),
                        ('page', modelcluster.fields.ParentalKey(on_delete=django.db.models.deletion.CASCADE, related_name='form_fields', to='applicants.interestformpage')),
                    ],
                    options={
                        'ordering': ['sort_order'],
                        'abstract': False,
                    },
                ),
            ],
        ),
        migrations.RunPython(forwards, backwards),
    ]
