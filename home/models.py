"""The home page, general content pages, the interest form and news."""

import datetime
import hashlib
from urllib.parse import urlencode

from django import forms
from django.conf import settings
from django.contrib.syndication.views import Feed
from django.core.cache import cache
from django.db import models
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.loader import render_to_string
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from taggit.models import Tag
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
    AbstractFormField,
)
from wagtail.contrib.forms.panels import FormSubmissionsPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField, StreamField
from wagtail.images import get_image_model
from wagtail.models import Page, PageManager
from wagtail.search import index

from caching import cached_by_version
from core.blocks import ContentStreamBlock
from core.client_ip import get_client_ip
from core.listing import ListingIndexMixin
from core.models import BasePage, ProgramSettings
from core.privacy import PublicPageQuerySet, public_pages
from core.rich_text import INLINE_FEATURES
from core.sites import served_url
from core.tags import public_tag_slugs, public_tags
from core.validators import validate_safe_url
from curriculum.models import TopicArea, Track
from home.blocks import FeaturedPagesBlock, HeroActionsBlock
from outbox.queue import send_email
from people.choices import EnrollmentStatus
from people.models import LEA, Enrollment, PartnerOrganization

# The line above a featured card's title: what a visitor would call the page,
# for kinds of content only. Sections (an index, a general page) need no label, and
# a model's verbose name ("Curriculum index") is the editors' word, not a visitor's.
FEATURED_CARD_LABELS = {
    "curriculum.modulepage": _("Module"),
    "case_studies.casestudypage": _("Case study"),
    "case_studies.bestpracticepage": _("Best practice"),
    "home.newspage": _("News"),
}


