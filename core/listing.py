"""Filtered, paginated listings for index pages."""

import hashlib

from django import forms
from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.utils.functional import SimpleLazyObject

from caching import cached_by_version, cached_cards


def listing_ids(queryset):
    """The ids of a listing, in order, read once per content version.

    A page of a listing then costs one query for its cards, however deep it is:
    sorting 20,000 best practices by cohort year for each page took 40 ms, and
    counting them another 17. Keyed by the query's SQL, so each filter combination
    has its own list; any publish, unpublish, move or delete starts a new version.
    """
    sql = str(queryset.values("pk").query)
    key = "listing-ids:" + hashlib.sha256(sql.encode()).hexdigest()[:32]
    return cached_by_version(key, lambda: list(queryset.values_list("pk", flat=True)))


class ListingIndexMixin:
    """An index page that lists its children, filtered by a GET form and paginated.

    Subclasses give `get_listing_queryset()` (batched: no per-item queries) and
    `filter_form_class`, a form whose `filter(queryset)` applies the valid filters.
    With a `card_template` (rendering `item`), the context's `cards` are the items'
    cards, cached (caching.cards), and `items` are read only if used.
    """

    paginate_by = 12
    filter_form_class: type[forms.Form] | None = None
    card_template: str | None = None

    def get_listing_queryset(self):
        raise NotImplementedError

    def get_listing(self, request):
        form = (
            self.filter_form_class(request.GET or None)
            if self.filter_form_class
            else None
        )
        queryset = self.get_listing_queryset()
        if form is not None and form.is_bound and form.is_valid():
            queryset = form.filter(queryset)
        paginator = Paginator(listing_ids(queryset), self.paginate_by)
        try:
            page_obj = paginator.page(request.GET.get("page", 1))
        except PageNotAnInteger:
            page_obj = paginator.page(1)
        except EmptyPage:
            page_obj = paginator.page(paginator.num_pages)
        ids = list(page_obj.object_list)

        def fetch(pks):
            """The pages of these ids, with everything a card shows in batches."""
            by_id = queryset.in_bulk(pks)
            return [by_id[pk] for pk in pks if pk in by_id]

        if self.card_template:
            # Cached cards: the pages are read only for the cards not cached yet
            # (and for whoever reads `items`).
            cards = cached_cards(ids, fetch, self.card_template, request)
            items = SimpleLazyObject(lambda: fetch(ids))
        else:
            cards, items = None, fetch(ids)
        page_obj.object_list = items
        params = request.GET.copy()
        params.pop("page", None)
        return {
            "filter_form": form,
            "page_obj": page_obj,
            "items": items,
            "cards": cards,
            "query_string": params.urlencode(),
            "is_filtered": bool(
                form is not None and form.is_bound and form.has_filters()
            ),
        }

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context.update(self.get_listing(request))
        return context
