"""After a decision, reviewers land on what still awaits them; the dashboard lists
what awaits each reviewer, oldest first, with its age."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from wagtail.models import TaskState

from people.roles import FACULTY, PROGRAM_DIRECTOR, sync_roles
from submissions.admin_views import awaiting_review
from submissions.workflows import sync_workflows
from tests.factories.core import UserFactory
from tests.factories.curriculum import CurriculumIndexPageFactory, ModulePageFactory
from tests.two_factor import sign_in_verified

pytestmark = pytest.mark.django_db


@pytest.fixture
def curriculum(home_page, groups):
    index = CurriculumIndexPageFactory(parent=home_page)
    sync_roles()
    sync_workflows()
    return index


@pytest.fixture
def people(groups):
    faculty = UserFactory(username="farrah")
    faculty.groups.add(groups[FACULTY])
    author = UserFactory(username="felix", first_name="Felix", last_name="Ford")
    author.groups.add(groups[FACULTY])
    director = UserFactory(username="dana")
    director.groups.add(groups[PROGRAM_DIRECTOR])
    return {"faculty": faculty, "author": author, "director": director}


def submitted(curriculum, author, title, days_ago=0):
    module = ModulePageFactory(parent=curriculum, title=title, live=False)
    module.save_revision(user=author)
    module.get_workflow().start(module, author)
    TaskState.objects.filter(workflow_state__object_id=str(module.pk)).update(
        started_at=timezone.now() - datetime.timedelta(days=days_ago, minutes=1)
    )
    return module


def test_faculty_approving_lands_on_the_dashboard_with_what_they_did_and_what_remains(
    client, curriculum, people
):
    first = submitted(curriculum, people["author"], "Data governance", days_ago=3)
    submitted(curriculum, people["author"], "Budgeting", days_ago=1)
    submitted(curriculum, people["author"], "Cybersecurity")
    task_state = first.current_workflow_task_state
    sign_in_verified(client, people["faculty"])

    response = client.post(
        reverse(
            "wagtailadmin_pages:workflow_action",
            args=(first.pk, "approve", task_state.pk),
        ),
        {"comment": ""},
        follow=True,
    )

    assert response.redirect_chain[-1][0] == reverse("wagtailadmin_home")
    assert [str(m) for m in response.context["messages"]] == [
        "You approved 'Data governance'. 2 items still await your review."
    ]


def test_faculty_requesting_changes_on_the_last_item_is_told_nothing_else_awaits(
    client, curriculum, people
):
    module = submitted(curriculum, people["author"], "Data governance")
    task_state = module.current_workflow_task_state
    sign_in_verified(client, people["faculty"])

    response = client.post(
        reverse(
            "wagtailadmin_pages:workflow_action",
            args=(module.pk, "reject", task_state.pk),
        ),
        {"comment": "Add the session plan."},
        follow=True,
    )

    assert [str(m) for m in response.context["messages"]] == [
        "You requested changes to 'Data governance'. Nothing else awaits your review."
    ]


def test_reviewer_cannot_read_the_landing_of_someone_elses_decision(
    client, curriculum, people
):
    module = submitted(curriculum, people["author"], "Data governance")
    task_state = module.current_workflow_task_state
    task_state.approve(user=people["faculty"])
    sign_in_verified(client, people["director"])

    response = client.get(reverse("review_done", args=(task_state.pk,)))

    assert response.status_code == 404


def test_dashboard_lists_what_awaits_the_reviewer_oldest_first_with_its_age(
    client, curriculum, people
):
    submitted(curriculum, people["author"], "Budgeting", days_ago=1)
    submitted(curriculum, people["author"], "Data governance", days_ago=3)
    sign_in_verified(client, people["faculty"])

    html = client.get(reverse("wagtailadmin_home")).content.decode()

    assert 'id="awaiting-review-section"' in html
    assert html.index("Data governance") < html.index("Budgeting")
    assert "waiting 3\xa0days" in html
    assert "waiting 1\xa0day" in html
    assert "Felix Ford" in html


def test_the_submitter_sees_no_awaiting_review_panel(client, curriculum, people):
    submitted(curriculum, people["author"], "Budgeting")
    sign_in_verified(client, people["author"])

    html = client.get(reverse("wagtailadmin_home")).content.decode()

    assert 'id="awaiting-review-section"' not in html


def test_what_awaits_review_takes_the_same_queries_for_one_item_or_many(
    curriculum, people
):
    submitted(curriculum, people["author"], "Module 1")
    faculty = UserFactory(username="fresh")
    faculty.groups.set(people["faculty"].groups.all())
    with CaptureQueriesContext(connection) as one:
        assert len(awaiting_review(faculty)) == 1
    for number in range(2, 7):
        submitted(curriculum, people["author"], f"Module {number}")
    faculty = type(faculty).objects.get(pk=faculty.pk)
    with CaptureQueriesContext(connection) as many:
        assert len(awaiting_review(faculty)) == 6
    assert len(many) == len(one)
    assert len(many) <= 12
