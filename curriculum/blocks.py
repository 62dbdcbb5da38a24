"""Blocks for curriculum modules."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks

from core.blocks import ContentStreamBlock, DocumentBlock, SafeURLBlock
from core.validators import safe_href


class LinkValue(blocks.StructValue):
    """The address to write into ``href``: empty if it was stored unsafe."""

    @property
    def href(self):
        return safe_href(self.get("url"))


class LinkBlock(blocks.StructBlock):
    """A reading or resource elsewhere on the web."""

    title = blocks.CharBlock(max_length=200)
    url = SafeURLBlock(
        label=_("address"),
        help_text=_("An address starting with https:// (or http://, or mailto:)."),
    )
    description = blocks.TextBlock(required=False, max_length=400)

    class Meta:
        icon = "link-external"
        label = _("Web resource")
        description = _("A link to a reading or resource on another site.")
        template = "blocks/link.html"
        value_class = LinkValue


class ResourcesBlock(blocks.StreamBlock):
    """Readings and resources: documents from the library and web links only."""

    document = DocumentBlock()
    link = LinkBlock()


class ModuleStreamBlock(ContentStreamBlock):
    """A module's body: the general content blocks.

    Course-specific structure (objectives, sessions, resources) lives in fields of
    its own so the curriculum map and listings can use it; the body is for the
    narrative.
    """
