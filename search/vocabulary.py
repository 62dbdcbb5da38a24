""" "Did you mean ...?": spelling suggestions from the words of the public index.

The vocabulary is every word of three letters or more in Wagtail's search index
entries (titles and bodies) of live, public pages and public people, built once per
content version (any publish refreshes it) and cached. A query word that is not in it
is replaced by its closest word (difflib's ratio, among words of a similar length and
the same first letter), if one is close enough.
"""

import difflib
import re

from django.contrib.contenttypes.models import ContentType
from wagtail.models import Page
from wagtail.search.models import IndexEntry

from core.cache import cached_by_version
from people.models import Person

WORD = re.compile(r"[^\W\d_]{3,}")
CUTOFF = 0.75


def build_vocabulary():
    """{first letter: sorted words} of the public index entries."""
    public_ids = {
        ContentType.objects.get_for_model(Person).pk: {
            str(pk) for pk in Person.objects.public().values_list("pk", flat=True)
        }
    }
    pages = Page.objects.live().public().values_list("content_type_id", "pk")
    for content_type_id, pk in pages:
        public_ids.setdefault(content_type_id, set()).add(str(pk))
    words = set()
    entries = IndexEntry.objects.values_list(
        "content_type_id", "object_id", "title", "body"
    )
    for content_type_id, object_id, title, body in entries.iterator(chunk_size=500):
        if object_id in public_ids.get(content_type_id, ()):
            words.update(WORD.findall(f"{title} {body}".lower()))
    by_letter = {}
    for word in words:
        by_letter.setdefault(word[0], []).append(word)
    return {letter: sorted(group) for letter, group in by_letter.items()}


def vocabulary():
    return cached_by_version("search-vocabulary", build_vocabulary)


def suggest(query):
    """The query with each unknown word replaced by the closest indexed word, or ""
    when no word needs (or has) a replacement."""
    words = vocabulary()
    changed, out = False, []
    for token in re.findall(r"\w+|\W+", query):
        lower = token.lower()
        candidates = words.get(lower[:1], [])
        if WORD.fullmatch(lower) and lower not in candidates:
            similar = [w for w in candidates if abs(len(w) - len(lower)) <= 2]
            match = difflib.get_close_matches(lower, similar, n=1, cutoff=CUTOFF)
            if match:
                out.append(match[0])
                changed = True
                continue
        out.append(token)
    return "".join(out).strip() if changed else ""
