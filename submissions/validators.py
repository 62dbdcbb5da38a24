"""Checks on what participants upload and write, before anything is saved.

An attachment's type is decided by its content, not its name: a PDF starts with
``%PDF-``; a Word, PowerPoint or Excel file is a zip (Office Open XML) holding
``[Content_Types].xml`` and its ``word/``, ``ppt/`` or ``xl/`` part. The extension
must name the kind found. HTML, SVG, plain zips and anything else are refused, so the
document serve view never hands out active content a participant wrote.
"""

import re
import zipfile

from bs4 import BeautifulSoup
from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.html import escape
from django.utils.translation import gettext_lazy as _
from wagtail.admin.rich_text.converters.editor_html import EditorHTMLConverter

from core.rich_text import BODY_FEATURES

# extension: the folder an Office Open XML package of that kind holds
OFFICE_PARTS = {"docx": "word/", "pptx": "ppt/", "xlsx": "xl/"}
ALLOWED_EXTENSIONS = ["pdf", *OFFICE_PARTS]

# Elements dropped with everything inside them (the whitelister would keep their text).
_DROP_WITH_CONTENT = ["script", "style", "template", "noscript", "iframe", "object"]
_BLOCK_TAG = re.compile(r"<\s*(p|div|ul|ol|h[1-6]|blockquote|hr)\b", re.IGNORECASE)
# Headings the body allows (BODY_FEATURES): others move to the nearest one.
_HEADING_LEVELS = {"h1": "h2", "h5": "h4", "h6": "h4"}
_LINE_BREAKS = re.compile(r"(?:\s*<br\s*/?>\s*){2,}", re.IGNORECASE)
_LIST_ITEM = re.compile(r"^\s*(?:([-*\u2022])|(\d+)[.)])\s+(.*)$")
_HEADING_LINE = re.compile(r"^\s*#{1,3}\s+(.*)$")
_STRONG = re.compile(r"\*\*(\S(?:.*?\S)?)\*\*")
_EMPHASIS = re.compile(r"(?<![\w*])[*_](\S(?:.*?\S)?)[*_](?![\w*])")


def max_upload_size():
    """The upload limit in bytes: Wagtail's document limit, so both stay in step."""
    return getattr(settings, "WAGTAILDOCS_MAX_UPLOAD_SIZE", None) or 20 * 1024 * 1024


def detect_kind(uploaded):
    """'pdf', 'docx', 'pptx' or 'xlsx' from the file's content; None if none of them."""
    uploaded.seek(0)
    head = uploaded.read(5)
    uploaded.seek(0)
    if head == b"%PDF-":
        return "pdf"
    if not head.startswith(b"PK"):
        return None
    try:
        with zipfile.ZipFile(uploaded) as archive:
            names = archive.namelist()
    except (zipfile.BadZipFile, OSError, ValueError):
        return None
    finally:
        uploaded.seek(0)
    if "[Content_Types].xml" not in names:
        return None
    kinds = [
        kind
        for kind, folder in OFFICE_PARTS.items()
        if any(name.startswith(folder) for name in names)
    ]
    return kinds[0] if len(kinds) == 1 else None


def validate_attachment(uploaded):
    """Refuse files that are too big, or whose content is not the kind their name says."""
    limit = max_upload_size()
    if uploaded.size > limit:
        raise ValidationError(
            _("The file is too big: attachments can be at most %(limit)s.")
            % {"limit": filesizeformat(limit)},
            code="file_too_big",
        )
    name = uploaded.name or ""
    extension = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    if extension not in ALLOWED_EXTENSIONS:
        raise ValidationError(
            _("Attach a PDF, Word (.docx), PowerPoint (.pptx) or Excel (.xlsx) file."),
            code="file_extension",
        )
    kind = detect_kind(uploaded)
    if kind != extension:
        raise ValidationError(
            _(
                "This file is not a real .%(extension)s file. Attach a PDF, Word, "
                "PowerPoint or Excel file saved by the program that made it."
            )
            % {"extension": extension},
            code="file_content",
        )


