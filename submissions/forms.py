"""Forms of the review workflow."""

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.forms import TaskStateCommentForm

from submissions.choices import CRITERIA, Score


class RubricForm(TaskStateCommentForm):
    """The rubric, scored with every decision; the comment goes to the participant."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, (label, question) in CRITERIA.items():
            self.fields[name] = forms.TypedChoiceField(
                label=label,
                help_text=question,
                choices=[("", _("Choose a score")), *Score.choices],
                coerce=int,
            )
        # The comment last, after the scores.
        self.order_fields([*CRITERIA, "comment"])
        self.fields["comment"].help_text = _("The participant sees this comment.")


class ApproveRubricForm(RubricForm):
    pass


class RequestChangesRubricForm(RubricForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["comment"].required = True
        self.fields["comment"].help_text = _(
            "Say what to change: the participant sees this comment with your scores."
        )
