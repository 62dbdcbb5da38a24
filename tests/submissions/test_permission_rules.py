"""submissions.permissions, called directly, per role: who writes best practices,
who sees the rubric report, and who reviews a practice now (the one place that
works it out: the sent page and the attachment download both ask it)."""

import pytest
from django.contrib.auth.models import AnonymousUser

from people import roles
from submissions.permissions import (
    may_open_attachment,
    may_review,
    may_see_rubric_report,
    may_write_best_practices,
    reviews_now,
)
from tests.factories.core import UserFactory
from tests.submissions.test_attachment_privacy import practice_at

pytestmark = pytest.mark.django_db


@pytest.fixture
def others(groups):
    superintendent = UserFactory(username="sam")
    superintendent.groups.add(groups[roles.SUPERINTENDENTS])
    return {
        "superintendent": superintendent,
        "admin": UserFactory(username="root", superuser=True),
        "anonymous": AnonymousUser(),
    }


@pytest.fixture
def actors(author, classmate, reviewers, others):
    return {"author": author, "classmate": classmate, **reviewers, **others}


@pytest.mark.parametrize(
    ("who", "writes", "sees_report"),
    [
        ("author", True, False),
        ("classmate", True, False),
        ("superintendent", False, False),
        ("faculty", False, True),
        ("director", False, True),
        ("admin", False, True),
        ("anonymous", False, False),
    ],
)
def test_who_writes_and_who_sees_the_rubric_report(actors, who, writes, sees_report):
    assert may_write_best_practices(actors[who]) is writes
    assert may_see_rubric_report(actors[who]) is sees_report


def test_an_inactive_faculty_member_sees_no_rubric_report(actors):
    actors["faculty"].is_active = False
    assert not may_see_rubric_report(actors["faculty"])


# stage: who reviews it now (the director's account is in Faculty too; Wagtail's
# group approval tasks give superusers every action).
REVIEWERS_NOW = {
    "draft": set(),
    "in faculty review": {"faculty", "director", "admin"},
    "in director review": {"director", "admin"},
    "changes requested": set(),
    "published": set(),
}


@pytest.mark.parametrize("stage", list(REVIEWERS_NOW))
def test_who_reviews_a_practice_now(program, author, reviewers, actors, stage):
    page, _document = practice_at(stage, program, author, reviewers)
    now = {who for who, user in actors.items() if reviews_now(page, user)}
    assert now == REVIEWERS_NOW[stage]


def test_the_author_never_reviews_their_own_practice(program, author, reviewers):
    page, _document = practice_at("in faculty review", program, author, reviewers)
    assert not reviews_now(page, author)
    assert not may_review(page, author)


def test_those_who_may_edit_it_may_review_it_outside_their_turn(
    program, author, reviewers, actors
):
    page, _document = practice_at("in director review", program, author, reviewers)
    assert may_review(page, actors["admin"])
    assert not reviews_now(page, actors["faculty"])
    assert not may_review(page, actors["classmate"])


def test_a_reviewer_opens_the_attachment_only_in_their_turn(program, author, reviewers):
    _page, document = practice_at("in faculty review", program, author, reviewers)
    assert may_open_attachment(reviewers["faculty"], document)
    assert may_open_attachment(author, document)
    _page, document = practice_at("in director review", program, author, reviewers)
    assert not may_open_attachment(reviewers["faculty"], document)
    assert may_open_attachment(reviewers["director"], document)
