"""Graduation (credentials/graduation.py and graduation_views.py): the happy path
(status, date, credential, e-mail, log), refused without a reason and allowed with
one, bad input (withdrawn, not in the cohort, twice), undo, and who may do what."""

import datetime

import pytest
from django.core import mail
from wagtail.models import ModelLogEntry

from attendance.choices import AttendanceStatus
from credentials.graduation import (
    UNDONE_REASON,
    GraduationRefused,
    graduate,
    undo_graduation,
)
from credentials.models import CompletionRules, Credential, Graduation
from people.choices import EnrollmentStatus
from people.roles import FACULTY, PARTICIPANTS
from tests.attendance.test_ledger import build_program, record
from tests.factories.core import UserFactory
from tests.factories.people import (
    EnrollmentFactory,
    FacultyFactory,
    ParticipantFactory,
)
from tests.two_factor import sign_in

pytestmark = pytest.mark.django_db

DAY = datetime.date(2030, 5, 30)


@pytest.fixture
def program(home_page):
    program = build_program(home_page)
    CompletionRules.objects.filter(track=program.cecto).update(
        required_hours=10, required_joint_meetings=1, requires_best_practice=False
    )
    return program


def member(cohort, first_name, **kwargs):
    person = ParticipantFactory(
        first_name=first_name,
        last_name="Example",
        email=f"{first_name.lower()}@district.example",
    )
    return EnrollmentFactory(person=person, cohort=cohort, **kwargs)


@pytest.fixture
def ada(program):
    """Met every rule: 13 hours and one joint meeting."""
    enrollment = member(program.cohort, "Ada")
    s = program.sessions
    for session in (s.lead2, s.data2, s.joint1):
        record(enrollment, session, AttendanceStatus.PRESENT)
    return enrollment


@pytest.fixture
def ben(program):
    """Met no rule."""
    return member(program.cohort, "Ben")


@pytest.fixture
def wes(program):
    return member(program.cohort, "Wes", status=EnrollmentStatus.WITHDRAWN)


def logged(enrollment, action="credentials.graduate"):
    return ModelLogEntry.objects.filter(
        action=action, object_id=str(enrollment.pk)
    ).first()


def reload(*enrollments):
    for enrollment in enrollments:
        enrollment.refresh_from_db()


def nothing_written(*enrollments):
    reload(*enrollments)
    assert all(e.status != EnrollmentStatus.COMPLETED for e in enrollments)
    assert not Credential.objects.exists() and not Graduation.objects.exists()
    assert mail.outbox == []


# --- The service --------------------------------------------------------------------


def test_graduation_completes_issues_emails_and_logs(program, ada, director):
    graduation = graduate(program.cohort, {ada.pk: ""}, DAY, director)
    reload(ada)
    assert (ada.status, ada.completed_on) == (EnrollmentStatus.COMPLETED, DAY)
    credential = Credential.objects.get(enrollment=ada)
    assert credential.issued_on == DAY and credential.issued_by == director
    assert graduation.entries.get().enrollment == ada
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["ada@district.example"]
    assert f"http://testserver/credentials/{credential.identifier}/" in message.body
    entry = logged(ada)
    assert entry.user == director and entry.data["reason"] == ""
    assert entry.data["credential"] == credential.identifier


def test_not_met_without_a_reason_is_refused_and_nothing_written(
    program, ada, ben, director
):
    with pytest.raises(GraduationRefused) as refused:
        graduate(program.cohort, {ada.pk: "", ben.pk: "  "}, DAY, director)
    assert set(refused.value.errors) == {ben.pk}
    assert "Ben Example has not met every rule" in refused.value.errors[ben.pk]
    assert "0 of 10 hours" in refused.value.errors[ben.pk]
    nothing_written(ada, ben)


def test_not_met_with_a_reason_graduates_and_records_it(program, ben, director):
    reason = "Completed the hours at the 2029 summer institute."
    graduate(program.cohort, {ben.pk: reason}, DAY, director)
    reload(ben)
    assert ben.status == EnrollmentStatus.COMPLETED
    entry = ben.graduation_entries.get()
    assert entry.reason == reason and "0 of 10 hours" in entry.unmet_rules
    assert logged(ben).data["reason"] == reason


