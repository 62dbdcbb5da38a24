"""The form participants use on the public site to write and submit a best practice."""

from django import forms
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _
from taggit.utils import parse_tags

from curriculum.models import TopicArea
from people.models import Person
from submissions.validators import (
    clean_body_html,
    html_to_text,
    text_to_html,
    validate_attachment,
)

SAVE_DRAFT = "save"
SUBMIT = "submit"


class RichTextArea(forms.Textarea):
    """The body: a textarea of plain text that static/js/rich-text.js turns into Trix.

    Without JavaScript the textarea shows the body as plain text (paragraphs, list
    items) and what it posts is read as plain text (``text_to_html``). With it the
    script puts the editor in its place, holding the body's HTML (``data-html``),
    and sets the hidden ``<name>_format`` input to "html". Either way the form
    cleans the result with the body's rich-text rules.
    """

    template_name = "submissions/widgets/rich_text.html"

    def value_from_datadict(self, data, files, name):
        value = data.get(name, "")
        # The form always says which; a post without the format is read as HTML.
        if data.get(f"{name}_format") == "text":
            return text_to_html(value)
        return value

    def render(self, name, value, attrs=None, renderer=None):
        # The project's template engine (the template is in templates/, not in an
        # app the default form renderer reads).
        context = self.get_context(name, value, attrs)
        return mark_safe(render_to_string(self.template_name, context))  # noqa: S308

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        html = clean_body_html(value or "")
        context["widget"]["html"] = html
        context["widget"]["text"] = html_to_text(html)
        return context


class PersonChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, person):
        where = person.affiliation
        return f"{person.full_name} ({where})" if where else person.full_name


class BestPracticeForm(forms.Form):
    """Title, summary, topic areas, tags, body, co-authors and an optional attachment.

    A draft needs only a title (drafts can be incomplete, as in Wagtail's admin);
    submitting for review needs the summary, a topic area and the body too.

    Django ties hints and errors to each input (aria-describedby to
    ``<id>_helptext`` and ``<id>_error``); the templates render those ids.
    """

    title = forms.CharField(
        label=_("Title"),
        max_length=255,
        error_messages={"required": _("Enter a title.")},
    )
    intro = forms.CharField(
        label=_("Summary"),
        max_length=600,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("The practice in two or three sentences (at most 600 characters)."),
    )
    topic_areas = forms.ModelMultipleChoiceField(
        label=_("Topic areas"),
        queryset=TopicArea.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_(
            "Choose every topic area of the curriculum the practice addresses."
        ),
    )
    tags = forms.CharField(
        label=_("Tags"),
        max_length=255,
        required=False,
        help_text=_("Separate tags with commas, for example: E-Rate, cybersecurity."),
    )
    body = forms.CharField(
        label=_("Body"),
        required=False,
        widget=RichTextArea(attrs={"rows": 14}),
        help_text=_(
            "What you did, why, and what happened. Use headings, lists, bold, "
            "italic and links; text pasted from Word or Google Docs keeps them."
        ),
    )
    co_authors = PersonChoiceField(
        label=_("Co-authors"),
        queryset=Person.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Others in your cohort who wrote it with you."),
    )
    attachment = forms.FileField(
        label=_("Attachment (optional)"),
        required=False,
        help_text=_(
            "A PDF, Word, PowerPoint or Excel file, at most 20 MB. When the "
            "practice is published, anyone can open and download the attachment."
        ),
        widget=forms.FileInput(attrs={"accept": ".pdf,.docx,.pptx,.xlsx"}),
    )
    remove_attachment = forms.BooleanField(
        label=_("Remove the current attachment"), required=False
    )
    form_token = forms.CharField(widget=forms.HiddenInput, required=False)

    # Errors of the fields only "Submit for review" requires.
    submit_required = {
        "intro": _("Enter a summary before you submit."),
        "topic_areas": _("Choose at least one topic area before you submit."),
        "body": _("Write the body before you submit."),
    }

    def __init__(self, *args, co_author_choices=None, action=SAVE_DRAFT, **kwargs):
        self.has_attachment = kwargs.pop("has_attachment", False)
        super().__init__(*args, **kwargs)
        self.action = action
        self.fields["co_authors"].queryset = (
            co_author_choices
            if co_author_choices is not None
            else Person.objects.none()
        )
        if not self.has_attachment:
            del self.fields["remove_attachment"]

    def clean_title(self):
        return self.cleaned_data["title"].strip()

    def clean_intro(self):
        return self.cleaned_data["intro"].strip()

    def clean_body(self):
        return clean_body_html(self.cleaned_data["body"])

    def clean_tags(self):
        tags = parse_tags(self.cleaned_data["tags"])
        if any(len(tag) > 100 for tag in tags):
            raise forms.ValidationError(_("Each tag can be at most 100 characters."))
        return tags

    def clean_attachment(self):
        uploaded = self.cleaned_data.get("attachment")
        if uploaded:
            validate_attachment(uploaded)
        return uploaded

    def clean(self):
        cleaned = super().clean()
        if self.action == SUBMIT:
            for name, message in self.submit_required.items():
                if name not in self.errors and not cleaned.get(name):
                    self.add_error(name, message)
        return cleaned
