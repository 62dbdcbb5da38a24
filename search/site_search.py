"""Site search: one query across the public pages, the program's events and people.

Each page model is searched with Wagtail's search backend (the database backend on
SQLite and PostgreSQL, or OpenSearch by configuration), restricted to live pages outside
private sections. Facets (content type, topic area, track, cohort year) are worked out in
Python from one values query per model over the matching ids, so the number of queries
does not grow with the number of results.

What a query matches among the pages, what a selection of filters keeps of it with the
filter counts, each result's title, details, link and excerpt, and the editors' picks
are cached under the content version (caching): the same search again, its next
page or another filter reads neither the index nor the pages, and any publish,
unpublish, edit, move or privacy change is seen by the next search. Events (whose rule
depends on the clock) and people's public roles (which change apart from them) are read
on every search. tests/search/test_search_caching.py holds each cache to that.
"""

import hashlib
from dataclasses import dataclass, field

from django.db.models import F, Max, Q
from django.utils.functional import cached_property
from django.utils.text import slugify
from wagtail.contrib.search_promotions.models import SearchPromotion
from wagtail.models import Page
from wagtail.search.backends import get_search_backend
from wagtail.search.utils import normalise_query_string

from caching import cached_by_version, get_many_by_version, set_many_by_version
from case_studies.models import BestPracticePage, CaseStudyPage
from core.dates import long_date, long_datetime
from core.privacy import private_paths, private_q
from curriculum.models import ModulePage, ModuleSession, TopicArea, Track
from home.models import ContentPage
from news.models import NewsPage
from people.choices import EnrollmentStatus, PersonRole
from people.models import CohortIndexPage, PeopleIndexPage, Person
from search.ranking import ranked_ids, uses_database_search
from search.scope import SEARCHABLE_PAGE_MODELS
from search.text import clean_query, highlight, plain_text, query_terms, sentences
from search.vocabulary import suggest

# What visitors call a type, where its model's name is an editor's word.
TYPE_LABELS = {ContentPage: "Page"}

# For each page model, the ORM lookups that give its values for each facet. A model
# without a lookup for a facet never matches a selection in that facet.
FACET_LOOKUPS = {
    ModulePage: {
        "topic": ("topic_area__slug", "other_topic_areas__slug"),
        "track": ("tracks__slug",),
    },
    CaseStudyPage: {"topic": ("topic_areas__slug",), "track": ("tracks__slug",)},
    BestPracticePage: {
        "topic": ("topic_areas__slug",),
        "track": ("cohort__track__slug",),
        "year": ("cohort__year",),
    },
}

# People appear only with one of these roles and a public profile.
PUBLIC_PERSON_ROLES = (PersonRole.FACULTY, PersonRole.STAFF, PersonRole.PARTICIPANT)
PERSON_TYPE = "person"
EVENT_TYPE = "event"

# Results read per type, best first: enough for any useful query, a bound for any
# query (a word in half the best practices would otherwise cost 10,000 rows). The
# page says so when a type reaches it; facet counts are over these results.
MAX_RESULTS_PER_MODEL = 200
FACETS = ("type", "topic", "track", "year")
# How long what a query matches stays cached (under the content version, which any
# change replaces): long enough for the pages and filters of one visitor's search.
FOUND_CACHE_TIMEOUT = 15 * 60


def type_key(model):
    """The content type's value in the URL: "curriculum-module", "case-study"..."""
    # A plain string: slugify() of a lazy name stays lazy, and was evaluated again on
    # every hash, thousands of times in a search's facet counts.
    return slugify(str(model._meta.verbose_name))


@dataclass
class Result:
    """One search result as the template shows it."""

    kind: str
    type_label: str
    title: str
    url: str = ""
    excerpt: str = ""
    meta: list = field(default_factory=list)
    obj: object = None
    facets: dict = field(default_factory=dict)
    model: type | None = None
    pk: int | None = None
    # An event's module.
    parent_pk: int | None = None


