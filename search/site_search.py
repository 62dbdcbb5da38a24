"""Site search: one query across the public pages, the program's events and people.

Each page model is searched with Wagtail's search backend (the database backend on
SQLite and PostgreSQL, or OpenSearch by configuration), restricted to live pages outside
private sections. Facets (content type, topic area, track, cohort year) are worked out in
Python from one values query per model over the matching ids, so the number of queries
does not grow with the number of results.
"""

from dataclasses import dataclass, field
from itertools import zip_longest

from django.db.models import Max, Q
from django.utils.functional import cached_property
from django.utils.text import slugify
from wagtail.contrib.search_promotions.models import SearchPromotion
from wagtail.models import Page, PageViewRestriction
from wagtail.search.backends import get_search_backend
from wagtail.search.utils import normalise_query_string

from case_studies.models import BestPracticePage, CaseStudyPage
from core.cache import cached_by_version
from core.dates import long_date, long_datetime
from curriculum.models import ModulePage, ModuleSession, TopicArea, Track
from home.models import ContentPage, NewsPage
from people.choices import EnrollmentStatus, PersonRole
from people.models import CohortIndexPage, PeopleIndexPage, Person
from search.ranking import ranked_ids, uses_database_search
from search.text import clean_query, highlight, plain_text, query_terms, sentences
from search.vocabulary import suggest

# The page types the search covers, in the order results are interleaved. To add a
# page type (a news page, say), list it here and, if it has topic areas, tracks or a
# cohort year, give its lookups in FACET_LOOKUPS.
SEARCHABLE_PAGE_MODELS = (
    ModulePage,
    CaseStudyPage,
    BestPracticePage,
    NewsPage,
    ContentPage,
)
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


def private_q():
    """Pages in private sections, from one query (what PageQuerySet.public() excludes).

    PageQuerySet.public() reads the restrictions each time it is called; the search
    reads them once for every model. See wagtail.query.PageQuerySet.private_q.
    """
    q = Q()
    for restriction in PageViewRestriction.objects.select_related("page"):
        q |= Q(path__startswith=restriction.page.path)
    return q if q else Q(pk__in=[])


