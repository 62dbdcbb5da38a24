"""Factories for the applicants app's pages."""

import factory
import wagtail_factories

from applicants.models import InterestFormField, InterestFormPage


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
