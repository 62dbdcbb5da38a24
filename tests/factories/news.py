"""Factories for the news app's pages."""

import datetime

import factory
import wagtail_factories
from wagtail.rich_text import RichText

from news.models import NewsIndexPage, NewsPage


class NewsIndexPageFactory(wagtail_factories.PageFactory):
    title = "News"
    slug = "news"
    intro = "Program news."

    class Meta:
        model = NewsIndexPage


class NewsPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"News item {n}")
    date = factory.Sequence(lambda n: datetime.date(2024, 1, 1) + datetime.timedelta(n))
    intro = "Something happened in the program."
    body = factory.LazyFunction(
        lambda: [("text", RichText("<p>The news in full.</p>"))]
    )

    class Meta:
        model = NewsPage

    class Params:
        draft = factory.Trait(live=False)
