"""The demo command: builds a portal that covers the course, once and never twice.

Seeding takes a few seconds, so the module seeds once, inside a transaction that is
rolled back after its last test; each test runs in a savepoint within it.
"""

import datetime
import re
from decimal import Decimal
from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import ImproperlyConfigured
from django.core.management import call_command
from django.db import transaction
from django.db.models import Count, Q, Sum
from django.http import HttpRequest
from django.utils import timezone
from taggit.models import Tag
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import (
    Collection,
    CollectionViewRestriction,
    Page,
    PageViewRestriction,
    Revision,
    Site,
)

from case_studies.models import (
    BestPracticeIndexPage,
    BestPracticePage,
    CaseStudyIndexPage,
    CaseStudyPage,
)
from curriculum.choices import DeliveryMode, SessionKind
from curriculum.models import (
    CurriculumIndexPage,
    ModuleMaterialsPage,
    ModulePage,
    ModuleSession,
    TopicArea,
    Track,
    public_program_year,
)
from curriculum.privacy import MATERIALS_COLLECTION
from home.models import ContentPage, HomePage, TagIndexPage, TopicIndexPage
from people.choices import EnrollmentStatus, PersonRole
from people.models import (
    LEA,
    Cohort,
    CohortIndexPage,
    Enrollment,
    PartnerOrganization,
    PeopleIndexPage,
    Person,
)
from tests.tree import ensure_tree_root
from tests.two_factor import give_second_factor

DEMO_USERNAMES = {
    "admin",
    "director",
    "faculty",
    "participant",
    "participant2",
    "participant3",
    "superintendent",
}

TOPIC_ORDER = [
    "Strategic technology planning",
    "IT governance",
    "Communications",
    "Project management",
    "Emerging trends",
    "Risk assessment and management",
    "Acquisition management",
    "Change management",
    "Leadership",
    "Security",
    "Legal and regulatory issues",
    "Financial trends",
]

FULL_MODULE_TOPICS = {
    "it-governance",
    "risk-assessment-and-management",
    "legal-and-regulatory-issues",
    "security",
    "change-management",
}

CECTO = "cecto-certification"
LEADERS = "leaders-21st-century"


def snapshot():
    return {
        "pages": Page.objects.count(),
        "users": get_user_model().objects.count(),
        "images": get_image_model().objects.count(),
        "documents": get_document_model().objects.count(),
        "collections": Collection.objects.count(),
        "tracks": Track.objects.count(),
        "topic areas": TopicArea.objects.count(),
        "sites": Site.objects.count(),
        "revisions": Revision.objects.count(),
        "people": Person.objects.count(),
        "person roles": Person.roles.through.objects.count(),
        "LEAs": LEA.objects.count(),
        "partners": PartnerOrganization.objects.count(),
        "cohorts": Cohort.objects.count(),
        "enrollments": Enrollment.objects.count(),
        "sessions": ModuleSession.objects.count(),
        "tags": Tag.objects.count(),
        "page view restrictions": PageViewRestriction.objects.count(),
        "collection view restrictions": CollectionViewRestriction.objects.count(),
    }


@pytest.fixture(scope="module")
def seeded_once(django_db_setup, django_db_blocker):
    """Seed once for this module; everything is rolled back after its last test."""
    with django_db_blocker.unblock():
        outer = transaction.atomic()
        outer.__enter__()
    try:
        with django_db_blocker.unblock():
            # What the conftest's root_page fixture ensures, at module scope.
            ensure_tree_root()
            out = StringIO()
            call_command("seed_demo", stdout=out)
        yield out.getvalue()
    finally:
        with django_db_blocker.unblock():
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)


@pytest.fixture
def seeded(seeded_once, db):
    """The seeded portal; changes made by a test are rolled back after it."""
    return seeded_once


def completions(year, track):
    return Enrollment.objects.filter(
        cohort__year=year,
        cohort__track__slug=track,
        status=EnrollmentStatus.COMPLETED,
    )


