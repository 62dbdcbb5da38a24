"""The benchmark data set: `manage.py seed_scale` (issue #6).

On top of the demo site (`seed_demo`), builds a large, realistic and reproducible set of
content: people and their enrollments, cohorts, images, curriculum modules, case
studies and best practices, with tags on every page and a search index that covers
them. Everything is drawn from a seeded random generator per item, so the same seed
gives the same titles, slugs, relations and files on every database.

This module holds only constants (no model imports), so a benchmark can import the
search words before Django is set up:

    from demo.scale import COMMON_WORD, RARE_WORD, RARE_WORD_PAGES

- `seeder`: the build, kind by kind, in chunks; idempotent and resumable;
- `people`, `images`, `pages`: what each kind of item is;
- `tree`: bulk insertion of live Wagtail pages (materialised paths computed there)
  with their relations;
- `items`, `vocabulary`, `text`: each item's generator, the program's words, and
  the text drawn from them;
- `progress`: the progress bar on stderr.
"""

# A word in many pages of every kind, and in some people's biographies: IT governance
# is one of the program's core competencies.
COMMON_WORD = "governance"
# A word in exactly RARE_WORD_PAGES best practices (fewer if fewer are created), and
# nowhere else in the data set or the demo content.
RARE_WORD = "zeitgeber"
RARE_WORD_PAGES = 3

DEFAULT_SEED = 42

# The standard size (`--scale 1`). Topic areas are the program's twelve core
# competencies, made by seed_demo: they are counted, never generated or scaled.
STANDARD_SIZES = {
    "cohorts": 40,
    "images": 2_000,
    "people": 5_000,
    "modules": 300,
    "case_studies": 2_000,
    "best_practices": 20_000,
}
TOPIC_AREAS = 12


def sizes_for(scale=1.0, **overrides):
    """How many items of each kind to create: the standard sizes times `scale`.

    Any kind given in `overrides` (a number, or None for "scaled") replaces the scaled
    count. A scaled count is never rounded down to 0 unless `scale` is 0.
    """
    if scale < 0:
        raise ValueError("The scale cannot be negative.")
    sizes = {
        kind: max(1, round(count * scale)) if scale > 0 else 0
        for kind, count in STANDARD_SIZES.items()
    }
    for kind, count in overrides.items():
        if kind not in STANDARD_SIZES:
            raise ValueError(f"Unknown kind of content: {kind}.")
        if count is not None:
            if count < 0:
                raise ValueError(f"The number of {kind} cannot be negative.")
            sizes[kind] = count
    return sizes
