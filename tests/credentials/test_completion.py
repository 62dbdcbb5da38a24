"""Completion rules (credentials/completion.py): each rule met and not met, with its
numbers; the rules read from the director's data; the constant query count; the
participant's checklist on the dashboard; Graduation > Completion rules per role."""

import datetime
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from attendance.choices import AttendanceStatus
from attendance.models import HoursAdjustment
from credentials.completion import (
    BEST_PRACTICE,
    HOURS,
    JOINT,
    completion_for,
    completion_of,
    ensure_completion_rules,
)
from credentials.models import CompletionRules
from people.roles import PARTICIPANTS
from tests.attendance.test_ledger import TODAY, build_program, record
from tests.factories.case_studies import (
    BestPracticeIndexPageFactory,
    BestPracticePageFactory,
)
from tests.factories.core import UserFactory
from tests.factories.curriculum import TrackFactory
from tests.factories.people import EnrollmentFactory, ParticipantFactory
from tests.two_factor import sign_in

pytestmark = pytest.mark.django_db


@pytest.fixture
def program(home_page):
    program = build_program(home_page)
    CompletionRules.objects.filter(track=program.cecto).update(
        required_hours=10, required_joint_meetings=None, requires_best_practice=True
    )
    return program


def results(enrollment, today=TODAY):
    completion = completion_of(enrollment, today=today)
    return completion, {result.key: result for result in completion.results}


def add_best_practice(home_page, person, cohort, live=True):
    from case_studies.models import BestPracticeAuthor, BestPracticeIndexPage

    index = BestPracticeIndexPage.objects.first() or BestPracticeIndexPageFactory(
        parent=home_page
    )
    page = BestPracticePageFactory(parent=index, cohort=cohort, live=live)
    BestPracticeAuthor.objects.create(page=page, person=person, sort_order=0)
    return page


def test_a_new_track_gets_default_rules_the_certifying_one_asks_for_a_practice(db):
    cecto = TrackFactory(name="CeCTO", certifies=True)
    leaders = TrackFactory(name="Leaders", certifies=False)
    assert CompletionRules.objects.get(track=cecto).requires_best_practice
    assert not CompletionRules.objects.get(track=leaders).requires_best_practice
    assert ensure_completion_rules() == 0  # idempotent


def test_nothing_done_meets_no_rule_and_says_so_with_numbers(program):
    enrollment = EnrollmentFactory(cohort=program.cohort)
    completion, by_key = results(enrollment)
    assert not completion.met
    assert by_key[HOURS].text == "0 of 10 hours" and not by_key[HOURS].met
    assert by_key[JOINT].text == "0 of 2 joint meetings" and not by_key[JOINT].met
    assert not by_key[BEST_PRACTICE].met
    assert by_key[BEST_PRACTICE].text == "No best practice published yet"


def test_every_rule_met(program, home_page):
    enrollment = EnrollmentFactory(cohort=program.cohort)
    s = program.sessions
    for session in (s.lead2, s.data2, s.joint1, s.joint2):
        record(enrollment, session, AttendanceStatus.PRESENT)
    add_best_practice(home_page, enrollment.person, program.cohort)
    completion, by_key = results(enrollment)
    assert completion.met and completion.unmet == []
    assert by_key[HOURS].text == "15 of 10 hours"
    assert by_key[JOINT].text == "2 of 2 joint meetings"
    assert by_key[BEST_PRACTICE].text == "1 best practice published"


def test_hours_count_adjustments_and_the_rule_can_use_the_tracks_hours(program):
    enrollment = EnrollmentFactory(cohort=program.cohort)
    HoursAdjustment.objects.create(
        enrollment=enrollment, hours=Decimal("9.5"), reason="Make-up"
    )
    assert not results(enrollment)[1][HOURS].met
    HoursAdjustment.objects.create(
        enrollment=enrollment, hours=Decimal("0.5"), reason="Make-up"
    )
    assert results(enrollment)[1][HOURS].met
    CompletionRules.objects.filter(track=program.cecto).update(required_hours=None)
    hours = results(enrollment)[1][HOURS]
    assert not hours.met and hours.text == "10 of 240 hours"


def test_a_number_of_joint_meetings_instead_of_all(program):
    enrollment = EnrollmentFactory(cohort=program.cohort)
    record(enrollment, program.sessions.joint1, AttendanceStatus.PRESENT)
    assert results(enrollment)[1][JOINT].text == "1 of 2 joint meetings"
    CompletionRules.objects.filter(track=program.cecto).update(
        required_joint_meetings=1
    )
    joint = results(enrollment)[1][JOINT]
    assert joint.met and joint.text == "1 of 1 joint meeting"


def test_an_excused_joint_meeting_is_not_attended(program):
    enrollment = EnrollmentFactory(cohort=program.cohort)
    record(enrollment, program.sessions.joint1, AttendanceStatus.EXCUSED)
    record(enrollment, program.sessions.joint2, AttendanceStatus.PRESENT)
    assert not results(enrollment)[1][JOINT].met


