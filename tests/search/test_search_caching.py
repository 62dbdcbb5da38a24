"""The search's caches are keyed by the content version: what an editor publishes,
unpublishes, edits, moves or makes private shows in the results and the filter
counts on the very next search.

Each cache is named in its test: what a query matches with its facet values
(search-found), a result's title, details, link and excerpt (search-card), the
editors' picks (search-promotions), an event's link (search-module-url) and the
private sections (search-private-paths). People's public roles and the events
(whose rule depends on the clock) are read on every search.
"""

import datetime
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.contrib.search_promotions.models import Query, SearchPromotion

from curriculum.models import ModuleSession, TopicArea
from curriculum.privacy import restrict_to_program_groups
from people.models import Person
from tests.factories.case_studies import BestPracticePageFactory
from tests.search import test_search
from tests.search.test_search import URL, indexed, titles

pytestmark = pytest.mark.django_db

# Two topics, two tracks, a cohort, and one of each kind about "broadband".
site = test_search.site


def search(client, query="broadband", **params):
    response = client.get(URL, {"q": query, **params})
    assert response.status_code == 200
    return response


def counts(response, facet):
    (options,) = [
        f["options"] for f in response.context["facets"] if f["name"] == facet
    ]
    return {o["value"]: o["count"] for o in options}


def publish(page):
    """As an editor publishes: a revision, then publish (page_published)."""
    page.save_revision().publish()


def test_the_same_search_again_reads_neither_the_index_nor_the_pages(client, site):
    """The caches are used (so the tests below show they are never stale)."""
    with CaptureQueriesContext(connection) as cold:
        search(client)
    with CaptureQueriesContext(connection) as warm:
        search(client)
    assert len(warm) < len(cold)
    sql = [q["sql"] for q in warm]
    assert not [s for s in sql if "wagtailsearch_indexentry" in s]
    assert not [s for s in sql if "case_studies_bestpracticepage" in s]
    assert not [s for s in sql if "wagtailsearchpromotions" in s]


def test_another_filter_reuses_what_the_query_matched(client, site):
    search(client)
    with CaptureQueriesContext(connection) as filtered:
        response = search(client, topic="governance")
    assert response.context["result_count"] == 2
    assert not [q for q in filtered if "wagtailsearch_indexentry" in q["sql"]]


def test_a_page_published_after_a_search_is_found_and_counted_at_once(client, site):
    before = search(client)
    assert counts(before, "type")["best-practice"] == 1
    assert counts(before, "topic")["governance"] == 2
    assert search(client, topic="governance").context["result_count"] == 2
    practice = BestPracticePageFactory(
        parent=site["practices"],
        title="Broadband pooling",
        intro="Pooling broadband purchases.",
        cohort=site["cohort"],
        topic_areas=[TopicArea.objects.get(slug="governance")],
        draft=True,
    )
    indexed(practice)
    assert "Broadband pooling" not in titles(search(client))  # a draft
    publish(practice)  # search-found
    after = search(client)
    assert "Broadband pooling" in titles(after)
    assert after.context["result_count"] == 5
    assert counts(after, "type")["best-practice"] == 2
    assert counts(after, "topic")["governance"] == 3
    filtered = search(client, topic="governance")
    assert filtered.context["result_count"] == 3
    assert "Broadband pooling" in titles(filtered)


def test_an_unpublished_page_leaves_results_and_counts_at_once(client, site):
    assert "A county's broadband story" in titles(search(client))
    assert search(client, type="case-study").context["result_count"] == 1
    site["case"].unpublish()  # search-found, search-card
    after = search(client)
    assert "A county's broadband story" not in titles(after)
    assert "case-study" not in counts(after, "type")
    assert counts(after, "topic") == {"security": 1, "governance": 1}
    assert search(client, type="case-study").context["result_count"] == 0


