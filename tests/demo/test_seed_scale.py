"""The benchmark data set (`seed_scale`): sizes, determinism, idempotence, valid pages.

The module seeds the demo once, inside a transaction rolled back after its last test,
and runs seed_scale in savepoints on top of it: with another seed, with an
interruption in the middle of the best practices then again to complete the run,
and finally the run the tests read (each test runs in a savepoint within it). All at
a tiny size: a few dozen items of each kind.
"""

from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import ImproperlyConfigured
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection, transaction
from django.db.models import Count
from django.test.utils import CaptureQueriesContext
from django.utils.html import escape
from taggit.models import Tag
from wagtail.images import get_image_model
from wagtail.models import Collection, Page
from wagtail.search.backends import get_search_backend
from wagtail.search.models import IndexEntry

import demo.scale.pages
import demo.scale.seeder
from case_studies.models import (
    BestPracticeIndexPage,
    BestPracticePage,
    CaseStudyIndexPage,
    CaseStudyPage,
)
from curriculum.models import CurriculumIndexPage, ModulePage, ModuleSession
from demo.scale import (
    COMMON_WORD,
    RARE_WORD,
    RARE_WORD_PAGES,
    STANDARD_SIZES,
    sizes_for,
    text,
    vocabulary,
)
from demo.scale.items import item_rng
from demo.scale.people import NAME_SPACE, NAME_STRIDE, person_name
from demo.scale.seeder import COLLECTION_PREFIX
from demo.scale.tree import decode_step, encode_step
from people.choices import EnrollmentStatus, PersonRole
from people.models import Cohort, Enrollment, Person
from tests.querycount import MAX_QUERIES, count_queries
from tests.tree import ensure_tree_root
from tests.two_factor import sign_in_verified

SIZES = {
    "cohorts": 4,
    "images": 4,
    "people": 40,
    "modules": 4,
    "case_studies": 13,
    "best_practices": 40,
}
ARGS = ["--scale", "0"] + [
    arg for kind, n in SIZES.items() for arg in (f"--{kind.replace('_', '-')}", n)
]
PAGE_MODELS = {
    "modules": ModulePage,
    "case_studies": CaseStudyPage,
    "best_practices": BestPracticePage,
}
CHUNK = 10  # best practices per transaction in the interrupted run


def counts():
    """Rows of each kind the command creates, and the rows that hold them together."""
    return {
        **{kind: model.objects.count() for kind, model in PAGE_MODELS.items()},
        "people": Person.objects.count(),
        "cohorts": Cohort.objects.count(),
        "images": get_image_model().objects.count(),
        "pages": Page.objects.count(),
        "enrollments": Enrollment.objects.count(),
        "sessions": ModuleSession.objects.count(),
        "tags": Tag.objects.count(),
        "index entries": IndexEntry.objects.count(),
    }


def fingerprint():
    """What a seed decides: every scale page's title and slug, tags and authors, and
    every scale person and picture."""
    collection = Collection.objects.filter(name__startswith=COLLECTION_PREFIX).first()
    return {
        "pages": [
            (
                page.specific_class.__name__,
                page.title,
                page.slug,
                page.first_published_at,
            )
            for page in Page.objects.filter(slug__regex=r"-[0-9]+$").order_by("path")
        ],
        "tags": sorted(
            BestPracticePage.objects.filter(slug__regex=r"-[0-9]+$").values_list(
                "slug", "tags__name"
            )
        ),
        "authors": sorted(
            BestPracticePage.objects.filter(slug__regex=r"-[0-9]+$").values_list(
                "slug", "authors__person__slug"
            )
        ),
        "people": sorted(
            Person.objects.filter(slug__regex=r"-[a-z]-").values_list(
                "slug", "job_title", "lea__slug", "is_public"
            )
        ),
        "images": sorted(
            get_image_model()
            .objects.filter(collection=collection)
            .values_list("title", "file_hash", "width", "height")
        ),
    }


