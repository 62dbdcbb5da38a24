"""Building blocks for demo content commands: idempotent pages, images and users.

Used by the demo modules beside it and by `seed_demo`. Everything here is offline:
images are drawn with Pillow, never downloaded.
"""

import io
import random
import textwrap

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ImproperlyConfigured
from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from PIL import Image as PILImage
from PIL import ImageDraw
from taggit.models import Tag
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Collection, Page
from wagtail.rich_text import RichText


def refuse_in_production():
    """Demo content never goes near a real deployment."""
    if not getattr(settings, "DEMO_CONTENT_ALLOWED", False):
        raise ImproperlyConfigured(
            "Demo content is refused under these settings "
            f"({settings.SETTINGS_MODULE}). Use portal.settings.dev."
        )


def upsert_page(parent, model, slug, **fields):
    """Return the child of `parent` with `slug`, creating and publishing it if missing.

    Existing pages are left as editors left them, so running the command again
    changes nothing.
    """
    existing = parent.get_children().filter(slug=slug).first()
    if existing is not None:
        return existing.specific, False
    page = model(slug=slug, **fields)
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page, True


def demo_collection(name="Demo images"):
    root = Collection.get_first_root_node()
    collection = root.get_children().filter(name=name).first()
    return collection or root.add_child(name=name)


PALETTES = [
    ((26, 68, 128), (0, 94, 162), (250, 180, 60)),
    ((22, 46, 81), (0, 120, 130), (240, 240, 240)),
    ((60, 40, 110), (26, 68, 128), (120, 200, 230)),
    ((12, 80, 70), (30, 110, 160), (255, 210, 110)),
]


def draw_image(seed, size=(1600, 900)):
    """A bright, abstract banner drawn deterministically from `seed` (no text in it)."""
    rng = random.Random(seed)
    start, end, accent = PALETTES[seed % len(PALETTES)]
    width, height = size
    image = PILImage.new("RGB", size, start)
    draw = ImageDraw.Draw(image)
    for x in range(width):
        t = x / width
        colour = tuple(int(start[i] + (end[i] - start[i]) * t) for i in range(3))
        draw.line([(x, 0), (x, height)], fill=colour)
    for _ in range(7):
        radius = rng.randint(height // 8, height // 2)
        cx, cy = rng.randint(0, width), rng.randint(0, height)
        draw.ellipse(
            [cx - radius, cy - radius, cx + radius, cy + radius],
            outline=accent,
            width=rng.randint(3, 10),
        )
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", optimize=True)
    return buffer


def upsert_image(title, description, seed, collection=None):
    """The demo image called `title`, drawn and saved on first use."""
    image_model = get_image_model()
    existing = image_model.objects.filter(title=title).first()
    if existing is not None:
        return existing
    buffer = draw_image(seed)
    image = image_model(
        title=title,
        description=description,
        collection=collection or demo_collection(),
    )
    filename = f"demo-{seed:03d}.png"
    image.file = ImageFile(buffer, name=filename)
    image.save()
    return image


def upsert_user(username, *, email, first_name, last_name, password, superuser=False):
    """The demo user `username` with this password; saved only when something differs."""
    user_model = get_user_model()
    user, created = user_model.objects.get_or_create(
        username=username,
        defaults={"email": email, "first_name": first_name, "last_name": last_name},
    )
    changed = created or not user.check_password(password)
    if changed:
        user.set_password(password)
    if (user.is_staff, user.is_superuser, user.is_active) != (
        superuser,
        superuser,
        True,
    ):
        user.is_staff = user.is_superuser = superuser
        user.is_active = True
        changed = True
    if changed:
        user.save()
    return user, created


def site_root_page():
    """The root of Wagtail's tree (depth 1), which holds the home page."""
    return Page.get_first_root_node()


# Stream values, for demo pages written as data.


def heading(text, level="h2"):
    return ("heading", {"text": text, "level": level})


def text(html):
    return ("text", RichText(html))


def quote(words, attribution, role=""):
    return ("quote", {"quote": words, "attribution": attribution, "role": role})


def cta(label, link, style="primary"):
    return (
        "call_to_action",
        {"text": label, "page": None, "link": link, "style": style},
    )


def table(caption, columns, rows):
    return (
        "table",
        {
            "caption": caption,
            "table": {
                "columns": [{"type": "text", "heading": column} for column in columns],
                "rows": [{"values": list(row)} for row in rows],
            },
        },
    )


def link(title, url, description=""):
    return ("link", {"title": title, "url": url, "description": description})


def document(doc, title=""):
    return ("document", {"document": doc, "title": title})


def bullets(*items, ordered=False):
    tag = "ol" if ordered else "ul"
    return f"<{tag}>" + "".join(f"<li>{item}</li>" for item in items) + f"</{tag}>"


def tag_items(through, names):
    """Tag links for a page not yet saved: `tagged_items=tag_items(PageTag, [...])`."""
    tags = [Tag.objects.get_or_create(name=name)[0] for name in names]
    return [through(tag=tag) for tag in tags]


def pdf_bytes(title, paragraphs):
    """A one-page PDF with a title and wrapped paragraphs, written by hand.

    Plain PDF 1.4 with the standard Helvetica fonts: valid, tiny, and offline.
    """

    def escape(value):
        value = value.encode("latin-1", "replace").decode("latin-1")
        return value.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")

    ops = ["BT", "/F2 16 Tf", "22 TL", "72 740 Td", f"({escape(title)}) Tj", "T*"]
    ops += ["/F1 11 Tf", "15 TL"]
    for paragraph in paragraphs:
        for line in textwrap.wrap(paragraph, 88) or [""]:
            ops.append(f"({escape(line)}) '")
        ops.append("T*")
    ops.append("ET")
    stream = "\n".join(ops).encode("latin-1")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] "
        b"/Resources << /Font << /F1 4 0 R /F2 5 0 R >> >> /Contents 6 0 R >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        f"<< /Title ({escape(title)}) /Producer (CeCTO Portal demo) >>".encode(
            "latin-1"
        ),
    ]
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % number + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for offset in offsets:
        out.write(b"%010d 00000 n \n" % offset)
    out.write(
        b"trailer\n<< /Size %d /Root 1 0 R /Info 7 0 R >>\nstartxref\n%d\n%%%%EOF\n"
        % (len(objects) + 1, xref)
    )
    return out.getvalue()


def upsert_document(title, filename, paragraphs, collection, pdf_title=None):
    """The document called `title` in `collection`, generated as a PDF on first use."""
    model = get_document_model()
    existing = model.objects.filter(title=title, collection=collection).first()
    if existing is not None:
        return existing, False
    doc = model(title=title, collection=collection)
    doc.file = ContentFile(pdf_bytes(pdf_title or title, paragraphs), name=filename)
    doc._set_document_file_metadata()
    doc.save()
    return doc, True
