"""Blocks only the home page uses."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks

from core.blocks import CallToActionBlock


class HeroActionsBlock(blocks.StreamBlock):
    """The hero's buttons: calls to action only, at most three."""

    call_to_action = CallToActionBlock()

    class Meta:
        max_num = 3


class FeaturedPagesBlock(blocks.StreamBlock):
    """Featured content slots: pages shown as cards, in the editor's order.

    Only pages: the cards take title, summary and image from the page itself, so
    an editor never writes the same summary twice.
    """

    page = blocks.PageChooserBlock(
        label=_("Featured page"),
        help_text=_(
            "A page to feature on the home page; its card uses the page's listing fields."
        ),
    )

    class Meta:
        max_num = 6
