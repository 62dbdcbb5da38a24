"""The one screen kept on wagtail-modeladmin: a plain, filterable list of LEAs.

wagtail-modeladmin is in maintenance mode, so it holds only what a plain listing
serves well; everything needing export, ordering, inspect or choosers uses
Wagtail's own viewsets (people/viewsets.py). This module can be replaced by a
ModelViewSet in one piece.
"""

from django.utils.translation import gettext_lazy as _
from wagtail_modeladmin.options import ModelAdmin

from people.models import LEA


class LEAAdmin(ModelAdmin):
    """School districts: name, region and size, filterable by region."""

    model = LEA
    menu_label = _("LEAs")
    menu_icon = "home"
    menu_order = 230
    add_to_settings_menu = False
    list_display = ("name", "region", "student_count")
    list_filter = ("region",)
    search_fields = ("name",)
    ordering = ("name",)
    list_per_page = 50
