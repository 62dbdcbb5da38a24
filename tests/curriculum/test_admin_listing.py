"""The admin's Curriculum menu holds the modules: a flat listing filtered by topic
area, track and status, beside tracks and topic areas."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from people.roles import FACULTY, PROGRAM_DIRECTOR, sync_roles
from submissions.workflows import sync_workflows
from tests.factories.core import UserFactory
from tests.factories.curriculum import (
    CurriculumIndexPageFactory,
    ModulePageFactory,
    TopicAreaFactory,
    TrackFactory,
)
from tests.two_factor import sign_in_verified

pytestmark = pytest.mark.django_db


@pytest.fixture
def modules(home_page, groups):
    curriculum = CurriculumIndexPageFactory(parent=home_page)
    sync_roles()
    sync_workflows()
    cecto, leaders = TrackFactory(name="CeCTO"), TrackFactory(name="Leaders")
    data, budget = TopicAreaFactory(name="Data"), TopicAreaFactory(name="Budget")
    ModulePageFactory(
        parent=curriculum, title="Data governance", topic_area=data, tracks=[cecto]
    )
    finance = ModulePageFactory(
        parent=curriculum, title="School finance", topic_area=budget, tracks=[leaders]
    )
    finance.other_topic_areas.set([data])
    finance.save()
    draft = ModulePageFactory(
        parent=curriculum, title="Cloud contracts", topic_area=budget, live=False
    )
    author = UserFactory(username="felix")
    author.groups.add(groups[FACULTY])
    in_review = ModulePageFactory(
        parent=curriculum, title="Cyber drills", topic_area=budget, live=False
    )
    in_review.save_revision(user=author)
    in_review.get_workflow().start(in_review, author)
    return {
        "tracks": (cecto, leaders),
        "topics": (data, budget),
        "titles": [
            "Data governance",
            "School finance",
            "Cloud contracts",
            "Cyber drills",
        ],
        "draft": draft,
    }


@pytest.fixture
def faculty_client(client, groups):
    user = UserFactory(username="farrah")
    user.groups.add(groups[FACULTY])
    return sign_in_verified(client, user)


def listed(response, titles):
    html = response.content.decode()
    return [title for title in titles if title in html]


def test_faculty_find_every_module_in_the_curriculum_menu(faculty_client, modules):
    response = faculty_client.get(reverse("modules:index"))

    assert response.status_code == 200
    assert listed(response, modules["titles"]) == modules["titles"]
    menu = faculty_client.get(reverse("wagtailadmin_home")).content.decode()
    assert reverse("modules:index") in menu


def test_faculty_filter_modules_by_topic_area_main_or_other(faculty_client, modules):
    data = modules["topics"][0]

    response = faculty_client.get(reverse("modules:index"), {"topic_area": data.pk})

    assert listed(response, modules["titles"]) == ["Data governance", "School finance"]


def test_faculty_filter_modules_by_track(faculty_client, modules):
    leaders = modules["tracks"][1]

    response = faculty_client.get(reverse("modules:index"), {"tracks": leaders.pk})

    assert listed(response, modules["titles"]) == ["School finance"]


@pytest.mark.parametrize(
    ("status", "expected"),
    [
        ("live", ["Data governance", "School finance"]),
        ("draft", ["Cloud contracts", "Cyber drills"]),
        ("in_review", ["Cyber drills"]),
    ],
)
def test_faculty_filter_modules_by_status(faculty_client, modules, status, expected):
    response = faculty_client.get(reverse("modules:index"), {"status": status})

    assert listed(response, modules["titles"]) == expected


def test_module_listing_queries_do_not_grow_with_the_modules(
    faculty_client, modules, home_page
):
    url = reverse("modules:index")
    faculty_client.get(url)  # warm the caches
    with CaptureQueriesContext(connection) as few:
        faculty_client.get(url)
    curriculum = modules["draft"].get_parent()
    for number in range(8):
        ModulePageFactory(parent=curriculum, title=f"Extra {number}")
    with CaptureQueriesContext(connection) as many:
        faculty_client.get(url)
    # Topic areas come in one query whatever the count. Three queries a row remain,
    # all Wagtail's own row checks (the "Add child page" limit of one materials
    # page per module, among them): eight more modules, at most 24 more queries.
    assert len(many) - len(few) <= 3 * 8
    assert len(few) <= 50


def test_director_sees_the_module_listing(client, modules, groups):
    director = UserFactory(username="dana")
    director.groups.add(groups[PROGRAM_DIRECTOR])
    sign_in_verified(client, director)

    response = client.get(reverse("modules:index"))

    assert response.status_code == 200
    assert listed(response, modules["titles"]) == modules["titles"]
