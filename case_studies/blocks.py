"""Blocks for case studies."""

from wagtail import blocks

from core.blocks import ContentStreamBlock, DocumentBlock


class AttachmentsBlock(blocks.StreamBlock):
    """Downloadable attachments of a case study: documents only."""

    document = DocumentBlock()


class CaseStudyStreamBlock(ContentStreamBlock):
    """Further material after the case's fixed sections: the general content blocks.

    The case's own structure (context, challenge, approach, outcome, lessons,
    questions) is in fields, so every case reads the same way.
    """
