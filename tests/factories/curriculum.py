"""Factories for the curriculum app."""

from decimal import Decimal

import factory
import wagtail_factories
from wagtail.rich_text import RichText

from curriculum.models import (
    CurriculumIndexPage,
    ModuleMaterialsPage,
    ModulePage,
    TopicArea,
    Track,
)


class TrackFactory(factory.django.DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Track {n}")
    slug = factory.Sequence(lambda n: f"track-{n}")
    audience = "School (LEA) technology directors"
    required_hours = 240
    duration_months = 10
    summary = "A track of the program."
    sort_order = factory.Sequence(int)

    class Meta:
        model = Track


class TopicAreaFactory(factory.django.DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Topic {n}")
    slug = factory.Sequence(lambda n: f"topic-{n}")
    description = "A core competency."
    sort_order = factory.Sequence(int)

    class Meta:
        model = TopicArea


class CurriculumIndexPageFactory(wagtail_factories.PageFactory):
    title = "Curriculum"
    slug = "curriculum"

    class Meta:
        model = CurriculumIndexPage


class ModulePageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Module {n}")
    intro = "What the module covers."
    topic_area = factory.SubFactory(TopicAreaFactory)
    contact_hours = Decimal("12.0")
    face_to_face = True
    learning_objectives = "<ul><li>Explain governance.</li></ul>"

    class Meta:
        model = ModulePage
        skip_postgeneration_save = True

    class Params:
        draft = factory.Trait(live=False)

    @factory.post_generation
    def tracks(self, create, extracted, **kwargs):
        if create and extracted:
            self.tracks.set(extracted)
            self.save()


class ModuleMaterialsPageFactory(wagtail_factories.PageFactory):
    title = "Materials"
    slug = "materials"
    body = factory.LazyFunction(lambda: [("text", RichText("<p>Private notes.</p>"))])

    class Meta:
        model = ModuleMaterialsPage
