"""Site search: one query across modules, case studies, best practices and people.

Each page model is searched with Wagtail's search backend (the database backend on
SQLite and PostgreSQL, or OpenSearch by configuration), restricted to live pages outside
private sections. Facets (content type, topic area, track, cohort year) are worked out in
Python from one values query per model over the matching ids, so the number of queries
does not grow with the number of results.
"""

import html
import re
from dataclasses import dataclass, field
from itertools import zip_longest

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.models import Q
from django.utils.formats import date_format
from django.utils.functional import cached_property
from django.utils.html import strip_tags
from django.utils.text import slugify
from wagtail.contrib.search_promotions.models import SearchPromotion
from wagtail.models import Page, PageViewRestriction
from wagtail.search import index
from wagtail.search.backends import get_search_backend
from wagtail.search.utils import normalise_query_string

from case_studies.models import BestPracticePage, CaseStudyPage
from core.cache import cached_by_version
from curriculum.models import ModulePage, TopicArea, Track
from home.models import NewsPage
from people.choices import PersonRole
from people.models import CohortIndexPage, PeopleIndexPage, Person

# The page types the search covers, in the order results are interleaved. To add a
# page type (a news page, say), list it here and, if it has topic areas, tracks or a
# cohort year, give its lookups in FACET_LOOKUPS.
SEARCHABLE_PAGE_MODELS = (ModulePage, CaseStudyPage, BestPracticePage, NewsPage)

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

MAX_QUERY_LENGTH = 200
# Results read per type, best first: enough for any useful query, a bound for any
# query (a word in half the best practices would otherwise cost 10,000 rows). The
# page says so when a type reaches it; facet counts are over these results.
MAX_RESULTS_PER_MODEL = 200
EXCERPT_LENGTH = 240
FACETS = ("type", "topic", "track", "year")
# Where one block of rich text ends and the next begins: a space in the plain text,
# so "<h3>The problem</h3><p>Every…" does not read "The problemEvery…".
BLOCK_BOUNDARY = re.compile(
    r"</(?:p|li|h[1-6]|blockquote|div|td|th|dt|dd)\s*>|<(?:br|hr)\b[^>]*>",
    re.IGNORECASE,
)


def type_key(model):
    """The content type's value in the URL: "curriculum-module", "case-study"..."""
    # A plain string: slugify() of a lazy name stays lazy, and was evaluated again on
    # every hash, thousands of times in a search's facet counts.
    return slugify(str(model._meta.verbose_name))


def clean_query(raw):
    """The query as typed, with runs of whitespace collapsed, at most 200 characters."""
    return " ".join((raw or "").split())[:MAX_QUERY_LENGTH].strip()


def query_terms(query):
    """The words of the query worth highlighting."""
    return [term for term in re.findall(r"\w+", query.lower()) if len(term) > 1]


