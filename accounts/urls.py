"""Sign-in, sign-out, password reset and two-factor sign-in on the public site.

There is no sign-up: program staff create participants' accounts. The admin's own
sign-in (/admin/login/) is Wagtail's; both are throttled and both lead to the
two-factor pages here.
"""

from django.conf import settings
from django.contrib.auth import views as auth_views
from django.urls import path, reverse_lazy

from accounts import views
from accounts.forms import PasswordResetForm as QueuedPasswordResetForm

app_name = "accounts"

# Django's sign-in views name the site after the request's host (127.0.0.1:8000)
# when django.contrib.sites is not installed: name it as every other page does.
SITE_NAME = {"site_name": settings.WAGTAIL_SITE_NAME}

urlpatterns = [
    path("login/", views.SignInView.as_view(), name="login"),
    path("logout/", views.SignOutView.as_view(), name="logout"),
    path(
        "password-reset/",
        auth_views.PasswordResetView.as_view(
            form_class=QueuedPasswordResetForm,  # its e-mail survives an outage
            email_template_name="registration/password_reset_email.txt",
            subject_template_name="registration/password_reset_subject.txt",
            success_url=reverse_lazy("accounts:password_reset_done"),
        ),
        name="password_reset",
    ),
    path(
        "password-reset/sent/",
        auth_views.PasswordResetDoneView.as_view(),
        name="password_reset_done",
    ),
    path(
        "password-reset/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(
            success_url=reverse_lazy("accounts:password_reset_complete")
        ),
        name="password_reset_confirm",
    ),
    path(
        "password-reset/complete/",
        auth_views.PasswordResetCompleteView.as_view(),
        name="password_reset_complete",
    ),
    path("two-factor/", views.account, name="two_factor"),
    path("two-factor/set-up/", views.setup, name="two_factor_setup"),
    path("two-factor/verify/", views.verify, name="two_factor_verify"),
    path(
        "two-factor/recovery-codes/",
        views.recovery_codes,
        name="two_factor_recovery_codes",
    ),
    path("two-factor/turn-off/", views.disable, name="two_factor_disable"),
]
