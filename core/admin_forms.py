"""The admin's form for every page (imports nothing of the portal's, so core.models
can name it)."""

import json
import re

from django.core.serializers.json import DjangoJSONEncoder
from django.utils.functional import cached_property
from wagtail.admin.forms import WagtailAdminPageForm

# Draftail's mark on every block of rich text it saves, in HTML or inside JSON.
_BLOCK_KEY = re.compile(r'\sdata-block-key=\\?"[^"\\]*\\?"')


class PageAdminForm(WagtailAdminPageForm):
    """The admin form of every page (`BasePage.base_form_class`): rich text that only
    the editor's round trip changed is not an edit.

    Draftail writes a `data-block-key` on every block of rich text it saves; text
    written elsewhere (participants' best practices, the demo content, imports) has
    none. Django compares the submitted field with the stored one, so an untouched
    rich text field or StreamField looked changed (as did a textarea, whose line
    breaks the browser sends as CRLF): with
    WAGTAIL_WORKFLOW_REQUIRE_REAPPROVAL_ON_EDIT, a reviewer's Approve in the editor
    then saved a new revision and started the review step over.
    """

    @cached_property
    def changed_data(self):
        return [name for name in super().changed_data if not self._same_text(name)]

    def _same_text(self, name):
        field = self.fields[name]
        bound = self[name]
        converter = getattr(field.widget, "converter", None)
        if converter is not None:  # a RichTextField
            initial = converter.to_database_format(
                converter.from_database_format(bound.initial or "")
            )
            data = bound.data or ""
        elif hasattr(field, "block"):  # a StreamField
            initial, data = (
                json.dumps(field.block.get_prep_value(value), cls=DjangoJSONEncoder)
                for value in (bound.initial, bound.data)
            )
        elif isinstance(bound.initial, str) and isinstance(bound.data, str):
            # Browsers send a textarea's line breaks as CRLF; text stored
            # elsewhere has LF.
            return bound.initial.replace("\r\n", "\n") == bound.data.replace(
                "\r\n", "\n"
            )
        else:
            return False
        return _BLOCK_KEY.sub("", initial) == _BLOCK_KEY.sub("", data)
