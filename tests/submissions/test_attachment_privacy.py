"""Who may download a best practice's attachment, at each stage of its review.

Authors always; reviewers only while it is in their review (a task they can act
on) or once published; other participants and visitors only once published; site
administrators always. The reviewers fixture's director is in Faculty too (as the
demo's is), so the faculty task is theirs as well.
"""

import pytest
from django.core.files.base import ContentFile
from wagtail.documents import get_document_model

from submissions.services import submissions_collection
from tests.factories.case_studies import BestPracticePageFactory
from tests.factories.core import UserFactory

pytestmark = pytest.mark.django_db

STAGES = [
    "draft",
    "in faculty review",
    "in director review",
    "changes requested",
    "published",
]
ROLES = ["author", "other participant", "faculty", "director", "anonymous", "admin"]
Y, N, LOGIN = 200, 403, 302
# stage: expected status per role, in the order of ROLES
MATRIX = {
    "draft": [Y, N, N, N, LOGIN, Y],
    "in faculty review": [Y, N, Y, Y, LOGIN, Y],
    "in director review": [Y, N, N, Y, LOGIN, Y],
    "changes requested": [Y, N, N, N, LOGIN, Y],
    "published": [Y, Y, Y, Y, Y, Y],
}
CELLS = [
    (stage, role, expected[index])
    for stage, expected in MATRIX.items()
    for index, role in enumerate(ROLES)
]
RUBRIC = {"relevance": 4, "evidence": 4, "transferability": 3, "clarity": 4}


def decide(page, user, action, **kwargs):
    task_state = page.current_workflow_task_state
    task_state.task.specific.on_action(task_state, user, action, **kwargs)
    page.refresh_from_db()


def practice_at(stage, program, author, reviewers):
    """The author's best practice with a PDF attachment, taken to `stage`."""
    document = get_document_model()(
        title="Help desk data", collection=submissions_collection()
    )
    document.file.save("data.pdf", ContentFile(b"%PDF-1.4\n%%EOF\n"), save=False)
    document.save()
    page = BestPracticePageFactory(
        parent=program["index"],
        live=False,
        owner=author,
        attachment=document,
        authors=[author.person],
    )
    page.save_revision(user=author)
    if stage != "draft":
        page.get_workflow().start(page, author)
    if stage == "changes requested":
        decide(page, reviewers["faculty"], "reject", comment="More data.", **RUBRIC)
    if stage in ("in director review", "published"):
        decide(page, reviewers["faculty"], "approve", comment="", **RUBRIC)
    if stage == "published":
        decide(page, reviewers["director"], "approve")
        assert page.live
    document.refresh_from_db()
    return page, document


@pytest.fixture
def actors(author, classmate, reviewers):
    return {
        "author": author,
        "other participant": classmate,
        "faculty": reviewers["faculty"],
        "director": reviewers["director"],
        "anonymous": None,
        "admin": UserFactory(username="root", superuser=True),
    }


@pytest.mark.parametrize(("stage", "role", "expected"), CELLS)
def test_attachment_download_matrix(
    verified_client, program, author, reviewers, actors, stage, role, expected
):
    client = verified_client
    _page, document = practice_at(stage, program, author, reviewers)
    if actors[role] is not None:
        client.sign_in(actors[role])  # staff with their second factor
    response = client.get(document.url)
    assert response.status_code == expected, f"{role} / {stage}"
    if expected == LOGIN:
        assert "/accounts/login/" in response["Location"]
    if expected == Y:
        assert b"".join(response.streaming_content).startswith(b"%PDF")


def test_the_uploader_can_open_an_attachment_no_page_uses_yet(client, program, author):
    document = get_document_model()(
        title="Orphan", collection=submissions_collection(), uploaded_by_user=author
    )
    document.file.save("orphan.pdf", ContentFile(b"%PDF-1.4\n"), save=False)
    document.save()
    client.force_login(author)
    assert client.get(document.url).status_code == 200


def test_signed_out_visitors_are_sent_to_sign_in_even_without_the_collection_rule(
    client, program, author, reviewers
):
    _page, document = practice_at("draft", program, author, reviewers)
    document.collection.get_view_restrictions().delete()
    response = client.get(document.url)
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


def test_a_reviewers_download_costs_a_bounded_number_of_queries(
    verified_client, program, author, reviewers, django_assert_max_num_queries
):
    _page, document = practice_at("in faculty review", program, author, reviewers)
    verified_client.sign_in(reviewers["faculty"])
    # A download, not a page: session, user and the second factor's device; the
    # document and its collection; the page, its authors, its workflow and task; the
    # no-self-review rule (who submitted it, its authors); the group check; the
    # collection's restriction. The same whatever the number of practices.
    with django_assert_max_num_queries(17):
        response = verified_client.get(document.url)
    assert response.status_code == 200


def test_a_private_download_is_marked_private_for_shared_caches(
    verified_client, program, author, reviewers
):
    # A CDN caching PDFs by extension must never keep an author's copy for others.
    _page, document = practice_at("draft", program, author, reviewers)
    verified_client.sign_in(author)
    response = verified_client.get(document.url)
    assert response.status_code == 200
    assert "private" in response["Cache-Control"]
