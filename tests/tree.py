"""The page tree's fixed points, for fixtures at any scope."""

from wagtail.models import Collection, Locale, Page


def ensure_tree_root():
    """Wagtail's tree root and what every tree needs (locale, root collection),
    made when absent: transactional tests flush what the migrations created."""
    Locale.objects.get_or_create(language_code="en")
    if not Collection.objects.filter(depth=1).exists():
        Collection.add_root(name="Root")
    root = Page.get_first_root_node()
    if root is None:
        root = Page.add_root(instance=Page(title="Root", slug="root"))
    return root
