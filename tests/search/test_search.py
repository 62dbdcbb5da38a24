"""The site search at /search/: results, privacy, facets, promotions, limits."""

import pytest
from wagtail.contrib.search_promotions.models import Query, SearchPromotion
from wagtail.models import Page
from wagtail.search import index

from curriculum.privacy import restrict_to_program_groups
from people.choices import PersonRole
from search.scope import SEARCHABLE_PAGE_MODELS
from search.text import highlight
from tests.factories.case_studies import (
    BestPracticeIndexPageFactory,
    BestPracticePageFactory,
    CaseStudyIndexPageFactory,
    CaseStudyPageFactory,
)
from tests.factories.curriculum import (
    CurriculumIndexPageFactory,
    ModuleMaterialsPageFactory,
    ModulePageFactory,
    TopicAreaFactory,
    TrackFactory,
)
from tests.factories.people import CohortFactory, FacultyFactory, PersonFactory
from tests.querycount import MAX_QUERIES, count_queries

URL = "/search/"


def indexed(obj):
    """Index `obj` explicitly.

    modelsearch already indexes on post_save (an immediate django-tasks task; verified:
    a factory-made page is found without this), so this only makes the tests' intent
    visible and keeps them independent of the task backend setting.
    """
    index.insert_or_update_object(obj)
    return obj


@pytest.fixture
def site(home_page, groups):
    """Two topics, two tracks, a cohort, and one of each kind about 'broadband'."""
    security = TopicAreaFactory(name="Security", slug="security")
    governance = TopicAreaFactory(name="Governance", slug="governance")
    cto = TrackFactory(name="CeCTO Certification", slug="cecto")
    supers = TrackFactory(name="Leaders", slug="leaders")
    cohort = CohortFactory(year=2014, track=cto)
    curriculum = CurriculumIndexPageFactory(parent=home_page)
    cases = CaseStudyIndexPageFactory(parent=home_page)
    practices = BestPracticeIndexPageFactory(parent=home_page)
    module = ModulePageFactory(
        parent=curriculum,
        title="Broadband planning",
        intro="Planning broadband for rural districts.",
        topic_area=security,
        tracks=[supers],
    )
    case = CaseStudyPageFactory(
        parent=cases,
        title="A county's broadband story",
        intro="How one district brought broadband to every school.",
        topic_areas=[governance],
    )
    case.tracks.set([cto])
    case.save()
    practice = BestPracticePageFactory(
        parent=practices,
        title="Broadband consortium",
        intro="Sharing broadband contracts across districts.",
        cohort=cohort,
        topic_areas=[governance],
    )
    person = FacultyFactory(
        first_name="Ada", last_name="Lovelace", bio="Teaches broadband policy."
    )
    pages = [module, case, practice]
    for obj in [*pages, person]:
        indexed(obj)
    return {
        "module": module,
        "case": case,
        "practice": practice,
        "person": person,
        "curriculum": curriculum,
        "cases": cases,
        "practices": practices,
        "cohort": cohort,
    }


def titles(response):
    return [r.title for r in response.context["results"]]


def test_searchable_models_are_listed_in_one_tuple():
    assert isinstance(SEARCHABLE_PAGE_MODELS, tuple)


def test_empty_query_shows_intro_with_topic_links(client, site):
    response = client.get(URL)
    assert response.status_code == 200
    html = response.content.decode()
    assert html.count("<h1") == 1
    assert 'role="search"' in html
    assert 'type="search"' in html and 'name="q"' in html
    assert 'href="/topics/security/"' in html
    assert not response.context["results"]


def test_visitor_finds_every_kind_of_content(client, site):
    response = client.get(URL, {"q": "broadband"})
    assert response.status_code == 200
    assert set(titles(response)) == {
        "Broadband planning",
        "A county's broadband story",
        "Broadband consortium",
        "Ada Lovelace",
    }
    html = response.content.decode()
    assert 'aria-live="polite"' in html
    assert "4 results for" in html
    assert "<mark>broadband</mark>" in html.lower()
    assert site["module"].url in html


def test_visitor_never_sees_private_materials_or_drafts(client, site):
    materials = ModuleMaterialsPageFactory(
        parent=site["module"], title="Broadband secrets", intro="Private broadband."
    )
    restrict_to_program_groups(materials)
    draft = BestPracticePageFactory(
        parent=site["practices"], title="Broadband draft", draft=True
    )
    hidden = PersonFactory(
        first_name="Hidden",
        last_name="Person",
        bio="Broadband expert.",
        private=True,
        roles=[PersonRole.FACULTY],
    )
    for obj in (materials, draft, hidden):
        indexed(obj)
    response = client.get(URL, {"q": "broadband"})
    found = titles(response)
    assert "Broadband secrets" not in found
    assert "Broadband draft" not in found
    assert "Hidden Person" not in found
    html = response.content.decode()
    assert "Broadband secrets" not in html and "Hidden" not in html