class SiteSearch:
    """Runs one search: results, facets with counts, promotions."""

    def __init__(self, query, selected, request=None):
        self.request = request
        self.query = clean_query(query)
        self.terms = query_terms(self.query)
        # What the search caches is kept under the content version; the values it
        # always needs are read together: one round trip to Redis.
        # The excerpts mark the query's words; links depend on the site asked.
        host = request.get_host() if request else ""
        self.variant = hashlib.sha256(f"{host} {self.terms}".encode()).hexdigest()[:16]
        query_key = hashlib.sha256(
            f"{MAX_RESULTS_PER_MODEL}:{self.query}".encode()
        ).hexdigest()[:32]
        # What the query matches, and what the selected filters keep of it (see
        # _search); the editors' picks for it.
        self.found_name = f"search-matches:{query_key}"
        self.promotions_name = f"search-promotions:{query_key}:{self.variant}"
        self.view_name = f"search-view:{query_key}:{self._selection_key(selected)}"
        self._asked = [
            "search-topics-tracks",
            "search-people-indexes",
            self.view_name,
            self.promotions_name,
        ]
        self._prefetched = get_many_by_version(self._asked)
        self.topics, self.tracks = self._cached(
            "search-topics-tracks",
            lambda: (
                list(TopicArea.objects.only("name", "slug")),
                list(Track.objects.only("name", "slug")),
            ),
        )
        self.type_labels = {
            type_key(m): TYPE_LABELS.get(m) or str(m._meta.verbose_name).capitalize()
            for m in SEARCHABLE_PAGE_MODELS
        } | {EVENT_TYPE: "Event", PERSON_TYPE: "Person"}
        self.selected = self._clean_selection(selected)
        self.results = []
        self.facets = {}
        self.capped = False
        self.suggestion = ""
        if self.query:
            self._search()
            if not self.results and not self.is_filtered:
                # "Did you mean ...?" from the words of the public index.
                self.suggestion = suggest(self.query)

    @staticmethod
    def _selection_key(selected):
        """The selection as asked (its cleaning, _clean_selection, depends only on
        what the same content version holds), order and repeats aside."""
        selection = [
            (name, sorted({str(value).strip() for value in selected.get(name, [])}))
            for name in FACETS
        ]
        return hashlib.sha256(repr(selection).encode()).hexdigest()[:16]

    def _cached(self, name, build, timeout=60 * 60):
        """`build()`'s value, cached under the content version, as
        caching.cached_by_version, from the values read in __init__."""
        if name in self._asked:
            value = self._prefetched.get(name)
            if value is None:
                value = build()
                set_many_by_version({name: value}, timeout)
            return value
        return cached_by_version(name, build, timeout, local=False)

    def _clean_selection(self, selected):
        allowed = {
            "type": set(self.type_labels),
            "topic": {t.slug for t in self.topics},
            "track": {t.slug for t in self.tracks},
        }
        clean = {}
        for name in FACETS:
            values = []
            for value in selected.get(name, []):
                value = value.strip()
                if name == "year":
                    if not value.isdigit() or len(value) != 4:
                        continue
                    value = int(value)
                elif value not in allowed[name]:
                    continue
                if value not in values:
                    values.append(value)
            clean[name] = values
        return clean

    @cached_property
    def private_paths(self):
        # Read once per content version for every query (core.privacy).
        return private_paths()

    @cached_property
    def private_q(self):
        return private_q(self.private_paths)

    @property
    def is_filtered(self):
        return any(self.selected.values())

    def _search(self):
        # What the query matches is read once per content version (_find), and so
        # is what a selection of filters keeps of it, with the filter counts
        # (_filter): the next page of results, another filter or the same search
        # again reuse them. Any publish, unpublish, edit or move bumps the version,
        # so neither is ever stale. Events are read each time (their rule depends
        # on the clock: an event that has ended), and so are people's public roles
        # (edited apart from them).
        view = self._cached(self.view_name, self._filter, FOUND_CACHE_TIMEOUT)
        live = [self._search_events(), self._search_people(view["people"])]
        self.capped = view["capped"] or any(
            len(results) >= MAX_RESULTS_PER_MODEL for results in live
        )
        self.facets = {name: dict(values) for name, values in view["counts"].items()}
        for name, values in self._count_facets(live[0] + live[1]).items():
            for value, count in values.items():
                self.facets[name][value] = self.facets[name].get(value, 0) + count
        # Interleave by rank within each type: scores from different models (and from
        # SQLite's bm25 and PostgreSQL's ts_rank) are not comparable. Each result
        # keeps its place among all its type's results, filtered or not.
        placed = []
        for order, (model, rows) in enumerate(
            zip(SEARCHABLE_PAGE_MODELS, view["pages"], strict=True)
        ):
            key = type_key(model)
            label = self.type_labels[key]
            # Counted and filtered already: a page's own values are not needed.
            facets = {"type": {key}}
            placed += [
                (
                    position,
                    order,
                    Result(
                        kind="page",
                        type_label=label,
                        title="",
                        facets=facets,
                        model=model,
                        pk=pk,
                    ),
                )
                for position, pk in rows
            ]
        for order, results in enumerate(live, start=len(SEARCHABLE_PAGE_MODELS)):
            placed += [
                (position, order, result)
                for position, result in enumerate(results)
                if self._matches(result, self.selected)
            ]
        placed.sort(key=lambda item: item[:2])
        self.results = [result for _position, _order, result in placed]

    def _filter(self):
        """What the selected filters keep of what the query matches (_find), as
        plain values for the cache: for each page type, [(place among its
        results, pk)] best first; the filter counts of the pages; whether a type
        reached the bound; the people found (their roles are read each time)."""
        found = self._cached(self.found_name, self._find, FOUND_CACHE_TIMEOUT)
        combos = [
            {name: set(values) for name, values in combo} for combo in found["combos"]
        ]
        everything, pages = [], []
        for model, (pks, indexes) in zip(
            SEARCHABLE_PAGE_MODELS, found["pages"], strict=True
        ):
            results = self._page_results(model, pks, indexes, combos)
            everything += results
            pages.append(
                [
                    (position, result.pk)
                    for position, result in enumerate(results)
                    if self._matches(result, self.selected)
                ]
            )
        return {
            "pages": pages,
            "counts": self._count_facets(everything),
            "capped": any(
                len(pks) >= MAX_RESULTS_PER_MODEL for pks, _ in found["pages"]
            ),
            "people": found["people"],
        }

    def _find(self):
        """What the query matches, as compact plain values for the cache.

        "pages": for each page type, its matching live, public pages' ids best
        first and, for each, the index of its facet values in "combos" (most pages
        share theirs with many others: 10,000 sets would take longer to unpickle
        than to count); "people": the ids of the people found, best first (None
        where the search backend is asked for them each time).
        """
        ranked = None
        if uses_database_search():
            # A little over the bound: drafts and private pages are dropped after.
            ranked = ranked_ids(
                [*SEARCHABLE_PAGE_MODELS, Person],
                self.query,
                MAX_RESULTS_PER_MODEL + 100,
            )
        combos = {}
        pages = []
        for model in SEARCHABLE_PAGE_MODELS:
            pks, indexes = [], []
            for pk, facets in self._find_pages(model, ranked):
                combo = tuple(
                    (name, tuple(sorted(values)))
                    for name, values in sorted(facets.items())
                )
                pks.append(pk)
                indexes.append(combos.setdefault(combo, len(combos)))
            pages.append((pks, indexes))
        return {
            "pages": pages,
            "combos": list(combos),
            "people": None if ranked is None else ranked[Person],
        }

    def _find_pages(self, model, ranked):
        """[(pk, facet values)] of the live, public pages of one type that match,
        best first: ids and facets only. What a result shows is read by prepare(),
        for the ten on the page."""
        queryset = model.objects.live().exclude(self.private_q)
        if ranked is not None:
            ids = ranked[model]
        else:  # another backend (OpenSearch): it returns the pages themselves
            found = get_search_backend().search(self.query, queryset)[
                :MAX_RESULTS_PER_MODEL
            ]
            ids = [page.pk for page in found]
        if not ids:
            return []
        # Also the filter: ids of drafts and private pages come back with no row.
        facet_values = self._facet_values(queryset, model, ids)
        return [(pk, facet_values[pk]) for pk in ids if pk in facet_values][
            :MAX_RESULTS_PER_MODEL
        ]

    def _page_results(self, model, pks, indexes, combos):
        """Results for one page type, from _find's ids and facet values. The results
        with the same values share one (read-only) facets dict."""
        key = type_key(model)
        label = self.type_labels[key]
        facets = {}
        for index in set(indexes):
            facets[index] = {"type": {key}, **combos[index]}
        return [
            Result(
                kind="page",
                type_label=label,
                title="",
                facets=facets[index],
                model=model,
                pk=pk,
            )
            for pk, index in zip(pks, indexes, strict=True)
        ]

    def prepare(self, results):
        """Titles, details, links and excerpts for the results shown, with one
        query per kind of result among them (each page type, events' modules,
        people). A page's (its "card") is cached under the content version, so
        the same search again reads none of its pages, and so is an event's
        link; both are read from the cache together."""
        pages = [r for r in results if r.kind == "page"]
        names = [self._card_name(r) for r in pages]
        names += [self._module_url_name(r.parent_pk) for r in results if r.parent_pk]
        cached = get_many_by_version(names)
        self._page_cards(pages, cached)
        self.people(results)
        for result in results:
            if result.kind == PERSON_TYPE and result.obj is not None:
                person = result.obj
                text = sentences([person.job_title, person.bio])
                result.excerpt = highlight(text, self.terms)
        self.people_urls(results)
        self.event_urls(results, cached)

    def _card_name(self, result):
        return f"search-card:{type_key(result.model)}:{result.pk}:{self.variant}"

    def _module_url_name(self, pk):
        return f"search-module-url:{pk}:{self.variant}"

    def _page_cards(self, results, cards):
        """Each page result's title, details, link and excerpt, from `cards` (read
        from the cache) or from the page (one query per type), then cached."""
        keys = [self._card_name(r) for r in results]
        missing = {}
        for result, key in zip(results, keys, strict=True):
            if key not in cards:
                missing.setdefault(result.model, []).append(result.pk)
        fetched = {}
        for model, pks in missing.items():
            fetched[model] = model.objects.select_related(
                *self._select_related(model)
            ).in_bulk(pks)
        new_cards = {}
        for result, key in zip(results, keys, strict=True):
            card = cards.get(key)
            if card is None:
                page = fetched[result.model].get(result.pk)
                if page is None:  # deleted since the search was cached: a race
                    continue
                card = (
                    page.listing_heading,
                    self._page_meta(page),
                    page.get_url(self.request),
                    highlight(plain_text(page), self.terms),
                )
                new_cards[key] = card
            result.title, result.meta, result.url, result.excerpt = card
        set_many_by_version(new_cards, FOUND_CACHE_TIMEOUT)

    @staticmethod
    def _select_related(model):
        if model is ModulePage:
            return ("topic_area",)
        if model is BestPracticePage:
            return ("cohort__track",)
        if model is CaseStudyPage:
            return ("lea",)
        return ()

    @staticmethod
    def _facet_values(queryset, model, ids):
        """{pk: {facet: {values}}} for those of `ids` in `queryset`, in one query."""
        lookups = FACET_LOOKUPS.get(model, {})
        columns = [
            (name, lookup) for name, group in lookups.items() for lookup in group
        ]
        rows = queryset.filter(pk__in=ids).values_list(
            "pk", *(lookup for _, lookup in columns)
        )
        values = {}
        for pk, *row in rows:
            facets = values.setdefault(pk, {name: set() for name in lookups})
            for (name, _), value in zip(columns, row, strict=True):
                if value is not None:
                    facets[name].add(value)
        return values

    @staticmethod
    def _page_meta(page):
        meta = []
        if isinstance(page, ModulePage):
            meta.append(page.topic_area.name)
        elif isinstance(page, CaseStudyPage) and page.lea_id:
            meta.append(page.lea.name)
        elif isinstance(page, BestPracticePage) and page.cohort_id:
            meta.append(f"{page.cohort.track.name}, class of {page.cohort.year}")
        elif isinstance(page, NewsPage):
            meta.append(long_date(page.date))
        return meta

    def _search_events(self):
        """The program's sessions (the calendar's events) whose title or place has
        every word of the query, soonest first; one query."""
        if not self.terms:
            return []
        # The sessions of live, public modules (as the calendar's public_sessions()),
        # with the privacy read once per search (self.private_paths) and no prefetch:
        # one query. The module is tested through the join (not "module in (live
        # modules)", which read every page of the site: 30 ms on SQLite).
        # Only the public program year's and upcoming ones: earlier years' are
        # history (curriculum.program_year).
        sessions = (
            ModuleSession.objects.filter(module__live=True)
            .exclude(private_q(self.private_paths, prefix="module__"))
            .shown_to_public()
        )
        for term in self.terms:
            sessions = sessions.filter(
                Q(title__icontains=term)
                | Q(location__icontains=term)
                | Q(module__title__icontains=term)
            )
        # Only what a result shows: a session's module is read only for the events
        # shown (its address, event_urls()), not for each of up to 200 found.
        found = (
            sessions.annotate(module_title=F("module__title"))
            .only("title", "starts_at", "location", "mode", "module")
            .order_by("starts_at", "pk")[:MAX_RESULTS_PER_MODEL]
        )
        return [
            Result(
                kind=EVENT_TYPE,
                type_label=self.type_labels[EVENT_TYPE],
                title=session.title,
                meta=[
                    long_datetime(session.starts_at),
                    session.location or session.get_mode_display(),
                    session.module_title,
                ],
                obj=session,
                facets={"type": {EVENT_TYPE}},
                pk=session.pk,
                parent_pk=session.module_id,
            )
            for session in found
        ]

    def event_urls(self, results, cached=None):
        """An event links to its module's sessions, where it can be added to a
        calendar: one query for the modules of the events shown. The modules'
        addresses are cached under the content version (`cached`: those read
        already)."""
        events = [r for r in results if r.kind == EVENT_TYPE]
        if not events:
            return
        keys = {pk: self._module_url_name(pk) for pk in {r.parent_pk for r in events}}
        if cached is None:
            cached = get_many_by_version(keys.values())
        urls = {pk: cached[key] for pk, key in keys.items() if key in cached}
        missing = [pk for pk in keys if pk not in urls]
        if missing:
            modules = ModulePage.objects.defer_streamfields().in_bulk(missing)
            new = {
                pk: modules[pk].get_url(self.request) if pk in modules else None
                for pk in missing
            }
            urls |= new
            set_many_by_version(
                {keys[pk]: url for pk, url in new.items()}, FOUND_CACHE_TIMEOUT
            )
        for result in events:
            url = urls.get(result.parent_pk)
            result.url = f"{url}#sessions-heading" if url else ""

    def _search_people(self, ranked):
        """People with a public profile and a public role, best first: ids, roles
        and type only, in one query. What a result shows is read by people(), for
        those on the page. `ranked`: the ids found, best first (from _find), or None
        to ask the search backend."""
        if ranked is None:
            # PersonQuerySet is a plain QuerySet (no SearchableQuerySetMixin): ask
            # the backend directly. is_public is an indexed FilterField.
            found = get_search_backend().search(self.query, Person.objects.public())
            ranked = [person.pk for person in found[:MAX_RESULTS_PER_MODEL]]
        if not ranked:
            return []
        roles = {}
        for person_id, slug in (
            Person.objects.public()
            .filter(pk__in=ranked)
            .order_by()  # no sort by name of rows read by id
            .values_list("pk", "roles__slug")
        ):
            person_roles = roles.setdefault(person_id, set())
            if slug in PUBLIC_PERSON_ROLES:
                person_roles.add(slug)
        found = [pk for pk in ranked if pk in roles][:MAX_RESULTS_PER_MODEL]
        return [
            Result(
                kind=PERSON_TYPE,
                type_label=self.type_labels[PERSON_TYPE],
                title="",  # people(), for the results shown
                facets={"type": {PERSON_TYPE}, "roles": roles[pk]},
                pk=pk,
            )
            for pk in found
            if roles[pk]
        ]

    def people(self, results):
        """Names, roles and affiliations of the people on this page of results,
        in one query."""
        shown = [r for r in results if r.kind == PERSON_TYPE and r.obj is None]
        if not shown:
            return
        # The year a person last graduated, read with them: their roster's address.
        people = (
            Person.objects.public()
            .select_related("lea", "partner")
            .annotate(
                graduated_in=Max(
                    "enrollments__cohort__year",
                    filter=Q(enrollments__status=EnrollmentStatus.COMPLETED),
                )
            )
            .in_bulk([r.pk for r in shown])
        )
        for result in shown:
            person = people.get(result.pk)
            if person is None:  # made private since the search: a moment's race
                continue
            result.obj = person
            result.title = person.public_name  # public people only: their name
            result.meta = [
                str(label)
                for value, label in PersonRole.choices
                if value in result.facets["roles"]
            ] + ([person.affiliation] if person.affiliation else [])

    @staticmethod
    def _matches(result, selected, ignore=None):
        """Whether a result has one of the selected values in every other facet."""
        for name, values in selected.items():
            if name == ignore or not values:
                continue
            if not result.facets.get(name, set()) & set(values):
                return False
        return True

    def _count_facets(self, results):
        """Counts per facet value, each under the selections in the other facets."""
        selected = {name: set(values) for name, values in self.selected.items()}
        counts = {name: {} for name in FACETS}
        for result in results:
            facets = result.facets
            # The facets whose selection this result misses: it counts only in a
            # facet if it misses no other facet's selection.
            missed = [
                name
                for name, values in selected.items()
                if values and not facets.get(name, set()) & values
            ]
            if len(missed) > 1:
                continue
            for name in missed or FACETS:
                for value in facets.get(name, ()):
                    counts[name][value] = counts[name].get(value, 0) + 1
        return counts

    def facet_options(self):
        """Each facet's options: value, label, count and whether it is selected."""
        labels = {
            "type": self.type_labels,
            "topic": {t.slug: t.name for t in self.topics},
            "track": {t.slug: t.name for t in self.tracks},
        }
        years = sorted(
            set(self.facets.get("year", {})) | set(self.selected["year"]), reverse=True
        )
        labels["year"] = {year: f"Class of {year}" for year in years}
        options = {}
        for name in FACETS:
            counts = self.facets.get(name, {})
            options[name] = [
                {
                    "value": value,
                    "label": label,
                    "count": counts.get(value, 0),
                    "selected": value in self.selected[name],
                }
                for value, label in labels[name].items()
                if counts.get(value) or value in self.selected[name]
            ]
        return options

    def promotions(self):
        """Editors' picks for the query: live, public pages and external links.

        Query.get() would create the query row and add_hit() would count it; a public
        GET must never write to the database, so both are left out.
        """
        if not self.query:
            return []
        # Cached under the content version: a promotion or a page edited changes it.
        return self._cached(self.promotions_name, self._promotions, FOUND_CACHE_TIMEOUT)

    def _promotions(self):
        picks = (
            SearchPromotion.objects.filter(
                query__query_string=normalise_query_string(self.query)
            )
            .filter(
                Q(page__isnull=True, external_link_url__gt="")
                | Q(page__in=Page.objects.live().exclude(self.private_q).values("pk"))
            )
            .select_related("page")
            .order_by("sort_order", "pk")
        )
        return [
            {
                "title": pick.title or pick.external_link_url,
                "url": (
                    pick.page.get_url(self.request)
                    if pick.page
                    else pick.external_link_url
                ),
                "description": pick.description,
                "external": pick.page is None,
            }
            for pick in picks
        ]

    def people_urls(self, results):
        """Links for people on this page of results, to where they are listed: their
        entry on the faculty and staff page, or on the roster of the class they
        graduated with (one query, for the listings)."""
        people = [r for r in results if r.kind == PERSON_TYPE and r.obj is not None]
        if not people:
            return
        # The two listings' addresses change only with the content: cached by version.
        indexes = self._cached(
            "search-people-indexes",
            lambda: {
                page.specific_class: page.get_url(self.request)
                for page in Page.objects.live()
                .exclude(self.private_q)
                .type(PeopleIndexPage, CohortIndexPage)
            },
        )
        for result in people:
            person = result.obj
            anchor = f"#person-{person.slug}" if person.slug else ""
            staff = result.facets["roles"] & {PersonRole.FACULTY, PersonRole.STAFF}
            if staff and indexes.get(PeopleIndexPage):
                result.url = indexes[PeopleIndexPage] + anchor
            elif getattr(person, "graduated_in", None) and indexes.get(CohortIndexPage):
                year = person.graduated_in
                result.url = f"{indexes[CohortIndexPage]}{year}/{anchor}"
            else:
                result.url = indexes.get(CohortIndexPage, "")