class HomePage(BasePage):
    """The program's front door: overview, both tracks, calls to action, features."""

    parent_page_types = ["wagtailcore.Page"]
    subpage_types = [
        "home.ContentPage",
        "curriculum.CurriculumIndexPage",
        "case_studies.CaseStudyIndexPage",
        "case_studies.BestPracticeIndexPage",
        "people.PeopleIndexPage",
        "people.CohortIndexPage",
        "home.TopicIndexPage",
        "home.TagIndexPage",
        "home.InterestFormPage",
        "home.NewsIndexPage",
    ]
    max_count = 1

    page_description = _("The site's home page. There is only one.")

    hero_heading = models.CharField(
        _("hero heading"),
        max_length=140,
        blank=True,
        help_text=_(
            "The main heading visitors see first. Leave blank to use the page title."
        ),
    )
    intro = models.TextField(
        _("introduction"),
        max_length=600,
        help_text=_("What the program is, in two or three sentences."),
    )
    hero_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("hero image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("A wide, decorative image beside the introduction."),
    )
    calls_to_action = StreamField(
        HeroActionsBlock(),
        blank=True,
        verbose_name=_("calls to action"),
        help_text=_("Up to three buttons under the introduction."),
    )
    featured = StreamField(
        FeaturedPagesBlock(),
        blank=True,
        verbose_name=_("featured content"),
        help_text=_("Up to six pages to feature as cards, in this order."),
    )
    body = StreamField(ContentStreamBlock(), blank=True, verbose_name=_("body"))

    show_upcoming_events = models.BooleanField(
        _("show upcoming sessions and events"),
        default=True,
        help_text=_("The next few sessions from the calendar."),
    )
    show_latest = models.BooleanField(
        _("show latest best practices and case studies"),
        default=True,
        help_text=_("The three newest of each."),
    )
    show_graduates = models.BooleanField(
        _("show graduates so far"),
        default=True,
        help_text=_("How many CeCTOs each track has certified."),
    )
    interest_heading = models.CharField(
        _("call to action heading"),
        max_length=140,
        default="Interested in a future course?",
    )
    interest_text = models.TextField(
        _("call to action text"),
        max_length=600,
        blank=True,
        default=(
            "Tell program staff about your role and district, and they will be in "
            "touch about the next course."
        ),
    )
    interest_link = models.CharField(
        _("call to action link"),
        max_length=255,
        default="/join/",
        validators=[validate_safe_url],
        help_text=_(
            "Where the button goes: a path on this site such as /join/, or an "
            "address starting with https:// or mailto:."
        ),
    )

    upcoming_events_count = 4
    latest_count = 3

    content_panels = [
        *BasePage.content_panels,
        MultiFieldPanel(
            [
                FieldPanel("hero_heading"),
                FieldPanel("intro"),
                FieldPanel("hero_image"),
                FieldPanel("calls_to_action"),
            ],
            heading=_("Hero"),
        ),
        FieldPanel("featured"),
        FieldPanel("body"),
        MultiFieldPanel(
            [
                FieldPanel("show_upcoming_events"),
                FieldPanel("show_latest"),
                FieldPanel("show_graduates"),
                FieldPanel("interest_heading"),
                FieldPanel("interest_text"),
                FieldPanel("interest_link"),
            ],
            heading=_("Home page sections"),
        ),
    ]

    search_fields = [*BasePage.search_fields, index.SearchField("intro")]

    class Meta:
        verbose_name = _("home page")

    def route(self, request, path_components):
        """Find the deepest page on the path in one query, not one per level.

        Wagtail's default walks the tree a level at a time (two queries a level).
        Whatever is left of the path after the deepest matching page goes to that
        page's own routing (routable pages such as /curriculum/map/).
        See wagtail.models.Page.route.
        """
        if not path_components:
            return super().route(request, path_components)
        prefixes = [
            self.url_path + "/".join(path_components[:n]) + "/"
            for n in range(len(path_components), 0, -1)
        ]
        match = (
            Page.objects.filter(url_path__in=prefixes, path__startswith=self.path)
            .order_by("-depth")
            .first()
        )
        if match is None:
            raise Http404
        remaining = path_components[match.depth - self.depth :]
        return match.specific.route(request, remaining)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context.update(self.get_sections())
        return context

    sections_timeout = 5 * 60  # seconds; page changes invalidate sooner

    def get_sections(self):
        """Partners, upcoming sessions, latest content and graduates, cached.

        Cached under the site-wide content version (any publish refreshes it) and
        for a few minutes at most, so snippet edits and the clock catch up soon and
        repeat visits cost one cache read instead of five queries.
        """
        flags = (self.show_upcoming_events, self.show_latest, self.show_graduates)
        name = "home-sections:{}:{}".format(
            self.pk, "".join(str(int(f)) for f in flags)
        )
        return cached_by_version(
            name, self._build_sections, self.sections_timeout, local=False
        )

    def _build_sections(self):
        sections = {
            "tracks": list(Track.objects.all()),
            "featured": self.get_featured_pages(),
            "partners": list(
                # Each logo's renditions in one query, not one per logo.
                PartnerOrganization.objects.select_related("logo")
                .prefetch_related("logo__renditions")
                .order_by("sort_order", "name")
            ),
        }
        if self.show_upcoming_events:
            sections["upcoming_sessions"] = self.get_upcoming_sessions()
        if self.show_latest:
            from case_studies.models import BestPracticePage, CaseStudyPage

            sections["latest_best_practices"] = list(
                BestPracticePage.objects.for_cards()[: self.latest_count]
            )
            sections["latest_case_studies"] = list(
                CaseStudyPage.objects.for_cards()[: self.latest_count]
            )
        if self.show_graduates:
            sections["graduates"] = self.get_graduates()
        return sections

    def get_upcoming_sessions(self):
        """The next few sessions of live, public modules, soonest first."""
        # The calendar's own queryset, so the home page never shows what it hides.
        from curriculum.models import ModuleSession

        return list(
            ModuleSession.objects.public()
            .filter(starts_at__gte=timezone.now())
            .order_by("starts_at", "pk")[: self.upcoming_events_count]
        )

    @staticmethod
    def get_graduates():
        """Completed enrollments per track (in track order), one query.

        `certified` counts only the graduates of tracks that earn the CeCTO
        certification: superintendents who complete Leaders for the 21st Century
        are graduates of the program but not CeCTOs.
        """
        rows = (
            Enrollment.objects.filter(status=EnrollmentStatus.COMPLETED)
            .values(
                "cohort__track__name",
                "cohort__track__sort_order",
                "cohort__track__certifies",
            )
            .annotate(n=models.Count("id"))
            .order_by("cohort__track__sort_order", "cohort__track__name")
        )
        by_track = [
            {
                "track": row["cohort__track__name"],
                "count": row["n"],
                "certifies": row["cohort__track__certifies"],
            }
            for row in rows
        ]
        return {
            "by_track": by_track,
            "certified": sum(row["count"] for row in by_track if row["certifies"]),
        }

    def get_featured_pages(self):
        """The chosen pages that are live and public, specific, in the editor's order."""
        # Read the ids from the raw stream data: no query per chosen page.
        ids = [item["value"] for item in self.featured.raw_data if item.get("value")]
        if not ids:
            return []
        pages = public_pages(Page.objects.filter(pk__in=ids)).live().specific()
        by_id = {page.pk: page for page in pages}
        featured = [by_id[pk] for pk in ids if pk in by_id]
        # Their card images in one query, not one per card.
        image_ids = {getattr(page, "listing_image_id", None) for page in featured}
        images = (
            get_image_model().objects.prefetch_renditions().in_bulk(image_ids - {None})
        )
        for page in featured:
            if getattr(page, "listing_image_id", None) in images:
                page.listing_image = images[page.listing_image_id]
            page.card_label = FEATURED_CARD_LABELS.get(page._meta.label_lower, "")
        return featured