def test_private_module_is_not_found_even_through_its_page(client, site):
    restrict_to_program_groups(site["module"])
    response = client.get(URL, {"q": "broadband"})
    assert "Broadband planning" not in titles(response)


def test_people_without_a_public_role_are_not_found_and_emails_never_shown(
    client, site
):
    person = PersonFactory(
        first_name="Roleless", last_name="Broadband", email="rb@example.org"
    )
    indexed(person)
    site["person"].email = "ada@example.org"
    site["person"].save()
    response = client.get(URL, {"q": "broadband"})
    assert "Roleless Broadband" not in titles(response)
    html = response.content.decode()
    assert "ada@example.org" not in html and "rb@example.org" not in html


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"type": "curriculum-module"}, {"Broadband planning"}),
        ({"type": "person"}, {"Ada Lovelace"}),
        (
            {"topic": "governance"},
            {"A county's broadband story", "Broadband consortium"},
        ),
        ({"track": "leaders"}, {"Broadband planning"}),
        (
            {"track": "cecto"},
            {"A county's broadband story", "Broadband consortium"},
        ),
        ({"year": "2014"}, {"Broadband consortium"}),
        ({"topic": "governance", "type": "case-study"}, {"A county's broadband story"}),
    ],
)
def test_each_facet_narrows_the_results(client, site, params, expected):
    response = client.get(URL, {"q": "broadband", **params})
    assert set(titles(response)) == expected


def test_facets_show_counts_and_selected_filters_as_removable_chips(client, site):
    response = client.get(URL, {"q": "broadband", "topic": "governance"})
    facets = {f["name"]: f["options"] for f in response.context["facets"]}
    types = {o["value"]: o["count"] for o in facets["type"]}
    assert types == {"case-study": 1, "best-practice": 1}
    topics = {o["value"]: o["count"] for o in facets["topic"]}
    # Counts in the topic facet ignore the topic selection itself.
    assert topics == {"security": 1, "governance": 2}
    chips = response.context["chips"]
    assert [c["label"] for c in chips] == ["Governance"]
    assert chips[0]["remove_url"] == "?q=broadband"


def test_unknown_facet_values_are_ignored(client, site):
    response = client.get(
        URL, {"q": "broadband", "topic": "nope", "year": "soon", "type": "x"}
    )
    assert response.status_code == 200
    assert len(titles(response)) == 4
    assert not response.context["chips"]


def test_results_are_paginated_ten_to_a_page(client, site):
    for n in range(12):
        indexed(
            CaseStudyPageFactory(
                parent=site["cases"], title=f"Fiber case {n}", intro="Fiber rollout."
            )
        )
    first = client.get(URL, {"q": "fiber"})
    assert first.context["result_count"] == 12
    assert len(titles(first)) == 10
    assert "q=fiber&amp;page=2" in first.content.decode()
    second = client.get(URL, {"q": "fiber", "page": "2"})
    assert len(titles(second)) == 2
    assert not set(titles(first)) & set(titles(second))
    assert (
        client.get(URL, {"q": "fiber", "page": "abc"}).context["page_obj"].number == 1
    )
    assert client.get(URL, {"q": "fiber", "page": "99"}).context["page_obj"].number == 2


def test_editors_promoted_results_come_first(client, site):
    query = Query.objects.create(query_string="broadband")
    SearchPromotion.objects.create(
        query=query, page=site["practices"], description="Start here.", sort_order=0
    )
    SearchPromotion.objects.create(
        query=query,
        external_link_url="https://example.org/broadband",
        external_link_text="State broadband office",
        sort_order=1,
    )
    draft = BestPracticePageFactory(parent=site["practices"], title="Draft", draft=True)
    SearchPromotion.objects.create(query=query, page=draft, sort_order=2)
    response = client.get(URL, {"q": "  Broadband "})
    promotions = response.context["promotions"]
    assert [p["title"] for p in promotions] == [
        "Best practices",
        "State broadband office",
    ]
    html = response.content.decode()
    assert html.index("Start here.") < html.index("Broadband planning")


def test_search_does_not_write_to_the_database(client, site):
    Query.objects.create(query_string="broadband")
    client.get(URL, {"q": "broadband"})
    assert Query.objects.count() == 1
    client.get(URL, {"q": "something new"})
    assert not Query.objects.filter(query_string="something new").exists()


