"""Case study and best practice pages render their structure."""

import pytest
from django.core.files.base import ContentFile
from wagtail.documents import get_document_model

from tests.factories.case_studies import (
    BestPracticeIndexPageFactory,
    BestPracticePageFactory,
    CaseStudyIndexPageFactory,
    CaseStudyPageFactory,
)
from tests.factories.curriculum import TopicAreaFactory, TrackFactory
from tests.factories.people import CohortFactory, LEAFactory, ParticipantFactory
from tests.querycount import MAX_QUERIES, count_queries

pytestmark = pytest.mark.django_db


def test_case_study_page_shows_context_sections_and_questions(client, home_page):
    index = CaseStudyIndexPageFactory(parent=home_page)
    lea = LEAFactory(name="Alder Creek County Schools", student_count=31_000)
    CaseStudyPageFactory(
        parent=index,
        slug="ransomware",
        title="Recovering from ransomware",
        lea=lea,
        challenge="<p>Encrypted file servers.</p>",
        approach="<p>Incident command.</p>",
        outcome="<p>Back in three days.</p>",
        lessons_learned="<p>Test restores.</p>",
        discussion_questions="Who declares an incident?\nWhat would you tell parents?",
        topic_areas=[TopicAreaFactory(name="Security")],
    )
    html = client.get("/case-studies/ransomware/").content.decode()
    assert html.count("<h1") == 1
    for text in (
        "Alder Creek County Schools",
        "large district",
        "Encrypted file servers.",
        "Incident command.",
        "Back in three days.",
        "Test restores.",
        "Who declares an incident?",
        "What would you tell parents?",
        "Security",
    ):
        assert text in html, text


def test_best_practice_page_shows_authors_cohort_and_attachment(client, home_page):
    index = BestPracticeIndexPageFactory(parent=home_page)
    cohort = CohortFactory(year=2012, track=TrackFactory(name="CeCTO Certification"))
    document = get_document_model()(title="Charter template")
    document.file.save("charter.pdf", ContentFile(b"%PDF-1.4\n%%EOF\n"), save=False)
    document.save()
    BestPracticePageFactory(
        parent=index,
        slug="charter",
        title="A governance charter",
        cohort=cohort,
        attachment=document,
        authors=[
            ParticipantFactory(first_name="Parker", last_name="Lindqvist"),
            ParticipantFactory(first_name="Priya", last_name="Castellanos"),
        ],
    )
    html = client.get("/best-practices/charter/").content.decode()
    assert html.count("<h1") == 1
    for text in (
        "Parker Lindqvist",
        "Priya Castellanos",
        "2012",
        "Charter template",
        "PDF",
    ):
        assert text in html, text


def test_best_practice_page_queries_do_not_grow_with_authors_and_tags(
    client, home_page
):
    index = BestPracticeIndexPageFactory(parent=home_page)
    topics = [TopicAreaFactory() for _ in range(5)]
    page = BestPracticePageFactory(
        parent=index, slug="bp", authors=[ParticipantFactory()], topic_areas=topics[:1]
    )
    few = count_queries(client, "/best-practices/bp/")
    for _ in range(5):
        BestPracticePageFactory._meta.model.authors.rel.related_model.objects.create(
            page=page, person=ParticipantFactory()
        )
    page.topic_areas.set(topics)
    page.tags.add(*[f"tag{n}" for n in range(10)])
    page.save()
    assert count_queries(client, "/best-practices/bp/") == few <= MAX_QUERIES