def seed_scale(*args):
    out, err = StringIO(), StringIO()
    call_command("seed_scale", *ARGS, *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def interrupted_run():
    """Seed, failing in the second chunk of best practices; return what is left."""
    real = demo.scale.pages.index_in_bulk
    calls = []

    def fail_on_second_chunk(model, objects):
        if model is BestPracticePage:
            calls.append(len(objects))
            if len(calls) == 2:
                raise RuntimeError("interrupted")
        real(model, objects)

    with pytest.MonkeyPatch.context() as patch:
        patch.setitem(demo.scale.seeder.CHUNK_SIZES, "best_practices", CHUNK)
        patch.setattr(demo.scale.pages, "index_in_bulk", fail_on_second_chunk)
        with pytest.raises(RuntimeError, match="interrupted"):
            seed_scale("--quiet")
    index = BestPracticeIndexPage.objects.get()
    practices = Page.objects.child_of(index)
    return {
        "counts": counts(),
        "tree problems": [list(problem) for problem in Page.find_problems()],
        "numchild": (index.numchild, practices.count()),
        "pages without their own row": practices.exclude(
            pk__in=BestPracticePage.objects.values("pk")
        ).count(),
    }


@pytest.fixture(scope="module")
def run(django_db_setup, django_db_blocker):
    """Seed the demo once, then seed_scale several ways; everything is rolled back."""
    with django_db_blocker.unblock():
        outer = transaction.atomic()
        outer.__enter__()
    try:
        with django_db_blocker.unblock():
            ensure_tree_root()
            call_command("seed_demo", stdout=StringIO())
            observed = {
                "demo": counts(),
                "rare word in the demo": Page.objects.live()
                .specific()
                .search(RARE_WORD)
                .count(),
            }
            with transaction.atomic():
                seed_scale("--seed", "7", "--quiet")
                observed["seed 7"] = fingerprint()
                transaction.set_rollback(True)
            with transaction.atomic():
                observed["interrupted"] = interrupted_run()
                observed["resumed output"] = seed_scale("--quiet")[0]
                observed["resumed"] = fingerprint()
                transaction.set_rollback(True)
            observed["output"], observed["progress"] = seed_scale()
            observed["seeded"] = counts()
            observed["seed 42"] = fingerprint()
        yield observed
    finally:
        with django_db_blocker.unblock():
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)


@pytest.fixture
def seeded(run, db):
    """The demo and the scale data set (seed 42); a test's changes are rolled back."""
    return run


def added(run, kind):
    return run["seeded"][kind] - run["demo"][kind]


def scale_pages(model):
    return model.objects.live().filter(slug__regex=r"-[0-9]+$")


# --- sizes and words ----------------------------------------------------------------


def test_sizes_scale_every_kind_and_overrides_replace_the_scaled_count():
    assert sizes_for() == STANDARD_SIZES
    assert sizes_for(0.01) == {
        "cohorts": 1,  # never rounded down to nothing
        "images": 20,
        "people": 50,
        "modules": 3,
        "case_studies": 20,
        "best_practices": 200,
    }
    assert sizes_for(2, modules=5)["modules"] == 5
    assert sizes_for(2, modules=None)["modules"] == 600
    assert set(sizes_for(0).values()) == {0}
    with pytest.raises(ValueError, match="negative"):
        sizes_for(-1)
    with pytest.raises(ValueError, match="negative"):
        sizes_for(1, people=-3)


def test_the_rare_word_is_in_no_vocabulary_and_the_common_word_is_everywhere():
    strings = [
        value
        for name in dir(vocabulary)
        if name.isupper()
        for value in _strings(getattr(vocabulary, name))
    ]
    assert not [s for s in strings if RARE_WORD in s.lower()]
    assert sum(COMMON_WORD in s.lower() for s in strings) >= 10
    assert RARE_WORD not in text.practice_text(_rng(), "security")[1]
    assert RARE_WORD in text.practice_text(_rng(), "security", rare=True)[1]


def test_people_names_never_repeat_and_tree_steps_round_trip():
    assert NAME_SPACE % NAME_STRIDE  # a stride coprime with the space: one-to-one
    slugs = [person_name(42, n)[3] for n in range(NAME_SPACE + 10)]
    assert len(set(slugs)) == len(slugs)
    assert encode_step(1) == "0001"
    assert encode_step(36) == "0010"
    assert all(decode_step(encode_step(n)) == n for n in (1, 35, 36, 20_000, 46655))
    with pytest.raises(ValueError, match="cannot hold"):
        encode_step(36**4)


# --- what a run creates ------------------------------------------------------------


def test_seed_scale_creates_each_kind_in_the_requested_numbers(seeded):
    for kind, count in SIZES.items():
        assert added(seeded, kind) == count, kind
    assert added(seeded, "pages") == sum(SIZES[k] for k in PAGE_MODELS)
    assert seeded["demo"]["best_practices"] > 0  # it sits on top of the demo
    collection = Collection.objects.get(name=f"{COLLECTION_PREFIX}42)")
    assert get_image_model().objects.filter(collection=collection).count() == 4
    for line in ("Images", "People", "Best practices"):
        assert line in seeded["output"] and line in seeded["progress"]
    assert "40/40" in seeded["progress"]
    assert "Scale data set (seed 42) is ready" in seeded["output"]


