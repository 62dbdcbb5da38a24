"""Demo graduation: the completion rules of both tracks, and the Class of 2026 ready
for the director to graduate.

Nothing is graduated here: the Program Director confirms the Class of 2026's
graduation (2 December 2026) under Graduation. What this step makes sure of is a
spread on that screen: the attendance demo (demo/attendance.py) leaves most
candidates with their hours and joint meetings and a few behind; here several of
the 2026 CeCTO candidates get a published best practice (the certifying track's
third rule), so most meet every rule and some do not.

Idempotent: rules are created once and left as the director edits them; a best
practice whose slug exists is not made again.
"""

from case_studies.models import BestPracticeIndexPage, BestPracticePage
from credentials.completion import completion_for, ensure_completion_rules
from curriculum.models import TopicArea
from demo.base import upsert_page
from demo.case_studies import BEST_PRACTICES, _best_practice_fields
from demo.curriculum import CECTO
from people.choices import EnrollmentStatus
from people.models import Cohort, Enrollment

CLASS_UNDER_WAY = 2026
# One candidate in this many (by name) has no published best practice yet.
WITHOUT_PRACTICE_EVERY = 5


def seed_graduation():
    """Completion rules for every track, and best practices of the Class of 2026's
    CeCTO candidates; returns how many rows were created."""
    created = ensure_completion_rules()
    return created + seed_class_best_practices()


def seed_class_best_practices():
    cohort = Cohort.objects.filter(year=CLASS_UNDER_WAY, track__slug=CECTO).first()
    index = BestPracticeIndexPage.objects.first()
    if cohort is None or index is None:
        return 0
    topics = {topic.slug: topic for topic in TopicArea.objects.all()}
    candidates = list(
        Enrollment.objects.filter(cohort=cohort, status=EnrollmentStatus.ENROLLED)
        .select_related("person__user", "cohort__track")
        .order_by("person__last_name", "person__first_name", "pk")
    )
    authors = [
        e.person
        for n, e in enumerate(candidates)
        if n % WITHOUT_PRACTICE_EVERY != WITHOUT_PRACTICE_EVERY - 1
    ]
    existing = set(index.get_children().values_list("slug", flat=True))
    created = 0
    # Two authors a practice, as many practices as the demo's texts allow.
    for number, practice in enumerate(BEST_PRACTICES):
        pair = authors[number * 2 : number * 2 + 2]
        slug = f"{practice['slug']}-class-of-{CLASS_UNDER_WAY}"
        if not pair or slug in existing:
            continue
        practice = dict(practice, topics=[t for t in practice["topics"] if t in topics])
        fields = _best_practice_fields(practice, topics, pair, cohort)
        fields["title"] = f"{practice['title']} (Class of {CLASS_UNDER_WAY})"
        _page, was_created = upsert_page(index, BestPracticePage, slug, **fields)
        created += was_created
    return created


def class_spread():
    """(met every rule, not) among the Class of 2026's enrolled candidates: what
    the director's Graduation screen will show."""
    enrollments = Enrollment.objects.filter(
        cohort__year=CLASS_UNDER_WAY, status=EnrollmentStatus.ENROLLED
    ).select_related("cohort__track")
    completions = completion_for(enrollments)
    met = sum(1 for completion in completions.values() if completion.met)
    return met, len(completions) - met
