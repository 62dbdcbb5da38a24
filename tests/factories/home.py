"""Factories for the home app's pages."""

import factory
import wagtail_factories
from wagtail.rich_text import RichText

from home.models import ContentPage, HomePage


class HomePageFactory(wagtail_factories.PageFactory):
    title = "CeCTO Portal"
    slug = factory.Sequence(lambda n: f"home-{n}")
    intro = "The Certified Educational Chief Technology Officer program."

    class Meta:
        model = HomePage


class ContentPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Content page {n}")
    intro = "A short introduction."
    body = factory.LazyFunction(
        lambda: [("text", RichText("<p>Body text about the program.</p>"))]
    )

    class Meta:
        model = ContentPage

    class Params:
        draft = factory.Trait(live=False)
