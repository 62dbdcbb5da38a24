"""Who may write and edit best practices on the public site, and what they never can do."""

import pytest
from django.test import Client
from wagtail.models import Page, WorkflowState

from case_studies.models import BestPracticePage
from tests.factories.core import UserFactory
from tests.factories.people import PersonFactory
from tests.submissions.conftest import make_participant
from tests.two_factor import sign_in_verified

pytestmark = pytest.mark.django_db

SUBMIT_URL = "/best-practices/submit/"


def edit_url(page):
    return f"/best-practices/submissions/{page.pk}/edit/"


def create(client, program, action="save", title="Mentoring new directors", **extra):
    token = client.get(SUBMIT_URL).context["form"]["form_token"].value()
    data = {
        "form_token": token,
        "title": title,
        "intro": "Pairs of directors.",
        "topic_areas": [program["topics"][0].pk],
        "body": "<p>Monthly calls.</p>",
        "action": action,
        **extra,
    }
    assert client.post(SUBMIT_URL, data).status_code == 302
    return BestPracticePage.objects.get(title=title)


def edit_data(program=None, **overrides):
    data = {
        "topic_areas": [program["topics"][1].pk] if program else [],
        "title": "Mentoring new directors, revised",
        "intro": "Pairs of directors, with evidence.",
        "body": "<p>Monthly calls; retention rose.</p>",
        "action": "save",
    }
    data.update(overrides)
    return data


def reject(page, faculty):
    task_state = page.current_workflow_state.current_task_state
    task_state.specific.task.specific.on_action(
        task_state,
        faculty,
        "reject",
        comment="Add evidence",
        relevance=3,
        evidence=2,
        transferability=3,
        clarity=3,
    )


def test_anonymous_visitors_are_sent_to_sign_in(client, program):
    assert client.get("/dashboard/").url == "/accounts/login/?next=/dashboard/"
    response = client.get(SUBMIT_URL)
    assert response.url == f"/accounts/login/?next={SUBMIT_URL}"


def test_best_practices_listing_stays_a_wagtail_page(client, program):
    response = client.get("/best-practices/")
    assert response.status_code == 200
    assert response.context["page"].pk == program["index"].pk


def test_a_user_without_a_person_record_cannot_submit(client, groups, program):
    user = UserFactory()
    user.groups.add(groups["Participants"])
    client.force_login(user)
    response = client.get(SUBMIT_URL)
    assert response.status_code == 403
    assert "Only participants in the program" in response.content.decode()


def test_a_person_outside_the_participants_group_cannot_submit(client, program):
    user = UserFactory()
    PersonFactory(user=user)
    client.force_login(user)
    assert client.get(SUBMIT_URL).status_code == 403
    assert client.post(SUBMIT_URL, {"title": "x"}).status_code == 403
    assert not BestPracticePage.objects.exists()


def test_faculty_cannot_use_the_participant_form(client, reviewers, program):
    sign_in_verified(client, reviewers["faculty"])
    assert client.get(SUBMIT_URL).status_code == 403


def test_participant_edits_their_draft(author_client, program):
    page = create(author_client, program)
    response = author_client.get(edit_url(page))
    assert response.status_code == 200
    assert response.context["form"]["title"].value() == "Mentoring new directors"
    response = author_client.post(edit_url(page), edit_data(), follow=True)
    assert "Your draft is saved." in response.content.decode()
    page.refresh_from_db()
    assert page.draft_title == "Mentoring new directors, revised"
    assert page.get_latest_revision_as_object().intro == (
        "Pairs of directors, with evidence."
    )
    assert not page.live


def test_a_co_author_can_edit_the_draft(client, author_client, program, classmate):
    page = create(author_client, program, co_authors=[classmate.person.pk])
    client.force_login(classmate)
    assert client.get(edit_url(page)).status_code == 200
    assert client.post(edit_url(page), edit_data()).status_code == 302
    page.refresh_from_db()
    assert page.owner.username == "parker"
    assert {a.person.user.username for a in page.authors.all()} == {"parker", "quinn"}


def test_participant_cannot_edit_another_participants_draft(
    client, author_client, program, groups
):
    page = create(author_client, program)
    stranger = make_participant(groups, program["cohort"], "sam")
    client.force_login(stranger)
    assert client.get(edit_url(page)).status_code == 403
    response = client.post(edit_url(page), edit_data())
    assert response.status_code == 403
    page.refresh_from_db()
    assert page.draft_title == "Mentoring new directors"


def test_participant_cannot_edit_while_in_review(author_client, program):
    page = create(author_client, program, action="submit")
    revisions = page.revisions.count()
    response = author_client.get(edit_url(page))
    assert response.status_code == 403
    assert "This is with reviewers" in response.content.decode()
    response = author_client.post(edit_url(page), edit_data(program, action="submit"))
    assert response.status_code == 403
    assert page.revisions.count() == revisions
    assert WorkflowState.objects.count() == 1
    page.refresh_from_db()
    assert page.draft_title == "Mentoring new directors"


