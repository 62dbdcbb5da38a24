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

import difflib
import re
from collections import Counter

from core.cache import cached_by_version

WORD = re.compile(r"[^\W\d_]{3,}")
CUTOFF = 0.75
# Bounds of the vocabulary's cost: characters read from each item (a page's lead and
# first paragraphs hold its words; the rest mostly repeats them) and words kept.
TEXT_PER_ITEM = 3_000
MAX_WORDS = 30_000
CHUNK = 500


def _texts():
    """The public text of each item a visitor can find, one string per item."""
    # Imported here: site_search imports this module.
    from curriculum.models import ModulePage, ModuleSession
    from people.models import Person
    from search.site_search import SEARCHABLE_PAGE_MODELS, private_q
    from search.text import plain_text

    private = private_q()
    for model in SEARCHABLE_PAGE_MODELS:
        pages = model.objects.live().exclude(private).order_by("pk")
        for page in pages.iterator(chunk_size=CHUNK):
            yield f"{page.title} {plain_text(page, limit=TEXT_PER_ITEM)}"
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
