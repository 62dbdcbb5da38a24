"""The admin's form for best practices."""

from core.admin_forms import PageAdminForm


class BestPracticeAdminForm(PageAdminForm):
    """Participants write the body on the public site, so it has none of the block
    keys Draftail adds; core.admin_forms.PageAdminForm keeps opening their page in the
    editor and choosing Approve from restarting the faculty review."""
