"""The program calendar: the sessions of live, public modules, as a page and as iCalendar.

The events are the modules' ModuleSession rows; there is no separate event model, so
a session edited on its module shows up here and in subscribed calendars.
"""

import datetime
from itertools import groupby
from zoneinfo import ZoneInfo

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe
from wagtail.log_actions import log

from caching import cached_for_address
from core.dates import long_date, time_span
from core.sites import served_host, served_url
from curriculum.calendar import CalendarEvent, render_calendar
from curriculum.choices import DeliveryMode, SessionKind
from curriculum.models import CalendarFeed, ModuleSession
from people.models import Person

EVENTS_PER_PAGE = 20
FEED_HISTORY = datetime.timedelta(days=90)
# How long /events.ics is kept at most (`events_ics`).
FEED_CACHE_TIMEOUT = datetime.timedelta(hours=1)
# How far back a personal calendar keeps the sessions someone taught (their own
# cohorts' sessions are kept whole: a class's year is bounded).
TAUGHT_HISTORY = datetime.timedelta(days=365)
PERSONAL_CALENDAR_NAME = "CeCTO: your sessions"
PROGRAM_TIMEZONE = ZoneInfo("America/New_York")
CONTENT_TYPE = "text/calendar; charset=utf-8"


@require_safe
def events(request):
    """/events/: upcoming sessions by default, past ones with ?view=past; by month."""
    now = timezone.now()
    past = request.GET.get("view") == "past"
    if past:
        sessions = (
            ModuleSession.objects.public()
            .filter(ends_at__lt=now)
            .order_by("-starts_at", "-pk")
        )
    else:
        # A session under way is still upcoming: it is listed until it ends.
        sessions = (
            ModuleSession.objects.public()
            .filter(ends_at__gte=now)
            .order_by("starts_at", "pk")
        )
    page_obj = Paginator(sessions, EVENTS_PER_PAGE).get_page(request.GET.get("page"))

    def month(session):
        return (
            timezone.localtime(session.starts_at, PROGRAM_TIMEZONE)
            .date()
            .replace(day=1)
        )

    months = [
        {
            "month": key,
            "events": [{"session": s, "url": s.module.get_url(request)} for s in group],
        }
        for key, group in groupby(page_obj.object_list, key=month)
    ]
    feed_url = served_url(reverse("events-ics"))
    return TemplateResponse(
        request,
        "curriculum/events.html",
        {
            "past": past,
            "page_obj": page_obj,
            "months": months,
            "query_string": "view=past" if past else "",
            "highlight_kinds": [SessionKind.JOINT, SessionKind.GRADUATION],
            "feed_url": feed_url,
            "webcal_url": webcal(feed_url),
        },
    )


def spans_days(session):
    """An assignment open for days (asynchronous, or running past one day): it is
    an all-day, free event in calendars rather than a busy block."""
    return (
        session.mode == DeliveryMode.ASYNCHRONOUS
        or session.ends_at - session.starts_at >= datetime.timedelta(days=1)
    )


def _calendar_event(session, request):
    module = session.module
    all_day = spans_days(session)
    if all_day:
        when = (
            f"Open from {long_date(session.starts_at)} to {long_date(session.ends_at)}."
        )
    else:
        when = f"When: {time_span(session.starts_at, session.ends_at)}"
    details = [
        when,
        f"{session.get_kind_display()}, part of the module {module.title}.",
        f"Delivery: {session.get_mode_display()}.",
    ]
    if session.faculty:
        details.append(f"Faculty: {session.faculty.public_name}.")
    # Every link is on the served address (PORTAL_BASE_URL), whatever the request's.
    path = module.get_url(request)
    url = served_url(path) if path else ""
    if url:
        details.append(f"Module: {url}")
    return CalendarEvent(
        uid=f"session-{session.pk}@{served_host()}",
        starts_at=session.starts_at,
        ends_at=session.ends_at,
        summary=session.title,
        description="\n".join(details),
        location=session.location or "Online",
        url=url,
        categories=[session.get_kind_display()],
        all_day=all_day,
    )


def _calendar_response(body, filename, disposition):
    response = HttpResponse(body, content_type=CONTENT_TYPE)
    response["Content-Disposition"] = f'{disposition}; filename="{filename}"'
    return response


