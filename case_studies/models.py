"""Case studies written by faculty and best practices written by participants."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar, Self, cast

from django import forms
from django.db import models
from django.db.models import Prefetch
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from taggit.models import TaggedItemBase
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.documents import get_document_model_string
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page, PageManager
from wagtail.search import index

from case_studies.admin_forms import BestPracticeAdminForm
from case_studies.blocks import AttachmentsBlock, CaseStudyStreamBlock
from case_studies.forms import BestPracticeFilterForm, CaseStudyFilterForm
from core.listing import ListingIndexMixin
from core.models import BasePage
from core.privacy import PublicPageQuerySet
from core.rich_text import BODY_FEATURES
from people.models import prefetch_public_names

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser, User
    from django.http import HttpRequest

    from people.models import Cohort


class CaseStudyIndexPage(ListingIndexMixin, BasePage):
    """/case-studies/: every case study, filterable."""

    parent_page_types = ["home.HomePage"]
    subpage_types = ["case_studies.CaseStudyPage"]
    max_count = 1

    page_description = _("The list of case studies, with filters.")
    filter_form_class = CaseStudyFilterForm
    card_template = "case_studies/includes/case_study_card.html"

    intro = models.TextField(_("introduction"), max_length=800, blank=True)

    content_panels = [*BasePage.content_panels, FieldPanel("intro")]

    class Meta:
        verbose_name = _("case study index")

    def get_listing_queryset(self) -> CaseStudyPageQuerySet:
        return CaseStudyPage.objects.child_of(self).for_listing()


class CaseStudyPageTag(TaggedItemBase):
    content_object = ParentalKey(
        "case_studies.CaseStudyPage",
        related_name="tagged_items",
        on_delete=models.CASCADE,
    )


# Long text a card never shows: left in the database when listing.
CASE_STUDY_TEXT = ("challenge", "approach", "outcome", "lessons_learned")
BEST_PRACTICE_TEXT = ("body",)


class CaseStudyPageQuerySet(PublicPageQuerySet):
    def for_cards(self) -> Self:
        """Live and public, with only what a plain card shows (title, image, LEA)."""
        return (
            self.live()
            .public()
            .defer_streamfields()
            .defer(*CASE_STUDY_TEXT)
            .select_related("listing_image", "lea")
            .prefetch_related("listing_image__renditions")
            .order_by("-first_published_at", "title")
        )

    def for_listing(self) -> Self:
        """Live, public, with everything a card shows (as for_cards)."""
        return self.for_cards()


class BestPracticePageQuerySet(PublicPageQuerySet):
    def for_cards(self) -> Self:
        """Live and public, with only what a plain card shows (title, image, cohort)."""
        return (
            self.live()
            .public()
            .defer_streamfields()
            .defer(*BEST_PRACTICE_TEXT)
            .select_related("listing_image", "cohort__track")
            .prefetch_related("listing_image__renditions")
            .order_by("-cohort__year", "-first_published_at", "title")
        )

    def for_listing(self) -> Self:
        """Live, public, with everything a listing card shows (the byline too)."""
        return self.for_cards().prefetch_related(
            Prefetch(
                "authors",
                queryset=BestPracticeAuthor.objects.select_related(
                    "person__lea", "person__partner"
                ).prefetch_related("person__roles"),
            ),
        )

    def authored_by(self, user: User | AnonymousUser | None) -> Self:
        """The practices `user` wrote: those they own or are an author of (in any
        state). One indexed subquery (a union), not an OR across a join: that scans
        every practice and needs a DISTINCT. None for a visitor not signed in."""
        if user is None or not user.is_authenticated:
            return self.none()
        owned = Page.objects.filter(owner=user).order_by().values("pk")
        co_written = (
            BestPracticeAuthor.objects.filter(person__user=user)
            .order_by()
            .values("page_id")
        )
        return self.filter(pk__in=owned.union(co_written))


class CaseStudyPage(BasePage):
    """A district's story, taught as a case: context, challenge, approach, outcome."""

    parent_page_types = ["case_studies.CaseStudyIndexPage"]
    subpage_types: list[str] = []

    page_description = _(
        "A case study of a district's challenge, approach and outcome."
    )

    intro = models.TextField(
        _("summary"), max_length=600, help_text=_("The case in two or three sentences.")
    )
    lea = models.ForeignKey(
        "people.LEA",
        verbose_name=_("LEA"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="case_studies",
        help_text=_("The district the case is about. Its size and region are shown."),
    )
    district_context = models.TextField(
        _("district context"),
        max_length=1000,
        blank=True,
        help_text=_("What a reader needs to know about the district."),
    )
    challenge = RichTextField(_("challenge"), features=BODY_FEATURES)
    approach = RichTextField(_("approach"), features=BODY_FEATURES)
    outcome = RichTextField(_("outcome"), features=BODY_FEATURES)
    lessons_learned = RichTextField(
        _("lessons learned"), features=BODY_FEATURES, blank=True
    )
    discussion_questions = models.TextField(
        _("discussion questions"),
        max_length=2000,
        blank=True,
        help_text=_("One question per line, for class discussion."),
    )
    topic_areas = ParentalManyToManyField(
        "curriculum.TopicArea",
        verbose_name=_("topic areas"),
        related_name="case_studies",
    )
    tracks = ParentalManyToManyField(
        "curriculum.Track",
        verbose_name=_("tracks"),
        blank=True,
        related_name="case_studies",
    )
    related_modules = ParentalManyToManyField(
        "curriculum.ModulePage",
        verbose_name=_("related modules"),
        blank=True,
        related_name="related_case_studies",
    )
    attachments = StreamField(
        AttachmentsBlock(), blank=True, verbose_name=_("attachments")
    )
    body = StreamField(
        CaseStudyStreamBlock(), blank=True, verbose_name=_("further material")
    )
    tags = ClusterTaggableManager(through=CaseStudyPageTag, blank=True)

    objects = PageManager.from_queryset(CaseStudyPageQuerySet)()
    # For mypy: the untyped Wagtail bases hide this model from
    # django-stubs, and the reverse relations to it need its default manager.
    _default_manager: ClassVar[PageManager]

    content_panels = [
        *BasePage.content_panels,
        FieldPanel("intro"),
        MultiFieldPanel(
            [FieldPanel("lea"), FieldPanel("district_context")], heading=_("District")
        ),
        FieldPanel("challenge"),
        FieldPanel("approach"),
        FieldPanel("outcome"),
        FieldPanel("lessons_learned"),
        FieldPanel("discussion_questions"),
        MultiFieldPanel(
            [
                FieldPanel("topic_areas", widget=forms.CheckboxSelectMultiple),
                FieldPanel("tracks", widget=forms.CheckboxSelectMultiple),
                FieldPanel("related_modules"),
                FieldPanel("tags"),
            ],
            heading=_("Classification"),
        ),
        FieldPanel("attachments"),
        FieldPanel("body"),
    ]

    search_fields = [
        *BasePage.search_fields,
        index.SearchField("intro"),
        index.SearchField("district_context"),
        index.SearchField("challenge"),
        index.SearchField("approach"),
        index.SearchField("outcome"),
        index.SearchField("lessons_learned"),
        index.RelatedFields("tags", [index.SearchField("name")]),
    ]

    class Meta:
        verbose_name = _("case study")
        verbose_name_plural = _("case studies")

    @property
    def question_list(self) -> list[str]:
        return [
            line.strip()
            for line in self.discussion_questions.splitlines()
            if line.strip()
        ]


class BestPracticeIndexPage(ListingIndexMixin, BasePage):
    """/best-practices/: participants' published best practices, filterable."""

    parent_page_types = ["home.HomePage"]
    subpage_types = ["case_studies.BestPracticePage"]
    max_count = 1

    page_description = _("The list of published best practices, with filters.")
    filter_form_class = BestPracticeFilterForm
    card_template = "case_studies/includes/best_practice_card.html"

    intro = models.TextField(_("introduction"), max_length=800, blank=True)

    content_panels = [*BasePage.content_panels, FieldPanel("intro")]

    class Meta:
        verbose_name = _("best practice index")

    def get_listing_queryset(self) -> BestPracticePageQuerySet:
        return BestPracticePage.objects.child_of(self).for_listing()


class BestPracticePageTag(TaggedItemBase):
    content_object = ParentalKey(
        "case_studies.BestPracticePage",
        related_name="tagged_items",
        on_delete=models.CASCADE,
    )


class BestPracticePage(BasePage):
    """A best practice written by one or more participants during their course."""

    parent_page_types = ["case_studies.BestPracticeIndexPage"]
    subpage_types: list[str] = []

    page_description = _(
        "A best practice written by participants, reviewed by faculty."
    )

    intro = models.TextField(
        _("summary"),
        max_length=600,
        help_text=_("The practice in two or three sentences."),
    )
    cohort = models.ForeignKey(
        "people.Cohort",
        verbose_name=_("cohort"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="best_practices",
        help_text=_("The class the authors belonged to when they wrote it."),
    )
    topic_areas = ParentalManyToManyField(
        "curriculum.TopicArea",
        verbose_name=_("topic areas"),
        related_name="best_practices",
    )
    body = RichTextField(_("body"), features=BODY_FEATURES)
    attachment = models.ForeignKey(
        get_document_model_string(),
        verbose_name=_("attachment"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("An optional document: PDF, Word, PowerPoint or Excel."),
    )
    tags = ClusterTaggableManager(through=BestPracticePageTag, blank=True)

    objects = PageManager.from_queryset(BestPracticePageQuerySet)()
    # For mypy: the untyped Wagtail bases hide this model from
    # django-stubs, and the reverse relations to it need its default manager.
    _default_manager: ClassVar[PageManager]
    base_form_class = BestPracticeAdminForm

    content_panels = [
        *BasePage.content_panels,
        FieldPanel("intro"),
        InlinePanel("authors", heading=_("Authors"), label=_("Author"), min_num=1),
        FieldPanel("cohort"),
        FieldPanel("topic_areas", widget=forms.CheckboxSelectMultiple),
        FieldPanel("tags"),
        FieldPanel("body"),
        FieldPanel("attachment"),
    ]

    search_fields = [
        *BasePage.search_fields,
        index.SearchField("intro"),
        index.SearchField("body"),
        index.RelatedFields("tags", [index.SearchField("name")]),
    ]

    class Meta:
        verbose_name = _("best practice")
        verbose_name_plural = _("best practices")

    def get_context(
        self, request: HttpRequest, *args: Any, **kwargs: Any
    ) -> dict[str, Any]:
        context = super().get_context(request, *args, **kwargs)
        # Read only when the cached body (best_practice_page.html) is rendered.
        context["authors"] = SimpleLazyObject(self.authors_for_display)
        return context

    def authors_for_display(self) -> list[BestPracticeAuthor]:
        """The authors with what the page shows of them fetched."""
        authors = list(self.authors.select_related("person__lea", "person__partner"))
        # Authors without a public profile are shown by role (one query, if any).
        prefetch_public_names([author.person for author in authors])
        return authors

    @property
    def cohort_year(self) -> int | None:
        return cast("Cohort", self.cohort).year if self.cohort_id else None

    # Who wrote it: its owner (who started it) and every author with a sign-in. The
    # one definition of authorship (`BestPracticePage.objects.authored_by` is the
    # same rule as a query).

    def authored_by_user(self, user: User | AnonymousUser) -> bool:
        """Does `user` own the page or is one of its authors? At most one query."""
        if not user.is_authenticated:
            return False
        return (
            self.owner_id == user.pk or self.authors.filter(person__user=user).exists()
        )

    def author_user_ids(self) -> set[int]:
        """The ids of its owner and of every author with a sign-in. One query."""
        ids = set(
            BestPracticeAuthor.objects.filter(
                page_id=self.pk, person__user__isnull=False
            ).values_list("person__user_id", flat=True)
        )
        if self.owner_id is not None:
            ids.add(self.owner_id)
        return ids

    def author_users(self) -> list[User | None]:
        """Its owner, then every author's sign-in in the authors' order (None where
        there is none; callers drop those). Two queries at most."""
        return [self.owner] + [
            author.person.user
            for author in self.authors.select_related("person__user").order_by(
                "sort_order", "pk"
            )
        ]


class BestPracticeAuthor(Orderable):
    """An author of a best practice: a person, and through them an LEA and a sign-in."""

    page = ParentalKey(
        BestPracticePage, on_delete=models.CASCADE, related_name="authors"
    )
    person = models.ForeignKey(
        "people.Person",
        verbose_name=_("person"),
        on_delete=models.PROTECT,
        related_name="best_practice_authorships",
    )

    panels = [FieldPanel("person")]

    class Meta(Orderable.Meta):
        verbose_name = _("author")
        verbose_name_plural = _("authors")
        constraints = [
            models.UniqueConstraint(
                fields=["page", "person"], name="unique_author_per_best_practice"
            )
        ]

    def __str__(self) -> str:
        return str(self.person)
