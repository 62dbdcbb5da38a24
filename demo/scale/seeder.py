"""The build: kind by kind, in chunks, resumable, on top of the demo content.

Every item is drawn from its own generator, `item_rng(seed, kind, number)`, so item
`n` of a kind is the same on every run and every database, whatever came before it.
Each item has a key (a page's slug under its index, a person's slug, an image's file
name, a cohort's year and track), and items whose key exists are skipped. So the
command is idempotent (a second run adds nothing), resumable (a run that stopped
part-way continues where it stopped), and `--scale 0.5` then `--scale 1` gives the
`--scale 1` set, apart from relations drawn from pools that grew in between.

Each chunk is written in one transaction with its relations and search index
entries, so an interrupted run leaves whole chunks only. A collection named after the
seed ("Scale data set images (seed 42)") holds the images and marks the database: a
run with another seed is refused rather than mixing two data sets.
"""

import time
from itertools import accumulate

from django.db import transaction
from django.utils.text import slugify
from taggit.models import Tag
from wagtail.models import Collection

from caching import content_changed
from curriculum.models import TopicArea, Track
from demo.curriculum import CECTO, LEADERS, TOPIC_AREAS
from demo.scale import DEFAULT_SEED, STANDARD_SIZES, vocabulary
from demo.scale.images import seed_images
from demo.scale.items import item_rng
from demo.scale.pages import seed_best_practices, seed_case_studies, seed_modules
from demo.scale.people import seed_cohorts, seed_leas, seed_people
from people.models import LEA, PartnerOrganization, Role

COLLECTION_PREFIX = "Scale data set images (seed "

# Items written per transaction: a second or two of work each on a small machine.
CHUNK_SIZES = {
    "images": 100,
    "people": 1_000,
    "modules": 150,
    "case_studies": 500,
    "best_practices": 1_000,
}
LABELS = {
    "cohorts": "Cohorts",
    "images": "Images",
    "people": "People",
    "modules": "Modules",
    "case_studies": "Case studies",
    "best_practices": "Best practices",
}
STEPS = {
    "cohorts": seed_cohorts,
    "images": seed_images,
    "people": seed_people,
    "modules": seed_modules,
    "case_studies": seed_case_studies,
    "best_practices": seed_best_practices,
}


class NullProgress:
    """A progress bar that shows nothing."""

    def __init__(self, label, total):
        pass

    def advance(self, count=1):
        pass

    def close(self):
        pass


class ScaleSeedMismatch(Exception):
    """The database already holds a scale data set made with another seed."""


