"""The join form at /join/: the interest form page, its fields, rate limit and
e-mails."""

from django import forms
from django.conf import settings
from django.db import models
from django.http import HttpResponseRedirect
from django.template.loader import render_to_string
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
)
from wagtail.contrib.forms.forms import FormBuilder
from wagtail.contrib.forms.models import (
    FORM_FIELD_CHOICES,
    AbstractEmailForm,
    AbstractForm,
    AbstractFormField,
)
from wagtail.contrib.forms.panels import FormSubmissionsPanel
from wagtail.fields import RichTextField
from wagtail.search import index

from core import rate_limit
from core.models import BasePage, ProgramSettings
from core.rich_text import INLINE_FEATURES
from core.sites import served_url
from outbox.queue import send_email
from people.models import LEA

DISTRICT_FIELD = "district"
DISTRICT_OTHER = "other"


class InterestFormField(AbstractFormField):
    """One question on the interest form, as editors build it."""

    page = ParentalKey(
        "applicants.InterestFormPage",
        on_delete=models.CASCADE,
        related_name="form_fields",
    )
    # Wagtail's field types plus one: the district, chosen from the LEA records.
    # https://docs.wagtail.org/en/stable/reference/contrib/forms/customization.html
    field_type = models.CharField(
        verbose_name=_("field type"),
        max_length=16,
        choices=[
            *FORM_FIELD_CHOICES,
            (DISTRICT_FIELD, _("School district (from the list of LEAs)")),
        ],
    )


class InterestFormBuilder(FormBuilder):
    """Builds the interest form so that nothing is chosen until the visitor chooses.

    Drop-downs start on a "Choose..." prompt (Django would show the first choice
    as if chosen); the district field lists the LEA records, with "Other (tell
    us)" and a text field for the rest.
    """

    def create_dropdown_field(self, field, options):
        options["choices"] = [
            ("", _("Choose...")),
            *self.get_formatted_field_choices(field),
        ]
        return forms.ChoiceField(**options)

    def create_district_field(self, field, options):
        names = LEA.objects.order_by("name").values_list("name", flat=True)
        options["choices"] = [
            ("", _("Choose your district...")),
            *((name, name) for name in names),
            (DISTRICT_OTHER, _("Other (tell us)")),
        ]
        return forms.ChoiceField(**options)


