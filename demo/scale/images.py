"""Generated pictures for the scale data set: small, real JPEG and PNG files.

Each picture is drawn from its own seeded generator (colours, shapes, size), so the
same seed gives byte-identical files. Most are 1200x800 or thereabouts in JPEG; one in
four is a square portrait (people's photos); one in six of the rest is a PNG with flat
colours, like a diagram. Drawing and encoding one takes about 10 ms. Files are saved
through the image model's storage (local media or S3) under original_images/, and the
Image rows are bulk-created with their width, height, size and hash, as an upload
through the admin would record them.
"""

import functools
import hashlib
import io

from django.core.files.base import ContentFile
from PIL import Image as PILImage
from PIL import ImageDraw
from wagtail.images import get_image_model

from demo.people import index_in_bulk
from demo.scale.items import item_rng
from demo.scale.vocabulary import COLOUR_NAMES, IMAGE_SUBJECTS

LANDSCAPE_SIZES = [(1200, 800), (1200, 800), (1600, 900), (1024, 768), (1280, 720)]
PORTRAIT_SIZES = [(800, 800), (600, 600)]
PALETTE = {
    "blue": (26, 68, 128),
    "teal": (0, 120, 130),
    "gold": (240, 180, 60),
    "green": (30, 120, 70),
    "violet": (90, 60, 140),
    "slate": (60, 70, 90),
    "orange": (230, 120, 40),
}


def is_portrait(number):
    """Every fourth picture is square: the pool people's photos are drawn from."""
    return number % 4 == 0


def image_plan(rng, number):
    """Everything about picture `number` except its pixels: size, format, names."""
    portrait = is_portrait(number)
    png = not portrait and number % 6 == 1
    width, height = rng.choice(PORTRAIT_SIZES if portrait else LANDSCAPE_SIZES)
    first, second = rng.sample(COLOUR_NAMES, 2)
    subject = "Portrait" if portrait else rng.choice(IMAGE_SUBJECTS)
    extension = "png" if png else "jpg"
    return {
        "width": width,
        "height": height,
        "format": "PNG" if png else "JPEG",
        "colours": (first, second),
        "title": f"{subject} {number + 1:04d}",
        "description": (
            f"Abstract illustration of overlapping circles in {first} and {second}"
            + (", standing in for a portrait photo." if portrait else ".")
        ),
        "filename": f"scale-{number + 1:05d}.{extension}",
    }


@functools.lru_cache(maxsize=16)
def _gradient(width, height):
    """A left-to-right ramp used as a blend mask; a handful of sizes, cached."""
    return PILImage.linear_gradient("L").rotate(90).resize((width, height))


def draw(rng, plan):
    """The picture's bytes, drawn from `rng` (which continues after image_plan)."""
    size = (plan["width"], plan["height"])
    first, second = (PALETTE[name] for name in plan["colours"])
    if plan["format"] == "PNG":
        picture = PILImage.new("RGB", size, first)  # flat colours compress well
    else:
        picture = PILImage.composite(
            PILImage.new("RGB", size, second),
            PILImage.new("RGB", size, first),
            _gradient(*size),
        )
    canvas = ImageDraw.Draw(picture)
    width, height = size
    for _ in range(rng.randint(3, 7)):
        radius = rng.randint(height // 10, height // 3)
        x, y = rng.randint(0, width), rng.randint(0, height)
        shade = tuple(min(255, c + rng.randint(20, 90)) for c in second)
        canvas.ellipse([x - radius, y - radius, x + radius, y + radius], fill=shade)
    for _ in range(rng.randint(1, 3)):
        x, y = rng.randint(0, width), rng.randint(0, height)
        canvas.rectangle(
            [x, y, x + rng.randint(40, width // 2), y + rng.randint(40, height // 2)],
            outline=(250, 250, 250),
            width=rng.randint(2, 8),
        )
    buffer = io.BytesIO()
    if plan["format"] == "PNG":
        picture.save(buffer, format="PNG", compress_level=3)
    else:
        picture.save(buffer, format="JPEG", quality=82)
    return buffer.getvalue()


def file_hash(data):
    """What Wagtail stores in Image.file_hash: the SHA-1 of the file's bytes."""
    return hashlib.sha1(data).hexdigest()  # noqa: S324 - a content hash, not security


def seed_images(seeder):
    """The pictures, in the seeder's collection; sets the landscape and portrait pools."""
    image_model = get_image_model()
    storage = image_model._meta.get_field("file").storage
    template = image_model()
    existing = set(
        image_model.objects.filter(collection=seeder.collection).values_list(
            "file", flat=True
        )
    )

    def key(number, rng):
        plan = image_plan(rng, number)
        return template.get_upload_to(plan["filename"]), plan

    def write(pending):
        images = []
        for _number, rng, plan in pending:
            data = draw(rng, plan)
            name = template.get_upload_to(plan["filename"])
            # A file left by an interrupted run is replaced: names stay stable.
            if storage.exists(name):
                storage.delete(name)
            name = storage.save(name, ContentFile(data))
            images.append(
                image_model(
                    title=plan["title"],
                    description=plan["description"],
                    collection=seeder.collection,
                    file=name,
                    width=plan["width"],
                    height=plan["height"],
                    file_size=len(data),
                    file_hash=file_hash(data),
                )
            )
        image_model.objects.bulk_create(images)
        # Read back with the tags prefetched, as update_index does: no query each.
        ids = [image.pk for image in images]
        index_in_bulk(
            image_model, list(image_model.get_indexed_objects().filter(pk__in=ids))
        )

    result = seeder.build("images", key, existing, write)
    paths = dict(
        image_model.objects.filter(collection=seeder.collection).values_list(
            "file", "pk"
        )
    )
    seeder.landscapes, seeder.portraits = [], []
    for number in range(seeder.sizes["images"]):
        plan = image_plan(item_rng(seeder.seed, "images", number), number)
        pk = paths.get(template.get_upload_to(plan["filename"]))
        if pk is not None:
            pool = seeder.portraits if is_portrait(number) else seeder.landscapes
            pool.append(pk)
    # Too few of one shape (tiny sizes): any picture will do.
    seeder.portraits = seeder.portraits or seeder.landscapes
    seeder.landscapes = seeder.landscapes or seeder.portraits
    return result
