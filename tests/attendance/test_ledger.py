"""The hours ledger (attendance/ledger.py): hours per topic area and in total, the
requirement, joint meetings, the schedule and the behind-schedule flag, at a fixed
"today" passed in (no frozen clock). The helpers here build the program the
dashboard and report tests use too."""

import datetime
from decimal import Decimal
from types import SimpleNamespace

import pytest
from django.utils import timezone

from attendance.choices import AttendanceStatus
from attendance.ledger import ledger_for, ledgers_for
from attendance.models import Attendance, HoursAdjustment
from curriculum.choices import SessionKind
from curriculum.models import ModuleSession
from people.choices import EnrollmentStatus
from tests.factories.curriculum import (
    CurriculumIndexPageFactory,
    ModulePageFactory,
    TopicAreaFactory,
    TrackFactory,
)
from tests.factories.people import CohortFactory, EnrollmentFactory

pytestmark = pytest.mark.django_db

# The day the ledger is read on, in the middle of the Class of 2030's year.
TODAY = datetime.date(2030, 1, 15)


def at(day, hour=9):
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


def add_session(module, day, hours, *, title=None, kind=SessionKind.SESSION):
    """A face-to-face session of `module` on `day` (a date), 9:00 to 9:00 + hours."""
    hours = Decimal(hours)
    return ModuleSession.objects.create(
        module=module,
        title=title or f"{module.title} on {day:%d %b}",
        kind=kind,
        starts_at=at(day),
        ends_at=at(day) + datetime.timedelta(hours=float(hours)),
        mode="face-to-face",
        location="Chapel Hill",
        hours=hours,
    )


def build_program(parent, *, cohort_start=datetime.date(2029, 8, 1), ends=None):
    """Two tracks (240 and 20 hours), a cohort of each graduating in 2030, three
    topic areas, and the CeCTO cohort's sessions either side of TODAY:

    Leadership: 3 h (Sep), 6 h (Oct), 3 h (Feb, to come)
    Data:       4 h (Nov), 5 h (Dec)
    Joint meetings (both tracks, topic Collaboration): 2 h (1 Dec), 2 h (1 Mar)
    """
    index = CurriculumIndexPageFactory(parent=parent)
    cecto = TrackFactory(name="CeCTO Certification", required_hours=240)
    leaders = TrackFactory(name="Leaders for the 21st Century", required_hours=20)
    leadership = TopicAreaFactory(name="Leadership", sort_order=1)
    data = TopicAreaFactory(name="Data and privacy", sort_order=2)
    collaboration = TopicAreaFactory(name="Collaboration", sort_order=3)
    ends = ends or datetime.date(cohort_start.year + 1, 5, 30)
    cohort = CohortFactory(
        year=ends.year, track=cecto, starts_on=cohort_start, ends_on=ends
    )
    leaders_cohort = CohortFactory(
        year=ends.year, track=leaders, starts_on=cohort_start, ends_on=ends
    )
    lead = ModulePageFactory(
        parent=index, title="Leading change", topic_area=leadership, tracks=[cecto]
    )
    dat = ModulePageFactory(
        parent=index, title="Data governance", topic_area=data, tracks=[cecto]
    )
    joint = ModulePageFactory(
        parent=index,
        title="Joint meetings",
        topic_area=collaboration,
        tracks=[cecto, leaders],
    )
    y = cohort_start.year
    sessions = SimpleNamespace(
        lead1=add_session(lead, datetime.date(y, 9, 10), "3"),
        lead2=add_session(lead, datetime.date(y, 10, 10), "6"),
        lead3=add_session(lead, datetime.date(y + 1, 2, 10), "3"),
        data1=add_session(dat, datetime.date(y, 11, 10), "4"),
        data2=add_session(dat, datetime.date(y, 12, 10), "5"),
        joint1=add_session(
            joint, datetime.date(y, 12, 1), "2", kind=SessionKind.JOINT, title="Winter"
        ),
        joint2=add_session(
            joint,
            datetime.date(y + 1, 3, 1),
            "2",
            kind=SessionKind.JOINT,
            title="Spring",
        ),
    )
    # Not the cohort's: before it began, and another track's module.
    add_session(lead, datetime.date(y - 1, 9, 10), "7", title="Last year's")
    other = ModulePageFactory(parent=index, title="Leaders only", tracks=[leaders])
    add_session(other, datetime.date(y, 9, 12), "5", title="Leaders' session")
    return SimpleNamespace(
        cecto=cecto,
        leaders=leaders,
        cohort=cohort,
        leaders_cohort=leaders_cohort,
        topics=SimpleNamespace(
            leadership=leadership, data=data, collaboration=collaboration
        ),
        modules=SimpleNamespace(lead=lead, data=dat, joint=joint, other=other),
        sessions=sessions,
        index=index,
    )


