"""What the middleware needs to know about a signed-in session, kept in the session
itself so that a participant's page costs no query for it.

Written at sign-in (signal_handlers.py); on the admin's paths it is read afresh from
the user's permissions, which Wagtail checks there anyway.
"""

import time
from importlib import import_module

from django.conf import settings
from django.contrib.sessions.models import Session

from accounts import two_factor

STAFF_KEY = "accounts_staff"  # the user can open the admin
TWO_FACTOR_KEY = "accounts_two_factor"  # the user must give a second factor
LAST_SEEN_KEY = "accounts_last_seen"  # staff: seconds since the epoch


def remember(session, user):
    """Records, at sign-in, what the user's sign-in requires."""
    staff = two_factor.has_admin_access(user)
    session[STAFF_KEY] = staff
    session[TWO_FACTOR_KEY] = staff or two_factor.has_device(user)
    if staff:
        session[LAST_SEEN_KEY] = int(time.time())


def is_staff(request, *, fresh=False):
    """Whether this session belongs to a user with admin access."""
    session = request.session
    if fresh or STAFF_KEY not in session:
        staff = two_factor.has_admin_access(request.user)
        if session.get(STAFF_KEY) != staff:
            session[STAFF_KEY] = staff
        return staff
    return session[STAFF_KEY]


def needs_second_factor(request, *, fresh=False):
    """Whether this session's user must give a second factor (staff always;
    anyone else once they turned it on)."""
    session = request.session
    if is_staff(request, fresh=fresh):
        required = True
    elif fresh or TWO_FACTOR_KEY not in session:
        required = two_factor.has_device(request.user)
    else:
        return session[TWO_FACTOR_KEY]
    if session.get(TWO_FACTOR_KEY) != required:
        session[TWO_FACTOR_KEY] = required
    return required


def set_two_factor(session, required):
    session[TWO_FACTOR_KEY] = required


def end_all(user):
    """Ends the user's sessions kept in the database (the db and cached_db engines;
    through the engine, so cached_db's cached copy goes too), so a session opened
    with a lost phone does not live on. Reads every session: fine for the portal's
    few thousand, an operator's action, not a page's."""
    store = import_module(settings.SESSION_ENGINE).SessionStore
    ended = 0
    for session in Session.objects.iterator():
        if session.get_decoded().get("_auth_user_id") == str(user.pk):
            store(session_key=session.session_key).delete()
            ended += 1
    return ended