def test_resubmission_after_changes_requested(author_client, program, reviewers):
    page = create(author_client, program, action="submit")
    state = page.current_workflow_state
    reject(page, reviewers["faculty"])
    state.refresh_from_db()
    assert state.status == WorkflowState.STATUS_NEEDS_CHANGES

    response = author_client.get(edit_url(page))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Changes requested" in html and "Add evidence" in html

    response = author_client.post(edit_url(page), edit_data(program, action="submit"))
    assert response.status_code == 302
    state.refresh_from_db()
    assert state.status == WorkflowState.STATUS_IN_PROGRESS
    assert WorkflowState.objects.count() == 1
    task_state = state.current_task_state
    assert task_state.status == "in_progress"
    assert task_state.task.name == "Faculty review"
    page.refresh_from_db()
    assert task_state.revision == page.get_latest_revision()
    assert task_state.revision.as_object().title == "Mentoring new directors, revised"
    page.refresh_from_db()
    assert not page.live
    # Once resubmitted, it is with reviewers again.
    assert author_client.get(edit_url(page)).status_code == 403


def test_saving_changes_after_a_request_keeps_it_with_the_participant(
    author_client, program, reviewers
):
    page = create(author_client, program, action="submit")
    reject(page, reviewers["faculty"])
    author_client.post(edit_url(page), edit_data(action="save"))
    assert page.current_workflow_state.status == WorkflowState.STATUS_NEEDS_CHANGES


def test_published_best_practices_are_not_edited_by_participants(
    author_client, program
):
    page = create(author_client, program)
    page.get_latest_revision().publish()
    response = author_client.get(edit_url(page))
    assert response.status_code == 403
    assert "changed by program staff" in response.content.decode()


def test_participant_actions_never_publish(author_client, program, reviewers):
    page = create(author_client, program)
    assert not Page.objects.get(pk=page.pk).live
    author_client.post(edit_url(page), edit_data())
    assert not Page.objects.get(pk=page.pk).live
    author_client.post(edit_url(page), edit_data(program, action="submit"))
    assert not Page.objects.get(pk=page.pk).live
    reject(page, reviewers["faculty"])
    author_client.post(edit_url(page), edit_data(program, action="submit"))
    assert not Page.objects.get(pk=page.pk).live
    assert not Page.objects.filter(live=True, pk=page.pk).exists()


def test_there_is_no_open_sign_up(client, home_page):
    assert client.get("/accounts/signup/").status_code == 404
    assert client.get("/accounts/register/").status_code == 404


def test_sign_in_and_sign_out(client, author, program):
    response = client.post(
        "/accounts/login/",
        {"username": "parker", "password": "password", "next": "/dashboard/"},
    )
    assert response.url == "/dashboard/"
    assert client.get("/dashboard/").status_code == 200
    client.post("/accounts/logout/")
    assert client.get("/dashboard/").status_code == 302


def test_forgotten_password_is_reset_by_e_mail(client, author, home_page, mailoutbox):
    page = client.get("/accounts/password-reset/")
    assert page.status_code == 200
    assert page.content.decode().count("<h1") == 1
    response = client.post(
        "/accounts/password-reset/", {"email": author.email}, follow=True
    )
    assert "Check your e-mail" in response.content.decode()
    assert len(mailoutbox) == 1
    message = mailoutbox[0]
    assert message.subject == "Reset your CeCTO Portal password"
    link = next(
        line
        for line in message.body.splitlines()
        if "/accounts/password-reset/" in line
    )
    assert link.startswith("http://testserver/accounts/password-reset/")
    assert "/admin/" not in message.body
    response = client.get(link.replace("http://testserver", ""), follow=True)
    assert "Choose a new password" in response.content.decode()
    response = client.post(
        response.redirect_chain[-1][0],
        {"new_password1": "a-Long-new-pass-42", "new_password2": "a-Long-new-pass-42"},
        follow=True,
    )
    assert "Your password is changed" in response.content.decode()
    author.refresh_from_db()
    assert author.check_password("a-Long-new-pass-42")


def test_sign_in_page_links_to_password_reset(client, home_page):
    assert (
        "/accounts/password-reset/" in client.get("/accounts/login/").content.decode()
    )


def test_an_unknown_address_gets_the_same_answer_and_no_e_mail(
    client, home_page, mailoutbox
):
    response = client.post(
        "/accounts/password-reset/", {"email": "nobody@example.org"}, follow=True
    )
    assert "Check your e-mail" in response.content.decode()
    assert mailoutbox == []


def test_anonymous_client_cannot_post_to_edit(program, author_client):
    page = create(author_client, program)
    response = Client().post(edit_url(page), edit_data())
    assert response.status_code == 302
    page.refresh_from_db()
    assert page.draft_title == "Mentoring new directors"
