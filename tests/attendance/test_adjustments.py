"""Hours adjustments: the Program Director adds them with a reason; logged."""

from decimal import Decimal

import pytest
from django.urls import NoReverseMatch, reverse
from wagtail.models import ModelLogEntry

from attendance.models import HoursAdjustment
from tests.attendance.recording import Program
from tests.factories.curriculum import TopicAreaFactory

pytestmark = pytest.mark.django_db

ADD = reverse("hours_adjustments:add")
INDEX = reverse("hours_adjustments:index")


@pytest.fixture
def program(home_page, groups):
    return Program(home_page, groups)


@pytest.fixture
def director_client(verified_client, program):
    verified_client.sign_in(program.director)
    return verified_client


def adjustment(program, **values):
    data = {
        "enrollment": program.participant_enrollment.pk,
        "hours": "3",
        "topic_area": "",
        "reason": "Make-up session for Governance",
    }
    data.update(values)
    return data


def test_the_director_adds_an_adjustment_with_a_reason(program, director_client):
    topic = TopicAreaFactory(name="Leadership")
    response = director_client.post(ADD, adjustment(program, topic_area=topic.pk))
    assert response.status_code == 302
    (added,) = HoursAdjustment.objects.all()
    assert added.enrollment == program.participant_enrollment
    assert added.hours == Decimal("3")
    assert added.topic_area == topic
    assert added.created_by == program.director
    entry = ModelLogEntry.objects.get(object_id=str(added.pk), action="wagtail.create")
    assert entry.user == program.director


def test_a_negative_adjustment_corrects_an_earlier_credit(program, director_client):
    response = director_client.post(
        ADD, adjustment(program, hours="-1.5", reason="Correction: counted twice")
    )
    assert response.status_code == 302
    assert HoursAdjustment.objects.get().hours == Decimal("-1.5")


@pytest.mark.parametrize("reason", ["", "   "])
def test_an_adjustment_without_a_reason_is_refused(program, director_client, reason):
    response = director_client.post(ADD, adjustment(program, reason=reason))
    assert response.status_code == 200
    assert not HoursAdjustment.objects.exists()
    content = response.content.decode()
    assert "This field is required" in content or "Say why" in content


def test_an_adjustment_of_zero_hours_is_refused(program, director_client):
    response = director_client.post(ADD, adjustment(program, hours="0"))
    assert response.status_code == 200
    assert "An adjustment of 0 hours changes nothing" in response.content.decode()
    assert not HoursAdjustment.objects.exists()


def test_a_withdrawn_enrollment_cannot_be_chosen(program, director_client):
    enrollment = program.participant_enrollment
    enrollment.status = "withdrawn"
    enrollment.save()
    response = director_client.post(ADD, adjustment(program))
    assert response.status_code == 200
    assert not HoursAdjustment.objects.exists()


def test_adjustments_are_listed_per_enrollment(program, director_client):
    (other,) = program.enroll(1)
    director_client.post(ADD, adjustment(program, reason="Credit for prior learning"))
    director_client.post(
        ADD, adjustment(program, enrollment=other.pk, reason="Make-up for Budgets")
    )
    response = director_client.get(
        INDEX, {"enrollment": program.participant_enrollment.pk}
    )
    listed = [item.reason for item in response.context["object_list"]]
    assert listed == ["Credit for prior learning"]
    assert "Credit for prior learning" in response.content.decode()


def test_the_add_form_starts_with_the_enrollment_asked_for(program, director_client):
    response = director_client.get(
        ADD, {"enrollment": program.participant_enrollment.pk}
    )
    form = response.context["form"]
    assert form.initial["enrollment"] == str(program.participant_enrollment.pk)


def test_adjustments_are_never_edited_or_deleted_here(program, director_client):
    director_client.post(ADD, adjustment(program))
    added = HoursAdjustment.objects.get()
    for name in ("edit", "delete"):
        with pytest.raises(NoReverseMatch):
            reverse(f"hours_adjustments:{name}", args=[added.pk])


@pytest.mark.parametrize("who", ["faculty_user", "participant"])
def test_faculty_and_participants_may_not_adjust_hours(program, verified_client, who):
    verified_client.sign_in(getattr(program, who))
    response = verified_client.post(ADD, adjustment(program))
    assert response.status_code in (302, 403)
    assert not HoursAdjustment.objects.exists()
    assert verified_client.get(INDEX).status_code in (302, 403)


def test_anonymous_visitors_are_sent_to_sign_in(program, client):
    response = client.post(ADD, adjustment(program))
    assert response.status_code == 302
    assert "login" in response["Location"] or "accounts" in response["Location"]
    assert not HoursAdjustment.objects.exists()


def test_the_adjustments_list_is_flat_from_5_to_50_enrollments(
    program, director_client
):
    from tests.querycount import count_queries

    for enrollment in program.enroll(4):
        director_client.post(ADD, adjustment(program, enrollment=enrollment.pk))
    small = count_queries(director_client, INDEX)
    for enrollment in program.enroll(45):
        director_client.post(ADD, adjustment(program, enrollment=enrollment.pk))
    large = count_queries(director_client, INDEX)
    assert large == small
