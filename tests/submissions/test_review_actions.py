"""Review actions where a reviewer looks: Approve is the editor's main button, then
Request changes; the director's last step is one "Approve and publish" in a dialog."""

import re

import pytest
from django.urls import reverse

from people.roles import FACULTY, PROGRAM_DIRECTOR, sync_roles
from submissions.workflows import sync_workflows
from tests.factories.core import UserFactory
from tests.factories.curriculum import CurriculumIndexPageFactory, ModulePageFactory
from tests.two_factor import sign_in_verified

pytestmark = pytest.mark.django_db

BUTTON = re.compile(
    r'data-workflow-action-name="(\w+)"[^>]*>\s*(?:<svg.*?</svg>)?([^<]+)<', re.S
)


@pytest.fixture
def module_in_review(home_page, groups):
    curriculum = CurriculumIndexPageFactory(parent=home_page)
    sync_roles()
    sync_workflows()
    author = UserFactory(username="felix")
    author.groups.add(groups[FACULTY])
    module = ModulePageFactory(parent=curriculum, title="Budgeting", live=False)
    module.save_revision(user=author)
    module.get_workflow().start(module, author)
    return module


def workflow_buttons(client, page):
    html = client.get(reverse("wagtailadmin_pages:edit", args=(page.pk,))).content
    return [(name, label.strip()) for name, label in BUTTON.findall(html.decode())]


def test_faculty_reviewer_sees_approve_as_the_main_button_then_request_changes(
    client, module_in_review, groups
):
    reviewer = UserFactory(username="farrah")
    reviewer.groups.add(groups[FACULTY])
    sign_in_verified(client, reviewer)

    buttons = workflow_buttons(client, module_in_review)

    assert [name for name, _label in buttons][:2] == ["approve", "reject"]
    assert buttons[0][1] == "Approve"


def test_director_sees_one_approve_and_publish_that_opens_a_dialog(
    client, module_in_review, groups
):
    peer = UserFactory(username="farrah")
    peer.groups.add(groups[FACULTY])
    state = module_in_review.current_workflow_task_state
    state.task.specific.on_action(state, peer, "approve")
    director = UserFactory(username="dana")
    director.groups.add(groups[PROGRAM_DIRECTOR])
    sign_in_verified(client, director)

    html = client.get(
        reverse("wagtailadmin_pages:edit", args=(module_in_review.pk,))
    ).content.decode()
    buttons = [(n, label.strip()) for n, label in BUTTON.findall(html)]

    assert buttons == [
        ("approve", "Approve and publish"),
        ("reject", "Request changes"),
    ]
    approve = re.search(r'<button[^>]*data-workflow-action-name="approve"[^>]*>', html)
    assert "data-workflow-action-modal-url" in approve.group(0)
