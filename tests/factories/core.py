"""Factories for Wagtail's own records and shared bases."""

import factory
import wagtail_factories
from django.contrib.auth import get_user_model


class UserFactory(factory.django.DjangoModelFactory):
    """A user who can sign in with the password 'password'."""

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda user: f"{user.username}@example.org")
    first_name = factory.Faker("first_name")
    last_name = factory.Faker("last_name")
    password = factory.django.Password("password")

    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    class Params:
        superuser = factory.Trait(is_superuser=True, is_staff=True)


class ImageFactory(wagtail_factories.ImageFactory):
    """A small real image (wagtail-factories draws it with Pillow)."""

    title = factory.Sequence(lambda n: f"Image {n}")
    description = factory.LazyAttribute(lambda image: f"Alt text for {image.title}")
