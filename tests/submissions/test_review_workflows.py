"""The review workflows: tasks, attachment, the rubric, and who may do what in the admin."""

import pytest
from django.contrib.auth.models import Group
from wagtail.models import TaskState, Workflow, WorkflowState

from people.roles import FACULTY, PROGRAM_DIRECTOR, sync_roles
from submissions.forms import ApproveRubricForm, RequestChangesRubricForm
from submissions.models import FacultyReviewTask, ReviewTask, RubricTaskState
from submissions.workflows import BEST_PRACTICE_REVIEW, MODULE_REVIEW, sync_workflows
from tests.factories.case_studies import (
    BestPracticeIndexPageFactory,
    BestPracticePageFactory,
)
from tests.factories.core import UserFactory
from tests.factories.curriculum import CurriculumIndexPageFactory, ModulePageFactory
from tests.factories.people import CohortFactory
from tests.two_factor import sign_in_verified

pytestmark = pytest.mark.django_db


@pytest.fixture
def sections(home_page, groups):
    curriculum = CurriculumIndexPageFactory(parent=home_page)
    practices = BestPracticeIndexPageFactory(parent=home_page)
    workflows = sync_workflows()
    sync_roles()  # page permissions for the sections just made
    return {"curriculum": curriculum, "practices": practices, **workflows}


@pytest.fixture
def people(groups):
    faculty = UserFactory(username="farrah", email="farrah@example.org")
    faculty.groups.add(groups[FACULTY])
    director = UserFactory(username="dana", email="dana@example.org")
    director.groups.add(groups[PROGRAM_DIRECTOR], groups[FACULTY])
    participant = UserFactory(username="parker", email="parker@example.org")
    participant.groups.add(groups["Participants"])
    return {"faculty": faculty, "director": director, "participant": participant}


def submit(page, user):
    page.save_revision(user=user)
    return page.get_workflow().start(page, user)


def test_workflows_are_built_as_the_program_reviews(sections):
    module_tasks = [t.specific for t in sections["module_review"].tasks]
    practice_tasks = [t.specific for t in sections["best_practice_review"].tasks]
    # Group approval where nobody reviews their own work (test_no_self_review.py).
    assert [type(t) for t in module_tasks] == [ReviewTask, ReviewTask]
    assert [type(t) for t in practice_tasks] == [FacultyReviewTask, ReviewTask]
    assert [list(t.groups.values_list("name", flat=True)) for t in practice_tasks] == [
        [FACULTY],
        [PROGRAM_DIRECTOR],
    ]
    assert sections["curriculum"].get_workflow().name == MODULE_REVIEW
    assert sections["practices"].get_workflow().name == BEST_PRACTICE_REVIEW


def test_sync_workflows_is_idempotent(sections):
    before = (Workflow.objects.count(), FacultyReviewTask.objects.count())
    sync_workflows()
    assert (Workflow.objects.count(), FacultyReviewTask.objects.count()) == before


def test_modules_under_the_curriculum_go_through_module_review(sections):
    module = ModulePageFactory(parent=sections["curriculum"])
    assert module.get_workflow().name == MODULE_REVIEW


def test_faculty_review_records_the_rubric_with_the_decision(sections, people):
    page = BestPracticePageFactory(
        parent=sections["practices"],
        live=False,
        cohort=CohortFactory(year=2027),
        owner=people["participant"],
    )
    workflow_state = submit(page, people["participant"])
    task_state = workflow_state.current_task_state.specific
    assert isinstance(task_state, RubricTaskState)

    task_state.task.specific.on_action(
        task_state,
        people["faculty"],
        "reject",
        comment="Add evidence from your district.",
        relevance=3,
        evidence=1,
        transferability=3,
        clarity=4,
    )
    task_state.refresh_from_db()
    assert task_state.status == TaskState.STATUS_REJECTED
    assert task_state.comment == "Add evidence from your district."
    assert task_state.scores[1][1] == 1 and task_state.total == 11
    workflow_state.refresh_from_db()
    assert workflow_state.status == WorkflowState.STATUS_NEEDS_CHANGES
    page.refresh_from_db()
    assert not page.live