def clean_body_html(html):
    """Participant HTML reduced to what the body's rich-text features allow.

    Uses Wagtail's own whitelister for BODY_FEATURES (the one the admin's editor
    uses on save): unknown elements are unwrapped, attributes other than a link's
    href are dropped, and links whose scheme is not http(s), mailto, tel or ftp lose
    their href. Plain text (no block elements) is turned into paragraphs first.
    """
    html = (html or "").strip()
    if not html:
        return ""
    soup = BeautifulSoup(html, "html.parser")
    for tag in soup.find_all(_DROP_WITH_CONTENT):
        tag.decompose()
    _normalise_editor_html(soup)
    # Links to pages or documents by id, and embeds, are for editors in the admin.
    for tag in soup.find_all(True):
        for attr in [a for a in tag.attrs if a.startswith("data-")]:
            del tag[attr]
    html = str(soup)
    if not _BLOCK_TAG.search(html):
        paragraphs = [p.strip() for p in re.split(r"\n\s*\n", html) if p.strip()]
        html = "".join("<p>{}</p>".format(p.replace("\n", "<br>")) for p in paragraphs)
    cleaned = EditorHTMLConverter(features=BODY_FEATURES).whitelister.clean(html)
    # A body of only empty paragraphs is an empty body.
    text = BeautifulSoup(cleaned, "html.parser").get_text(strip=True)
    return cleaned if text else ""


def _normalise_editor_html(soup):
    """Map what the editor (Trix) writes onto the body's elements, in place.

    Trix writes each block as a ``<div>`` with ``<br>`` for line breaks, and its
    heading as ``<h1>``; the page body has paragraphs and headings from ``<h2>``.
    A blank line (two breaks) in a block starts a new paragraph.
    """
    for tag in soup.find_all(list(_HEADING_LEVELS)):
        tag.name = _HEADING_LEVELS[tag.name]
    for tag in soup.find_all("pre"):
        tag.name = "p"
    for div in reversed(soup.find_all("div")):
        if div.find(["p", "ul", "ol", "h2", "h3", "h4", "blockquote", "div"]):
            div.unwrap()
            continue
        parts = [p for p in _LINE_BREAKS.split(div.decode_contents()) if p.strip()]
        fragment = BeautifulSoup(
            "".join(f"<p>{part.strip()}</p>" for part in parts), "html.parser"
        )
        div.replace_with(fragment)


def text_to_html(text):
    """Plain text (the form without JavaScript) as body HTML, never as markup.

    The text is escaped, so whatever it holds is shown as written. Blank lines
    separate paragraphs; lines starting with "- " or "1. " become lists, "## " a
    heading, and **bold** and *italic* are kept as such, the way people type
    them in a plain box.
    """
    blocks = []
    for chunk in re.split(r"\n\s*\n", (text or "").replace("\r\n", "\n")):
        lines = [line for line in chunk.split("\n") if line.strip()]
        if not lines:
            continue
        items = [_LIST_ITEM.match(line) for line in lines]
        if all(items):
            kind = "ol" if items[0].group(2) else "ul"
            inner = "".join(f"<li>{_inline(m.group(3))}</li>" for m in items)
            blocks.append(f"<{kind}>{inner}</{kind}>")
            continue
        heading = _HEADING_LINE.match(lines[0]) if len(lines) == 1 else None
        if heading:
            blocks.append(f"<h2>{_inline(heading.group(1))}</h2>")
            continue
        blocks.append("<p>{}</p>".format("<br>".join(_inline(line) for line in lines)))
    return "".join(blocks)


def _inline(line):
    line = escape(line.strip())
    line = _STRONG.sub(r"<strong>\1</strong>", line)
    return _EMPHASIS.sub(r"<em>\1</em>", line)


def html_to_text(html):
    """Body HTML as the plain text the form shows without JavaScript.

    Paragraphs and headings are separated by blank lines, list items start with
    "- " or "1. ", so posting the text back gives the same structure.
    """
    soup = BeautifulSoup(html or "", "html.parser")
    blocks = []
    for block in soup.find_all(["p", "h2", "h3", "h4", "ul", "ol", "blockquote"]):
        if block.find_parent(["ul", "ol", "blockquote", "p"]):
            continue
        if block.name in ("ul", "ol"):
            lines = []
            for number, item in enumerate(block.find_all("li"), start=1):
                marker = f"{number}." if block.name == "ol" else "-"
                lines.append(f"{marker} {item.get_text(' ', strip=True)}")
            blocks.append("\n".join(lines))
            continue
        for br in block.find_all("br"):
            br.replace_with("\n")
        text = "\n".join(line.strip() for line in block.get_text().split("\n"))
        if text.strip():
            blocks.append(text.strip())
    return "\n\n".join(blocks)