def record(enrollment, session, status, hours=None):
    """Attendance as the recording screens save it (hours kept for partial)."""
    return Attendance.objects.update_or_create(
        session=session,
        enrollment=enrollment,
        defaults={
            "status": status,
            "hours": Decimal(hours) if hours is not None else Decimal(0),
        },
    )[0]


@pytest.fixture
def program(home_page):
    return build_program(home_page)


@pytest.fixture
def enrollment(program):
    return EnrollmentFactory(cohort=program.cohort)


def by_topic(ledger):
    return {str(topic.name): topic.earned for topic in ledger.topics}


# --- Hours ------------------------------------------------------------------------


def test_present_earns_the_sessions_hours_in_its_modules_main_topic_area(
    program, enrollment
):
    record(enrollment, program.sessions.lead1, AttendanceStatus.PRESENT)
    record(enrollment, program.sessions.data1, AttendanceStatus.PRESENT)

    ledger = ledger_for(enrollment, today=TODAY)

    assert ledger.earned == Decimal(7)
    assert by_topic(ledger)["Leadership"] == Decimal(3)
    assert by_topic(ledger)["Data and privacy"] == Decimal(4)
    assert ledger.required == Decimal(240)
    assert ledger.left == Decimal(233)


def test_partial_earns_the_hours_recorded_and_absent_or_excused_earn_none(
    program, enrollment
):
    record(enrollment, program.sessions.lead2, AttendanceStatus.PARTIAL, "2.5")
    record(enrollment, program.sessions.lead1, AttendanceStatus.ABSENT, "3")
    record(enrollment, program.sessions.data1, AttendanceStatus.EXCUSED)

    ledger = ledger_for(enrollment, today=TODAY)

    assert ledger.earned == Decimal("2.5")
    assert by_topic(ledger)["Leadership"] == Decimal("2.5")
    assert by_topic(ledger)["Data and privacy"] == 0


def test_completed_earns_the_sessions_hours_and_not_completed_none(program, enrollment):
    record(enrollment, program.sessions.data1, AttendanceStatus.COMPLETED)
    record(enrollment, program.sessions.data2, AttendanceStatus.NOT_COMPLETED)

    assert ledger_for(enrollment, today=TODAY).earned == Decimal(4)


def test_present_counts_the_sessions_hours_as_they_read_now(program, enrollment):
    record(enrollment, program.sessions.lead2, AttendanceStatus.PRESENT)
    ModuleSession.objects.filter(pk=program.sessions.lead2.pk).update(hours=5)

    assert ledger_for(enrollment, today=TODAY).earned == Decimal(5)


def test_adjustments_count_to_their_topic_area_or_other_and_may_be_negative(
    program, enrollment
):
    record(enrollment, program.sessions.lead1, AttendanceStatus.PRESENT)
    HoursAdjustment.objects.create(
        enrollment=enrollment,
        topic_area=program.topics.data,
        hours=Decimal(4),
        reason="Make-up session for Data governance",
    )
    HoursAdjustment.objects.create(
        enrollment=enrollment, hours=Decimal(10), reason="Credit for prior learning"
    )
    HoursAdjustment.objects.create(
        enrollment=enrollment,
        topic_area=program.topics.leadership,
        hours=Decimal("-1.5"),
        reason="Left early on 10 September",
    )

    ledger = ledger_for(enrollment, today=TODAY)

    assert by_topic(ledger) == {
        "Leadership": Decimal("1.5"),
        "Data and privacy": Decimal(4),
        "Collaboration": 0,
        "Other": Decimal(10),
    }
    assert ledger.earned == Decimal("15.5")
    assert ledger.adjusted == Decimal("12.5")
    assert [a.reason for a in ledger.adjustments] == [
        "Make-up session for Data governance",
        "Credit for prior learning",
        "Left early on 10 September",
    ]
    assert [str(t.name) for t in ledger.topics][-1] == "Other"


