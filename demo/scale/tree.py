"""Bulk insertion of live Wagtail pages, their relations and their search entries.

`Page.add_child()` saves one page at a time (several queries each, plus a revision
and a publish), which is far too slow for tens of thousands of pages. `PageAppender`
writes what `add_child()` and `publish()` would have written, in batches:

1. **Tree position, computed here.** Wagtail's tree is a treebeard materialised path
   tree: a page's `path` is its parent's path plus a fixed-width step
   (`Page.steplen` characters of `Page.alphabet`, base 36). New pages are appended
   after the parent's last child: steps `last + 1`, `last + 2`... `depth` is the
   parent's plus one, `numchild` is 0, and `url_path` is the parent's plus the slug
   (what `Page.set_url_path()` computes). Afterwards the parent's `numchild` is
   raised by the number added, in the same transaction, which is all treebeard
   keeps about children.
2. **Publication state.** `live=True`, `has_unpublished_changes=False`,
   `first_published_at`/`last_published_at` set, `draft_title` equal to the title,
   the parent's locale, a translation key from the item's generator. No revision:
   Wagtail serves a live page from its own row (`latest_revision` and
   `live_revision` may be empty, as for pages made by migrations); the first edit
   in the admin creates the first revision.
3. **Multi-table inheritance.** A `BestPracticePage` is a row in
   `wagtailcore_page` plus a row in `case_studies_bestpracticepage` sharing its
   primary key (`page_ptr_id`). Django's `bulk_create()` refuses such models, so the
   two tables are written separately: `Page.objects.bulk_create()` writes the base
   rows and returns their ids (PostgreSQL, and SQLite 3.35+, return them from the
   INSERT); then the specific rows are inserted with `page_ptr_id` set to those ids
   by `insert_rows()`. That calls the model manager's `_insert()`, which is exactly
   what `Model.save()` calls for each table of a multi-table model
   (`Model._do_insert()`): the same SQL compiler, the same `pre_save()` and
   `get_db_prep_save()` of every field (StreamField JSON, rich text, foreign keys).
   Only the batching is ours, sized by the backend's `bulk_batch_size()` (SQLite
   allows 999 parameters a statement). See
   https://github.com/django/django/blob/stable/5.2.x/django/db/models/base.py
   (`_save_table`, `_do_insert`) and `QuerySet.bulk_create()` for the check this
   avoids.

The specific instances given to `PageAppender.add()` are complete in memory (every
`Page` field and every field of their own table, tags as in-memory `tagged_items`),
so they go straight to the search backend (`backend.add_bulk()`, through
`demo.people.index_in_bulk()`) with no query per page.

Not written, as nothing needs them for a live page: revisions, the "published" log
entries and the reference index (run `manage.py rebuild_references_index` for the
admin's usage counts). No signals are sent, `page_published` among them; the seeder
bumps the cached content version once at the end instead. Everything here runs
inside the caller's transaction: a chunk is written whole or not at all.
"""

from django.db import NotSupportedError, connections, router
from django.db.models import F
from wagtail.models import Page


def encode_step(number):
    """The path step of the `number`-th child: base 36, `Page.steplen` wide."""
    alphabet, width = Page.alphabet, Page.steplen
    if not 0 < number < len(alphabet) ** width:
        raise ValueError(f"A parent page cannot hold {number} children.")
    digits = []
    while number:
        number, digit = divmod(number, len(alphabet))
        digits.append(alphabet[digit])
    return "".join(reversed(digits)).rjust(width, alphabet[0])


def decode_step(step):
    return int(step, len(Page.alphabet))


def page_fields():
    """The columns of wagtailcore_page, except the id the database assigns."""
    return [f for f in Page._meta.concrete_fields if not f.primary_key]


class PageAppender:
    """Appends live pages of any specific type under one parent, in batches."""

    def __init__(self, parent):
        self.parent = Page.objects.get(pk=parent.pk)
        self.depth = self.parent.depth + 1
        last_path = (
            Page.objects.filter(path__startswith=self.parent.path, depth=self.depth)
            .order_by("-path")
            .values_list("path", flat=True)
            .first()
        )
        self.next_step = decode_step(last_path[-Page.steplen :]) + 1 if last_path else 1

    def add(self, pages):
        """Insert `pages` (unsaved specific pages of one model) as the last children.

        Each needs its title, slug, first_published_at and its own fields; the rest
        of the Page fields are set here. Returns the pages, now with their ids.
        """
        if not pages:
            return pages
        model = type(pages[0])
        if not model.can_exist_under(self.parent):
            raise ValueError(
                f"A {model.__name__} cannot be a child of a "
                f"{self.parent.specific_class.__name__}."
            )
        fields = page_fields()
        base_rows = []
        for page in pages:
            page.path = self.parent.path + encode_step(self.next_step)
            self.next_step += 1
            page.depth = self.depth
            page.numchild = 0
            page.url_path = f"{self.parent.url_path}{page.slug}/"
            page.draft_title = page.title
            page.live = True
            page.has_unpublished_changes = False
            page.last_published_at = page.last_published_at or page.first_published_at
            page.locale_id = self.parent.locale_id
            base_rows.append(
                Page(**{f.attname: getattr(page, f.attname) for f in fields})
            )
        Page.objects.bulk_create(base_rows)
        if base_rows[0].pk is None:
            raise NotSupportedError(
                "The database did not return the ids of the new pages (PostgreSQL "
                "and SQLite 3.35+ do)."
            )
        for page, row in zip(pages, base_rows, strict=True):
            page.id = page.page_ptr_id = row.pk
            page._state.adding = False
            page._state.db = row._state.db
        insert_rows(model, pages, model._meta.local_concrete_fields)
        Page.objects.filter(pk=self.parent.pk).update(
            numchild=F("numchild") + len(pages)
        )
        self.parent.numchild += len(pages)
        return pages


def insert_rows(model, objects, fields):
    """INSERT `fields` of `objects` into `model`'s own table, in batches.

    The batched equivalent of the INSERT that `Model.save()` runs for one table
    (`Model._do_insert()` calls the same manager method).
    """
    connection = connections[router.db_for_write(model)]
    batch = max(connection.ops.bulk_batch_size(fields, objects), 1)
    for start in range(0, len(objects), batch):
        model._base_manager._insert(
            objects[start : start + batch], fields=fields, using=connection.alias
        )


def create_m2m(model, field_name, pairs):
    """Bulk-create the through rows of `model.field_name` for (source id, target id)
    pairs: what `page.field.set(...)` and a save would write, for many pages."""
    field = model._meta.get_field(field_name)
    through = field.remote_field.through
    source = f"{field.m2m_field_name()}_id"
    target = f"{field.m2m_reverse_field_name()}_id"
    rows = [through(**{source: a, target: b}) for a, b in pairs]
    through._default_manager.bulk_create(rows, batch_size=2_000)
    return len(rows)
