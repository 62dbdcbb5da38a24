"""Blocks shared by every content type, and the general-purpose content stream."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.contrib.typed_table_block.blocks import TypedTableBlock
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.images.blocks import ImageBlock

from core.rich_text import BODY_FEATURES
from core.validators import safe_href, validate_safe_url


class HeadingBlock(blocks.StructBlock):
    """A section heading; the page title is the only h1, so levels start at h2."""

    text = blocks.CharBlock(max_length=120, help_text=_("Keep headings short."))
    level = blocks.ChoiceBlock(
        choices=[
            ("h2", _("Section (h2)")),
            ("h3", _("Subsection (h3)")),
            ("h4", _("Minor (h4)")),
        ],
        default="h2",
        help_text=_("Use levels in order: a subsection belongs under a section."),
    )

    class Meta:
        icon = "title"
        label = _("Heading")
        description = _("A heading that also appears in the page outline.")
        template = "blocks/heading.html"
        preview_value = {
            "text": "Why IT governance matters to a district",
            "level": "h2",
        }


class FigureBlock(blocks.StructBlock):
    """An image with alt text (unless decorative) and an optional caption."""

    image = ImageBlock(
        help_text=_(
            "Describe what the image shows for people who cannot see it, or mark it "
            "as decorative."
        )
    )
    caption = blocks.CharBlock(required=False, max_length=250)

    class Meta:
        icon = "image"
        label = _("Image")
        description = _("An image with alt text and an optional caption.")
        template = "blocks/figure.html"


class DocumentBlock(blocks.StructBlock):
    """A download link to a document from the library."""

    document = DocumentChooserBlock()
    title = blocks.CharBlock(
        required=False,
        max_length=200,
        help_text=_("Leave blank to use the document's own title."),
    )

    class Meta:
        icon = "doc-full"
        label = _("Document")
        description = _("A link to download a document, with its type and size.")
        template = "blocks/document.html"


class QuoteBlock(blocks.StructBlock):
    """A pull quote with its speaker."""

    quote = blocks.TextBlock(max_length=600)
    attribution = blocks.CharBlock(required=False, max_length=120)
    role = blocks.CharBlock(
        required=False,
        max_length=160,
        help_text=_(
            "For example: Technology Director, a fictional county school district."
        ),
    )

    class Meta:
        icon = "openquote"
        label = _("Quote")
        description = _("A quotation with the name and role of the person quoted.")
        template = "blocks/quote.html"
        preview_value = {
            "quote": "It's about leadership, not only technology.",
            "attribution": "A CeCTO graduate",
        }


class SafeURLBlock(blocks.CharBlock):
    """An address editors type: http(s), mailto or a path on this site, nothing else.

    ``URLBlock`` would refuse paths and accept ``ftp:``; free text would accept
    ``javascript:``. Use this block for every address that becomes an ``href``,
    and write it out through ``safe_href`` (or a value class that does).
    """

    def __init__(self, required=True, help_text=None, max_length=2048, **kwargs):
        validators = [*kwargs.pop("validators", ()), validate_safe_url]
        super().__init__(
            required=required,
            help_text=help_text,
            max_length=max_length,
            validators=validators,
            **kwargs,
        )

    class Meta:
        icon = "link"


class CallToActionValue(blocks.StructValue):
    """Resolves the link target, so templates never choose between page and URL.

    An address stored before validation existed that is not safe resolves to
    nothing, so the button is not shown rather than written with a bad ``href``.
    """

    @property
    def url(self):
        page = self.get("page")
        return page.url if page else safe_href(self.get("link")) or None


class CallToActionBlock(blocks.StructBlock):
    """A button-styled link to a page or an address."""

    text = blocks.CharBlock(
        max_length=60, help_text=_("Say what happens: 'Explore the curriculum'.")
    )
    page = blocks.PageChooserBlock(required=False)
    link = SafeURLBlock(
        required=False,
        max_length=300,
        help_text=_(
            "Use instead of a page for other addresses: a path on this site such "
            "as /join/, or an address starting with https:// or mailto:."
        ),
    )
    style = blocks.ChoiceBlock(
        choices=[("primary", _("Primary")), ("secondary", _("Secondary"))],
        default="primary",
    )

    class Meta:
        icon = "link"
        label = _("Call to action")
        description = _("A button that leads to a page or an address.")
        template = "blocks/call_to_action.html"
        value_class = CallToActionValue
        preview_value = {"text": "Ask to join a future course", "link": "/join/"}

    def clean(self, value):
        value = super().clean(value)
        if bool(value.get("page")) == bool(value.get("link")):
            message = _("Choose a page or enter an address, not both.")
            raise blocks.StructBlockValidationError(
                block_errors={"page": ValidationError(message)}
            )
        return value


class TableBlock(blocks.StructBlock):
    """A data table with a caption and typed columns."""

    caption = blocks.CharBlock(
        required=False,
        max_length=200,
        help_text=_("Says what the table shows; read first by screen readers."),
    )
    table = TypedTableBlock(
        [
            ("text", blocks.CharBlock()),
            ("number", blocks.DecimalBlock()),
            ("rich_text", blocks.RichTextBlock(features=["bold", "italic", "link"])),
        ]
    )

    class Meta:
        icon = "table"
        label = _("Table")
        description = _("A table with column headings and a caption.")
        template = "blocks/table.html"


class ContentStreamBlock(blocks.StreamBlock):
    """The general page body: every shared block, nothing course-specific.

    Leaves out embeds (third-party players load from the internet) and raw HTML
    (editors should never need it, and it would bypass the design system).
    """

    heading = HeadingBlock()
    text = blocks.RichTextBlock(features=BODY_FEATURES, label=_("Text"), icon="pilcrow")
    image = FigureBlock()
    document = DocumentBlock()
    quote = QuoteBlock()
    call_to_action = CallToActionBlock()
    table = TableBlock()
