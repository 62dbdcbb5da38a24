"""The demo portal's public page types, one URL each, read from the database."""

from urllib.parse import urlsplit

from django.urls import NoReverseMatch, reverse
from wagtail.models import Page

from case_studies.models import BestPracticePage, CaseStudyPage
from curriculum.models import CurriculumIndexPage, ModulePage
from home.models import ContentPage


def path_of(page):
    return urlsplit(page.get_url()).path


def _optional(name):
    try:
        return reverse(name)
    except NoReverseMatch:
        return None


def public_urls():
    curriculum = CurriculumIndexPage.objects.live().first()
    urls = [
        ("home", "/"),
        ("content page", path_of(ContentPage.objects.live().get(slug="about"))),
        ("curriculum", path_of(curriculum)),
        ("module", path_of(ModulePage.objects.live().public().first())),
        ("curriculum map", path_of(curriculum) + "map/"),
        ("case study index", "/case-studies/"),
        ("case study", path_of(CaseStudyPage.objects.live().public().first())),
        ("best practice index", "/best-practices/"),
        ("best practice", path_of(BestPracticePage.objects.live().public().first())),
        ("cohort", "/cohorts/2012/"),
        ("topic", "/topics/security/"),
        ("search", "/search/?q=governance"),
        ("events", reverse("events")),
        ("sign in", "/accounts/login/"),
    ]
    # Optional page types: tested when the demo has them (a page or a URL route).
    for slug in ("news", "join"):
        page = Page.objects.live().public().filter(slug=slug).first()
        url = path_of(page) if page else _optional(slug)
        if url:
            urls.append((slug, url))
    return urls