def test_seed_demo_builds_the_site_sign_ins_and_people_records(
    seeded, client, settings
):
    home = HomePage.objects.get()
    assert Site.objects.get(is_default_site=True).root_page_id == home.pk
    assert set(ContentPage.objects.child_of(home).values_list("slug", flat=True)) >= {
        "about",
        "tracks",
        "partners",
    }
    index_pages = {
        "curriculum": CurriculumIndexPage,
        "case-studies": CaseStudyIndexPage,
        "best-practices": BestPracticeIndexPage,
        "people": PeopleIndexPage,
        "cohorts": CohortIndexPage,
        "topics": TopicIndexPage,
        "tags": TagIndexPage,
    }
    for slug, model in index_pages.items():
        assert model.objects.child_of(home).live().get().slug == slug
    assert list(Track.objects.values_list("required_hours", flat=True)) == [240, 20, 6]
    assert all(track.schedule and track.joint_sessions for track in Track.objects.all())
    assert home.hero_image is not None
    image = get_image_model().objects.get(title="Program hero")
    assert (image.width, image.height) == (1600, 900)  # drawn offline
    assert all(image.description for image in get_image_model().objects.all())
    # Numbered progress, one line per step (other apps add steps of their own).
    assert re.search(r"^\[1/\d+\] Demo sign-ins\.\.\.", seeded, re.MULTILINE)
    assert "Demo content is ready." in seeded

    users = get_user_model().objects.filter(username__in=DEMO_USERNAMES)
    assert set(users.values_list("username", flat=True)) == DEMO_USERNAMES
    assert all(user.check_password(settings.DEMO_PASSWORD) for user in users)
    assert users.get(username="admin").is_superuser
    assert not users.filter(is_superuser=True).exclude(username="admin").exists()
    people = {
        person.user.username: person
        for person in Person.objects.filter(user__in=users).select_related("user")
    }
    assert set(people) == DEMO_USERNAMES - {"admin"}
    director = people["director"]
    assert director.job_title == "Program Director"
    assert director.has_role(PersonRole.STAFF) and director.has_role(PersonRole.FACULTY)
    assert people["faculty"].has_role(PersonRole.FACULTY)
    assert people["superintendent"].has_role(PersonRole.SUPERINTENDENT)
    assert people["participant"].user.groups.filter(name="Participants").exists()

    faculty = Person.objects.public().with_role(PersonRole.FACULTY)
    assert 6 <= faculty.count() <= 8
    assert all(person.bio for person in faculty)
    assert Person.objects.public().with_role(PersonRole.STAFF).count() >= 3
    assert 28 <= LEA.objects.count() <= 35
    assert set(PartnerOrganization.objects.values_list("short_name", flat=True)) >= {
        "NCDPI",
        "MCNC",
    }

    response = client.get("/")
    assert response.status_code == 200
    content = response.content.decode()
    assert "CeCTO Certification" in content
    assert "Leaders for the 21st Century" in content
    assert "240" in content
    assert client.login(
        request=HttpRequest(), username="admin", password=settings.DEMO_PASSWORD
    )  # django-axes checks each password against a request
    give_second_factor(client, get_user_model().objects.get(username="admin"))
    response = client.get("/admin/")
    assert response.status_code == 200
    assert b"Dashboard" in response.content or b"dashboard" in response.content


def test_seed_demo_covers_every_topic_with_balanced_track_hours(seeded):
    assert list(TopicArea.objects.values_list("name", flat=True)) == TOPIC_ORDER
    assert all(topic.description for topic in TopicArea.objects.all())
    without_modules = TopicArea.objects.annotate(
        live_modules=Count("modules", filter=Q(modules__live=True))
    ).filter(live_modules=0)
    assert not without_modules.exists()

    modules = ModulePage.objects.live()
    hours = {
        slug: modules.filter(tracks__slug=slug).aggregate(h=Sum("contact_hours"))["h"]
        for slug in (CECTO, LEADERS)
    }
    assert hours == {CECTO: Decimal(240), LEADERS: Decimal(20)}
    assert 3 <= modules.filter(tracks__slug=LEADERS).count() <= 4

    full = modules.filter(topic_area__slug__in=FULL_MODULE_TOPICS)
    assert {module.topic_area.slug for module in full} == FULL_MODULE_TOPICS
    collection = Collection.objects.get(name=MATERIALS_COLLECTION)
    assert CollectionViewRestriction.objects.filter(collection=collection).exists()
    for module in full:
        assert module.intro and module.competency_list
        assert 4 <= module.learning_objectives.count("<li>") <= 6
        kinds = {block.block_type for block in module.body}
        assert {"heading", "text"} <= kinds and kinds & {"quote", "table"}
        assert "link" in {block.block_type for block in module.resources}
        # Each class's: the Class of 2027's and the class under way's.
        assert 2 <= module.sessions.filter(starts_at__year=2027).count() <= 4
        assert (
            module.sessions.count()
            == 2 * module.sessions.filter(starts_at__year=2027).count()
        )
        assert module.faculty.exists()
        materials = ModuleMaterialsPage.objects.child_of(module).live().get()
        assert materials.slug == "materials"
        assert PageViewRestriction.objects.filter(page=materials).exists()
        documents = [
            block.value["document"]
            for block in materials.body
            if block.block_type == "document"
        ]
        assert documents
        for document in documents:
            assert document.collection_id == collection.pk
            with document.open_file() as f:
                assert f.read(5) == b"%PDF-"

    for session in ModuleSession.objects.filter(module__live=True):
        session.full_clean(exclude=["module"])  # location, meeting link, times
    # The Class of 2027's calendar (the class under way's is its copy, tested below).
    sessions = ModuleSession.objects.filter(module__live=True, starts_at__year=2027)
    modes = set(sessions.values_list("mode", flat=True))
    assert modes == set(DeliveryMode.values)
    assert not sessions.filter(mode=DeliveryMode.FACE_TO_FACE, location="").exists()
    assert not sessions.filter(mode=DeliveryMode.SYNCHRONOUS, meeting_link="").exists()
    joint = sessions.filter(kind=SessionKind.JOINT).order_by("starts_at")
    assert [s.starts_at.month for s in joint][:2] == [2, 9]
    assert "transformational leadership" in joint[0].title.lower()
    assert "best practices" in joint.last().title.lower()
    graduation = sessions.get(kind=SessionKind.GRADUATION)
    assert graduation.starts_at.month == 11
    assert set(graduation.module.tracks.values_list("slug", flat=True)) == {
        CECTO,
        LEADERS,
    }


