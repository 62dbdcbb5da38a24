"""Site-wide template tags: the main menu and breadcrumbs, cached per content version."""

from dataclasses import dataclass

from django import template
from django.urls import NoReverseMatch, reverse
from wagtail.models import Page, Site

from caching import cached_by_version
from core.models import ProgramSettings
from core.privacy import public_pages

register = template.Library()


@dataclass(frozen=True)
class Link:
    title: str
    url: str
    active: bool = False


def _site_root(context):
    request = context.get("request")
    site = Site.find_for_request(request) if request else None
    return site.root_page if site else None


def _menu_entries(root, request):
    """(title, url, path) of the live, public, in-menu children of the site root."""

    def build():
        children = (
            public_pages(root.get_children())
            .live()
            .in_menu()
            .only("title", "path", "url_path", "depth")
        )
        return [
            (child.title, child.get_url(request=request), child.path)
            for child in children
        ]

    return cached_by_version(f"menu:{root.pk}", build, timeout=None)


def _calendar_link(request):
    """The program calendar: a view, not a page, so editors cannot tick it in."""
    try:
        url = reverse("events")
    except NoReverseMatch:
        return None
    current = getattr(request, "path", "") if request else ""
    return Link(title="Events", url=url, active=current.startswith(url))


@register.inclusion_tag("components/main_menu.html", takes_context=True)
def main_menu(context, page=None):
    """Live, public children of the site root that editors marked 'show in menus',
    then the program calendar."""
    root = _site_root(context)
    if root is None:
        return {"items": []}
    request = context.get("request")
    current_path = page.path if isinstance(page, Page) else ""
    items = [
        Link(
            title=title,
            url=url,
            active=bool(current_path) and current_path.startswith(path),
        )
        for title, url, path in _menu_entries(root, request)
    ]
    calendar = _calendar_link(request)
    if calendar is not None:
        items.append(calendar)
    return {"items": items}


# Reserved for documentation (RFC 2606, RFC 6761): never a program's real mailbox.
PLACEHOLDER_DOMAINS = ("example.com", "example.org", "example.net")
PLACEHOLDER_SUFFIXES = (".example", ".test", ".invalid", ".localhost")


@register.filter
def real_email(address):
    """The address, or "" when it is a placeholder (example.org, *.test...), so a
    fresh install shows no contact address rather than a made-up one."""
    domain = str(address or "").rpartition("@")[2].lower()
    if not domain or domain in PLACEHOLDER_DOMAINS:
        return ""
    if domain.endswith(PLACEHOLDER_SUFFIXES) or domain == "localhost":
        return ""
    return address


@register.inclusion_tag("components/breadcrumbs.html", takes_context=True)
def breadcrumbs(context, page):
    """Ancestors from the site root down to (not including) the current page."""
    root = _site_root(context)
    if root is None or not isinstance(page, Page) or page.depth <= root.depth:
        return {"items": [], "current": ""}

    def build():
        request = context.get("request")
        ancestors = (
            Page.objects.ancestor_of(page)
            .filter(depth__gte=root.depth)
            .order_by("path")
            .only("title", "path", "url_path", "depth")
        )
        return [
            Link(
                title="Home" if ancestor.depth == root.depth else ancestor.title,
                url=ancestor.get_url(request=request),
            )
            for ancestor in ancestors
        ]

    items = cached_by_version(f"crumbs:{page.pk}", build, timeout=None)
    return {"items": items, "current": page.title}


@register.simple_tag(takes_context=True)
def program_settings(context):
    """The site's ProgramSettings, read without creating a row on a public GET.

    Wagtail's settings context processor uses get_or_create; a visitor's request
    should never write, so a missing row falls back to an unsaved instance with
    the model's defaults.
    """
    request = context.get("request")
    site = Site.find_for_request(request) if request else None
    if site is None:
        return ProgramSettings()
    return ProgramSettings.objects.filter(site=site).first() or ProgramSettings(
        site=site
    )


@register.simple_tag
def page_numbers(page_obj):
    """The page numbers to link: the first, the last and two either side of the
    current one, with None for each gap. Never walks every page of a long listing."""
    ellipsis = page_obj.paginator.ELLIPSIS
    return [
        None if number == ellipsis else number
        for number in page_obj.paginator.get_elided_page_range(
            page_obj.number, on_each_side=2, on_ends=1
        )
    ]
