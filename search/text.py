"""Plain text for search results: cleaning a query, excerpts with highlighted terms."""

import html
import re

from django.utils.html import strip_tags
from wagtail.search import index

MAX_QUERY_LENGTH = 200
EXCERPT_LENGTH = 240
# Where one block of rich text ends and the next begins: a sentence break in the
# plain text, so "<h3>The problem</h3><p>Every…" reads "The problem. Every…", not
# "The problemEvery…" or "The problem Every…".
BLOCK_BOUNDARY = re.compile(
    r"</(?:p|li|h[1-6]|blockquote|div|td|th|dt|dd)\s*>|<(?:br|hr)\b[^>]*>",
    re.IGNORECASE,
)


def clean_query(raw):
    """The query as typed, with runs of whitespace collapsed, at most 200 characters."""
    return " ".join((raw or "").split())[:MAX_QUERY_LENGTH].strip()


def query_terms(query):
    """The words of the query worth highlighting."""
    return [term for term in re.findall(r"\w+", query.lower()) if len(term) > 1]


def highlight(text, terms, length=EXCERPT_LENGTH):
    """A short excerpt of plain `text` around the first term, escaped, terms in <mark>.

    The text is escaped first and marked afterwards with a regex on the escaped text,
    skipping character references, so a mark never lands inside markup.
    """
    text = " ".join(text.split())
    if not text:
        return ""
    start = 0
    if terms:
        match = re.search(
            r"\b(?:" + "|".join(re.escape(t) for t in terms) + ")", text, re.IGNORECASE
        )
        if match and match.start() > length // 3:
            start = text.rfind(" ", 0, match.start() - length // 3) + 1
    snippet = text[start : start + length]
    if start + length < len(text):
        snippet = snippet.rsplit(" ", 1)[0] + " …"
    if start:
        snippet = "… " + snippet
    escaped = html.escape(snippet, quote=False)
    if not terms:
        return escaped
    pattern = re.compile(
        r"(&#?\w+;)|\b((?:"
        + "|".join(re.escape(html.escape(t, quote=False)) for t in terms)
        + r")\w*)",
        re.IGNORECASE,
    )
    return pattern.sub(lambda m: m.group(1) or f"<mark>{m.group(2)}</mark>", escaped)


SENTENCE_END = (".", "!", "?", ":", ";", "…")


def sentences(parts):
    """Blocks of text (headings, paragraphs, list items) joined as sentences: each
    that does not end with a punctuation mark gets a full stop."""
    blocks = [" ".join(part.split()) for part in parts if part]
    return " ".join(b if b.endswith(SENTENCE_END) else b + "." for b in blocks if b)


def _blocks(html_text):
    """The text of each block of `html_text`, tags removed."""
    return strip_tags(BLOCK_BOUNDARY.sub("\n", html_text)).split("\n")


# Keys of a StreamField's raw data that hold no words: block types, ids, a
# heading's level ("h2" is not part of the excerpt).
STREAM_KEYS_NOT_TEXT = ("type", "id", "level")


def _stream_strings(value):
    """Every string in a StreamField's raw data, depth first."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for key, item in value.items():
            if key not in STREAM_KEYS_NOT_TEXT:
                yield from _stream_strings(item)
    elif isinstance(value, list | tuple):
        for item in value:
            yield from _stream_strings(item)


def plain_text(obj, limit=4000):
    """The searchable text of an object as plain text, lead text first."""
    parts = [getattr(obj, "listing_text", "")]
    for search_field in obj.get_search_fields():
        if not isinstance(search_field, index.SearchField):
            continue
        name = search_field.field_name
        if name in ("title", "listing_summary", "intro"):
            continue
        value = getattr(obj, name, None)
        if hasattr(value, "raw_data"):  # a StreamField: no rendering, no queries
            value = "\n".join(_stream_strings(list(value.raw_data)))
        if isinstance(value, str):
            parts.append(sentences(_blocks(value)))
        if sum(len(part) for part in parts) > limit:
            break
    return " ".join(part for part in parts if part)[:limit]