class ContentPage(BasePage):
    """A general page: about the program, the tracks, partners, policies."""

    parent_page_types = ["home.HomePage", "home.ContentPage"]
    subpage_types = ["home.ContentPage"]

    page_description = _(
        "A general page with headings, text, images, documents and tables."
    )

    intro = models.TextField(
        _("introduction"),
        max_length=600,
        blank=True,
        help_text=_("A short lead paragraph shown under the title."),
    )
    body = StreamField(ContentStreamBlock(), verbose_name=_("body"))

    content_panels = [*BasePage.content_panels, FieldPanel("intro"), FieldPanel("body")]

    search_fields = [
        *BasePage.search_fields,
        index.SearchField("intro"),
        index.SearchField("body"),
    ]

    class Meta:
        verbose_name = _("content page")


RELATED_PER_KIND = 12
# The context _tagged_or_topical gives.
RELATED_CONTEXT = (
    "modules",
    "case_studies",
    "best_practices",
    "more_case_studies_url",
    "more_best_practices_url",
)


def _listing_urls():
    """The case-study and best-practice listings' addresses, for "see all" links."""
    from case_studies.models import BestPracticeIndexPage, CaseStudyIndexPage

    def build():
        urls = {}
        for name, model in (
            ("case_studies", CaseStudyIndexPage),
            ("best_practices", BestPracticeIndexPage),
        ):
            index_page = model.objects.live().public().first()
            urls[name] = index_page.url if index_page else None
        return urls

    return cached_by_version("listing-index-urls", build)


def _tagged_or_topical(topic=None, tag=None):
    """Live, public modules, case studies and best practices for a topic or a tag:
    the first RELATED_PER_KIND of each, and links to the filtered listings when
    there are more."""
    from case_studies.models import BestPracticePage, CaseStudyPage
    from curriculum.models import ModulePage

    modules = (
        ModulePage.objects.live()
        .public()
        .defer_streamfields()
        .select_related("topic_area", "listing_image")
        .prefetch_related("listing_image__renditions")
    )
    case_studies = CaseStudyPage.objects.for_cards()
    best_practices = BestPracticePage.objects.for_cards()
    if topic is not None:
        modules = modules.filter(
            models.Q(topic_area=topic) | models.Q(other_topic_areas=topic)
        ).distinct()
        case_studies = case_studies.filter(topic_areas=topic)
        best_practices = best_practices.filter(topic_areas=topic)
        query = "?" + urlencode({"topic": topic.slug})
    if tag is not None:
        modules = modules.filter(tags__slug=tag)
        case_studies = case_studies.filter(tags__slug=tag)
        best_practices = best_practices.filter(tags__slug=tag)
        query = "?" + urlencode({"tag": tag})
    found = {
        "modules": list(modules.order_by("title")[: RELATED_PER_KIND + 1]),
        "case_studies": list(case_studies[: RELATED_PER_KIND + 1]),
        "best_practices": list(best_practices[: RELATED_PER_KIND + 1]),
    }
    context = {name: items[:RELATED_PER_KIND] for name, items in found.items()}
    listing_urls = _listing_urls()
    for name in ("case_studies", "best_practices"):
        more = len(found[name]) > RELATED_PER_KIND and listing_urls[name]
        context[f"more_{name}_url"] = listing_urls[name] + query if more else None
    return context