def test_seed_demo_matches_the_program_outcomes(seeded):
    cecto_2012 = completions(2012, CECTO)
    assert (
        cecto_2012.filter(
            person__lea__isnull=False, person__roles__slug=PersonRole.PARTICIPANT
        ).count()
        == 23
    )
    assert (
        cecto_2012.filter(
            person__lea__isnull=True, person__partner__short_name="NCDPI"
        ).count()
        == 2
    )
    assert cecto_2012.count() == 25
    leaders_2012 = completions(2012, LEADERS)
    assert leaders_2012.count() == 18
    assert (
        leaders_2012.filter(person__roles__slug=PersonRole.SUPERINTENDENT).count() == 18
    )
    assert sum(completions(year, CECTO).count() for year in (2010, 2011, 2012)) == 83
    assert completions(2010, LEADERS).exists() and completions(2011, LEADERS).exists()
    graduates = Person.objects.filter(enrollments__status=EnrollmentStatus.COMPLETED)
    assert graduates.filter(is_public=False).exists()
    assert graduates.filter(is_public=True).count() > graduates.count() * 0.8
    for cohort in Cohort.objects.filter(year__lte=2012):
        assert (cohort.starts_on.month, cohort.ends_on.month) == (2, 11)

    current = Cohort.objects.filter(track__slug=CECTO).order_by("-year").first()
    assert current.year > 2012
    # The session calendar holds two classes: the current cohort's year and the
    # class under way's; every session falls in one of them.
    under_way = Cohort.objects.get(track__slug=CECTO, year=current.year - 1)
    starts = ModuleSession.objects.values_list("starts_at", flat=True)
    assert all(
        current.starts_on <= start.date() <= current.ends_on
        or under_way.starts_on <= start.date() <= under_way.ends_on
        for start in starts
    )
    enrolled = {
        e.person.user.username: e.person
        for e in Enrollment.objects.filter(
            cohort=current,
            status=EnrollmentStatus.ENROLLED,
            person__user__username__in=["participant", "participant2"],
        ).select_related("person__user")
    }
    assert set(enrolled) == {"participant", "participant2"}
    assert enrolled["participant"].lea_id != enrolled["participant2"].lea_id
    assert Enrollment.objects.filter(
        cohort__year=current.year,
        cohort__track__slug=LEADERS,
        status=EnrollmentStatus.ENROLLED,
        person__user__username="superintendent",
    ).exists()

    case_studies = CaseStudyPage.objects.live()
    assert case_studies.count() >= 6
    for case in case_studies:
        assert case.lea_id and case.district_context and case.lessons_learned
        assert len(case.question_list) >= 2
        assert case.topic_areas.exists() and case.tracks.exists()
        assert case.related_modules.exists() and case.tags.exists()

    best_practices = BestPracticePage.objects.live()
    assert best_practices.count() >= 12
    co_written = best_practices.annotate(n=Count("authors")).filter(n__gte=2)
    assert co_written.exists()
    for practice in best_practices:
        assert practice.cohort.year in (2012, 2026)
        assert practice.topic_areas.exists() and practice.tags.exists()
        for author in practice.authors.all():
            # The Class of 2026's authors have no public profile: shown by role.
            assert author.person.is_public or practice.cohort.year == 2026
            assert author.person.enrollments.filter(cohort=practice.cohort).exists()
    attachments = [p.attachment for p in best_practices if p.attachment_id]
    assert attachments
    assert not any(
        CollectionViewRestriction.objects.filter(collection=a.collection).exists()
        for a in attachments
    )
    draft = BestPracticePage.objects.get(live=False)
    assert draft.owner.username == "participant"

    # A tag's page lists several kinds of content.
    shared = Tag.objects.filter(
        curriculum_modulepagetag_items__isnull=False,
        case_studies_casestudypagetag_items__isnull=False,
        case_studies_bestpracticepagetag_items__isnull=False,
    ).distinct()
    assert shared.count() >= 3


