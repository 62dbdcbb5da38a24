"""Building blocks for demo content commands: idempotent pages, images and users.

Used by each app's demo module and by `seed_demo`. Everything here is offline:
images are drawn with Pillow, never downloaded.
"""

import io
import random

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ImproperlyConfigured
from django.core.files.images import ImageFile
from PIL import Image as PILImage
from PIL import ImageDraw
from wagtail.images import get_image_model
from wagtail.models import Collection, Page


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
    """The demo user `username`, with the given password (re-applied every run)."""
    user_model = get_user_model()
    user, created = user_model.objects.get_or_create(
        username=username,
        defaults={"email": email, "first_name": first_name, "last_name": last_name},
    )
    user.is_staff = user.is_superuser = superuser
    user.is_active = True
    user.set_password(password)
    user.save()
    return user, created


def site_root_page():
    """The root of Wagtail's tree (depth 1), which holds the home page."""
    return Page.get_first_root_node()