def test_rubric_forms_require_every_score_and_a_comment_for_changes():
    scores = {"relevance": 3, "evidence": 2, "transferability": 3, "clarity": 3}
    assert ApproveRubricForm(data=scores).is_valid()
    assert not ApproveRubricForm(data={**scores, "clarity": ""}).is_valid()
    assert not ApproveRubricForm(data={**scores, "clarity": 5}).is_valid()
    assert not RequestChangesRubricForm(data=scores).is_valid()
    assert RequestChangesRubricForm(
        data={**scores, "comment": "Tighten it."}
    ).is_valid()


def test_only_faculty_can_act_on_the_faculty_review(sections, people):
    page = BestPracticePageFactory(parent=sections["practices"], live=False)
    task_state = submit(page, people["participant"]).current_task_state.specific
    task = task_state.task.specific
    assert [
        name for name, _label, modal in task.get_actions(page, people["faculty"])
    ] == [
        "reject",
        "approve",
    ]
    assert all(modal for _n, _l, modal in task.get_actions(page, people["faculty"]))
    assert task.get_actions(page, people["participant"]) == []


def test_director_approval_publishes_after_faculty_approval(sections, people):
    page = BestPracticePageFactory(parent=sections["practices"], live=False)
    workflow_state = submit(page, people["participant"])
    faculty_state = workflow_state.current_task_state.specific
    faculty_state.task.specific.on_action(
        faculty_state,
        people["faculty"],
        "approve",
        comment="",
        relevance=4,
        evidence=4,
        transferability=3,
        clarity=4,
    )
    workflow_state.refresh_from_db()
    director_state = workflow_state.current_task_state.specific
    assert director_state.task.name == "Program Director approval"
    assert director_state.task.specific.get_actions(page, people["faculty"]) == []
    director_state.task.specific.on_action(
        director_state, people["director"], "approve"
    )
    page.refresh_from_db()
    assert page.live


def test_rubric_summary_averages_decided_reviews_per_cohort(sections, people):
    cohort = CohortFactory(year=2027)
    for evidence in (2, 4):
        page = BestPracticePageFactory(
            parent=sections["practices"], live=False, cohort=cohort
        )
        state = submit(page, people["participant"]).current_task_state.specific
        state.task.specific.on_action(
            state,
            people["faculty"],
            "approve",
            comment="",
            relevance=4,
            evidence=evidence,
            transferability=3,
            clarity=4,
        )
    summary = RubricTaskState.summary_by_cohort()
    assert summary == {
        2027: {
            "reviews": 2,
            "rounds": 2,
            "relevance": 4.0,
            "evidence": 3.0,
            "transferability": 3.0,
            "clarity": 4.0,
        }
    }


def test_groups_hold_exactly_their_declared_permissions(groups):
    faculty = {
        f"{p.content_type.app_label}.{p.codename}"
        for p in Group.objects.get(name=FACULTY).permissions.all()
    }
    assert "wagtailadmin.access_admin" in faculty
    assert not any(name.startswith("people.change") for name in faculty)
    assert not Group.objects.get(name="Participants").permissions.exists()
    assert not Group.objects.get(name="Superintendents").permissions.exists()


def test_faculty_see_the_rubric_summary_report(client, sections, people):
    page = BestPracticePageFactory(
        parent=sections["practices"], live=False, cohort=CohortFactory(year=2027)
    )
    state = submit(page, people["participant"]).current_task_state.specific
    state.task.specific.on_action(
        state,
        people["faculty"],
        "approve",
        comment="",
        relevance=4,
        evidence=2,
        transferability=3,
        clarity=4,
    )
    sign_in_verified(client, people["faculty"])
    response = client.get("/admin/reports/rubric/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "2027" in html and "2.00" in html and "Transferability" in html


def test_participants_cannot_open_the_rubric_summary(client, people):
    client.force_login(people["participant"])
    response = client.get("/admin/reports/rubric/")
    assert response.status_code in (302, 403)
