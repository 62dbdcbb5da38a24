"""Who wrote a best practice: BestPracticePage.objects.authored_by(user) and the
page's own authored_by_user, author_user_ids and author_users."""

import pytest
from django.contrib.auth.models import AnonymousUser

from case_studies.models import BestPracticePage
from tests.factories.case_studies import (
    BestPracticeIndexPageFactory,
    BestPracticePageFactory,
)
from tests.factories.core import UserFactory
from tests.factories.people import ParticipantFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def writing(home_page):
    """A practice started by `owner`, co-written by `co_author` (and by an author
    without a sign-in), another practice by someone else, and a stranger."""
    index = BestPracticeIndexPageFactory(parent=home_page)
    owner = UserFactory(username="owner")
    co_author = UserFactory(username="co-author")
    stranger = UserFactory(username="stranger")
    other_owner = UserFactory(username="other")
    unlinked = ParticipantFactory()
    practice = BestPracticePageFactory(
        parent=index,
        owner=owner,
        live=False,
        authors=[
            ParticipantFactory(user=owner),
            ParticipantFactory(user=co_author),
            unlinked,
        ],
    )
    other = BestPracticePageFactory(
        parent=index, owner=other_owner, authors=[ParticipantFactory()]
    )
    return {
        "practice": practice,
        "other": other,
        "owner": owner,
        "co_author": co_author,
        "stranger": stranger,
        "other_owner": other_owner,
    }


def test_the_owner_and_co_authors_wrote_it(writing):
    practice = writing["practice"]
    assert practice.authored_by_user(writing["owner"])
    assert practice.authored_by_user(writing["co_author"])


def test_a_stranger_and_an_anonymous_visitor_did_not(writing):
    practice = writing["practice"]
    assert not practice.authored_by_user(writing["stranger"])
    assert not practice.authored_by_user(writing["other_owner"])
    assert not practice.authored_by_user(AnonymousUser())


def test_an_owner_who_is_not_among_the_authors_still_wrote_it(writing):
    practice = writing["practice"]
    practice.authors.filter(person__user=writing["owner"]).delete()
    assert practice.authored_by_user(writing["owner"])
    assert practice in BestPracticePage.objects.authored_by(writing["owner"])


def test_authored_by_lists_what_the_user_owns_or_co_wrote_once_each(writing):
    practice, other = writing["practice"], writing["other"]
    assert list(BestPracticePage.objects.authored_by(writing["owner"])) == [practice]
    assert list(BestPracticePage.objects.authored_by(writing["co_author"])) == [
        practice
    ]
    assert list(BestPracticePage.objects.authored_by(writing["other_owner"])) == [other]
    assert not BestPracticePage.objects.authored_by(writing["stranger"]).exists()


def test_authored_by_is_empty_for_an_anonymous_visitor(writing):
    assert not BestPracticePage.objects.authored_by(AnonymousUser()).exists()
    assert not BestPracticePage.objects.authored_by(None).exists()


def test_authored_by_narrows_another_queryset(writing):
    assert not BestPracticePage.objects.live().authored_by(writing["owner"]).exists()


def test_author_user_ids_are_the_owner_and_the_signed_in_authors(
    writing, django_assert_num_queries
):
    practice = writing["practice"]
    with django_assert_num_queries(1):
        ids = practice.author_user_ids()
    assert ids == {writing["owner"].pk, writing["co_author"].pk}


def test_author_users_are_the_owner_then_each_authors_sign_in_in_order(writing):
    practice = BestPracticePage.objects.get(pk=writing["practice"].pk)
    assert practice.author_users() == [
        writing["owner"],
        writing["owner"],
        writing["co_author"],
        None,
    ]