class SiteSearch:
    """Runs one search: results, facets with counts, promotions."""

    def __init__(self, query, selected, request=None):
        self.request = request
        self.query = clean_query(query)
        self.terms = query_terms(self.query)
        self.topics, self.tracks = cached_by_version(
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
    def private_q(self):
        return private_q()

    @property
    def is_filtered(self):
        return any(self.selected.values())

    def _search(self):
        self.ranked_ids = None
        if uses_database_search():
            # A little over the bound: drafts and private pages are dropped after.
            self.ranked_ids = ranked_ids(
                [*SEARCHABLE_PAGE_MODELS, Person],
                self.query,
                MAX_RESULTS_PER_MODEL + 100,
            )
        ranked = [self._search_pages(model) for model in SEARCHABLE_PAGE_MODELS]
        ranked.append(self._search_events())
        ranked.append(self._search_people())
        # Interleave by rank within each type: scores from different models (and from
        # SQLite's bm25 and PostgreSQL's ts_rank) are not comparable.
        everything = [
            result
            for row in zip_longest(*ranked)
            for result in row
            if result is not None
        ]
        self.capped = any(len(results) >= MAX_RESULTS_PER_MODEL for results in ranked)
        self.facets = self._count_facets(everything)
        self.results = [r for r in everything if self._matches(r, self.selected)]

    def _search_pages(self, model):
        """Results for one page type: ids, type and facets only. What a result
        shows is read by prepare(), for the ten on the page."""
        queryset = model.objects.live().exclude(self.private_q)
        if self.ranked_ids is not None:
            ids, objects = self.ranked_ids[model], {}
        else:  # another backend (OpenSearch): it returns the pages themselves
            found = get_search_backend().search(
                self.query, queryset.select_related(*self._select_related(model))
            )[:MAX_RESULTS_PER_MODEL]
            objects = {page.pk: page for page in found}
            ids = list(objects)
        if not ids:
            return []
        # Also the filter: ids of drafts and private pages come back with no row.
        facet_values = self._facet_values(queryset, model, ids)
        key = type_key(model)
        label = self.type_labels[key]
        return [
            Result(
                kind="page",
                type_label=label,
                title="",
                obj=objects.get(pk),
                facets={"type": {key}, **facet_values[pk]},
                model=model,
                pk=pk,
            )
            for pk in ids
            if pk in facet_values
        ][:MAX_RESULTS_PER_MODEL]

    def prepare(self, results):
        """Titles, details, links and excerpts for the results shown, with one
        query per page type among them."""
        missing = {}
        for result in results:
            if result.kind == "page" and result.obj is None:
                missing.setdefault(result.model, []).append(result.pk)
        fetched = {}
        for model, pks in missing.items():
            fetched[model] = model.objects.select_related(
                *self._select_related(model)
            ).in_bulk(pks)
        for result in results:
            if result.kind == PERSON_TYPE:
                person = result.obj
                text = sentences([person.job_title, person.bio])
                result.excerpt = highlight(text, self.terms)
            if result.kind != "page":
                continue
            page = result.obj or fetched[result.model][result.pk]
            result.obj = page
            result.title = page.listing_heading
            result.meta = self._page_meta(page)
            result.url = page.get_url(self.request)
            result.excerpt = highlight(plain_text(page), self.terms)
        self.people_urls(results)
        self.event_urls(results)

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
        # with the privacy read once per search (self.private_q) and no prefetch:
        # one query.
        modules = ModulePage.objects.live().exclude(self.private_q)
        # Only the public program year's and upcoming ones: earlier years' are
        # history (curriculum.program_year).
        sessions = (
            ModuleSession.objects.filter(module__in=modules)
            .shown_to_public()
            .select_related("module")
        )
        for term in self.terms:
            sessions = sessions.filter(
                Q(title__icontains=term)
                | Q(location__icontains=term)
                | Q(module__title__icontains=term)
            )
        found = list(sessions.order_by("starts_at", "pk")[:MAX_RESULTS_PER_MODEL])
        return [
            Result(
                kind=EVENT_TYPE,
                type_label=self.type_labels[EVENT_TYPE],
                title=session.title,
                meta=[
                    long_datetime(session.starts_at),
                    session.location or session.get_mode_display(),
                    session.module.title,
                ],
                obj=session,
                facets={"type": {EVENT_TYPE}},
            )
            for session in found
        ]

    def event_urls(self, results):
        """An event links to its module's sessions, where it can be added to a calendar."""
        for result in results:
            if result.kind == EVENT_TYPE:
                url = result.obj.module.get_url(self.request)
                result.url = f"{url}#sessions-heading" if url else ""

    def _search_people(self):
        # PersonQuerySet is a plain QuerySet (no SearchableQuerySetMixin): ask the
        # backend directly. is_public is an indexed FilterField.
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
        )
        if self.ranked_ids is not None:
            by_id = people.in_bulk(self.ranked_ids[Person])
            found = [by_id[pk] for pk in self.ranked_ids[Person] if pk in by_id]
        else:
            found = get_search_backend().search(self.query, people)
        found = list(found[:MAX_RESULTS_PER_MODEL])
        if not found:
            return []
        roles = {}
        for person_id, slug in Person.roles.through.objects.filter(
            person_id__in=[p.pk for p in found], role__slug__in=PUBLIC_PERSON_ROLES
        ).values_list("person_id", "role__slug"):
            roles.setdefault(person_id, set()).add(slug)
        return [
            Result(
                kind=PERSON_TYPE,
                type_label=self.type_labels[PERSON_TYPE],
                title=person.public_name,  # public people only: their name
                url="",  # people_urls() and prepare(), for the results shown
                meta=[
                    str(label)
                    for value, label in PersonRole.choices
                    if value in roles[person.pk]
                ]
                + ([person.affiliation] if person.affiliation else []),
                obj=person,
                facets={"type": {PERSON_TYPE}, "roles": roles[person.pk]},
            )
            for person in found
            if person.pk in roles
        ]

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
        people = [r for r in results if r.kind == PERSON_TYPE]
        if not people:
            return
        # The two listings' addresses change only with the content: cached by version.
        indexes = cached_by_version(
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
