"""Modules, case studies and best practices of the scale data set.

Each is a live page under the demo's index page, written in chunks by
`tree.PageAppender` with its relations (topic areas, tracks, faculty, related
modules, authors, sessions, tags) and its search index entry. The item's generator
draws the title first, so the slug (the item's key) is known before the rest.
"""

import datetime
from decimal import Decimal

from wagtail.models import Page

from case_studies.models import (
    BestPracticeAuthor,
    BestPracticeIndexPage,
    BestPracticePage,
    BestPracticePageTag,
    CaseStudyIndexPage,
    CaseStudyPage,
    CaseStudyPageTag,
)
from curriculum.choices import DeliveryMode, SessionKind
from curriculum.models import (
    CurriculumIndexPage,
    ModulePage,
    ModulePageTag,
    ModuleSession,
)
from demo.curriculum import CECTO, LEADERS
from demo.people import CURRENT_YEAR, index_in_bulk
from demo.scale import RARE_WORD_PAGES, text, vocabulary
from demo.scale.items import EASTERN, between, block, item_rng, page_slug, rng_uuid
from demo.scale.tree import PageAppender, create_m2m
from people.choices import EnrollmentStatus
from people.models import Cohort, Enrollment

HOURS = [Decimal(h) for h in ("2", "3", "4", "6", "8", "12", "16", "20", "24")]


def index_page(model):
    """The demo's index page of `model` (seed_demo made it)."""
    index = model.objects.live().order_by("path").first()
    if index is None:
        raise LookupError(f"No live {model._meta.verbose_name}: run seed_demo first.")
    return index


def existing_slugs(index):
    return set(Page.objects.child_of(index).values_list("slug", flat=True))


def link(model, field_name, pages, targets):
    """Through rows from each page to its targets (ids), for one M2M field."""
    create_m2m(
        model,
        field_name,
        [
            (page.pk, target)
            for page, page_targets in zip(pages, targets, strict=True)
            for target in page_targets
        ],
    )


def write_tags(through, pages):
    """Write the pages' in-memory tag links (which the search index also read)."""
    rows = []
    for page in pages:
        for item in page.tagged_items.all():
            item.content_object_id = page.pk
            rows.append(item)
    through.objects.bulk_create(rows, batch_size=2_000)


def quote(rng, vocabulary_key):
    return block(
        rng,
        "quote",
        {
            "quote": rng.choice(vocabulary.TOPICS[vocabulary_key]["results"]),
            "attribution": f"A CeCTO graduate, class of {rng.randint(2011, 2026)}",
            "role": f"{rng.choice(vocabulary.QUOTE_ROLES)}, a fictional school district",
        },
    )


# --- modules ------------------------------------------------------------------------


def module_key(seeder, number, rng):
    topic = number % len(seeder.topics)
    title = text.module_title(rng, seeder.topics[topic].name)
    return page_slug(title, number), (title, topic)


def seed_modules(seeder):
    """Modules under the curriculum index; sets the seeder's modules by topic."""
    index = index_page(CurriculumIndexPage)
    appender = PageAppender(index)

    def write(pending):
        pages, links = [], []
        for number, rng, (title, topic) in pending:
            page, page_links = make_module(seeder, number, rng, title, topic)
            pages.append(page)
            links.append(page_links)
        appender.add(pages)
        for field_name in ("other_topic_areas", "tracks", "faculty"):
            link(ModulePage, field_name, pages, [row[field_name] for row in links])
        sessions = []
        for page, row in zip(pages, links, strict=True):
            for session in row["sessions"]:
                session.module_id = page.pk
                sessions.append(session)
        ModuleSession.objects.bulk_create(sessions)
        write_tags(ModulePageTag, pages)
        index_in_bulk(ModulePage, pages)

    def key(number, rng):
        return module_key(seeder, number, rng)

    result = seeder.build("modules", key, existing_slugs(index), write)
    ids = dict(Page.objects.child_of(index).values_list("slug", "pk"))
    seeder.modules_by_topic = {}
    for number in range(seeder.sizes["modules"]):
        slug, (_title, topic) = key(number, item_rng(seeder.seed, "modules", number))
        if slug in ids:
            seeder.modules_by_topic.setdefault(topic, []).append(ids[slug])
    if not seeder.modules_by_topic:  # no scale modules: relate the demo's
        topics = {topic.pk: n for n, topic in enumerate(seeder.topics)}
        for pk, topic_id in ModulePage.objects.values_list("pk", "topic_area_id"):
            seeder.modules_by_topic.setdefault(topics[topic_id], []).append(pk)
    return result


