"""The submissions app: best practices and their review through Wagtail workflows.

`ready()` connects the review e-mails (`signal_handlers.py`) and switches off
Wagtail's own workflow e-mails for every workflow, best-practice and module review
alike: Wagtail's link to the admin, which participants cannot open, carry no comment
on approval and leave out earlier reviewers when a later step requests changes.
`notifications.py` decides every recipient instead; its docstring has the table.
"""

from django.apps import AppConfig


class SubmissionsConfig(AppConfig):
    """Participants' best-practice submissions and their review through Wagtail workflows."""

    name = "submissions"
    verbose_name = "Submissions and review"

    def ready(self):
        from submissions.signal_handlers import register_signal_handlers

        register_signal_handlers()
