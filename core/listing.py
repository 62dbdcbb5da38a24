"""Filtered, paginated listings for index pages."""

from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator


class ListingIndexMixin:
    """An index page that lists its children, filtered by a GET form and paginated.

    Subclasses give `get_listing_queryset()` (batched: no per-item queries) and
    `filter_form_class`, a form whose `filter(queryset)` applies the valid filters.
    """

    paginate_by = 12
    filter_form_class = None

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
        paginator = Paginator(queryset, self.paginate_by)
        try:
            page_obj = paginator.page(request.GET.get("page", 1))
        except PageNotAnInteger:
            page_obj = paginator.page(1)
        except EmptyPage:
            page_obj = paginator.page(paginator.num_pages)
        params = request.GET.copy()
        params.pop("page", None)
        return {
            "filter_form": form,
            "page_obj": page_obj,
            "items": list(page_obj.object_list),
            "query_string": params.urlencode(),
            "is_filtered": bool(
                form is not None and form.is_bound and form.has_filters()
            ),
        }

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context.update(self.get_listing(request))
        return context
