from django.apps import AppConfig


class AccountsConfig(AppConfig):
    """Sign-in security: throttling, two-factor sign-in and staff session expiry."""

    name = "accounts"
    verbose_name = "Sign-in security"

    def ready(self):
        from accounts import signal_handlers  # noqa: F401 - connects the receivers
