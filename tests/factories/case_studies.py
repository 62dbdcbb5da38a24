"""Factories for case studies and best practices."""

import factory
import wagtail_factories

from case_studies.models import (
    BestPracticeAuthor,
    BestPracticeIndexPage,
    BestPracticePage,
    CaseStudyIndexPage,
    CaseStudyPage,
)


class CaseStudyIndexPageFactory(wagtail_factories.PageFactory):
    title = "Case studies"
    slug = "case-studies"

    class Meta:
        model = CaseStudyIndexPage


class CaseStudyPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Case study {n}")
    intro = "A district's story."
    challenge = "<p>The challenge.</p>"
    approach = "<p>The approach.</p>"
    outcome = "<p>The outcome.</p>"

    class Meta:
        model = CaseStudyPage
        skip_postgeneration_save = True

    class Params:
        draft = factory.Trait(live=False)

    @factory.post_generation
    def topic_areas(self, create, extracted, **kwargs):
        if create and extracted:
            self.topic_areas.set(extracted)
            self.save()


class BestPracticeIndexPageFactory(wagtail_factories.PageFactory):
    title = "Best practices"
    slug = "best-practices"

    class Meta:
        model = BestPracticeIndexPage


class BestPracticePageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Best practice {n}")
    intro = "A practice that worked."
    body = "<p>What we did and why it worked.</p>"

    class Meta:
        model = BestPracticePage
        skip_postgeneration_save = True

    class Params:
        draft = factory.Trait(live=False)

    @factory.post_generation
    def topic_areas(self, create, extracted, **kwargs):
        if create and extracted:
            self.topic_areas.set(extracted)
            self.save()

    @factory.post_generation
    def authors(self, create, extracted, **kwargs):
        """BestPracticePageFactory(authors=[person, ...])."""
        if create and extracted:
            for person in extracted:
                BestPracticeAuthor.objects.create(page=self, person=person)
