"""The demo content reads as a real program's: recent news, no contradictions
between a case study's text and its sidebar, a way to reach the first contact."""

import datetime
import re

import pytest

from demo.case_studies import CASE_STUDIES, agree_on_students
from demo.home import NEWS, recent_news
from demo.people import STAFF_AND_FACULTY
from tests.factories.people import LEAFactory

pytestmark = pytest.mark.django_db


def test_recent_demo_news_is_dated_in_the_last_weeks():
    today = datetime.date(2026, 11, 28)

    dates = [date for _slug, date, *_rest in recent_news(today)]

    assert dates and all(
        today - datetime.timedelta(days=30) <= d < today for d in dates
    )
    slugs = [slug for slug, *_rest in [*recent_news(today), *NEWS]]
    assert len(slugs) == len(set(slugs))


def test_each_case_study_states_its_student_count_and_the_district_agrees():
    lea = LEAFactory(student_count=14_870)

    for case in CASE_STUDIES:
        assert re.search(r"about [\d,]+ students", case["district_context"])
    agree_on_students(lea, CASE_STUDIES[0]["district_context"])

    lea.refresh_from_db()
    assert lea.student_count == 14_000


def test_visitor_sees_the_case_studys_count_in_text_and_sidebar(client, home_page):
    from tests.factories.case_studies import (
        CaseStudyIndexPageFactory,
        CaseStudyPageFactory,
    )

    lea = LEAFactory(student_count=14_870)
    context = CASE_STUDIES[0]["district_context"]
    agree_on_students(lea, context)
    index = CaseStudyIndexPageFactory(parent=home_page)
    page = CaseStudyPageFactory(parent=index, lea=lea, district_context=context)

    content = client.get(page.url).content.decode()

    assert "about 14,000 students" in content
    assert "14,870" not in content


def test_the_first_contact_for_districts_gives_an_address_and_a_phone():
    contacts = [p for p in STAFF_AND_FACULTY if "first contact" in p.get("bio", "")]

    assert contacts
    for person in contacts:
        assert re.search(r"[\w.-]+@[\w.-]+\.\w+", person["bio"])
        assert re.search(r"\(\d{3}\) \d{3}-\d{4}", person["bio"])