def test_a_reason_is_not_kept_for_someone_who_met_every_rule(program, ada, director):
    graduate(program.cohort, {ada.pk: "Not needed"}, DAY, director)
    assert ada.graduation_entries.get().reason == ""


def test_withdrawn_and_other_cohorts_are_refused(program, ada, wes, director):
    stranger = member(program.leaders_cohort, "Stan")
    with pytest.raises(GraduationRefused) as refused:
        graduate(
            program.cohort,
            {ada.pk: "", wes.pk: "x", stranger.pk: "x"},
            DAY,
            director,
        )
    assert "has withdrawn" in refused.value.errors[wes.pk]
    assert "not in" in refused.value.errors[stranger.pk]
    nothing_written(ada, wes, stranger)


def test_graduating_twice_creates_nothing_new(program, ada, director):
    graduate(program.cohort, {ada.pk: ""}, DAY, director)
    assert graduate(program.cohort, {ada.pk: ""}, DAY, director) is None
    assert Credential.objects.count() == 1 and Graduation.objects.count() == 1
    assert len(mail.outbox) == 1


def test_no_date_or_nobody_is_refused(program, ada, director):
    with pytest.raises(GraduationRefused):
        graduate(program.cohort, {ada.pk: ""}, None, director)
    with pytest.raises(GraduationRefused):
        graduate(program.cohort, {}, DAY, director)
    nothing_written(ada)


def test_undo_enrolls_again_revokes_and_logs_then_graduating_reinstates(
    program, ada, director
):
    graduate(program.cohort, {ada.pk: ""}, DAY, director)
    assert undo_graduation([ada], director) == 1
    reload(ada)
    assert (ada.status, ada.completed_on) == (EnrollmentStatus.ENROLLED, None)
    credential = Credential.objects.get(enrollment=ada)
    assert credential.is_revoked and credential.revoked_reason == UNDONE_REASON
    assert ada.graduation_entries.get().undone_by == director
    assert logged(ada, "credentials.graduation_undone").user == director
    assert undo_graduation([ada], director) == 0

    later = DAY + datetime.timedelta(days=1)
    graduate(program.cohort, {ada.pk: ""}, later, director)
    credential.refresh_from_db()
    assert not credential.is_revoked and credential.issued_on == later
    assert Credential.objects.count() == 1


# --- The screens --------------------------------------------------------------------


def url(program, suffix=""):
    return f"/admin/graduation/{program.cohort.pk}/{suffix}"


@pytest.fixture
def teaching_faculty(groups, program):
    """A faculty member who leads one of the cohort's sessions."""
    user = UserFactory(username="fran")
    user.groups.add(groups[FACULTY])
    program.sessions.lead1.faculty = FacultyFactory(user=user)
    program.sessions.lead1.save()
    return user


def signed_in(client, request, groups, role):
    if role == "participant":
        user = UserFactory(username="pat")
        user.groups.add(groups[PARTICIPANTS])
        sign_in(client, user)
    elif role != "anonymous":
        sign_in(client, request.getfixturevalue(role))
    return client


@pytest.mark.parametrize(
    ("role", "sees", "graduates"),
    [
        ("anonymous", False, False),
        ("participant", False, False),
        ("faculty", False, False),  # teaches nothing in this cohort
        ("teaching_faculty", True, False),
        ("director", True, True),
        ("superuser", True, True),
    ],
)
def test_graduation_screens_per_role(
    client, request, groups, program, ada, role, sees, graduates
):
    client = signed_in(client, request, groups, role)
    response = client.get(url(program))
    assert (response.status_code == 200) is sees
    if sees:
        html = response.content.decode()
        assert "Ada Example" in html and "13 of 10 hours" in html
        assert ('name="graduate"' in html) is graduates
        index = client.get("/admin/graduation/").content.decode()
        assert str(program.cohort) in index
    else:
        assert b"Ada Example" not in response.content
    response = client.post(
        url(program), {"graduate": [ada.pk], "graduated_on": "2030-05-30"}
    )
    assert response.status_code in ((200,) if graduates else (302, 403))
    response = client.post(
        url(program),
        {"graduate": [ada.pk], "graduated_on": "2030-05-30", "step": "confirm"},
    )
    reload(ada)
    assert (ada.status == EnrollmentStatus.COMPLETED) is graduates
    undo = client.post(url(program, "undo/"), {"enrollment": ada.pk})
    assert undo.status_code in (302, 403)
    reload(ada)
    assert ada.status == EnrollmentStatus.ENROLLED