@require_safe
def events_ics(request):
    """/events.ics: upcoming sessions and the last 90 days', for subscriptions.

    Kept under the content version (a session, module, cohort, track or faculty
    change starts a new one) until the clock could change it (`_feed_lifetime`)."""

    def build():
        now = timezone.now()
        sessions = list(
            ModuleSession.objects.public()
            .filter(ends_at__gte=now - FEED_HISTORY)
            .order_by("starts_at", "pk")
        )
        body = render_calendar(_calendar_event(s, request) for s in sessions)
        return body, _feed_lifetime(sessions, now)

    body, _lifetime = cached_for_address(
        "events-ics", request, build, timeout=lambda built: built[1]
    )
    return _calendar_response(body, "cecto-calendar.ics", "inline")


def _feed_lifetime(sessions, now, after_end=(datetime.timedelta(0), FEED_HISTORY)):
    """Whole seconds a feed of `sessions` (read at `now`) stays as it is: until the
    next moment one of them could leave it, `after_end` its end (for /events.ics,
    at its end it may leave the public list, `shown_to_public`, and 90 days later
    the history); at most `FEED_CACHE_TIMEOUT`, so the stamp on each event is
    refreshed. Time moves no session into a feed, only out."""
    moments = [
        moment
        for session in sessions
        for moment in (session.ends_at + offset for offset in after_end)
        if moment > now
    ]
    until = min(moments, default=now + FEED_CACHE_TIMEOUT)
    return int(min(until - now, FEED_CACHE_TIMEOUT).total_seconds())


@require_safe
def event_ics(request, session_id):
    """/events/<id>.ics: one session, to add to a calendar; 404 unless public."""
    session = ModuleSession.objects.public().filter(pk=session_id).first()
    if session is None:
        raise Http404("No such event.")
    body = render_calendar([_calendar_event(session, request)], name=None)
    return _calendar_response(body, f"cecto-event-{session.pk}.ics", "attachment")


# --- Personal calendars -----------------------------------------------------------


def webcal(url):
    """The webcal:// form of a feed's address: calendar programs subscribe to it."""
    return "webcal://" + url.split("://", 1)[1]


def personal_calendar_links(user):
    """The dashboard's "Your calendar" block: the user's feed address (made on first
    use), its webcal:// form and where to reset it."""
    feed_url = served_url(CalendarFeed.for_user(user).get_absolute_url())
    return {
        "feed_url": feed_url,
        "webcal_url": webcal(feed_url),
        "reset_url": reverse("personal-calendar-reset"),
    }


def personal_sessions(user):
    """The sessions of a user's personal calendar (`ModuleSessionQuerySet.for_person`)
    with what an event shows; read afresh under each content version, so an edited
    session shows at the next refresh."""
    person = Person.objects.filter(user=user).first()
    return (
        ModuleSession.objects.for_person(
            person, taught_since=timezone.now() - TAUGHT_HISTORY
        )
        .select_related("module", "faculty")
        .prefetch_related("faculty__roles")
        .order_by("starts_at", "pk")
    )


@require_safe
def personal_calendar(request, token):
    """/calendar/<token>.ics: one person's sessions, for their calendar program.

    No sign-in (calendar programs subscribe without one): the long random token is
    the key. An unknown or reset token answers 404. Never cached by shared caches
    (private) nor indexed; no cookie is read or needed. Kept on the server under
    the content version (an enrollment, cohort, session or module change starts a
    new one), per user and address, once the token is found."""
    feed = CalendarFeed.objects.for_token(token)
    if feed is None:
        raise Http404("No such calendar.")

    def build():
        now = timezone.now()
        sessions = list(personal_sessions(feed.user))
        body = render_calendar(
            (_calendar_event(s, request) for s in sessions),
            name=PERSONAL_CALENDAR_NAME,
        )
        # Only what they taught leaves by the clock, a year after its end.
        return body, _feed_lifetime(sessions, now, after_end=(TAUGHT_HISTORY,))

    body, _lifetime = cached_for_address(
        f"personal-calendar:{feed.user_id}",
        request,
        build,
        timeout=lambda built: built[1],
    )
    response = _calendar_response(body, "cecto-my-calendar.ics", "inline")
    patch_cache_control(response, private=True, no_cache=True)
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response


@login_required
@require_POST
def reset_personal_calendar(request):
    """Give the signed-in user's personal calendar a new address; the old one
    answers 404 from now on."""
    feed = CalendarFeed.for_user(request.user)
    feed.reset()
    log(feed, "curriculum.calendar_feed.reset", user=request.user)
    messages.success(
        request,
        _(
            "Your calendar has a new address. Subscribe to it again in your "
            "calendar program: the old address no longer works."
        ),
    )
    return redirect(reverse("submissions:dashboard") + "#calendar-heading")
