"""/dashboard/: my cohort, sessions, modules and materials, and my best practices."""

import pytest
from django.test import Client

from case_studies.models import BestPracticePage
from people.choices import EnrollmentStatus
from tests.factories.case_studies import BestPracticePageFactory
from tests.factories.core import UserFactory
from tests.factories.curriculum import ModulePageFactory, TrackFactory
from tests.factories.people import CohortFactory, EnrollmentFactory
from tests.querycount import MAX_QUERIES, count_queries
from tests.submissions.conftest import session_in
from tests.submissions.test_permissions_participant import create, edit_url, reject

pytestmark = pytest.mark.django_db


def test_anonymous_visitors_are_asked_to_sign_in(home_page):
    response = Client().get("/dashboard/")
    assert response.status_code == 302
    assert response.url == "/accounts/login/?next=/dashboard/"


def test_a_user_without_a_person_record_gets_a_friendly_message(client, home_page):
    client.force_login(UserFactory())
    response = client.get("/dashboard/")
    assert response.status_code == 200
    assert "not linked to a participant record yet" in response.content.decode()


def test_dashboard_shows_cohort_sessions_and_modules(author_client, program):
    session_in(program["module"], days=3, title="Budget workshop")
    past = session_in(program["module"], days=-3, title="Kick-off")
    other_track = ModulePageFactory(
        parent=program["curriculum"],
        title="Superintendents only",
        tracks=[TrackFactory(name="Leaders")],
    )
    session_in(other_track, days=2, title="Not my track")
    response = author_client.get("/dashboard/")
    html = response.content.decode()
    assert html.count("<h1") == 1
    assert f"Class of {program['cohort'].year}" in html
    assert "CeCTO Certification" in html
    assert "Budget workshop" in html
    assert past.title not in html
    assert "Not my track" not in html and "Superintendents only" not in html
    assert program["module"].url in html
    assert program["materials"].url in html


def test_the_module_list_is_cached_but_a_publish_shows_on_the_next_visit(
    author_client, program
):
    """The list is the same for the whole track, so it is cached per content
    version: publishing, unpublishing or retitling a module or its materials is
    seen on the very next visit."""
    author_client.get("/dashboard/")  # cached
    module = ModulePageFactory(
        parent=program["curriculum"], title="Cyber insurance", tracks=[program["track"]]
    )
    module.save_revision().publish()
    html = author_client.get("/dashboard/").content.decode()
    assert "Cyber insurance" in html

    program["module"].title = "Governance, renamed"
    program["module"].save_revision().publish()
    program["materials"].unpublish()
    html = author_client.get("/dashboard/").content.decode()
    assert "Governance, renamed" in html
    assert program["materials"].url not in html

    module.unpublish()
    assert "Cyber insurance" not in author_client.get("/dashboard/").content.decode()


def test_current_cohort_is_the_enrolled_one_before_the_latest(
    author_client, author, program
):
    later = CohortFactory(year=2033, track=program["track"])
    EnrollmentFactory(
        person=author.person, cohort=later, status=EnrollmentStatus.WITHDRAWN
    )
    response = author_client.get("/dashboard/")
    assert response.context["enrollment"].cohort == program["cohort"]


def test_sessions_are_ordered_and_capped(author_client, program):
    for day in range(12, 0, -1):
        session_in(program["module"], days=day, title=f"Session {day:02}")
    sessions = author_client.get("/dashboard/").context["sessions"]
    assert [s.title for s in sessions] == [f"Session {d:02}" for d in range(1, 9)]


