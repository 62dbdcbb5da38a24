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
# Results read per model: enough for any useful query, a bound for any query.
MAX_RESULTS_PER_MODEL = 500
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
    return slugify(model._meta.verbose_name)


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
    url: str
    excerpt: str = ""
    meta: list = field(default_factory=list)
    obj: object = None
    facets: dict = field(default_factory=dict)


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
        self.topics = list(TopicArea.objects.only("name", "slug"))
        self.tracks = list(Track.objects.only("name", "slug"))
        self.type_labels = {
            type_key(m): str(m._meta.verbose_name).capitalize()
            for m in SEARCHABLE_PAGE_MODELS
        } | {PERSON_TYPE: "Person"}
        self.selected = self._clean_selection(selected)
        self.results = []
        self.facets = {}
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
        self.facets = self._count_facets(everything)
        self.results = [r for r in everything if self._matches(r, self.selected)]

    def _search_pages(self, model):
        queryset = (
            model.objects.live()
            .exclude(self.private_q)
            .select_related(*self._select_related(model))
        )
        found = list(queryset.search(self.query)[:MAX_RESULTS_PER_MODEL])
        if not found:
            return []
        facet_values = self._facet_values(model, [page.pk for page in found])
        key = type_key(model)
        label = self.type_labels[key]
        results = []
        for page in found:
            facets = {"type": {key}, **facet_values.get(page.pk, {})}
            results.append(
                Result(
                    kind="page",
                    type_label=label,
                    title=page.listing_heading,
                    url=page.get_url(self.request),
                    excerpt=highlight(plain_text(page), self.terms),
                    meta=self._page_meta(page),
                    obj=page,
                    facets=facets,
                )
            )
        return results

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
    def _facet_values(model, ids):
        """{pk: {facet: {values}}} for the pages `ids`, in one query."""
        lookups = FACET_LOOKUPS.get(model, {})
        columns = [
            (name, lookup) for name, group in lookups.items() for lookup in group
        ]
        values = {pk: {name: set() for name in lookups} for pk in ids}
        if not columns:
            return values
        rows = model.objects.filter(pk__in=ids).values_list(
            "pk", *(lookup for _, lookup in columns)
        )
        for pk, *row in rows:
            for (name, _), value in zip(columns, row, strict=True):
                if value is not None:
                    values[pk][name].add(value)
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
        found = list(
            get_search_backend().search(
                self.query, Person.objects.public().select_related("lea", "partner")
            )[:MAX_RESULTS_PER_MODEL]
        )
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
                url="",
                excerpt=highlight(
                    " ".join(filter(None, [person.job_title, person.bio])), self.terms
                ),
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
        counts = {name: {} for name in FACETS}
        for name in FACETS:
            for result in results:
                if self._matches(result, self.selected, ignore=name):
                    for value in result.facets.get(name, ()):
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
