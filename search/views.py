"""Public views of the home app that are not pages in the tree: the site search."""

from urllib.parse import urlencode

from django.core.paginator import Paginator
from django.template.response import TemplateResponse
from django.views.decorators.http import require_safe

from search.site_search import FACETS, MAX_RESULTS_PER_MODEL, SiteSearch

RESULTS_PER_PAGE = 10


def _query_string(params, drop=None):
    """GET parameters as a query string, without `page` and without (name, value) drop."""
    return urlencode([(k, v) for k, v in params if k != "page" and (k, v) != drop])


@require_safe
def search(request):
    """/search/?q=...: results across the site, with facets; reads, never writes."""
    site_search = SiteSearch(
        request.GET.get("q", ""),
        {name: request.GET.getlist(name) for name in FACETS},
        request=request,
    )
    page_obj = Paginator(site_search.results, RESULTS_PER_PAGE).get_page(
        request.GET.get("page")
    )
    site_search.prepare(page_obj.object_list)

    # Only the cleaned parameters go into links, so a shared URL says what it shows.
    params = [("q", site_search.query)] if site_search.query else []
    params += [
        (name, str(value)) for name in FACETS for value in site_search.selected[name]
    ]
    options = site_search.facet_options()
    chips = [
        {
            "label": next(
                (o["label"] for o in options[name] if o["value"] == value), value
            ),
            "remove_url": "?" + _query_string(params, drop=(name, str(value))),
        }
        for name in FACETS
        for value in site_search.selected[name]
    ]
    # The filter box only when a filter would change what is shown: some option
    # covers fewer results than all of them, or a filter is in use.
    show_filters = site_search.is_filtered or any(
        option["count"] < page_obj.paginator.count
        for name in FACETS
        for option in options[name]
    )
    return TemplateResponse(
        request,
        "search/search.html",
        {
            "search_query": site_search.query,
            "page_obj": page_obj,
            "results": page_obj.object_list,
            "result_count": page_obj.paginator.count,
            "results_capped": site_search.capped,
            "results_per_type": MAX_RESULTS_PER_MODEL,
            "facets": [
                {"name": "type", "legend": "Content type", "options": options["type"]},
                {"name": "topic", "legend": "Topic area", "options": options["topic"]},
                {"name": "track", "legend": "Track", "options": options["track"]},
                {"name": "year", "legend": "Cohort year", "options": options["year"]},
            ],
            "chips": chips,
            "show_filters": show_filters,
            "suggestion": site_search.suggestion,
            "is_filtered": site_search.is_filtered,
            "clear_filters_url": "?" + urlencode(params[:1])
            if site_search.query
            else "?",
            "promotions": site_search.promotions() if page_obj.number == 1 else [],
            "query_string": _query_string(params),
            "topic_areas": site_search.topics,
        },
    )
