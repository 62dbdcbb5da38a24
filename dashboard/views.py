"""/dashboard/: what a signed-in participant (or member of staff) sees of their own
program, gathered from the apps that own each part."""

from functools import partial

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.utils import timezone

from attendance.ledger import progress_for
from caching import cached_by_version
from curriculum.models import ModuleSession, module_links_for_tracks
from curriculum.views import personal_calendar_links
from people.choices import EnrollmentStatus
from people.models import Person
from submissions.admin_views import staff_dashboard
from submissions.services import current_enrollment
from submissions.views import submissions_for

MAX_SESSIONS = 8
UPCOMING_TIMEOUT = 5 * 60  # seconds; see upcoming_sessions


@login_required
def dashboard(request):
    """/dashboard/: my cohort, upcoming sessions, modules and materials, submissions."""
    person = Person.objects.filter(user=request.user).with_group_flags().first()
    context = {"person": person, "can_submit": False}
    if person is not None:
        # The track's completion rules come along for the checklist (credentials).
        enrollments = list(
            person.enrollments.select_related("cohort__track__completion_rules")
        )
        enrollment = current_enrollment(person, enrollments)
        tracks = {
            e.cohort.track_id
            for e in enrollments
            if e.status == EnrollmentStatus.ENROLLED
        } or ({enrollment.cohort.track_id} if enrollment else set())
        context.update(
            enrollment=enrollment,
            # A graduate sees their credential, also while enrolled in a refresher.
            graduated=any(e.status == EnrollmentStatus.COMPLETED for e in enrollments),
            # The hours ledger (attendance/ledger.py), read fresh on every visit.
            progress=progress_for(enrollment),
            sessions=upcoming_sessions(person, enrollments),
            # Called by the template only when its cached fragment is missing.
            modules=partial(modules_with_materials, tracks),
            modules_key=",".join(str(pk) for pk in sorted(tracks)),
            can_submit=person.is_participant,
            # "Your calendar": the personal feed's address (curriculum's include).
            calendar=personal_calendar_links(request.user),
        )
    context["submissions"] = submissions_for(request.user)
    # Program staff: the admin and what awaits their review (W2's include).
    # (Only the staff groups have admin access (people/roles.py): a participant's
    # dashboard does not load every permission to find that out.)
    may_be_staff = person is None or person.in_staff_group or request.user.is_superuser
    context["staff"] = staff_dashboard(request.user) if may_be_staff else None
    return render(request, "dashboard/dashboard.html", context)


def upcoming_sessions(person, enrollments):
    """The person's own sessions still to come: their cohorts' (not another class's
    of the same track) and those they teach.

    Sessions, modules, enrollments and people all move the content version, so the
    next few are kept per person under it, for five minutes at most; what has ended
    since is dropped on each read, so the clock is exact."""
    enrolled = ",".join(
        f"{e.cohort_id}:{e.status}" for e in sorted(enrollments, key=lambda e: e.pk)
    )
    now = timezone.now()

    def next_few():
        mine = ModuleSession.objects.for_person(person, enrollments=enrollments)
        return list(mine.not_ended(now)[: MAX_SESSIONS * 2])

    soon = cached_by_version(
        f"upcoming-sessions:{person.pk}:{enrolled}", next_few, timeout=UPCOMING_TIMEOUT
    )
    return [session for session in soon if session.ends_at >= now][:MAX_SESSIONS]


def modules_with_materials(track_ids):
    """The live modules of the tracks in the tree's order, each a dict of `title`,
    `url` and `materials_url` (its live materials page, or None).

    Everyone in the same tracks sees the same list, so it is built once per content
    version (a publish, unpublish or move bumps it: caching) from three narrow
    queries, and a dashboard then reads it from the cache."""
    if not track_ids:
        return []
    key = "dashboard-modules:" + ",".join(str(pk) for pk in sorted(track_ids))
    return cached_by_version(key, lambda: module_links_for_tracks(track_ids))