def test_best_practice_counts_only_live_ones_of_the_cohort(program, home_page):
    enrollment = EnrollmentFactory(cohort=program.cohort)
    add_best_practice(home_page, enrollment.person, program.cohort, live=False)
    add_best_practice(home_page, enrollment.person, program.leaders_cohort)
    assert not results(enrollment)[1][BEST_PRACTICE].met
    add_best_practice(home_page, enrollment.person, None)
    assert results(enrollment)[1][BEST_PRACTICE].met


def test_a_track_without_the_best_practice_rule_does_not_list_it(program):
    enrollment = EnrollmentFactory(cohort=program.leaders_cohort)
    _completion, by_key = results(enrollment)
    assert set(by_key) == {HOURS, JOINT}


def test_a_track_without_saved_rules_uses_the_defaults(program):
    CompletionRules.objects.filter(track=program.leaders).delete()
    enrollment = EnrollmentFactory(cohort=program.leaders_cohort)
    assert results(enrollment)[1][HOURS].text == "0 of 20 hours"
    assert not CompletionRules.objects.filter(track=program.leaders).exists()


def read_completion(enrollments):
    with CaptureQueriesContext(connection) as queries:
        completions = completion_for(enrollments, today=TODAY)
    return completions, len(queries)


def test_completion_reads_the_same_number_of_queries_for_5_and_50(program, home_page):
    def enrollments(count):
        made = []
        for n in range(count):
            enrollment = EnrollmentFactory(
                cohort=program.cohort if n % 2 else program.leaders_cohort
            )
            record(enrollment, program.sessions.joint1, AttendanceStatus.PRESENT)
            add_best_practice(home_page, enrollment.person, program.cohort)
            made.append(enrollment)
        from people.models import Enrollment

        return list(
            Enrollment.objects.filter(pk__in=[e.pk for e in made]).select_related(
                "cohort__track"
            )
        )

    few, few_queries = read_completion(enrollments(5))
    many, many_queries = read_completion(enrollments(50))
    assert len(few) == 5 and len(many) == 50
    # Three, and one per cohort whose sessions are not cached yet (two here:
    # each new enrollment moves the content version).
    assert few_queries == many_queries <= 3 + 2
    assert completion_for([]) == {}


# --- The participant's checklist on /dashboard/ --------------------------------------


@pytest.fixture
def participant(groups, program):
    user = UserFactory(username="parker")
    user.groups.add(groups[PARTICIPANTS])
    person = ParticipantFactory(user=user, first_name="Parker")
    return user, EnrollmentFactory(person=person, cohort=program.cohort)


def test_participant_sees_their_checklist_beside_their_hours(
    client, participant, program
):
    user, enrollment = participant
    record(enrollment, program.sessions.joint1, AttendanceStatus.PRESENT)
    sign_in(client, user)
    html = client.get("/dashboard/").content.decode()
    assert "Your graduation checklist" in html
    assert "of 10 hours" in html
    assert "1 of 2 joint meetings" in html
    assert "No best practice published yet" in html


def test_participant_sees_only_their_own_checklist(
    client, participant, program, groups
):
    user = UserFactory(username="olive")
    user.groups.add(groups[PARTICIPANTS])
    person = ParticipantFactory(user=user, first_name="Olive")
    EnrollmentFactory(person=person, cohort=program.leaders_cohort)
    sign_in(client, user)
    html = client.get("/dashboard/").content.decode()
    assert "Your graduation checklist" in html
    assert "0 of 20 hours" in html and "of 10 hours" not in html
    assert "best practice" not in html.split("Your graduation checklist")[1][:600]


def test_a_graduate_sees_no_checklist(client, participant):
    user, enrollment = participant
    enrollment.status = "completed"
    enrollment.completed_on = datetime.date(2030, 5, 30)
    enrollment.save()
    sign_in(client, user)
    assert "Your graduation checklist" not in client.get("/dashboard/").content.decode()


# --- Graduation > Completion rules, per role ---------------------------------------


@pytest.mark.parametrize(
    ("role", "may_view", "may_edit"),
    [
        ("anonymous", False, False),
        ("participant", False, False),
        ("faculty", True, False),
        ("director", True, True),
        ("superuser", True, True),
    ],
)
def test_completion_rules_screen_per_role(
    client, request, program, groups, role, may_view, may_edit
):
    rules = CompletionRules.objects.get(track=program.cecto)
    if role == "participant":
        user = UserFactory(username="pat")
        user.groups.add(groups[PARTICIPANTS])
        sign_in(client, user)
    elif role != "anonymous":
        sign_in(client, request.getfixturevalue(role))
    listing = client.get("/admin/graduation/rules/")
    assert (listing.status_code == 200) is may_view
    if may_view:
        assert "Every joint meeting of the cohort" in listing.content.decode()
    response = client.post(
        f"/admin/graduation/rules/edit/{rules.pk}/",
        {"required_hours": "200", "required_joint_meetings": "3"},
    )
    rules.refresh_from_db()
    if may_edit:
        assert response.status_code == 302
        assert (rules.required_hours, rules.required_joint_meetings) == (200, 3)
        assert rules.requires_best_practice is False
    else:
        assert rules.required_hours == 10
