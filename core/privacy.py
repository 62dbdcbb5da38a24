"""Which pages are private: one lookup per content version, shared by every query.

Wagtail reads every view restriction afresh each time `PageQuerySet.public()` is
called, and twice more to serve a page (`Page.get_view_restrictions`, through its
aliased ancestors). A page render calls `public()` several times (the menu, its
cards, the calendar), so the first visitor after a change paid for each. Here the
private sections' paths, and the paths of alias pages (whose source's restrictions
apply), are read in one query and kept under the content version, which any
restriction saved, deleted or given other groups moves (caching.signal_handlers).

Page models get it through `BasePage.objects` (`PublicPageQuerySet`); queries on
Wagtail's `Page.objects` use `public_pages()`; search joins through `private_q`.
"""

from dataclasses import dataclass

from django.db.models import Q, QuerySet
from wagtail.models import Page, PageViewRestriction
from wagtail.query import PageQuerySet

from caching import cached_by_version


@dataclass(frozen=True)
class PagePrivacy:
    """The paths of pages with a view restriction, and of alias pages."""

    restricted: tuple[str, ...]
    aliases: tuple[str, ...]

    def may_restrict(self, path: str) -> bool:
        """Whether a restriction may apply to the page at `path`: one of its
        ancestors (or itself) is restricted, or is an alias, whose source's
        restrictions apply and are for Wagtail to find."""
        return path.startswith(self.restricted + self.aliases)


def page_privacy() -> PagePrivacy:
    def build() -> PagePrivacy:
        rows = Page.objects.filter(
            Q(view_restrictions__isnull=False) | Q(alias_of__isnull=False)
        ).values_list("path", "alias_of_id", "view_restrictions__id")
        restricted = sorted({path for path, _alias, restriction in rows if restriction})
        aliases = sorted({path for path, alias, _restriction in rows if alias})
        return PagePrivacy(tuple(restricted), tuple(aliases))

    return cached_by_version("page-privacy", build)


def private_paths() -> list[str]:
    """The paths of the private sections' top pages."""
    return list(page_privacy().restricted)


def private_q(paths: list[str] | None = None, prefix: str = "") -> Q:
    """Pages in private sections, as PageQuerySet.private_q finds them
    (wagtail/query.py) from the paths read once. `prefix` ("module__") puts the test
    on a related page, so a query can join to it instead of reading every page."""
    q = Q()
    for path in private_paths() if paths is None else paths:
        q |= Q(**{f"{prefix}path__startswith": path})
    return q if q else Q(pk__in=[])


def public_pages(queryset: QuerySet) -> QuerySet:
    """`queryset.public()` for a queryset of Wagtail's own `Page.objects`."""
    return queryset.exclude(private_q())


def view_restrictions(page: Page) -> QuerySet[PageViewRestriction] | None:
    """No restriction, without a query, for a page outside every private section
    and alias; None where Wagtail must look (Page.get_view_restrictions)."""
    if page.alias_of_id is None and not page_privacy().may_restrict(page.path):
        return PageViewRestriction.objects.none()
    return None


class PublicPageQuerySet(PageQuerySet):
    """Wagtail's PageQuerySet whose `public()` and `not_public()` read the private
    sections from the cached lookup, not from a query each time."""

    def private_q(self) -> Q:
        return private_q()