def test_seed_demo_run_twice_adds_nothing(seeded):
    before = snapshot()
    out = StringIO()
    call_command("seed_demo", stdout=out)
    assert snapshot() == before
    lines = [line for line in out.getvalue().splitlines() if line.startswith("[")]
    steps = int(re.match(r"\[1/(\d+)\]", lines[0]).group(1))
    assert len(lines) == steps >= 11
    assert all(line.endswith(" 0 created") for line in lines)


def test_seed_demo_refuses_under_production_settings(root_page, settings):
    before = snapshot()
    settings.DEMO_CONTENT_ALLOWED = False
    with pytest.raises(ImproperlyConfigured, match="Demo content is refused"):
        call_command("seed_demo", stdout=StringIO())
    assert snapshot() == before


def test_every_demo_page_answers_visitors_and_materials_open_for_participant(
    seeded, client, settings
):
    """After `make run`: every URL answers with real content; materials are private."""
    private = set(PageViewRestriction.objects.values_list("page__path", flat=True))
    pages = Page.objects.live().filter(depth__gte=2).specific()
    urls = ["/curriculum/map/", "/cohorts/2012/", "/topics/security/"]
    for page in pages:
        url = page.get_url()
        response = client.get(url)
        if any(page.path.startswith(path) for path in private):
            assert response.status_code == 302, url
            assert response["Location"].startswith("/accounts/login/"), url
        else:
            assert response.status_code == 200, url
    for url in urls:
        assert client.get(url).status_code == 200, url

    materials = ModuleMaterialsPage.objects.live().first()
    assert client.login(
        request=HttpRequest(), username="participant", password=settings.DEMO_PASSWORD
    )
    response = client.get(materials.get_url())
    assert response.status_code == 200
    assert materials.title.encode() in response.content


def test_seed_demo_has_a_class_under_way_with_past_sessions(seeded):
    under_way = Cohort.objects.filter(year=2026).select_related("track")
    assert {c.track.slug for c in under_way} == {CECTO, LEADERS}
    for cohort in under_way:
        assert (cohort.starts_on.isoformat(), cohort.ends_on.isoformat()) == (
            "2026-02-24",
            "2026-12-02",
        )
    cecto = under_way.get(track__slug=CECTO)
    leaders = under_way.get(track__slug=LEADERS)
    enrolled = Enrollment.objects.filter(status=EnrollmentStatus.ENROLLED)
    assert 9 <= enrolled.filter(cohort=cecto).count() <= 12
    assert 3 <= enrolled.filter(cohort=leaders).count() <= 5
    assert enrolled.filter(cohort=cecto, person__user__username="participant3").exists()
    assert not Enrollment.objects.filter(
        person__user__username="participant3", cohort__year=2027
    ).exists()
    # Every 2027 session has its 2026 twin 50 weeks earlier, on the same weekday
    # and at the same local time; each class gets each module's contact hours.
    for module in ModulePage.objects.live():
        sessions = list(module.sessions.all())
        current_year = [s for s in sessions if s.starts_at.year == 2027]
        earlier = {
            (s.title, timezone.localtime(s.starts_at))
            for s in sessions
            if s.starts_at.year == 2026
        }
        assert len(earlier) == len(current_year) > 0, module.slug
        for session in current_year:
            local = timezone.localtime(session.starts_at)
            twin = local - datetime.timedelta(days=350)
            assert (session.title, twin) in earlier, (module.slug, session.title)
            assert twin.weekday() == local.weekday() and twin.time() == local.time()
        assert all(check.agree for check in module.hours_check()), module.slug
    past = ModuleSession.objects.for_cohort(cecto).filter(ends_at__lt=timezone.now())
    assert past.count() > 10
    # The public site presents the Class of 2027's year.
    assert public_program_year().year == 2027
    out = StringIO()
    call_command("demo_sign_ins", stdout=out)
    assert "participant3" in out.getvalue()


def test_seed_demo_gives_modules_seeded_before_the_class_under_way_its_sessions(
    seeded,
):
    module = ModulePage.objects.live().get(slug="it-governance")
    earlier = module.sessions.filter(starts_at__year=2026)
    count = earlier.count()
    earlier.delete()
    module.save_revision().publish()

    call_command("seed_demo", stdout=StringIO())
    assert module.sessions.filter(starts_at__year=2026).count() == count
    before = snapshot()
    call_command("seed_demo", stdout=StringIO())
    assert snapshot() == before