def test_topic_areas_list_the_hours_the_cohort_has_scheduled_in_each(
    program, enrollment
):
    ledger = ledger_for(enrollment, today=TODAY)

    assert [(str(t.name), t.scheduled) for t in ledger.topics] == [
        ("Leadership", Decimal(12)),
        ("Data and privacy", Decimal(9)),
        ("Collaboration", Decimal(4)),
    ]
    assert ledger.scheduled_total == Decimal(25)


def test_another_enrollments_attendance_does_not_count(program, enrollment):
    classmate = EnrollmentFactory(cohort=program.cohort)
    record(classmate, program.sessions.lead2, AttendanceStatus.PRESENT)

    assert ledger_for(enrollment, today=TODAY).earned == 0
    assert ledger_for(classmate, today=TODAY).earned == Decimal(6)


def test_the_requirement_is_the_tracks(program):
    leader = EnrollmentFactory(cohort=program.leaders_cohort)
    record(leader, program.sessions.joint1, AttendanceStatus.PRESENT)

    ledger = ledger_for(leader, today=TODAY)

    assert ledger.required == Decimal(20)
    assert ledger.left == Decimal(18)
    assert ledger.percent == 10


def test_more_than_the_requirement_leaves_nothing_and_fills_the_bar(
    program, enrollment
):
    HoursAdjustment.objects.create(
        enrollment=enrollment, hours=Decimal(240), reason="Credit for prior learning"
    )
    record(enrollment, program.sessions.lead1, AttendanceStatus.PRESENT)

    ledger = ledger_for(enrollment, today=TODAY)

    assert ledger.earned == Decimal(243)
    assert ledger.left == 0
    assert ledger.progress_value == Decimal(240)
    assert ledger.percent == 100
    assert ledger.complete


# --- Joint meetings and the schedule ------------------------------------------------


def test_joint_meetings_still_required_are_the_missed_and_those_to_come(
    program, enrollment
):
    ledger = ledger_for(enrollment, today=TODAY)
    assert [s.title for s in ledger.joint_missed] == ["Winter"]
    assert [s.title for s in ledger.joint_still_required] == ["Winter", "Spring"]
    assert [s.title for s in ledger.joint_upcoming] == ["Spring"]

    record(enrollment, program.sessions.joint1, AttendanceStatus.PRESENT)
    ledger = ledger_for(enrollment, today=TODAY)

    assert [s.title for s in ledger.joint_attended] == ["Winter"]
    assert [s.title for s in ledger.joint_still_required] == ["Spring"]


def test_an_excused_or_absent_joint_meeting_is_still_required(program, enrollment):
    record(enrollment, program.sessions.joint1, AttendanceStatus.EXCUSED)

    ledger = ledger_for(enrollment, today=TODAY)

    assert [s.title for s in ledger.joint_missed] == ["Winter"]
    assert ledger.joint_attended == []


def test_a_partly_attended_joint_meeting_counts_as_attended(program, enrollment):
    record(enrollment, program.sessions.joint1, AttendanceStatus.PARTIAL, "1")

    assert [s.title for s in ledger_for(enrollment, today=TODAY).joint_attended] == [
        "Winter"
    ]


def test_hours_scheduled_by_today_are_the_sessions_that_ended_before_today(
    program, enrollment
):
    ledger = ledger_for(enrollment, today=TODAY)

    # Sep 3 + Oct 6 + Nov 4 + Dec 1 (joint) 2 + Dec 10 5; not Feb or Mar.
    assert ledger.scheduled_to_date == Decimal(20)
    assert [s.title for s in ledger.next_sessions] == [
        "Leading change on 10 Feb",
        "Spring",
    ]

    # A session on the day itself counts from the next day.
    same_day = ledger_for(enrollment, today=datetime.date(2029, 12, 10))
    assert same_day.scheduled_to_date == Decimal(15)
    assert same_day.next_sessions[0].title == "Data governance on 10 Dec"