def test_every_scale_page_is_tagged_and_related_as_its_type_requires(seeded):
    for model in PAGE_MODELS.values():
        pages = scale_pages(model)
        assert not pages.filter(tags__isnull=True).exists(), model
        assert pages.filter(listing_image__isnull=False).exists(), model
    modules = scale_pages(ModulePage)
    assert not modules.filter(tracks__isnull=True).exists()
    assert not modules.filter(faculty__isnull=True).exists()
    faculty = Person.objects.filter(modules_taught__in=modules).distinct()
    assert all(person.has_role(PersonRole.FACULTY) for person in faculty)
    for session in ModuleSession.objects.filter(module__in=modules):
        session.full_clean(exclude=["module"])  # location, meeting link, times
    case_studies = scale_pages(CaseStudyPage)
    assert not case_studies.filter(lea__isnull=True).exists()
    assert not case_studies.filter(topic_areas__isnull=True).exists()
    assert not case_studies.filter(tracks__isnull=True).exists()
    assert case_studies.filter(related_modules__in=modules).exists()
    practices = scale_pages(BestPracticePage)
    assert not practices.filter(cohort__isnull=True).exists()
    assert not practices.filter(topic_areas__isnull=True).exists()
    assert not practices.annotate(n=Count("authors")).filter(n=0).exists()
    assert practices.annotate(n=Count("authors")).filter(n__gte=2).exists()
    for practice in practices.prefetch_related("authors__person__enrollments"):
        for author in practice.authors.all():
            cohorts = {e.cohort_id for e in author.person.enrollments.all()}
            assert practice.cohort_id in cohorts, practice.slug


def test_people_have_roles_districts_and_enrollments(seeded):
    people = Person.objects.filter(slug__regex=r"-[a-z]-")
    assert people.count() == SIZES["people"]
    assert not people.filter(roles__isnull=True).exists()
    assert people.filter(is_public=True).count() > people.count() * 0.7
    assert people.filter(photo__isnull=False).exists()
    candidates = people.filter(roles__slug=PersonRole.PARTICIPANT)
    assert candidates.count() > people.count() / 2
    assert not candidates.filter(lea__isnull=True).exists()
    assert not candidates.filter(enrollments__isnull=True).exists()
    assert Enrollment.objects.filter(
        person__in=people, status=EnrollmentStatus.COMPLETED
    ).exists()
    cohorts = Cohort.objects.exclude(year__in=[2010, 2011, 2012, 2026, 2027])
    assert set(cohorts.values_list("year", "track__slug")) == {
        (2013, "cecto-certification"),
        (2013, "leaders-21st-century"),
        (2014, "cecto-certification"),
        (2014, "leaders-21st-century"),
    }


# --- determinism, idempotence, interruption ----------------------------------------


def test_the_same_seed_gives_the_same_data_and_another_seed_other_data(seeded):
    assert seeded["seed 42"]["pages"]
    assert seeded["resumed"] == seeded["seed 42"]
    assert seeded["seed 7"]["pages"] != seeded["seed 42"]["pages"]
    titles_7 = {title for _m, title, _s, _d in seeded["seed 7"]["pages"]}
    titles_42 = {title for _m, title, _s, _d in seeded["seed 42"]["pages"]}
    assert len(titles_7 & titles_42) < len(titles_42) / 2


def test_an_interrupted_run_leaves_whole_chunks_and_the_next_run_completes_it(
    seeded,
):
    left = seeded["interrupted"]
    demo = seeded["demo"]
    # Everything before the best practices, and their first chunk only.
    assert left["counts"]["best_practices"] - demo["best_practices"] == CHUNK
    assert left["counts"]["people"] - demo["people"] == SIZES["people"]
    assert left["pages without their own row"] == 0
    assert left["tree problems"] == [[], [], [], [], []]
    assert left["numchild"][0] == left["numchild"][1]
    assert "40 already there" in seeded["resumed output"]  # people
    assert f"{SIZES['best_practices'] - CHUNK} created" in seeded["resumed output"]


def test_running_again_adds_nothing(seeded):
    before = counts()
    out, err = seed_scale("--quiet")
    assert counts() == before
    assert "Nothing to add" in out
    assert err == ""


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="SQLite's planner is left as it is"
)
def test_a_run_on_postgresql_refreshes_the_planners_statistics(seeded):
    with CaptureQueriesContext(connection) as queries:
        seed_scale("--quiet")
    assert "ANALYZE" in [query["sql"] for query in queries]


def test_another_seed_is_refused_on_a_seeded_database(seeded):
    before = counts()
    with pytest.raises(CommandError, match="seed 42"):
        seed_scale("--seed", "7")
    assert counts() == before


