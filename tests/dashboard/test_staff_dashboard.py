"""Staff signed in on the public site: /dashboard/ links the admin and lists what
awaits their review, not an empty participant dashboard."""

import pytest
from django.urls import reverse

from people.roles import FACULTY, sync_roles
from submissions.workflows import sync_workflows
from tests.factories.core import UserFactory
from tests.factories.curriculum import CurriculumIndexPageFactory, ModulePageFactory
from tests.two_factor import sign_in_verified

pytestmark = pytest.mark.django_db


@pytest.fixture
def faculty(groups):
    user = UserFactory(username="farrah")
    user.groups.add(groups[FACULTY])
    return user


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


def test_faculty_dashboard_links_the_admin_and_lists_what_awaits_review(
    client, faculty, module_in_review, django_assert_max_num_queries
):
    sign_in_verified(client, faculty)

    with django_assert_max_num_queries(40):
        html = client.get(reverse("submissions:dashboard")).content.decode()

    assert 'href="/admin/"' in html
    assert "Budgeting" in html
    assert "waiting" in html
    assert "not linked to a participant record" not in html
    assert "You are not enrolled" not in html


def test_faculty_with_nothing_to_review_is_told_so(client, faculty, home_page):
    sign_in_verified(client, faculty)

    html = client.get(reverse("submissions:dashboard")).content.decode()

    assert "Nothing awaits your review." in html
    assert 'href="/admin/"' in html


def test_participant_dashboard_has_no_staff_section(client, participant_user):
    client.force_login(participant_user)

    html = client.get(reverse("submissions:dashboard")).content.decode()

    assert "Your review work" not in html
