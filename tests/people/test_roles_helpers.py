"""people/roles.py's membership helpers: the one place group names are read."""

import pytest
from django.contrib.auth.models import AnonymousUser, Group
from django.db.models import OuterRef

from people import roles
from people.models import Person
from tests.factories.core import UserFactory
from tests.factories.people import PersonFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def users(groups):
    def user(username, *names, **kwargs):
        account = UserFactory(username=username, **kwargs)
        account.groups.add(*(groups[name] for name in names))
        return account

    return {
        "participant": user("parker", roles.PARTICIPANTS),
        "superintendent": user("sam", roles.SUPERINTENDENTS),
        "faculty": user("farrah", roles.FACULTY),
        "director": user("dana", roles.PROGRAM_DIRECTOR),
        "admin": user("root", superuser=True),
        "nobody": user("nemo"),
    }


@pytest.mark.parametrize(
    ("who", "participant", "staff"),
    [
        ("participant", True, False),
        ("superintendent", False, False),
        ("faculty", False, True),
        ("director", False, True),
        ("admin", False, False),
        ("nobody", False, False),
    ],
)
def test_membership_per_role(users, who, participant, staff):
    assert roles.is_participant(users[who]) is participant
    assert roles.is_staff_member(users[who]) is staff


def test_anonymous_visitors_are_in_no_group_and_cost_no_query(
    groups, django_assert_num_queries
):
    with django_assert_num_queries(0):
        assert not roles.is_participant(AnonymousUser())
        assert not roles.is_staff_member(AnonymousUser())
        assert not roles.in_group(None, roles.FACULTY)


def test_in_group_is_one_query(users, django_assert_num_queries):
    with django_assert_num_queries(1):
        assert roles.in_group(users["director"], roles.FACULTY, roles.PROGRAM_DIRECTOR)


def test_materials_reader_groups_are_the_four_program_groups(groups):
    assert Group.objects.exclude(name__in=roles.MATERIALS_READERS).exists()
    names = set(roles.materials_reader_groups().values_list("name", flat=True))
    assert names == set(roles.MATERIALS_READERS)


def test_group_flags_mark_participants_and_staff(users):
    participant = PersonFactory(user=users["participant"])
    director = PersonFactory(user=users["director"])
    superintendent = PersonFactory(user=users["superintendent"])
    flags = {
        p.pk: (p.is_participant, p.in_staff_group)
        for p in Person.objects.annotate(**roles.group_flags(OuterRef("user_id")))
    }
    assert flags[participant.pk] == (True, False)
    assert flags[director.pk] == (False, True)
    assert flags[superintendent.pk] == (False, False)
