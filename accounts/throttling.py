"""Sign-in throttling with django-axes: which failures lock whom out, the client's
address behind proxies, and the page a locked-out person sees.

Three counts of failed sign-ins within AXES_COOLOFF_TIME, each with its own limit:

- the username from one address (AXES_FAILURE_LIMIT, low): someone guessing one
  person's password from one place is stopped quickly, and nobody else is affected;
- the username from any address (SIGN_IN_ACCOUNT_FAILURE_LIMIT, higher): a guesser
  who spreads over many addresses is stopped too, at the cost of locking that one
  account for the cool-off (never every account);
- one address, any username (SIGN_IN_ADDRESS_FAILURE_LIMIT, much higher): one
  machine trying a common password against many accounts. High, because a school
  district's staff share one address.

The client's address is core.client_ip's (TRUSTED_PROXY_COUNT), as for every rate
limit in the portal (AXES_CLIENT_IP_CALLABLE).
"""

from datetime import timedelta

from axes.attempts import get_cool_off_threshold
from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_client_username, get_cool_off
from axes.models import AccessAttempt
from django.conf import settings
from django.db.models import Max, Q, Sum
from django.template.response import TemplateResponse
from django.utils import timezone

from core.models import ProgramSettings


def _failure_counts(request, credentials):
    username = get_client_username(request, credentials)
    address = request.axes_ip_address
    pair = Q(username=username, ip_address=address)
    account = Q(username=username)
    at_address = Q(ip_address=address)
    return (
        AccessAttempt.objects.filter(attempt_time__gte=get_cool_off_threshold(request))
        .filter(account | at_address)
        .aggregate(
            pair=Sum("failures_since_start", filter=pair, default=0),
            account=Sum("failures_since_start", filter=account, default=0),
            address=Sum("failures_since_start", filter=at_address, default=0),
        )
    )


class SignInThrottle(AxesDatabaseHandler):
    """Axes' database handler with the three limits of this module's docstring."""

    def get_failures(self, request, credentials=None):
        # Axes compares one number with AXES_FAILURE_LIMIT: the pair's count, or the
        # limit itself once the account's or the address's own limit is reached.
        counts = _failure_counts(request, credentials)
        if (
            counts["account"] >= settings.SIGN_IN_ACCOUNT_FAILURE_LIMIT
            or counts["address"] >= settings.SIGN_IN_ADDRESS_FAILURE_LIMIT
        ):
            return max(counts["pair"], settings.AXES_FAILURE_LIMIT)
        return counts["pair"]

    def reset_user_attempts(self, request, credentials=None):
        # A successful sign-in forgives that person's own mistakes (the pair) only:
        # it must not wipe what others tried against the account or from the address.
        username = get_client_username(request, credentials)
        count, _ = AccessAttempt.objects.filter(
            username=username, ip_address=request.axes_ip_address
        ).delete()
        return count


def locked_until(request, credentials=None):
    """When the lockout ends: the cool-off after the last failure that counts."""
    username = get_client_username(request, credentials)
    last = AccessAttempt.objects.filter(
        Q(username=username) | Q(ip_address=request.axes_ip_address),
        attempt_time__gte=get_cool_off_threshold(request),
    ).aggregate(last=Max("attempt_time"))["last"]
    cool_off = get_cool_off(request) or timedelta(0)
    return (last or timezone.now()) + cool_off


def lockout_response(request, original_response=None, credentials=None):
    """A page (HTTP 429) saying when to try again and whom to ask, for the site's
    sign-in and the admin's alike (AXES_LOCKOUT_CALLABLE)."""
    until = locked_until(request, credentials)
    seconds = max(60, int((until - timezone.now()).total_seconds()))
    try:
        program = ProgramSettings.for_request(request)
    except ProgramSettings.DoesNotExist:  # no site configured yet
        program = ProgramSettings()
    response = TemplateResponse(
        request,
        "accounts/locked_out.html",
        {
            "until": timezone.localtime(until),
            "minutes": (seconds + 59) // 60,
            "contact_email": program.contact_email,
            "contact_phone": program.contact_phone,
        },
        status=429,
    )
    response["Retry-After"] = str(seconds)
    return response.render()