def test_seed_scale_is_refused_under_production_settings(root_page, settings):
    before = counts()
    settings.DEMO_CONTENT_ALLOWED = False
    with pytest.raises(ImproperlyConfigured, match="Demo content is refused"):
        seed_scale()
    assert counts() == before


# --- valid pages -------------------------------------------------------------------


def test_scale_pages_make_a_valid_tree_under_the_demo_index_pages(seeded):
    assert [list(problem) for problem in Page.find_problems()] == [[], [], [], [], []]
    out = StringIO()
    call_command("fixtree", "--noinput", stdout=out)
    assert out.getvalue().count("No problems found.") == 2
    parents = {
        ModulePage: CurriculumIndexPage,
        CaseStudyPage: CaseStudyIndexPage,
        BestPracticePage: BestPracticeIndexPage,
    }
    for model, parent_model in parents.items():
        index = parent_model.objects.get()
        pages = scale_pages(model)
        assert pages.child_of(index).count() == pages.count() > 0
        assert index.numchild == Page.objects.child_of(index).count()
        page = pages.last()
        assert page.get_url() == f"/{index.slug}/{page.slug}/"
        assert page.url_path == f"{index.url_path}{page.slug}/"
        assert Page.objects.get(pk=page.pk).specific == page
        assert page.draft_title == page.title and not page.has_unpublished_changes


def test_scale_pages_render_for_visitors(seeded, client):
    practices = scale_pages(BestPracticePage)
    last = (BestPracticePage.objects.live().count() + 11) // 12
    urls = [
        "/best-practices/",
        f"/best-practices/?page={last}",
        "/best-practices/?page=3&topic=security",
        "/case-studies/?page=2",
        "/curriculum/",
        "/curriculum/map/",
        scale_pages(ModulePage).first().url,
        practices.first().url,
        scale_pages(CaseStudyPage).first().url,
        "/topics/it-governance/",
        f"/tags/{practices.first().tags.first().slug}/",
        "/cohorts/",
        "/cohorts/2013/",
        "/people/",
        f"/search/?q={COMMON_WORD}",
        "/events/",
        "/events.ics",
        "/api/v2/pages/",
        "/sitemap.xml",
        "/",
    ]
    for url in urls:
        assert client.get(url).status_code == 200, url
    response = client.get(f"/best-practices/?page={last}")
    assert response.context["page_obj"].number == last > 4


def test_scale_pages_open_in_the_admin_editor(seeded, client):
    sign_in_verified(client, get_user_model().objects.get(username="admin"))
    for model in PAGE_MODELS.values():
        page = scale_pages(model).first()
        response = client.get(f"/admin/pages/{page.pk}/edit/")
        assert response.status_code == 200, model
        assert escape(page.title) in response.content.decode()
    index = BestPracticeIndexPage.objects.get()
    assert client.get(f"/admin/pages/{index.pk}/").status_code == 200


def test_listing_queries_do_not_grow_with_the_page_number(seeded, client):
    last = (BestPracticePage.objects.live().count() + 11) // 12
    first = count_queries(client, "/best-practices/")
    deep = count_queries(client, f"/best-practices/?page={last - 1}")
    assert first == deep <= MAX_QUERIES
    assert count_queries(client, "/case-studies/?page=2") <= MAX_QUERIES


def test_search_finds_the_rare_word_in_exactly_a_handful_of_best_practices(
    seeded, client
):
    assert seeded["rare word in the demo"] == 0
    found = BestPracticePage.objects.live().search(RARE_WORD)
    assert len(found) == RARE_WORD_PAGES
    assert all(RARE_WORD in page.body for page in found)
    for model in (ModulePage, CaseStudyPage):
        assert model.objects.live().search(RARE_WORD).count() == 0
    for model in PAGE_MODELS.values():
        assert model.objects.live().search(COMMON_WORD).count() > 0
    response = client.get(f"/search/?q={RARE_WORD}")
    assert response.status_code == 200
    assert len(response.context["results"]) == RARE_WORD_PAGES
    assert f"rare {RARE_WORD!r} ({RARE_WORD_PAGES} best practices)" in seeded["output"]
    assert count_queries(client, f"/search/?q={COMMON_WORD}") <= MAX_QUERIES


def test_scale_people_are_in_the_search_index(seeded):
    person = Person.objects.public().filter(slug__regex=r"-[a-z]-").first()
    found = get_search_backend().search(person.last_name, Person.objects.public())
    assert person in list(found)


def _strings(value):
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _strings(item)
    elif isinstance(value, list | tuple):
        for item in value:
            yield from _strings(item)


def _rng():
    return item_rng(42, "test", 0)
