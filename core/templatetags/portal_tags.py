"""Site-wide template tags: the main menu and breadcrumbs."""

from dataclasses import dataclass

from django import template
from wagtail.models import Page, Site

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


@register.inclusion_tag("components/main_menu.html", takes_context=True)
def main_menu(context, page=None):
    """Live, public children of the site root that editors marked 'show in menus'."""
    root = _site_root(context)
    if root is None:
        return {"items": []}
    current_path = page.path if isinstance(page, Page) else ""
    children = (
        root.get_children()
        .live()
        .public()
        .in_menu()
        .only("title", "path", "url_path", "depth")
    )
    items = [
        Link(
            title=child.title,
            url=child.get_url(request=context.get("request")),
            active=bool(current_path) and current_path.startswith(child.path),
        )
        for child in children
    ]
    return {"items": items}


@register.inclusion_tag("components/breadcrumbs.html", takes_context=True)
def breadcrumbs(context, page):
    """Ancestors from the site root down to (not including) the current page."""
    root = _site_root(context)
    if root is None or not isinstance(page, Page) or page.depth <= root.depth:
        return {"items": [], "current": ""}
    request = context.get("request")
    ancestors = (
        Page.objects.ancestor_of(page)
        .filter(depth__gte=root.depth)
        .order_by("path")
        .only("title", "path", "url_path", "depth")
    )
    items = [
        Link(
            title="Home" if ancestor.depth == root.depth else ancestor.title,
            url=ancestor.get_url(request=request),
        )
        for ancestor in ancestors
    ]
    return {"items": items, "current": page.title}
