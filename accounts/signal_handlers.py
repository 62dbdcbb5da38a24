"""What a sign-in records in the session: whether it needs a second factor, and
whether it is a staff session that expires after a working day of inactivity."""

from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver

from accounts import sessions


@receiver(user_logged_in, dispatch_uid="accounts.remember_sign_in")
def remember_sign_in(sender, request, user, **kwargs):
    if request is not None and hasattr(request, "session"):
        sessions.remember(request.session, user)
