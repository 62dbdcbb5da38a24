""" "Did you mean ...?": spelling suggestions from the words visitors can see.

The vocabulary is made of the words on the public site as written (titles and text of
live pages outside private sections, the calendar's session titles and places, public
people's names and job titles), not of the search index: on PostgreSQL the index holds
stemmed lexemes ("cybersecur"), which are no words to suggest. It is the same on
every engine and every search backend.

It is built once per content version (any publish refreshes it) and cached, and is
bounded: at most ``TEXT_PER_ITEM`` characters of each item's text are read, and the
``MAX_WORDS`` words found on the most items are kept. A query word that is not in it
is replaced by its closest word (difflib's ratio, among words of a similar length and
the same first letter; the more common word on a tie), if one is close enough.
"""

import contextlib
import difflib
import html
import json
import re
from collections import Counter

from django.core.exceptions import FieldDoesNotExist
from django.db.models import TextField
from django.db.models.functions import Cast
from wagtail.search import index

from caching import cached_by_version
from core.privacy import private_q
from curriculum.models import ModulePage, ModuleSession
from people.models import Person
from search.scope import SEARCHABLE_PAGE_MODELS
from search.text import _stream_strings

WORD = re.compile(r"[^\W\d_]{3,}")
CUTOFF = 0.75
# Bounds of the vocabulary's cost: characters read from each item (a page's lead and
# first paragraphs hold its words; the rest mostly repeats them) and words kept.
TEXT_PER_ITEM = 2_000
MAX_WORDS = 30_000
CHUNK = 500
TAG = re.compile(r"<[^>]*>")


def _text_columns(model):
    """The model's indexed text columns (title, lead, rich text, StreamFields)."""
    columns = []
    for search_field in model.get_search_fields():
        if not isinstance(search_field, index.SearchField):
            continue
        try:
            field = model._meta.get_field(search_field.field_name)
        except FieldDoesNotExist:
            continue
        if field.concrete and not field.is_relation and field not in columns:
            columns.append(field)
    return columns


def _plain(value):
    """Text as a visitor reads it: a StreamField's strings (its raw JSON, read
    without building blocks), tags dropped, character references decoded."""
    if not value:
        return ""
    if value[:1] == "[":
        with contextlib.suppress(ValueError):  # text that only starts with "["
            value = " ".join(_stream_strings(json.loads(value)))
    return html.unescape(TAG.sub(" ", value))


def _page_texts(model, private):
    """Each live public page's text: its columns read as plain values (no page
    objects, no rendering), at most TEXT_PER_ITEM characters of it."""
    # StreamFields are read as their stored JSON text (Cast), not as StreamValues.
    columns = {
        f"text_{field.name}": Cast(field.name, TextField())
        for field in _text_columns(model)
    }
    rows = (
        model.objects.live()
        .exclude(private)
        .order_by()
        .annotate(**columns)
        .values_list(*columns)
    )
    for values in rows.iterator(chunk_size=CHUNK):
        text, length = [], 0
        for value in values:
            part = _plain(value)
            text.append(part[: TEXT_PER_ITEM - length])
            length += len(part)
            if length >= TEXT_PER_ITEM:
                break
        yield " ".join(text)


def _texts():
    """The public text of each item a visitor can find, one string per item."""
    private = private_q()
    for model in SEARCHABLE_PAGE_MODELS:
        yield from _page_texts(model, private)
    modules = ModulePage.objects.live().exclude(private)
    sessions = ModuleSession.objects.filter(module__in=modules).values_list(
        "title", "location"
    )
    for title, location in sessions.iterator(chunk_size=CHUNK):
        yield f"{title} {location}"
    people = Person.objects.public().values_list("first_name", "last_name", "job_title")
    for names in people.iterator(chunk_size=CHUNK):
        yield " ".join(names)


def build_vocabulary():
    """{first letter: words, most common first} of the public site's text."""
    items_with = Counter()
    for text in _texts():
        items_with.update(set(WORD.findall(text.lower())))
    by_letter = {}
    for word, _count in items_with.most_common(MAX_WORDS):
        by_letter.setdefault(word[0], []).append(word)
    return by_letter


def vocabulary():
    return cached_by_version("search-vocabulary", build_vocabulary)


def closest(word, candidates):
    """The candidate most like ``word`` (a ratio of at least CUTOFF), the more
    common on a tie (``candidates`` come most common first), or None."""
    matcher = difflib.SequenceMatcher(b=word)
    best, best_ratio = None, CUTOFF
    for candidate in candidates:
        if abs(len(candidate) - len(word)) > 2:
            continue
        matcher.set_seq1(candidate)
        if (
            matcher.real_quick_ratio() < best_ratio
            or matcher.quick_ratio() < best_ratio
        ):
            continue
        ratio = matcher.ratio()
        if ratio > best_ratio or (best is None and ratio == best_ratio):
            best, best_ratio = candidate, ratio
    return best


def suggest(query):
    """The query with each unknown word replaced by the closest public word, or ""
    when no word needs (or has) a replacement."""
    words = vocabulary()
    changed, out = False, []
    for token in re.findall(r"\w+|\W+", query):
        lower = token.lower()
        candidates = words.get(lower[:1], [])
        if WORD.fullmatch(lower) and lower not in candidates:
            match = closest(lower, candidates)
            if match:
                out.append(match)
                changed = True
                continue
        out.append(token)
    return "".join(out).strip() if changed else ""
