"""Factories for the curriculum app."""

import factory

from curriculum.models import Track


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
