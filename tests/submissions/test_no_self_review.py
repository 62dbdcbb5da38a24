"""Nobody approves their own work: at every review step, whatever their groups, the
submitter gets no action, cannot POST one, and is not listed as a reviewer."""

import pytest
from django.core import mail
from django.urls import reverse
from wagtail.models import GroupApprovalTask, Task, TaskState

from case_studies.models import BestPracticeAuthor
from people.roles import FACULTY, PARTICIPANTS, PROGRAM_DIRECTOR, sync_roles
from submissions.models import FacultyReviewTask, ReviewTask
from submissions.workflows import (
    DIRECTOR_APPROVAL_TASK,
    PEER_REVIEW_TASK,
    adopt_group_approval_task,
    sync_workflows,
)
from tests.factories.case_studies import (
    BestPracticeIndexPageFactory,
    BestPracticePageFactory,
)
from tests.factories.core import UserFactory
from tests.factories.curriculum import CurriculumIndexPageFactory, ModulePageFactory
from tests.factories.people import ParticipantFactory
from tests.two_factor import sign_in_verified

pytestmark = pytest.mark.django_db

RUBRIC = {"relevance": "3", "evidence": "3", "transferability": "3", "clarity": "3"}


@pytest.fixture
def sections(home_page, groups):
    curriculum = CurriculumIndexPageFactory(parent=home_page)
    practices = BestPracticeIndexPageFactory(parent=home_page)
    sync_roles()
    sync_workflows()
    return {"curriculum": curriculum, "practices": practices}


@pytest.fixture
def people(groups):
    def user(username, *group_names, **kwargs):
        account = UserFactory(
            username=username, email=f"{username}@example.org", **kwargs
        )
        account.groups.add(*(groups[name] for name in group_names))
        return account

    return {
        "faculty": user("farrah", FACULTY),
        "faculty2": user("felix", FACULTY),
        "director": user("dana", PROGRAM_DIRECTOR),
        "director_faculty": user("drew", PROGRAM_DIRECTOR, FACULTY),
        "director2": user("dora", PROGRAM_DIRECTOR, FACULTY),
        "admin": user("root", is_superuser=True, is_staff=True),
        "participant": user("parker", PARTICIPANTS),
    }


def submit(page, user):
    page.save_revision(user=user)
    return page.get_workflow().start(page, user)


def approve(page, user, **kwargs):
    task_state = page.current_workflow_task_state
    task_state.task.specific.on_action(task_state, user, "approve", **kwargs)


def module_at(sections, people, step, submitter):
    module = ModulePageFactory(parent=sections["curriculum"], live=False)
    submit(module, people[submitter])
    if step == DIRECTOR_APPROVAL_TASK:
        approve(module, people["faculty2"])
    module.refresh_from_db()
    assert module.current_workflow_task.name == step
    return module


def practice_at_faculty_review(sections, people, submitter):
    practice = BestPracticePageFactory(
        parent=sections["practices"], live=False, owner=people["participant"]
    )
    submit(practice, people[submitter])
    return practice


# (step, submitter, another member who can act)
CASES = [
    (PEER_REVIEW_TASK, "faculty", "faculty2"),
    (PEER_REVIEW_TASK, "director_faculty", "faculty"),
    (PEER_REVIEW_TASK, "admin", "faculty"),
    (DIRECTOR_APPROVAL_TASK, "director", "director2"),
    (DIRECTOR_APPROVAL_TASK, "director_faculty", "director"),
    (DIRECTOR_APPROVAL_TASK, "admin", "director"),
]


@pytest.mark.parametrize(("step", "submitter", "other"), CASES)
def test_submitter_is_offered_no_action_on_their_own_module_but_a_peer_is(
    sections, people, step, submitter, other
):
    module = module_at(sections, people, step, submitter)
    task = module.current_workflow_task
    assert isinstance(task, ReviewTask)

    assert task.get_actions(module, people[submitter]) == []
    assert not task.user_can_access_editor(module, people[submitter])
    assert [name for name, _label, _modal in task.get_actions(module, people[other])]