def test_states_in_words(author_client, author, program, reviewers):
    draft = create(author_client, program, title="A draft")
    in_review = create(author_client, program, action="submit", title="In review")
    changes = create(author_client, program, action="submit", title="Changes")
    reject(changes, reviewers["faculty"])
    published = BestPracticePageFactory(
        parent=program["index"], title="Published one", owner=author
    )
    with_director = create(author_client, program, action="submit", title="Director")
    task_state = with_director.current_workflow_state.current_task_state
    task_state.specific.task.specific.on_action(
        task_state,
        reviewers["faculty"],
        "approve",
        comment="Good",
        relevance=4,
        evidence=4,
        transferability=4,
        clarity=4,
    )

    response = author_client.get("/dashboard/")
    items = {item.title: item for item in response.context["submissions"]}
    assert items["A draft"].label == "Draft"
    assert items["In review"].label == "In review with Faculty"
    assert items["Director"].label == "In review with the Program Director"
    assert items["Changes"].label == "Changes requested"
    assert items["Changes"].comment == "Add evidence"
    assert [score for _label, score in items["Changes"].scores] == [3, 2, 3, 3]
    assert items["Published one"].label == "Published"

    html = response.content.decode()
    assert "Add evidence" in html
    assert "Evidence</dt><dd>2 out of 4" in html
    assert f'href="{published.url}"' in html
    assert f'href="{edit_url(draft)}"' in html
    assert f'href="{edit_url(changes)}"' in html
    assert f'href="{edit_url(in_review)}"' not in html


def test_approved_but_not_live_awaits_publication(author_client, program, reviewers):
    page = create(author_client, program, action="submit", title="Approved")
    state = page.current_workflow_state
    state.status = state.STATUS_APPROVED
    state.save()
    page.refresh_from_db()
    assert not page.live
    items = author_client.get("/dashboard/").context["submissions"]
    assert items[0].label == "Approved, awaiting publication"
    assert author_client.get(edit_url(page)).status_code == 403


def test_director_approval_publishes(author_client, program, reviewers):
    page = create(author_client, program, action="submit", title="All the way")
    rubric = {"relevance": 4, "evidence": 4, "transferability": 4, "clarity": 4}
    task_state = page.current_workflow_state.current_task_state
    task_state.task.specific.on_action(
        task_state, reviewers["faculty"], "approve", comment="", **rubric
    )
    task_state = page.current_workflow_state.current_task_state
    task_state.task.specific.on_action(task_state, reviewers["director"], "approve")
    page = BestPracticePage.objects.get(pk=page.pk)
    assert page.live
    items = author_client.get("/dashboard/").context["submissions"]
    assert items[0].label == "Published"


def test_co_authored_practices_show_on_the_co_authors_dashboard(
    client, author_client, program, classmate
):
    create(author_client, program, co_authors=[classmate.person.pk])
    client.force_login(classmate)
    items = client.get("/dashboard/").context["submissions"]
    assert [item.title for item in items] == ["Mentoring new directors"]


def test_other_peoples_practices_are_not_listed(author_client, program, classmate):
    BestPracticePageFactory(parent=program["index"], owner=classmate)
    assert author_client.get("/dashboard/").context["submissions"] == []


def test_query_count_does_not_grow_with_submissions_or_sessions(
    author_client, author, program, reviewers
):
    def add(n, start):
        for i in range(n):
            session_in(program["module"], days=start + i, title=f"S{start + i}")
            page = create(
                author_client, program, action="submit", title=f"P{start + i}"
            )
            if i % 2:
                reject(page, reviewers["faculty"])
            BestPracticePageFactory(
                parent=program["index"], owner=author, title=f"Live {start + i}"
            )
            module = ModulePageFactory(
                parent=program["curriculum"], tracks=[program["track"]]
            )
            session_in(module, days=start + i + 1)

    add(2, 1)
    few = count_queries(author_client, "/dashboard/")
    add(6, 10)
    many = count_queries(author_client, "/dashboard/")
    assert many == few
    assert many <= MAX_QUERIES


def test_upcoming_sessions_are_cached_but_a_new_or_moved_session_shows_at_once(
    author_client, program
):
    budget = session_in(program["module"], days=3, title="Budget workshop")
    assert "Budget workshop" in author_client.get("/dashboard/").content.decode()

    session_in(program["module"], days=4, title="E-rate clinic")
    budget.title = "Budget workshop (moved online)"
    budget.save()
    html = author_client.get("/dashboard/").content.decode()
    assert "E-rate clinic" in html
    assert "Budget workshop (moved online)" in html

    budget.delete()
    assert "moved online" not in author_client.get("/dashboard/").content.decode()
