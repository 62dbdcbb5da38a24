"""Participant materials are private to the program's groups: pages and documents."""

from wagtail.models import Collection, CollectionViewRestriction, PageViewRestriction

from people.roles import materials_reader_groups

MATERIALS_COLLECTION = "Participant materials"


def restrict_to_program_groups(page):
    """Give `page` a view restriction to the materials readers, unless it has one."""
    if PageViewRestriction.objects.filter(page=page).exists():
        return None
    restriction = PageViewRestriction.objects.create(
        page=page, restriction_type=PageViewRestriction.GROUPS
    )
    restriction.groups.set(materials_reader_groups())
    return restriction


def materials_collection():
    """The private collection for participant documents, created and restricted once."""
    root = Collection.get_first_root_node()
    collection = root.get_children().filter(name=MATERIALS_COLLECTION).first()
    if collection is None:
        collection = root.add_child(name=MATERIALS_COLLECTION)
    if not CollectionViewRestriction.objects.filter(collection=collection).exists():
        restriction = CollectionViewRestriction.objects.create(
            collection=collection, restriction_type=CollectionViewRestriction.GROUPS
        )
        restriction.groups.set(materials_reader_groups())
    return collection