def make_module(seeder, number, rng, title, topic):
    """An unsaved module page and its relations: (page, {field: ids, sessions})."""
    topic_area = seeder.topics[topic]
    key = seeder.topic_words[topic]
    intro, objectives, competencies, paragraphs = text.module_text(
        rng, key, topic_area.name, seeder.descriptions.get(key, topic_area.description)
    )
    body = [
        block(rng, "heading", {"text": "About this module", "level": "h2"}),
        block(rng, "text", paragraphs[0]),
        block(rng, "heading", {"text": "How it is taught", "level": "h2"}),
        block(rng, "text", paragraphs[1]),
    ]
    if rng.random() < 0.4:
        body.append(quote(rng, key))
    resources = [
        block(rng, "link", {"title": title_, "url": url, "description": about})
        for title_, url, about in text.pick(rng, vocabulary.RESOURCES, 0, 2)
    ]
    modes = text.pick(rng, list(DeliveryMode), 1, 3)
    tracks = rng.choices([[CECTO], [LEADERS], [CECTO, LEADERS]], weights=[8, 1, 1])[0]
    faculty = seeder.faculty
    faculty = rng.sample(faculty, min(len(faculty), rng.randint(1, 3)))
    page = ModulePage(
        title=title,
        slug=page_slug(title, number),
        intro=intro,
        topic_area=topic_area,
        contact_hours=rng.choice(HOURS),
        face_to_face=DeliveryMode.FACE_TO_FACE in modes,
        synchronous_online=DeliveryMode.SYNCHRONOUS in modes,
        asynchronous_online=DeliveryMode.ASYNCHRONOUS in modes,
        learning_objectives=objectives,
        competencies=competencies,
        body=body,
        resources=resources,
        listing_image_id=seeder.pick_image(rng, seeder.landscapes, 0.75),
        search_description=intro[:255],
        first_published_at=between(
            rng, datetime.date(2012, 1, 9), datetime.date(2026, 12, 18)
        ),
        translation_key=rng_uuid(rng),
        tagged_items=[ModulePageTag(tag=tag) for tag in seeder.pick_tags(rng)],
    )
    others = seeder.pick_topics(rng, topic)[1:]
    links = {
        "other_topic_areas": [seeder.topics[n].pk for n in others],
        "tracks": [seeder.tracks[slug].pk for slug in tracks],
        "faculty": faculty,
        "sessions": make_sessions(seeder, rng, page, modes, faculty)
        if rng.random() < 0.4
        else [],
    }
    return page, links


def make_sessions(seeder, rng, page, modes, faculty):
    """One to three dated sessions in the years of the classes, valid as the admin
    requires (a location face to face, a link online)."""
    years = [cohort.year for cohort in seeder.cohorts] or [CURRENT_YEAR]
    subject = page.title.split(": ")[-1].capitalize()
    sessions = []
    for order in range(rng.randint(1, 3)):
        mode = rng.choice(modes)
        hour, minute = rng.choice([(9, 0), (10, 0), (13, 0), (15, 30)])
        starts_at = datetime.datetime(
            rng.choice(years), rng.randint(2, 11), rng.randint(1, 28), hour, minute
        ).replace(tzinfo=EASTERN)
        hours = Decimal(rng.choice(["2", "3", "6"]))
        if mode == DeliveryMode.ASYNCHRONOUS:
            ends_at = starts_at + datetime.timedelta(days=rng.choice([7, 14, 21]))
        else:
            ends_at = starts_at + datetime.timedelta(hours=int(hours))
        face_to_face = mode == DeliveryMode.FACE_TO_FACE
        online = mode == DeliveryMode.SYNCHRONOUS
        sessions.append(
            ModuleSession(
                sort_order=order,
                title=f"{subject}, part {order + 1}",
                kind=SessionKind.JOINT if rng.random() < 0.05 else SessionKind.SESSION,
                starts_at=starts_at,
                ends_at=ends_at,
                mode=mode,
                location=rng.choice(vocabulary.SESSION_LOCATIONS)
                if face_to_face
                else "",
                meeting_link=(
                    f"https://meet.cecto.example/{page.slug}-{order + 1}"
                    if online
                    else ""
                ),
                hours=hours,
                faculty_id=rng.choice(faculty) if faculty else None,
            )
        )
    return sessions


# --- case studies -------------------------------------------------------------------