class ScaleSeeder:
    """Builds the data set of `sizes` (see `demo.scale.sizes_for`) with `seed`.

    The steps share what they made through attributes: the vocabulary (`topics`,
    `tracks`, `leas`, `tags`...) set by `prepare()`, then the pools each step leaves
    for the next (`cohorts`, `landscapes`/`portraits`, `faculty`, `authors`,
    `modules_by_topic`).
    """

    def __init__(self, sizes, seed=DEFAULT_SEED, *, progress=NullProgress):
        unknown = set(sizes) - set(STANDARD_SIZES)
        if unknown:
            raise ValueError(f"Unknown kinds: {', '.join(sorted(unknown))}.")
        self.sizes = {kind: sizes.get(kind, 0) for kind in STANDARD_SIZES}
        self.seed = seed
        self.progress = progress
        self.report = {}

    @staticmethod
    def existing_seed():
        """The seed of the scale data set in the database, or None."""
        name = (
            Collection.objects.filter(name__startswith=COLLECTION_PREFIX)
            .values_list("name", flat=True)
            .first()
        )
        if name is None:
            return None
        return int(name.removeprefix(COLLECTION_PREFIX).rstrip(")"))

    def check_seed(self):
        existing = self.existing_seed()
        if existing is not None and existing != self.seed:
            raise ScaleSeedMismatch(
                f"This database already holds the scale data set of seed {existing}. "
                f"Run again with --seed {existing}, or use a fresh database."
            )

    def run(self):
        """Create what is missing, kind by kind; return {kind: created, existing,
        seconds}."""
        self.check_seed()
        self.prepare()
        for kind, step in STEPS.items():
            started = time.monotonic()
            created, existing = step(self)
            self.report[kind] = {
                "created": created,
                "existing": existing,
                "seconds": time.monotonic() - started,
            }
        # Cached menus and home page sections go stale when pages are published;
        # nothing was published through Wagtail here, so bump the version once.
        content_changed()
        return self.report

    def prepare(self):
        """The marker collection, the extra districts and the tags; the vocabulary."""
        with transaction.atomic():
            name = f"{COLLECTION_PREFIX}{self.seed})"
            self.collection = Collection.objects.filter(name=name).first()
            if self.collection is None:
                root = Collection.get_first_root_node()
                self.collection = root.add_child(name=name)
            seed_leas(self)
            self.seed_tags()
        self.topics = list(TopicArea.objects.order_by("sort_order", "name"))
        if not self.topics:
            raise LookupError("No topic areas: run seed_demo first.")
        # The words of each topic: its own if it is one of the twelve, else a loan.
        keys = list(vocabulary.TOPICS)
        self.topic_words = [
            topic.slug if topic.slug in vocabulary.TOPICS else keys[n % len(keys)]
            for n, topic in enumerate(self.topics)
        ]
        self.descriptions = {slug: about for slug, _name, about in TOPIC_AREAS}
        tracks = list(Track.objects.order_by("sort_order", "pk"))
        by_slug = {track.slug: track for track in tracks}
        self.tracks = {
            CECTO: by_slug.get(CECTO, tracks[0]),
            LEADERS: by_slug.get(LEADERS, tracks[-1]),
        }
        self.leas = list(LEA.objects.order_by("slug"))
        self.partners = {p.name: p for p in PartnerOrganization.objects.all()}
        self.roles = {role.slug: role for role in Role.objects.all()}

    def seed_tags(self):
        """The tag vocabulary: the demo's tags are reused, the rest created."""
        existing = set(
            Tag.objects.filter(name__in=vocabulary.TAGS).values_list("name", flat=True)
        )
        taken = set(Tag.objects.values_list("slug", flat=True))
        new = []
        for name in vocabulary.TAGS:
            if name in existing:
                continue
            slug = slugify(name)
            while slug in taken:
                slug += "-1"
            taken.add(slug)
            new.append(Tag(name=name, slug=slug))
        Tag.objects.bulk_create(new)
        by_name = {
            tag.name: tag for tag in Tag.objects.filter(name__in=vocabulary.TAGS)
        }
        self.tags = [by_name[name] for name in vocabulary.TAGS]
        # Popular tags are much more common than rare ones (Zipf-like).
        self.tag_weights = list(
            accumulate(1 / (rank + 1) ** 0.9 for rank in range(len(self.tags)))
        )

    def build(self, kind, key, existing_keys, write):
        """Create the missing items of `kind` in chunks; return (created, existing).

        `key(number, rng)` returns an item's key and what it drew for it (from the
        item's generator, which `write` continues); items whose key is in
        `existing_keys` are skipped. `write(pending)` creates a chunk of
        (number, rng, drawn) triples; it runs in a transaction of its own.
        """
        total = self.sizes[kind]
        bar = self.progress(LABELS[kind], total)
        created = existing = 0
        pending = []

        def flush():
            nonlocal created
            with transaction.atomic():
                write(pending)
            bar.advance(len(pending))
            created += len(pending)
            pending.clear()

        for number in range(total):
            rng = item_rng(self.seed, kind, number)
            item_key, drawn = key(number, rng)
            if item_key in existing_keys:
                existing += 1
                bar.advance()
                continue
            pending.append((number, rng, drawn))
            if len(pending) >= CHUNK_SIZES[kind]:
                flush()
        if pending:
            flush()
        bar.close()
        return created, existing

    def pick_tags(self, rng, low=1, high=4):
        wanted = rng.randint(low, high)
        chosen = []
        while len(chosen) < wanted:
            tag = rng.choices(self.tags, cum_weights=self.tag_weights)[0]
            if tag not in chosen:
                chosen.append(tag)
        return chosen

    def pick_topics(self, rng, main, most=3):
        """The main topic's index first, then up to `most - 1` other indexes."""
        others = [n for n in range(len(self.topics)) if n != main]
        return [main, *rng.sample(others, rng.randint(0, min(most - 1, len(others))))]

    @staticmethod
    def pick_image(rng, pool, share):
        """An image id from `pool` for `share` of the items, else None."""
        if pool and rng.random() < share:
            return pool[rng.randrange(len(pool))]
        return None
