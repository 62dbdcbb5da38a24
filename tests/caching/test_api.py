"""The caching app's public API: what feature code calls instead of building keys.

Each value is kept under the content version; these tests move the version by the
routes feature code uses (a tracked model saved, `content_changed()`) and check
that the next read builds afresh, and that previews never read a fragment."""

import pytest
from django.contrib.auth.models import Group
from django.db.models.signals import post_delete, post_save
from django.template import Context, Template
from django.test import RequestFactory

from caching import (
    cached_by_version,
    cached_for_address,
    content_changed,
    get_many_by_version,
    set_many_by_version,
    track,
)
from caching.version import content_version
from tests.factories.people import CohortFactory, LEAFactory

pytestmark = pytest.mark.django_db


class Builder:
    """A build function that counts its calls and returns a new value each time."""

    def __init__(self):
        self.calls = 0

    def __call__(self):
        self.calls += 1
        return f"value {self.calls}"


def test_cached_by_version_builds_once_until_content_changes():
    build = Builder()
    assert cached_by_version("answer", build) == "value 1"
    assert cached_by_version("answer", build) == "value 1"
    assert build.calls == 1

    content_changed()
    assert cached_by_version("answer", build) == "value 2"


def test_cached_by_version_keeps_nothing_when_the_timeout_says_so():
    build = Builder()
    for _ in range(2):
        cached_by_version("answer", build, timeout=lambda value: None)
    assert build.calls == 2


def test_a_tracked_models_save_and_delete_move_the_version():
    """people tracks LEA from its AppConfig.ready(): caching names no app above it."""
    before = content_version()
    lea = LEAFactory()
    after_save = content_version()
    assert after_save != before

    lea.delete()
    assert content_version() != after_save


def test_saving_an_untracked_model_keeps_the_version():
    before = content_version()
    Group.objects.create(name="A group no page shows")
    assert content_version() == before


def test_track_registers_a_model_once_however_often_it_is_called():
    track(Group)
    track(Group)  # dispatch_uid: one receiver
    try:
        before = content_version()
        Group.objects.create(name="Shown now")
        assert content_version() != before
    finally:
        post_save.disconnect(
            sender=Group, dispatch_uid="caching.track.auth.Group.saved"
        )
        post_delete.disconnect(
            sender=Group, dispatch_uid="caching.track.auth.Group.deleted"
        )


def test_a_cohort_saved_inside_a_transaction_moves_the_version_again_on_commit(
    django_capture_on_commit_callbacks,
):
    with django_capture_on_commit_callbacks(execute=True):
        cohort = CohortFactory()
        during = content_version()
    assert cohort.pk
    assert content_version() != during


def test_cached_for_address_keeps_each_address_apart():
    factory = RequestFactory()
    build_a, build_b = Builder(), Builder()
    first = factory.get("/feed/?page=1")
    second = factory.get("/feed/?page=2")
    assert cached_for_address("feed", first, build_a) == "value 1"
    assert cached_for_address("feed", first, build_a) == "value 1"
    assert cached_for_address("feed", second, build_b) == "value 1"
    assert (build_a.calls, build_b.calls) == (1, 1)

    content_changed()
    cached_for_address("feed", first, build_a)
    assert build_a.calls == 2


def test_many_values_are_read_and_kept_in_one_round_trip():
    set_many_by_version({"card:1": "one", "card:2": "two"})
    assert get_many_by_version(["card:1", "card:2", "card:3"]) == {
        "card:1": "one",
        "card:2": "two",
    }
    assert get_many_by_version([]) == {}

    content_changed()
    assert get_many_by_version(["card:1", "card:2"]) == {}


FRAGMENT = Template(
    "{% load caching_tags %}{% versioned_cache 60 test-fragment key %}"
    "{{ build }}{% endversioned_cache %}"
)


def render(build, key="a", request=None):
    return FRAGMENT.render(Context({"build": build, "key": key, "request": request}))


def test_versioned_cache_renders_once_per_content_version_and_key():
    build = Builder()
    assert render(build) == "value 1"
    assert render(build) == "value 1"
    assert render(build, key="b") == "value 2"

    content_changed()
    assert render(build) == "value 3"


def test_versioned_cache_renders_fresh_in_a_preview():
    build = Builder()
    assert render(build) == "value 1"
    preview = RequestFactory().get("/")
    preview.is_preview = True
    assert render(build, request=preview) == "value 2"
    assert render(build, request=preview) == "value 3"
    # The preview's renders were never kept: the public copy is still the first.
    assert render(build) == "value 1"