def test_an_edit_shows_in_titles_excerpts_and_counts_at_once(client, site):
    before = search(client)
    assert counts(before, "topic") == {"security": 1, "governance": 2}
    assert "Broadband consortium" in titles(before)
    practice = site["practice"]
    practice.title = "Broadband purchasing consortium"
    practice.intro = "Sharing broadband and zeppelin contracts across districts."
    practice.topic_areas.set([TopicArea.objects.get(slug="security")])
    assert titles(search(client, "zeppelin")) == []
    publish(practice)  # search-found, search-card
    after = search(client)
    assert "Broadband purchasing consortium" in titles(after)
    assert "Broadband consortium" not in titles(after)
    assert "<mark>zeppelin</mark>" not in after.content.decode()
    assert "zeppelin contracts" in after.content.decode()
    assert counts(after, "topic") == {"security": 2, "governance": 1}
    # A word the edit added is found, though the search for it was cached empty.
    assert titles(search(client, "zeppelin")) == ["Broadband purchasing consortium"]


def test_a_section_made_private_leaves_the_results_at_once(client, site):
    assert "Broadband planning" in titles(search(client))
    restriction = restrict_to_program_groups(site["module"])  # search-private-paths
    after = search(client)
    assert "Broadband planning" not in titles(after)
    assert "curriculum-module" not in counts(after, "type")
    restriction.delete()
    assert "Broadband planning" in titles(search(client))


def test_promotions_show_and_go_at_once(client, site):
    assert search(client).context["promotions"] == []
    query = Query.objects.create(query_string="broadband")
    SearchPromotion.objects.create(  # search-promotions
        query=query, page=site["practices"], description="Start here.", sort_order=0
    )
    assert [p["title"] for p in search(client).context["promotions"]] == [
        "Best practices"
    ]
    site["practices"].unpublish()
    assert search(client).context["promotions"] == []


def test_an_event_links_to_its_module_where_it_is_now(client, site):
    module = site["module"]
    starts = timezone.now() + datetime.timedelta(days=30)
    ModuleSession.objects.create(
        module=module,
        title="Broadband workshop in Raleigh",
        kind="session",
        starts_at=starts,
        ends_at=starts + datetime.timedelta(hours=2),
        mode="face-to-face",
        location="Raleigh",
        hours=Decimal("2"),
    )
    (event,) = [r for r in search(client).context["results"] if r.kind == "event"]
    assert event.url == f"{module.url}#sessions-heading"
    module.slug = "rural-broadband"
    publish(module)  # search-module-url
    module.refresh_from_db()
    assert module.url.endswith("/rural-broadband/")
    (event,) = [r for r in search(client).context["results"] if r.kind == "event"]
    assert event.url == f"{module.url}#sessions-heading"


def test_events_are_matched_on_every_search(client, site):
    """Events are not cached: their rule depends on the clock (an event that has
    ended), and sessions change in places that make no new content version."""
    starts = timezone.now() + datetime.timedelta(days=30)
    session = ModuleSession.objects.create(
        module=site["module"],
        title="Broadband clinic",
        kind="session",
        starts_at=starts,
        ends_at=starts + datetime.timedelta(hours=1),
        mode="online",
        hours=Decimal("1"),
    )
    assert "Broadband clinic" in titles(search(client))
    # No save, no signal, no new content version.
    ModuleSession.objects.filter(pk=session.pk).update(title="Fiber clinic")
    assert "Broadband clinic" not in titles(search(client))
    assert "Fiber clinic" in titles(search(client, "fiber"))


def test_people_edited_or_given_other_roles_show_at_once(client, site):
    person = site["person"]
    assert "Ada Lovelace" in titles(search(client))
    person.first_name = "Augusta"
    person.save()  # people.Person: a new content version
    assert "Augusta Lovelace" in titles(search(client))
    # Roles changed alone (no save of the person): read on every search.
    Person.roles.through.objects.filter(person=person).delete()
    assert "Augusta Lovelace" not in titles(search(client))
    assert "person" not in counts(search(client), "type")