def test_director_reviews_then_confirms(client, director, program, ada, ben):
    sign_in(client, director)
    page = client.get(url(program)).content.decode()
    assert f'value="{ada.pk}" id="graduate-{ada.pk}" checked' in page
    assert f'value="{ben.pk}" id="graduate-{ben.pk}">' in page  # not met: unchosen
    review = client.post(
        url(program), {"graduate": [ada.pk], "graduated_on": "2030-05-30"}
    )
    assert review.status_code == 200
    assert "Yes, confirm the graduation" in review.content.decode()
    nothing_written(ada)  # the review step writes nothing
    done = client.post(
        url(program),
        {"graduate": [ada.pk], "graduated_on": "2030-05-30", "step": "confirm"},
    )
    assert done.status_code == 302
    reload(ada)
    assert ada.status == EnrollmentStatus.COMPLETED


def test_screen_refuses_a_person_without_a_reason_with_their_error(
    client, director, program, ada, ben
):
    sign_in(client, director)
    response = client.post(
        url(program),
        {
            "graduate": [ada.pk, ben.pk],
            "graduated_on": "2030-05-30",
            "step": "confirm",
        },
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "Nothing was saved." in html
    assert f'aria-describedby="error-{ben.pk}"' in html
    nothing_written(ada, ben)
    response = client.post(
        url(program),
        {
            "graduate": [ben.pk],
            f"reason-{ben.pk}": "Hours earned at another institute.",
            "graduated_on": "2030-05-30",
            "step": "confirm",
        },
    )
    assert response.status_code == 302
    reload(ben)
    assert ben.status == EnrollmentStatus.COMPLETED


def test_screen_refuses_a_tampered_post(client, director, program, ada):
    sign_in(client, director)
    stranger = member(program.leaders_cohort, "Stan")
    for data in (
        {"graduate": [stranger.pk], "graduated_on": "2030-05-30", "step": "confirm"},
        {"graduate": ["x"], "graduated_on": "2030-05-30", "step": "confirm"},
        {"graduate": [ada.pk], "graduated_on": "not a date", "step": "confirm"},
    ):
        assert client.post(url(program), data).status_code == 400
    nothing_written(ada, stranger)


def test_director_undoes_the_cohorts_last_graduation(client, director, program, ada):
    graduate(program.cohort, {ada.pk: ""}, DAY, director)
    sign_in(client, director)
    confirm = client.get(url(program, "undo/"))
    assert "Ada Example" in confirm.content.decode()
    reload(ada)
    assert ada.status == EnrollmentStatus.COMPLETED  # asking changes nothing
    assert client.post(url(program, "undo/")).status_code == 302
    reload(ada)
    assert ada.status == EnrollmentStatus.ENROLLED
    assert Credential.objects.get(enrollment=ada).is_revoked


def test_cohort_screen_query_count_does_not_grow(client, director, program):
    from tests.querycount import count_queries

    sign_in(client, director)
    for n in range(3):
        member(program.cohort, f"Few{n}")
    few = count_queries(client, url(program))
    for n in range(20):
        member(program.cohort, f"Many{n}")
    assert count_queries(client, url(program)) == few


def test_site_history_reads_graduation_and_undo(client, director, program, ben):
    graduate(
        program.cohort, {ben.pk: "Hours from the summer institute."}, DAY, director
    )
    undo_graduation([ben], director)
    sign_in(client, director)
    html = client.get("/admin/reports/site-history/").content.decode()
    assert "Graduated on 2030-05-30." in html
    assert "Reason: Hours from the summer institute." in html
    assert "Graduation undone; the credential is revoked." in html


@pytest.mark.parametrize(
    ("role", "shown"),
    [("other_participant", False), ("faculty", True), ("director", True)],
)
def test_graduation_is_in_the_menu_for_staff(request, role, shown):
    from django.test import RequestFactory
    from wagtail.admin.menu import admin_menu

    http_request = RequestFactory().get("/admin/")
    http_request.user = request.getfixturevalue(role)
    names = [i.name for i in admin_menu.menu_items_for_request(http_request)]
    assert ("graduation" in names) is shown
