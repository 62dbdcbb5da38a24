"""The admin's account menu links to the person's two-factor sign-in page."""

from django.urls import reverse
from wagtail import hooks


@hooks.register("register_account_menu_item")
def two_factor_menu_item(request):
    return {
        "url": reverse("accounts:two_factor"),
        "label": "Two-factor sign-in",
        "help_text": "Move to a new phone or make new recovery codes.",
    }