def seed_case_studies(seeder):
    """Case studies under the case study index, each about one district."""
    index = index_page(CaseStudyIndexPage)
    appender = PageAppender(index)

    def key(number, rng):
        topic = number % len(seeder.topics)
        lea = seeder.leas[rng.randrange(len(seeder.leas))]
        place = lea.name.removesuffix(" County Schools").removesuffix(" City Schools")
        title = text.case_study_title(rng, seeder.topic_words[topic], place)
        return page_slug(title, number), (title, topic, lea)

    def write(pending):
        pages, topics, tracks, modules = [], [], [], []
        for number, rng, (title, topic, lea) in pending:
            words = seeder.topic_words[topic]
            fields = text.case_study_text(rng, words, lea.name)
            roll = rng.random()
            pages.append(
                CaseStudyPage(
                    title=title,
                    slug=page_slug(title, number),
                    lea=lea,
                    **fields,
                    body=[quote(rng, words)] if roll < 0.5 else [],
                    listing_image_id=seeder.pick_image(rng, seeder.landscapes, 0.85),
                    search_description=fields["intro"][:255],
                    first_published_at=between(
                        rng, datetime.date(2011, 3, 1), datetime.date(2026, 12, 18)
                    ),
                    translation_key=rng_uuid(rng),
                    tagged_items=[
                        CaseStudyPageTag(tag=tag) for tag in seeder.pick_tags(rng)
                    ],
                )
            )
            topics.append([seeder.topics[n].pk for n in seeder.pick_topics(rng, topic)])
            tracks.append(
                [seeder.tracks[CECTO].pk]
                + ([seeder.tracks[LEADERS].pk] if roll < 0.4 else [])
            )
            related = seeder.modules_by_topic.get(topic, [])
            modules.append(rng.sample(related, min(len(related), rng.randint(0, 3))))
        appender.add(pages)
        link(CaseStudyPage, "topic_areas", pages, topics)
        link(CaseStudyPage, "tracks", pages, tracks)
        link(CaseStudyPage, "related_modules", pages, modules)
        write_tags(CaseStudyPageTag, pages)
        index_in_bulk(CaseStudyPage, pages)

    return seeder.build("case_studies", key, existing_slugs(index), write)


# --- best practices -----------------------------------------------------------------


def practice_cohorts(seeder):
    """Graduated CeCTO classes write best practices: the scale ones, else the demo's."""
    cohorts = [c for c in seeder.cecto_cohorts if c.year < CURRENT_YEAR]
    cohorts = cohorts or seeder.cecto_cohorts
    if not cohorts:
        cohorts = list(
            Cohort.objects.filter(
                track=seeder.tracks[CECTO], year__lt=CURRENT_YEAR
            ).order_by("year")
        )
    return cohorts


def graduates(**filters):
    """Ids of the people with a completed enrollment matching `filters`."""
    return Enrollment.objects.filter(
        status=EnrollmentStatus.COMPLETED, **filters
    ).values_list("person_id", flat=True)


def seed_best_practices(seeder):
    """Best practices under their index: a class, authors from it, topics, tags.

    The first RARE_WORD_PAGES of them carry the rare search word.
    """
    index = index_page(BestPracticeIndexPage)
    appender = PageAppender(index)
    cohorts = practice_cohorts(seeder)
    everyone = sorted({pk for pool in seeder.authors.values() for pk in pool})
    if not everyone:  # no scale candidates: the demo's CeCTO graduates
        everyone = sorted(set(graduates(cohort__track=seeder.tracks[CECTO])))

    def authors_for(cohort):
        """The class's candidates, else its graduates, else anyone's."""
        if cohort.pk not in seeder.authors:
            seeder.authors[cohort.pk] = (
                sorted(set(graduates(cohort=cohort))) or everyone
            )
        return seeder.authors[cohort.pk]

    def key(number, rng):
        topic = number % len(seeder.topics)
        title = text.practice_title(rng, seeder.topic_words[topic])
        return page_slug(title, number), (title, topic)

    def write(pending):
        pages, topics, authors = [], [], []
        for number, rng, (title, topic) in pending:
            cohort = cohorts[number % len(cohorts)] if cohorts else None
            intro, body = text.practice_text(
                rng, seeder.topic_words[topic], rare=number < RARE_WORD_PAGES
            )
            if cohort:  # published around the final joint meeting
                start = cohort.ends_on - datetime.timedelta(days=45)
                end = cohort.ends_on + datetime.timedelta(days=60)
            else:
                start, end = datetime.date(2013, 1, 7), datetime.date(2026, 12, 18)
            pages.append(
                BestPracticePage(
                    title=title,
                    slug=page_slug(title, number),
                    intro=intro,
                    cohort=cohort,
                    body=body,
                    listing_image_id=seeder.pick_image(rng, seeder.landscapes, 0.3),
                    search_description=intro[:255],
                    first_published_at=between(rng, start, end),
                    translation_key=rng_uuid(rng),
                    tagged_items=[
                        BestPracticePageTag(tag=tag) for tag in seeder.pick_tags(rng)
                    ],
                )
            )
            topics.append([seeder.topics[n].pk for n in seeder.pick_topics(rng, topic)])
            pool = authors_for(cohort) if cohort else []
            count = min(len(pool), rng.choice([1, 1, 1, 2, 2, 3]))
            authors.append(rng.sample(pool, count))
        appender.add(pages)
        link(BestPracticePage, "topic_areas", pages, topics)
        BestPracticeAuthor.objects.bulk_create(
            [
                BestPracticeAuthor(page_id=page.pk, person_id=person, sort_order=n)
                for page, people in zip(pages, authors, strict=True)
                for n, person in enumerate(people)
            ],
            batch_size=2_000,
        )
        write_tags(BestPracticePageTag, pages)
        index_in_bulk(BestPracticePage, pages)

    return seeder.build("best_practices", key, existing_slugs(index), write)