def test_behind_schedule_when_more_than_ten_percent_and_four_hours_short(
    program, enrollment
):
    # 20 hours scheduled by TODAY: 15.5 earned is 4.5 short (22%), behind.
    for name in ("lead1", "lead2", "data1"):
        record(enrollment, getattr(program.sessions, name), AttendanceStatus.PRESENT)
    record(enrollment, program.sessions.data2, AttendanceStatus.PARTIAL, "2.5")
    ledger = ledger_for(enrollment, today=TODAY)
    assert ledger.earned == Decimal("15.5")
    assert ledger.shortfall == Decimal("4.5")
    assert ledger.behind

    # 16.5 earned: 3.5 short, under 4 hours, not behind.
    record(enrollment, program.sessions.data2, AttendanceStatus.PARTIAL, "3.5")
    assert not ledger_for(enrollment, today=TODAY).behind


def test_four_hours_short_is_not_behind_unless_also_over_ten_percent(home_page):
    # A long program: 100 hours scheduled, 94 earned is 6 short (6%), not behind.
    program = build_program(home_page)
    enrollment = EnrollmentFactory(cohort=program.cohort)
    HoursAdjustment.objects.create(
        enrollment=enrollment, hours=Decimal(94), reason="Credit for prior learning"
    )
    big = add_session(program.modules.lead, datetime.date(2029, 9, 20), "80")
    ledger = ledger_for(enrollment, today=TODAY)
    assert ledger.scheduled_to_date == Decimal(100)
    assert ledger.shortfall == Decimal(6)
    assert not ledger.behind

    big.delete()
    HoursAdjustment.objects.filter(enrollment=enrollment).update(hours=Decimal(14))
    # 20 scheduled, 14 earned: 6 short (30%), behind.
    assert ledger_for(enrollment, today=TODAY).behind


def test_nobody_is_behind_before_the_cohort_begins_or_once_completed(
    program, enrollment
):
    assert not ledger_for(enrollment, today=datetime.date(2029, 7, 1)).behind
    assert ledger_for(enrollment, today=TODAY).behind

    enrollment.status = EnrollmentStatus.COMPLETED
    enrollment.completed_on = datetime.date(2030, 5, 30)
    enrollment.save()
    assert not ledger_for(enrollment, today=TODAY).behind


def test_only_up_to_the_requirement_is_expected(program):
    leader = EnrollmentFactory(cohort=program.leaders_cohort)
    index = program.index
    module = ModulePageFactory(
        parent=index, title="Leaders' year", tracks=[program.leaders]
    )
    add_session(module, datetime.date(2029, 9, 1), "30")
    HoursAdjustment.objects.create(
        enrollment=leader, hours=Decimal(20), reason="Credit for prior learning"
    )

    ledger = ledger_for(leader, today=TODAY)

    assert ledger.scheduled_to_date > Decimal(20)
    assert ledger.expected == Decimal(20)
    assert not ledger.behind


# --- Many at once -------------------------------------------------------------------


def test_ledgers_for_reads_many_enrollments_of_several_cohorts_at_once(
    program, django_assert_num_queries
):
    cecto = [EnrollmentFactory(cohort=program.cohort) for _ in range(3)]
    leader = EnrollmentFactory(cohort=program.leaders_cohort)
    record(cecto[0], program.sessions.lead1, AttendanceStatus.PRESENT)
    record(cecto[1], program.sessions.joint1, AttendanceStatus.PRESENT)
    record(leader, program.sessions.joint1, AttendanceStatus.PRESENT)
    HoursAdjustment.objects.create(enrollment=cecto[2], hours=1, reason="Make-up")
    enrollments = list(
        type(leader)
        .objects.filter(pk__in=[e.pk for e in [*cecto, leader]])
        .select_related("cohort__track")
    )

    # The two cohorts' sessions, then (cached under the content version) none.
    with django_assert_num_queries(3):
        ledgers_for(enrollments, today=TODAY)
    with django_assert_num_queries(1):
        ledgers = ledgers_for(enrollments, today=TODAY)

    assert [ledgers[e.pk].earned for e in cecto] == [3, 2, 1]
    assert ledgers[leader.pk].earned == 2
    assert ledgers[leader.pk].required == 20
    # The leaders' cohort has the joint meetings and its own session only.
    assert ledgers[leader.pk].scheduled_total == Decimal(9)
    assert [s.title for s in ledgers[leader.pk].joint_attended] == ["Winter"]
    assert [s.title for s in ledgers[cecto[0].pk].joint_still_required] == [
        "Winter",
        "Spring",
    ]


def test_no_enrollments_no_queries(django_assert_num_queries, db):
    with django_assert_num_queries(0):
        assert ledgers_for([], today=TODAY) == {}