class TopicIndexPage(RoutablePageMixin, BasePage):
    """/topics/: the topic areas; /topics/<slug>/ lists everything under one."""

    parent_page_types = ["home.HomePage"]
    subpage_types: list[str] = []
    max_count = 1

    page_description = _("Lists the topic areas; each has a page of its content.")

    intro = models.TextField(_("introduction"), max_length=800, blank=True)

    content_panels = [*BasePage.content_panels, FieldPanel("intro")]

    class Meta:
        verbose_name = _("topic index")

    @path("")
    def index(self, request):
        return self.render(
            request, context_overrides={"topic_areas": TopicArea.objects.all()}
        )

    def get_sitemap_urls(self, request=None):
        """The index and a page per topic area."""
        base = self.get_full_url(request)
        slugs = TopicArea.objects.order_by("sort_order").values_list("slug", flat=True)
        return [
            *super().get_sitemap_urls(request),
            *(
                {"location": base + self.reverse_subpage("topic", args=(slug,))}
                for slug in slugs
            ),
        ]

    @path("<slug:slug>/", name="topic")
    def topic(self, request, slug):
        topic = get_object_or_404(TopicArea, slug=slug)
        # Read only when the template's cached fragment of the cards is missing.
        found = SimpleLazyObject(lambda: _tagged_or_topical(topic=topic))
        related = {
            name: SimpleLazyObject(lambda name=name: found[name])
            for name in RELATED_CONTEXT
        }
        return self.render(
            request,
            template="home/topic_page.html",
            context_overrides={"topic": topic, **related},
        )


class TagIndexPage(RoutablePageMixin, BasePage):
    """/tags/<slug>/: everything carrying one tag."""

    parent_page_types = ["home.HomePage"]
    subpage_types: list[str] = []
    max_count = 1

    page_description = _("Lists everything carrying a tag, at /tags/<tag>/.")

    content_panels = BasePage.content_panels

    class Meta:
        verbose_name = _("tag index")

    @path("")
    def index(self, request):
        # Only tags on live, public pages: a draft's tags are unreviewed text.
        tags = cached_by_version(
            "public-tags-by-name",
            lambda: list(public_tags().order_by("name").values("name", "slug")),
        )
        return self.render(request, context_overrides={"tags": tags})

    def get_sitemap_urls(self, request=None):
        """The index and a page per tag that a live, public page carries."""
        base = self.get_full_url(request)
        slugs = public_tags().order_by("slug").values_list("slug", flat=True)
        return [
            *super().get_sitemap_urls(request),
            *(
                {"location": base + self.reverse_subpage("tag", args=(slug,))}
                for slug in slugs
            ),
        ]

    @path("<slug:slug>/", name="tag")
    def tag(self, request, slug):
        # A tag only drafts or private pages carry does not exist for the public
        # (the slugs are read once per content version).
        if slug not in public_tag_slugs():
            raise Http404("No public page carries this tag.")
        tag = get_object_or_404(Tag, slug=slug)
        # Read only when the template's cached fragment of the cards is missing.
        found = SimpleLazyObject(lambda: _tagged_or_topical(tag=slug))
        related = {
            name: SimpleLazyObject(lambda name=name: found[name])
            for name in RELATED_CONTEXT
        }
        return self.render(
            request,
            template="home/tag_page.html",
            context_overrides={"tag": tag, **related},
        )


DISTRICT_FIELD = "district"
DISTRICT_OTHER = "other"


