"""Factories for the home app's pages."""

import datetime

import factory
import wagtail_factories
from wagtail.rich_text import RichText

from home.models import (
    ContentPage,
    HomePage,
    InterestFormField,
    InterestFormPage,
    NewsIndexPage,
    NewsPage,
)


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


class InterestFormPageFactory(wagtail_factories.PageFactory):
    """The interest form with name, e-mail and track questions."""

    title = "Ask to join a future course"
    slug = "join"
    intro = "Tell us who you are and which track interests you."
    thank_you_text = "<p>Thank you: program staff will be in touch.</p>"
    to_address = "staff@example.org"
    from_address = "portal@example.org"
    subject = "New interest in the CeCTO program"

    class Meta:
        model = InterestFormPage
        skip_postgeneration_save = True

    @factory.post_generation
    def fields(page, create, extracted, **kwargs):
        if not create:
            return
        rows = extracted or [
            ("Name", "singleline", True, ""),
            ("Email", "email", True, ""),
            (
                "Track of interest",
                "radio",
                False,
                "CeCTO Certification\nLeaders for the 21st Century\nNot sure yet",
            ),
            ("Message", "multiline", False, ""),
        ]
        for order, (label, field_type, required, choices) in enumerate(rows):
            InterestFormField.objects.create(
                page=page,
                sort_order=order,
                label=label,
                field_type=field_type,
                required=required,
                choices=choices,
            )


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