def test_html_in_the_query_is_escaped(client, site):
    response = client.get(URL, {"q": "<script>alert(1)</script>"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "<script>alert" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_highlight_escapes_text_and_never_marks_inside_entities():
    excerpt = highlight('Use <b>AMP</b> & "amp" tools', ["amp"])
    assert "<b>" not in excerpt
    assert "&lt;<mark>b</mark>" not in excerpt
    assert "&amp;" in excerpt and "&<mark>amp</mark>;" not in excerpt
    assert "<mark>AMP</mark>" in excerpt


def test_highlight_centres_long_text_on_the_first_match():
    text = "word " * 200 + "broadband " + "word " * 200
    excerpt = highlight(text, ["broadband"])
    assert "<mark>broadband</mark>" in excerpt
    assert excerpt.startswith("… ") and excerpt.endswith(" …")
    assert len(excerpt) < 300


def test_whitespace_and_overlong_queries(client, site):
    response = client.get(URL, {"q": "   "})
    assert response.status_code == 200
    assert response.context["search_query"] == ""
    assert not response.context["results"]
    long_query = "broadband " + "x" * 500
    response = client.get(URL, {"q": long_query})
    assert response.status_code == 200
    assert len(response.context["search_query"]) == 200


def test_no_results_suggests_what_to_try(client, site):
    response = client.get(URL, {"q": "zyxwv", "topic": "security"})
    html = response.content.decode()
    assert "No results" in html
    assert "check the spelling" in html
    assert "clear the filters" in html
    assert 'href="/topics/governance/"' in html


def test_post_is_not_allowed(client, site):
    assert client.post(URL, {"q": "broadband"}).status_code == 405


@pytest.mark.parametrize("extra", [5, 30])
def test_query_count_does_not_grow_with_results(client, site, extra):
    for n in range(extra):
        indexed(
            ModulePageFactory(
                parent=site["curriculum"],
                title=f"Broadband module {n}",
                topic_area=site["module"].topic_area,
            )
        )
        indexed(
            BestPracticePageFactory(
                parent=site["practices"],
                title=f"Broadband practice {n}",
                cohort=site["cohort"],
            )
        )
    url = f"{URL}?q=broadband&type=curriculum-module&type=best-practice&type=person"
    assert count_queries(client, url) <= MAX_QUERIES


def test_query_count_is_the_same_for_5_and_30_results(client, site):
    def add(n):
        for i in range(n):
            indexed(
                CaseStudyPageFactory(
                    parent=site["cases"], title=f"Broadband extra {n}-{i}"
                )
            )
        return count_queries(client, f"{URL}?q=broadband")

    assert add(5) == add(25)


def test_results_link_to_live_pages_only(client, site):
    site["case"].unpublish()
    response = client.get(URL, {"q": "broadband"})
    assert "A county's broadband story" not in titles(response)
    assert Page.objects.filter(pk=site["case"].pk).exists()


def test_news_items_are_found_and_drafts_are_not(client, home_page):
    from tests.factories.news import NewsIndexPageFactory, NewsPageFactory

    news = NewsIndexPageFactory(parent=home_page)
    indexed(NewsPageFactory(parent=news, title="Graduation ceremony announced"))
    indexed(NewsPageFactory(parent=news, title="Graduation draft notes", draft=True))
    html = client.get("/search/?q=graduation").content.decode()
    assert "ceremony announced" in html
    assert "draft notes" not in html


def test_results_are_capped_per_type_best_first_and_the_page_says_so(
    client, site, monkeypatch
):
    monkeypatch.setattr("search.site_search.MAX_RESULTS_PER_MODEL", 2)
    monkeypatch.setattr("search.views.MAX_RESULTS_PER_MODEL", 2)
    for n in range(3):
        indexed(
            BestPracticePageFactory(
                parent=site["practices"],
                title=f"Broadband broadband broadband note {n}",
                intro="Broadband, broadband and broadband again.",
                cohort=site["cohort"],
            )
        )
    response = client.get(URL, {"q": "broadband"})
    practices = [r for r in response.context["results"] if r.model is not None]
    practices = [r for r in practices if r.model.__name__ == "BestPracticePage"]
    assert len(practices) == 2
    html = response.content.decode()
    assert "The best 2 matches of each type are shown" in html

    uncapped = client.get(URL, {"q": "lovelace"}).content.decode()
    assert "matches of each type are shown" not in uncapped


def test_every_word_must_match(client, site):
    assert set(titles(client.get(URL, {"q": "broadband consortium"}))) == {
        "Broadband consortium"
    }
    assert titles(client.get(URL, {"q": "broadband zebra"})) == []


def test_a_stop_word_does_not_hide_results_on_postgresql(client, site):
    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL drops stop words; SQLite's FTS5 matches every word")
    # The stop word is the longest word: it must not be what narrows the search.
    assert "Broadband consortium" in titles(
        client.get(URL, {"q": "yourselves broadband"})
    )