class InterestFormField(AbstractFormField):
    """One question on the interest form, as editors build it."""

    page = ParentalKey(
        "home.InterestFormPage", on_delete=models.CASCADE, related_name="form_fields"
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
    a honeypot field that people never see, and a per-network rate limit kept in the
    cache (the address is hashed and never written to the database).
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
        """Submissions listed and exported without runnable spreadsheet formulas.

        Imported here: admin views cannot be imported while models load.
        """
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
        """Store and e-mail what the visitor wrote (never the empty honeypot), and
        confirm to the visitor that the request arrived."""
        form.cleaned_data.pop(self.honeypot_name, None)
        submission = super().process_form_submission(form)
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
        # The client as the trusted proxies saw it (TRUSTED_PROXY_COUNT), never a
        # header the client could set by itself.
        address = get_client_ip(request)
        digest = hashlib.sha256(f"{settings.SECRET_KEY}:{address}".encode())
        return f"interest-form:{self.pk}:{digest.hexdigest()[:32]}"

    def _rate_limited(self, request):
        return cache.get(self._rate_limit_key(request), 0) >= self.rate_limit

    def _count_submission(self, request):
        key = self._rate_limit_key(request)
        # The window starts at the first submission and is not extended by later ones.
        if not cache.add(key, 1, self.rate_limit_window):
            try:
                cache.incr(key)
            except ValueError:  # expired between add() and incr()
                cache.add(key, 1, self.rate_limit_window)


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


class NewsPageQuerySet(PublicPageQuerySet):
    def published(self):
        """Live, public news, newest first, without the stream fields."""
        return (
            self.live()
            .public()
            .defer_streamfields()
            .select_related("listing_image")
            .prefetch_related("listing_image__renditions")
            .order_by("-date", "-pk")
        )


class NewsIndexPage(ListingIndexMixin, RoutablePageMixin, BasePage):
    """/news/: program news, newest first, with an Atom feed at /news/feed/."""

    parent_page_types = ["home.HomePage"]
    subpage_types = ["home.NewsPage"]
    max_count = 1

    page_description = _("The list of news items, newest first, with a feed.")
    paginate_by = 10

    intro = models.TextField(
        _("introduction"),
        max_length=800,
        blank=True,
        help_text=_("A sentence about what the news covers."),
    )

    content_panels = [*BasePage.content_panels, FieldPanel("intro")]

    class Meta:
        verbose_name = _("news index")

    @path("")
    def index(self, request):
        return self.render(request)

    @path("feed/", name="feed")
    def feed(self, request):
        return NewsFeed(self)(request)

    def get_listing_queryset(self):
        return NewsPage.objects.child_of(self).published()


class NewsPage(BasePage):
    """One news item: an announcement, a graduation, a call for applications."""

    parent_page_types = ["home.NewsIndexPage"]
    subpage_types: list[str] = []

    page_description = _("A news item, dated, listed newest first under News.")

    date = models.DateField(
        _("date"),
        default=timezone.localdate,
        help_text=_("The date the news is published; listings sort by it."),
    )
    intro = models.TextField(
        _("introduction"),
        max_length=600,
        help_text=_("The news in a sentence or two; shown in listings and the feed."),
    )
    body = StreamField(ContentStreamBlock(), blank=True, verbose_name=_("body"))

    content_panels = [
        *BasePage.content_panels,
        FieldPanel("date"),
        FieldPanel("intro"),
        FieldPanel("body"),
    ]

    search_fields = [
        *BasePage.search_fields,
        index.SearchField("intro"),
        index.SearchField("body"),
        index.FilterField("date"),
    ]

    objects = PageManager.from_queryset(NewsPageQuerySet)()

    class Meta:
        verbose_name = _("news item")
        verbose_name_plural = _("news items")


class NewsFeed(Feed):
    """The Atom feed of an index page's live, public news."""

    feed_type = Atom1Feed
    limit = 20

    def __init__(self, index_page):
        super().__init__()
        self.index_page = index_page

    def get_object(self, request, *args, **kwargs):
        self.request = request
        return self.index_page

    def title(self, obj):
        return obj.title

    def link(self, obj):
        return obj.get_full_url(self.request)

    def subtitle(self, obj):
        return obj.intro or obj.search_description

    def items(self, obj):
        return obj.get_listing_queryset()[: self.limit]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.intro

    def item_link(self, item):
        return item.get_full_url(self.request)

    def item_pubdate(self, item):
        return timezone.make_aware(
            datetime.datetime.combine(item.date, datetime.time())
        )

    def item_updateddate(self, item):
        return item.last_published_at