class InterestFormPage(AbstractEmailForm, BasePage):
    """/join/: prospective participants ask to join a future course.

    Submissions are stored (Forms in the admin lists and exports them) and e-mailed
    to program staff. A successful post redirects to ?thank-you=1, so refreshing the
    confirmation never posts twice; see Wagtail's "How to use a redirect with Form
    builder to prevent double submission". Spam is resisted without third parties:
    a honeypot field that people never see, and a per-network rate limit (core.rate_limit,
    which keeps counting while the cache is away; the address is hashed and never written to the database).
    """

    parent_page_types = ["home.HomePage"]
    subpage_types: list[str] = []
    max_count = 1

    page_description = _(
        "The interest form: visitors ask to join a future course; staff get an e-mail."
    )

    intro = models.TextField(
        _("introduction"),
        max_length=800,
        blank=True,
        help_text=_("Who should fill in the form and what happens next."),
    )
    thank_you_text = RichTextField(
        _("thank-you text"),
        features=INLINE_FEATURES,
        blank=True,
        help_text=_("Shown once the form is sent: when staff will be in touch."),
    )

    content_panels = [
        *BasePage.content_panels,
        FormSubmissionsPanel(),
        FieldPanel("intro"),
        InlinePanel("form_fields", label=_("Form fields")),
        FieldPanel("thank_you_text"),
        MultiFieldPanel(
            [
                FieldRowPanel(
                    [
                        FieldPanel(
                            "from_address",
                            help_text=_(
                                "Sender of the staff e-mail; blank uses the "
                                "site's default address."
                            ),
                        ),
                        FieldPanel(
                            "to_address",
                            help_text=_(
                                "Program staff who should hear of each request, "
                                "separated by commas."
                            ),
                        ),
                    ]
                ),
                FieldPanel(
                    "subject",
                    help_text=_("Subject line of the e-mail staff receive."),
                ),
            ],
            heading=_("E-mail to program staff"),
        ),
    ]

    search_fields = [*BasePage.search_fields, index.SearchField("intro")]

    class Meta:
        verbose_name = _("interest form")

    form_builder = InterestFormBuilder
    # A field people never see; bots that fill every input give themselves away.
    honeypot_name = "website"
    thank_you_param = "thank-you"
    rate_limit = 5  # submissions per network per window
    rate_limit_window = 60 * 60  # seconds

    def serve(self, request, *args, **kwargs):
        if request.method == "POST":
            form = self.get_form(
                request.POST, request.FILES, page=self, user=request.user
            )
            if self._rate_limited(request):
                form.is_valid()  # keep what the visitor typed, shown back to them
                form.add_error(
                    None,
                    _(
                        "Too many submissions from your network; please try again "
                        "later or e-mail %(email)s."
                    )
                    % {"email": self._contact_email(request)},
                )
                return self._render_form(request, form, status=429)
            if request.POST.get(self.honeypot_name):
                # Looks like success to the bot; stores nothing, sends nothing, and
                # is not counted: a bot on a shared network (or behind the same
                # proxy) must not use up the limit of the people next to it.
                return self._redirect_to_thanks()
            if form.is_valid():
                self._count_submission(request)
                self.process_form_submission(form)
                return self._redirect_to_thanks()
        elif request.GET.get(self.thank_you_param):
            return self.render_landing_page(request, *args, **kwargs)
        else:
            form = self.get_form(page=self, user=request.user)
        return self._render_form(request, form)

    def get_submissions_list_view_class(self):
        """Submissions listed and exported without runnable spreadsheet formulas."""
        # Imported here: core.exports's admin views cannot load while models load.
        from core.exports import SafeSubmissionsListView

        return SafeSubmissionsListView

    def get_form_class(self):
        """The editors' fields, an "other district" text field after each district
        field, and the honeypot, last."""
        form_class = super().get_form_class()
        attrs = {
            self.honeypot_name: forms.CharField(
                label=_("Leave this empty"),
                required=False,
                widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}),
            )
        }
        districts = [
            field.clean_name
            for field in self.get_form_fields()
            if field.field_type == DISTRICT_FIELD
        ]
        order = []
        for name in form_class.base_fields:
            order.append(name)
            if name in districts:
                attrs[f"{name}_other"] = forms.CharField(
                    label=_("Your district or organization, if it is not listed"),
                    help_text=_("Only if you chose “Other (tell us)” above."),
                    required=False,
                    max_length=255,
                )
                order.append(f"{name}_other")
        attrs["field_order"] = [*order, self.honeypot_name]
        attrs["district_fields"] = districts
        attrs["clean"] = _clean_districts
        return type(form_class.__name__, (form_class,), attrs)

    def process_form_submission(self, form):
        """Store what the visitor wrote (never the empty honeypot), make it an
        applicant, e-mail staff, and confirm to the visitor that it arrived.

        Wagtail's AbstractEmailForm.process_form_submission stores and e-mails; the
        applicant is made in between, as soon as the submission is stored:
        https://github.com/wagtail/wagtail/blob/main/wagtail/contrib/forms/models.py
        """
        # Imported here: the services import this module's models.
        from applicants.services import record_join_request

        form.cleaned_data.pop(self.honeypot_name, None)
        submission = AbstractForm.process_form_submission(self, form)
        record_join_request(
            submission, InterestFormField.objects.filter(page_id=self.pk)
        )
        if self.to_address:
            self.send_mail(form)
        self.send_confirmation(form)
        return submission

    def send_confirmation(self, form):
        """E-mail the address the visitor gave that their request reached staff.

        The text is fixed (nothing the visitor typed is echoed), so the form cannot
        be used to send someone else a message; the rate limit caps how many.
        """
        email_fields = [
            field.clean_name
            for field in self.get_form_fields()
            if field.field_type == "email"
        ]
        address = next(
            (form.cleaned_data[n] for n in email_fields if form.cleaned_data.get(n)),
            None,
        )
        if not address:
            return
        contact = ProgramSettings.for_site(self.get_site()).contact_email
        send_email(
            _("We have your request to join a future CeCTO course"),
            render_to_string(
                "emails/interest_confirmation.txt",
                {
                    "site_name": settings.WAGTAIL_SITE_NAME,
                    "contact_email": contact,
                    "page_url": served_url(self.url),
                },
            ),
            [address],
            reply_to=[contact] if contact else (),
            headers={"Auto-Submitted": "auto-replied"},
        )

    def send_mail(self, form):
        """Queue the staff e-mail (outbox.queue), so a mail server outage loses nothing.

        Replaces Wagtail's AbstractEmailForm.send_mail, which sends in the request:
        https://github.com/wagtail/wagtail/blob/main/wagtail/contrib/forms/models.py
        """
        send_email(
            self.subject,
            self.render_email(form),
            [
                address.strip()
                for address in self.to_address.split(",")
                if address.strip()
            ],
            from_email=self.from_address or None,
            headers={"Auto-Submitted": "auto-generated"},
        )

    def _render_form(self, request, form, status=200):
        _describe_fields(form)
        context = self.get_context(request)
        context["form"] = form
        context["honeypot_name"] = self.honeypot_name
        return TemplateResponse(
            request, self.get_template(request), context, status=status
        )

    def _redirect_to_thanks(self):
        return HttpResponseRedirect(f"{self.url}?{self.thank_you_param}=1")

    def _contact_email(self, request):
        return ProgramSettings.for_request(request).contact_email

    def _rate_limit_key(self, request):
        return rate_limit.client_key(request, f"interest-form:{self.pk}")

    def _rate_limited(self, request):
        return rate_limit.is_limited(self._rate_limit_key(request), self.rate_limit)

    def _count_submission(self, request):
        rate_limit.hit(self._rate_limit_key(request), self.rate_limit_window)


def _clean_districts(form):
    """A district from the list is kept as chosen; "Other" needs the text field,
    whose text is then stored as the district (one column in the export)."""
    cleaned = super(type(form), form).clean()
    for name in form.district_fields:
        other = (cleaned.pop(f"{name}_other", "") or "").strip()
        if cleaned.get(name) == DISTRICT_OTHER:
            if other:
                cleaned[name] = other
            else:
                form.add_error(
                    f"{name}_other",
                    _("Tell us your district or organization, or choose one above."),
                )
    return cleaned


def _describe_fields(form):
    """Tie each visible field's hint and error message to it (aria-describedby)."""
    for name, field in form.fields.items():
        bound = form[name]
        ids = []
        if field.help_text:
            ids.append(f"{bound.auto_id}-hint")
        if name in form.errors:
            ids.append(f"{bound.auto_id}-error")
            field.widget.attrs["aria-invalid"] = "true"
        if ids:
            field.widget.attrs["aria-describedby"] = " ".join(ids)
