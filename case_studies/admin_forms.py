"""The admin's form for best practices."""

import re

from django.utils.functional import cached_property
from wagtail.admin.forms import WagtailAdminPageForm

_BLOCK_KEY = re.compile(r'\sdata-block-key="[^"]*"')


class BestPracticeAdminForm(WagtailAdminPageForm):
    """Rich text that only the editor's round trip changed is not an edit.

    Participants write the body on the public site, so it has none of the block keys
    Draftail adds: opening their page in the editor and choosing Approve would save
    a "changed" revision, and with WAGTAIL_WORKFLOW_REQUIRE_REAPPROVAL_ON_EDIT the
    faculty review the reviewer just approved would start over.
    """

    @cached_property
    def changed_data(self):
        return [name for name in super().changed_data if not self._same_text(name)]

    def _same_text(self, name):
        converter = getattr(self.fields[name].widget, "converter", None)
        if converter is None:
            return False
        bound = self[name]
        initial = converter.to_database_format(
            converter.from_database_format(bound.initial or "")
        )
        return _BLOCK_KEY.sub("", initial) == _BLOCK_KEY.sub("", bound.data or "")