@pytest.mark.parametrize(("step", "submitter", "other"), CASES)
def test_submitters_approve_post_is_refused_and_a_peers_is_accepted(
    client, sections, people, step, submitter, other
):
    module = module_at(sections, people, step, submitter)
    task_state = module.current_workflow_task_state
    url = reverse(
        "wagtailadmin_pages:workflow_action",
        args=(module.pk, "approve", task_state.pk),
    )

    sign_in_verified(client, people[submitter])
    refused = client.post(url, {"comment": ""}, follow=True)
    assert b"Sorry, you do not have permission" in refused.content
    task_state.refresh_from_db()
    assert task_state.status == TaskState.STATUS_IN_PROGRESS

    client.logout()
    sign_in_verified(client, people[other])
    assert client.post(url, {"comment": ""}).status_code == 302
    task_state.refresh_from_db()
    assert task_state.status == TaskState.STATUS_APPROVED
    assert task_state.finished_by == people[other]


@pytest.mark.parametrize(("step", "submitter", "other"), CASES)
def test_submitter_is_not_listed_as_reviewer_of_their_own_module(
    client, sections, people, step, submitter, other
):
    module = module_at(sections, people, step, submitter)

    assert not TaskState.objects.reviewable_by(people[submitter]).exists()
    reviewable = TaskState.objects.reviewable_by(people[other])
    assert [state.pk for state in reviewable] == [module.current_workflow_task_state.pk]
    sign_in_verified(client, people[submitter])
    home = client.get(reverse("wagtailadmin_home")).content.decode()
    assert 'id="awaiting-review-section"' not in home
    for report in (
        "wagtailadmin_reports:workflow",
        "wagtailadmin_reports:workflow_tasks",
    ):
        listing = client.get(reverse(report), {"reviewable": "true"})
        assert module.title not in listing.content.decode()
    client.logout()
    sign_in_verified(client, people[other])
    home = client.get(reverse("wagtailadmin_home")).content.decode()
    assert 'id="awaiting-review-section"' in home
    assert module.title in home


@pytest.mark.parametrize(
    "submitter", ["faculty", "director_faculty", "admin", "participant"]
)
def test_best_practice_owner_and_authors_get_no_rubric_action(
    client, sections, people, submitter
):
    """Owner and authors are its submitters too, whoever started the workflow."""
    practice = practice_at_faculty_review(sections, people, submitter)
    author = people["faculty2"]
    BestPracticeAuthor.objects.create(
        page=practice, person=ParticipantFactory(user=author)
    )
    task = practice.current_workflow_task
    assert isinstance(task, FacultyReviewTask)

    for own in {people[submitter], people["participant"], author}:
        assert task.get_actions(practice, own) == []
        assert not TaskState.objects.reviewable_by(own).exists()
    assert task.get_actions(practice, people["director2"])
    assert TaskState.objects.reviewable_by(people["director2"]).exists()

    task_state = practice.current_workflow_task_state
    sign_in_verified(client, author)
    url = reverse(
        "wagtailadmin_pages:workflow_action",
        args=(practice.pk, "approve", task_state.pk),
    )
    refused = client.post(url, RUBRIC, follow=True)
    assert b"Sorry, you do not have permission" in refused.content
    task_state.refresh_from_db()
    assert task_state.status == TaskState.STATUS_IN_PROGRESS


def test_review_request_emails_leave_out_the_submitter(
    sections, people, django_capture_on_commit_callbacks
):
    module = ModulePageFactory(parent=sections["curriculum"], live=False)
    with django_capture_on_commit_callbacks(execute=True):
        submit(module, people["director_faculty"])
    recipients = {address for message in mail.outbox for address in message.to}
    assert people["faculty"].email in recipients
    assert people["director_faculty"].email not in recipients


def test_existing_group_approval_task_becomes_a_review_task_keeping_its_states(
    sections, people
):
    stock = GroupApprovalTask.objects.create(name="Legacy step")
    stock.groups.set([people["faculty"].groups.first()])
    task_id, group_ids = stock.pk, set(stock.groups.values_list("pk", flat=True))

    adopted = adopt_group_approval_task(stock)

    task = Task.objects.get(pk=task_id).specific
    assert type(task) is ReviewTask
    assert adopted.pk == task_id
    assert set(task.groups.values_list("pk", flat=True)) == group_ids
    assert task.name == "Legacy step"