def highlight(text, terms, length=EXCERPT_LENGTH):
    """A short excerpt of plain `text` around the first term, escaped, terms in <mark>.

    The text is escaped first and marked afterwards with a regex on the escaped text,
    skipping character references, so a mark never lands inside markup.
    """
    text = " ".join(text.split())
    if not text:
        return ""
    start = 0
    if terms:
        match = re.search(
            r"\b(?:" + "|".join(re.escape(t) for t in terms) + ")", text, re.IGNORECASE
        )
        if match and match.start() > length // 3:
            start = text.rfind(" ", 0, match.start() - length // 3) + 1
    snippet = text[start : start + length]
    if start + length < len(text):
        snippet = snippet.rsplit(" ", 1)[0] + " …"
    if start:
        snippet = "… " + snippet
    escaped = html.escape(snippet, quote=False)
    if not terms:
        return escaped
    pattern = re.compile(
        r"(&#?\w+;)|\b((?:"
        + "|".join(re.escape(html.escape(t, quote=False)) for t in terms)
        + r")\w*)",
        re.IGNORECASE,
    )
    return pattern.sub(lambda m: m.group(1) or f"<mark>{m.group(2)}</mark>", escaped)


def _stream_strings(value):
    """Every string in a StreamField's raw data, depth first."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for key, item in value.items():
            if key not in ("type", "id"):
                yield from _stream_strings(item)
    elif isinstance(value, list | tuple):
        for item in value:
            yield from _stream_strings(item)


def plain_text(obj, limit=4000):
    """The searchable text of an object as plain text, lead text first."""
    parts = [getattr(obj, "listing_text", "")]
    for search_field in obj.get_search_fields():
        if not isinstance(search_field, index.SearchField):
            continue
        name = search_field.field_name
        if name in ("title", "listing_summary", "intro"):
            continue
        value = getattr(obj, name, None)
        if hasattr(value, "raw_data"):  # a StreamField: no rendering, no queries
            value = " ".join(_stream_strings(list(value.raw_data)))
        if isinstance(value, str):
            parts.append(strip_tags(BLOCK_BOUNDARY.sub(" ", value)))
        if sum(len(part) for part in parts) > limit:
            break
    return " ".join(part for part in parts if part)[:limit]


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


def uses_database_search():
    """Whether searches go to Wagtail's database backend on SQLite or PostgreSQL."""
    backend = settings.WAGTAILSEARCH_BACKENDS["default"]["BACKEND"]
    return backend.endswith(".database") and connection.vendor in (
        "sqlite",
        "postgresql",
    )


def ranked_ids(models, query, limit):
    """{model: ids of its indexed objects matching every word of `query`, best
    first}, at most `limit` per model, in one query on Wagtail's own index tables."""
    words = re.findall(r"\w+", query)
    if not words:
        return {model: [] for model in models}
    content_types = ContentType.objects.get_for_models(*models)
    by_type = {content_types[model].pk: model for model in models}
    if connection.vendor == "sqlite":
        sql, params = _sqlite_ranking(words, list(by_type), limit)
    else:
        sql, params = _postgres_ranking(words, list(by_type), limit)
    ids = {model: [] for model in models}
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        for content_type_id, object_id in cursor.fetchall():
            ids[by_type[content_type_id]].append(int(object_id))
    return ids


def _postgres_ranking(words, content_type_ids, limit):
    """Wagtail's PostgreSQL backend matches `(title || body) @@ query`, which no
    index can serve: every entry is read (170 ms for a word in three pages of
    27,000). Here the entries with any of the words are found through the GIN
    indexes on title and body first, then the same match and rank decide."""
    from modelsearch.backends.database.postgres.weights import get_sql_weights

    placeholders = ", ".join(["%s"] * len(content_type_ids))
    # Only "%s" placeholders are formatted into the SQL; every value is a parameter.
    sql = (
        "SELECT content_type_id, object_id FROM ("  # noqa: S608
        " SELECT entry.content_type_id, entry.object_id, row_number() OVER ("
        "  PARTITION BY entry.content_type_id ORDER BY"
        "  ts_rank(%s::float4[], entry.title, plainto_tsquery(%s)) * entry.title_norm"
        "  + ts_rank(%s::float4[], entry.body, plainto_tsquery(%s)) DESC,"
        "  entry.id DESC) AS position"
        " FROM wagtailsearch_indexentry entry,"
        # Any of the query's words (stop words already dropped): the GIN indexes'
        # way in. Every word must then match in title and body together.
        " CAST(replace(CAST(plainto_tsquery(%s) AS text), '&', '|') AS tsquery)"
        " AS any_word(q)"
        f" WHERE entry.content_type_id IN ({placeholders})"
        " AND (entry.title @@ any_word.q OR entry.body @@ any_word.q)"
        " AND (entry.title || entry.body) @@ plainto_tsquery(%s)"
        ") ranked WHERE position <= %s ORDER BY content_type_id, position"
    )
    query = " ".join(words)
    weights = get_sql_weights()
    params = [weights, query, weights, query, query, *content_type_ids, query, limit]
    return sql, params


def _sqlite_ranking(words, content_type_ids, limit):
    """Wagtail's SQLite backend scores each match in a subquery of its own, and its
    filtered join lets SQLite probe the full-text table row by row: 30 s for a word
    in 9,000 of 20,000 best practices, 0.1 s for a word in three. Asking FTS5 first,
    ranked by its own bm25, takes about 25 ms and 0.2 ms. The same columns (title
    and body) as the backend; every word must match, as there."""
    expression = "{title body} : (" + " AND ".join(f'"{w}"' for w in words) + ")"
    placeholders = ", ".join(["%s"] * len(content_type_ids))
    # Only "%s" placeholders are formatted into the SQL; every value is a parameter.
    sql = (
        "SELECT content_type_id, object_id FROM ("  # noqa: S608
        " SELECT entry.content_type_id, entry.object_id, row_number() OVER"
        " (PARTITION BY entry.content_type_id ORDER BY fts.rank) AS position"
        " FROM wagtailsearch_indexentry_fts fts"
        " JOIN wagtailsearch_indexentry entry ON fts.rowid = entry.id"
        " WHERE wagtailsearch_indexentry_fts MATCH %s"
        f" AND entry.content_type_id IN ({placeholders})"
        ") WHERE position <= %s ORDER BY content_type_id, position"
    )
    return sql, [expression, *content_type_ids, limit]


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
            type_key(m): str(m._meta.verbose_name).capitalize()
            for m in SEARCHABLE_PAGE_MODELS
        } | {PERSON_TYPE: "Person"}
        self.selected = self._clean_selection(selected)
        self.results = []
        self.facets = {}
        self.capped = False
        if self.query:
            self._search()

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
                text = " ".join(filter(None, [person.job_title, person.bio]))
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
            meta.append(date_format(page.date, "DATE_FORMAT"))
        return meta

    def _search_people(self):
        # PersonQuerySet is a plain QuerySet (no SearchableQuerySetMixin): ask the
        # backend directly. is_public is an indexed FilterField.
        people = Person.objects.public().select_related("lea", "partner")
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
                title=person.full_name,
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
        """Links for people on this page of results: the people or cohort listing."""
        people = [r for r in results if r.kind == PERSON_TYPE]
        if not people:
            return
        indexes = {
            page.specific_class: page.get_url(self.request)
            for page in Page.objects.live()
            .exclude(self.private_q)
            .type(PeopleIndexPage, CohortIndexPage)
        }
        for result in people:
            staff = result.facets["roles"] & {PersonRole.FACULTY, PersonRole.STAFF}
            index_model = PeopleIndexPage if staff else CohortIndexPage
            result.url = indexes.get(index_model, "")
