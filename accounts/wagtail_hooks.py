"""Admin registration: the account menu's link to two-factor sign-in, and the users
listing's "Reset two-factor sign-in" (a lost phone)."""

from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.widgets import Button

from accounts.views import ResetTwoFactorView


@hooks.register("register_account_menu_item")
def two_factor_menu_item(request):
    return {
        "url": reverse("accounts:two_factor"),
        "label": "Two-factor sign-in",
        "help_text": "Move to a new phone or make new recovery codes.",
    }


@hooks.register("register_admin_urls")
def reset_two_factor_urls():
    return [
        path(
            "users/<int:user_id>/reset-two-factor/",
            ResetTwoFactorView.as_view(),
            name="accounts_reset_two_factor",
        )
    ]


@hooks.register("register_user_listing_buttons")
def reset_two_factor_button(user, request_user):
    if request_user.has_perm("auth.change_user"):
        yield Button(
            "Reset two-factor sign-in",
            url=reverse("accounts_reset_two_factor", args=[user.pk]),
            icon_name="key",
            priority=60,
        )
