"""Shared page base, listing helpers and site-wide settings."""

from django.db import models
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.models import Page, PageManager
from wagtail.search import index

from core.admin_forms import PageAdminForm
from core.privacy import PublicPageQuerySet, view_restrictions


class BasePage(Page):
    """What every public page shares: listing overrides and social image.

    Behaviour only some pages need belongs in a mixin listed before this class.
    """

    # Untouched rich text is not an edit (an Approve in the editor keeps its step).
    base_form_class = PageAdminForm

    # `public()` reads the private sections once per content version (core.privacy).
    objects = PageManager.from_queryset(PublicPageQuerySet)()

    listing_title = models.CharField(
        _("listing title"),
        max_length=120,
        blank=True,
        help_text=_(
            "Shown on cards and in listings instead of the page title, if set."
        ),
    )
    listing_summary = models.TextField(
        _("listing summary"),
        max_length=300,
        blank=True,
        help_text=_(
            "One or two sentences for cards, search results and link previews. "
            "Falls back to the page's introduction."
        ),
    )
    listing_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("listing image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Shown on cards and when the page is shared on social media."),
    )

    promote_panels = [
        MultiFieldPanel(Page.promote_panels, heading=_("For search engines")),
        MultiFieldPanel(
            [
                FieldPanel("listing_title"),
                FieldPanel("listing_summary"),
                FieldPanel("listing_image"),
            ],
            heading=_("Cards and listings"),
        ),
    ]

    search_fields = [
        *Page.search_fields,
        index.SearchField("listing_summary"),
        index.AutocompleteField("listing_title"),
    ]

    class Meta:
        abstract = True

    def get_view_restrictions(self):
        """Wagtail's, without its two queries for a page outside every private
        section (core.privacy): the check Wagtail runs before serving any page."""
        restrictions = view_restrictions(self)
        if restrictions is None:
            return super().get_view_restrictions()
        return restrictions

    @cached_property
    def listing_heading(self):
        return self.listing_title or self.title

    @cached_property
    def listing_text(self):
        return (
            self.listing_summary
            or getattr(self, "intro", "")
            or self.search_description
        )

    @property
    def listing_image_or_none(self):
        return self.listing_image

    @property
    def content_type_label(self):
        return self._meta.verbose_name.title()

    def get_meta_description(self):
        return self.search_description or self.listing_text


@register_setting(icon="site")
class ProgramSettings(BaseSiteSetting):
    """Contact details shown in the footer and on the interest form."""

    contact_email = models.EmailField(
        _("contact e-mail"),
        default="cecto@example.org",
        help_text=_("Where prospective participants write to program staff."),
    )
    contact_phone = models.CharField(_("contact phone"), max_length=40, blank=True)
    footer_text = models.TextField(
        _("footer text"),
        blank=True,
        default=(
            "The CeCTO program is a partnership of the N.C. Department of Public "
            "Instruction, the UNC School of Government's Center for Public Technology "
            "and MCNC."
        ),
        help_text=_("A sentence or two about the program, shown on every page."),
    )

    panels = [
        FieldPanel("contact_email"),
        FieldPanel("contact_phone"),
        FieldPanel("footer_text"),
    ]

    class Meta:
        verbose_name = _("program settings")
