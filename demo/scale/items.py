"""What every kind of item shares: its own generator and a few common draws."""

import datetime
import random
import uuid
from zoneinfo import ZoneInfo

from django.utils.text import slugify

EASTERN = ZoneInfo("America/New_York")


def item_rng(seed, kind, number):
    """The generator of item `number` of `kind`: same seed, same item, every time.

    Seeded with a string, which Python hashes with SHA-512: stable across processes
    and platforms (unlike hash()).
    """
    return random.Random(f"cecto-scale:{seed}:{kind}:{number}")


def rng_uuid(rng):
    """A version 4 UUID from `rng`: translation keys and block ids, reproducibly."""
    return uuid.UUID(int=rng.getrandbits(128), version=4)


def between(rng, start, end):
    """An Eastern working-hours moment on a day from `start` to `end` (dates)."""
    day = start + datetime.timedelta(days=rng.randint(0, max(0, (end - start).days)))
    return datetime.datetime(
        day.year, day.month, day.day, rng.randint(8, 16), rng.choice((0, 15, 30, 45))
    ).replace(tzinfo=EASTERN)


def page_slug(title, number):
    """Unique under its index by construction: the item's number ends the slug."""
    return f"{slugify(title)[:80].strip('-')}-{number + 1}"


def block(rng, kind, value):
    """A StreamField block in its stored (raw JSON) form."""
    return {"type": kind, "value": value, "id": str(rng_uuid(rng))}
