"""People, districts, partners, cohorts and enrollments."""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, ClassVar, Self, TypeVar, cast

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.db.models import Exists, F, OuterRef, prefetch_related_objects
from django.http import Http404
from django.utils import timezone
from django.utils.functional import SimpleLazyObject
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    MultiFieldPanel,
    ObjectList,
    TabbedInterface,
)
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.search import index

from caching import cached_by_version
from core.models import BasePage
from core.validators import validate_safe_url
from people import roles
from people.choices import EnrollmentStatus, PersonRole, Region

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser, User
    from django.http import HttpRequest, HttpResponse
    from django_stubs_ext import StrOrPromise


class Role(models.Model):
    """A role a person holds; the rows are the `PersonRole` choices, kept by roles.py."""

    slug = models.SlugField(
        _("slug"), max_length=40, unique=True, choices=PersonRole.choices
    )

    class Meta:
        ordering = ["slug"]
        verbose_name = _("role")
        verbose_name_plural = _("roles")

    def __str__(self) -> str:
        return str(PersonRole(self.slug).label)


class LEA(index.Indexed, models.Model):
    """A Local Education Agency: a North Carolina school district."""

    name = models.CharField(_("name"), max_length=150, unique=True)
    slug = models.SlugField(_("slug"), max_length=150, unique=True)
    region = models.CharField(_("region"), max_length=20, choices=Region.choices)
    student_count = models.PositiveIntegerField(
        _("students"),
        null=True,
        blank=True,
        help_text=_("Approximate enrollment, used to describe the district's size."),
    )
    code = models.CharField(
        _("LEA code"),
        max_length=10,
        blank=True,
        validators=[
            RegexValidator(
                r"^[0-9A-Z]+$",
                _("Use digits and capital letters only, for example 920."),
            )
        ],
        help_text=_(
            "The state's code for this district, for example 920. Leave it empty "
            "if you do not know it; no two districts may share a code. Roster "
            "imports find districts by name or by this code."
        ),
    )

    panels = [
        FieldPanel("name"),
        FieldRowPanel([FieldPanel("slug"), FieldPanel("code")]),
        FieldRowPanel([FieldPanel("region"), FieldPanel("student_count")]),
    ]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["code"],
                condition=~models.Q(code=""),
                name="unique_lea_code_when_set",
                violation_error_message=_("Another district already has this code."),
            )
        ]
        verbose_name = _("LEA (school district)")
        verbose_name_plural = _("LEAs (school districts)")

    def __str__(self) -> str:
        return self.name

    @property
    def size_label(self) -> StrOrPromise:
        """Small, medium or large, from the student count."""
        if self.student_count is None:
            return ""
        if self.student_count < 5_000:
            return _("small district")
        if self.student_count < 25_000:
            return _("medium-sized district")
        return _("large district")


class PartnerOrganization(index.Indexed, models.Model):
    """An organization that runs the program with the Center (NCDPI, MCNC...)."""

    name = models.CharField(_("name"), max_length=200, unique=True)
    short_name = models.CharField(
        _("short name"), max_length=40, blank=True, help_text=_("For example: NCDPI.")
    )
    logo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("logo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    website = models.URLField(
        _("website"),
        blank=True,
        validators=[validate_safe_url],
        help_text=_("An address starting with https:// (or http://)."),
    )
    description = models.TextField(
        _("description"),
        max_length=600,
        blank=True,
        help_text=_("Its part in the program."),
    )
    sort_order = models.PositiveSmallIntegerField(default=0, editable=False)

    panels = [
        FieldPanel("name"),
        FieldPanel("short_name"),
        FieldPanel("logo"),
        FieldPanel("website"),
        FieldPanel("description"),
    ]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta:
        ordering = ["sort_order", "name"]
        verbose_name = _("partner organization")
        verbose_name_plural = _("partner organizations")

    def __str__(self) -> str:
        return self.short_name or self.name


# What the public sees instead of the name of someone without a public profile:
# their part in the program, the first role of theirs in this order.
PUBLIC_ROLE_LABELS = (
    (PersonRole.FACULTY, _("Faculty member")),
    (PersonRole.STAFF, _("Program staff")),
    (PersonRole.PARTICIPANT, _("A CeCTO participant")),
    (PersonRole.SUPERINTENDENT, _("A superintendent")),
    (PersonRole.PARTNER_CONTACT, _("A partner contact")),
)
UNNAMED_MEMBER_LABEL = _("A member of the program")


_People = TypeVar("_People", bound="Sequence[Person | None]")


def prefetch_public_names(people: _People) -> _People:
    """Fetch, in one query, the roles ``Person.public_name`` needs for these people.

    Only people without a public profile are shown by role, so when everyone
    listed has consented this costs nothing. ``None`` entries (an unassigned
    session) are skipped.
    """
    unnamed = [person for person in people if person and not person.is_public]
    if unnamed:
        prefetch_related_objects(unnamed, "roles")
    return people


class PersonQuerySet(models.QuerySet["Person"]):
    def public(self) -> Self:
        return self.filter(is_public=True)

    def with_role(self, *roles: str) -> Self:
        return self.filter(roles__slug__in=roles).distinct()

    def for_listing(self) -> Self:
        return self.select_related("lea", "partner", "photo").prefetch_related("roles")

    def with_group_flags(self) -> Self:
        """Each person with `is_participant` (their sign-in is in the Participants
        group) and `in_staff_group` (in Faculty or the Program Director's), in the
        same query: no permission is loaded to find out."""
        return self.annotate(**roles.group_flags(OuterRef("user_id")))


class Person(index.Indexed, ClusterableModel):
    """Anyone in the program: faculty, staff, participants, superintendents, partners."""

    first_name = models.CharField(_("first name"), max_length=80)
    last_name = models.CharField(_("last name"), max_length=80)
    slug = models.SlugField(_("slug"), max_length=170, unique=True, blank=True)
    roles = ParentalManyToManyField(
        Role,
        verbose_name=_("roles"),
        related_name="people",
        blank=True,
        help_text=_("Everything this person does in the program."),
    )
    job_title = models.CharField(
        _("job title"),
        max_length=150,
        blank=True,
        help_text=_("For example: Chief Technology Officer."),
    )
    lea = models.ForeignKey(
        LEA,
        verbose_name=_("LEA"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="people",
        help_text=_("The school district this person works for, if any."),
    )
    partner = models.ForeignKey(
        PartnerOrganization,
        verbose_name=_("partner organization"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="people",
        help_text=_("For partner staff, for example NCDPI representatives."),
    )
    organization = models.CharField(
        _("other organization"),
        max_length=200,
        blank=True,
        help_text=_("Employer if neither an LEA nor a partner."),
    )
    photo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("photo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    bio = models.TextField(_("biography"), blank=True, max_length=2000)
    email = models.EmailField(_("e-mail"), blank=True)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user account"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="person",
        help_text=_("The sign-in this person uses, if they have one."),
    )
    is_public = models.BooleanField(
        _("public profile"),
        default=False,
        help_text=_(
            "Show this person on the public site (people pages, rosters). "
            "Only with their consent."
        ),
    )

    objects = PersonQuerySet.as_manager()
    # For mypy: the untyped Wagtail/modelcluster bases hide this model from
    # django-stubs, and the reverse relations to it need its default manager.
    _default_manager: ClassVar[models.Manager[Person]]

    edit_handler = TabbedInterface(
        [
            ObjectList(
                [
                    FieldRowPanel([FieldPanel("first_name"), FieldPanel("last_name")]),
                    FieldPanel("job_title"),
                    FieldPanel("roles", widget=forms.CheckboxSelectMultiple),
                    MultiFieldPanel(
                        [
                            FieldPanel("lea"),
                            FieldPanel("partner"),
                            FieldPanel("organization"),
                        ],
                        heading=_("Works for"),
                    ),
                    FieldPanel("photo"),
                    FieldPanel("bio"),
                ],
                heading=_("Profile"),
            ),
            ObjectList(
                [
                    FieldPanel("is_public"),
                    FieldPanel("email"),
                    FieldPanel("user"),
                    FieldPanel("slug"),
                ],
                heading=_("Account and privacy"),
            ),
        ]
    )

    search_fields = [
        index.SearchField("first_name"),
        index.SearchField("last_name"),
        index.AutocompleteField("first_name"),
        index.AutocompleteField("last_name"),
        index.SearchField("job_title"),
        index.SearchField("bio"),
        index.FilterField("is_public"),
    ]

    class Meta:
        ordering = ["last_name", "first_name"]
        verbose_name = _("person")
        verbose_name_plural = _("people")

    def __str__(self) -> str:
        return self.full_name

    def has_role(self, role: str) -> bool:
        """Uses prefetched roles: no query per person in listings."""
        return any(r.slug == role for r in self.roles.all())

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()

    @property
    def affiliation(self) -> str:
        """Where the person works, as shown next to their name."""
        if self.lea_id:
            return cast(LEA, self.lea).name
        if self.partner_id:
            return str(self.partner)
        return self.organization

    @property
    def public_name(self) -> StrOrPromise:
        """How public pages, the API, search, feeds and e-mails name this person.

        The full name only with their consent to a public profile (``is_public``);
        otherwise their role, such as "Faculty member" or "A CeCTO participant".
        Reads the roles only for people without consent: prefetch ``roles`` where
        such people are listed.
        """
        if self.is_public:
            return self.full_name
        slugs = {role.slug for role in self.roles.all()}
        for slug, label in PUBLIC_ROLE_LABELS:
            if slug in slugs:
                return label
        return UNNAMED_MEMBER_LABEL

    @property
    def public_affiliation(self) -> str:
        """The employer beside a public name; nothing beside a role, since one
        district's CTO is one person."""
        return self.affiliation if self.is_public else ""

    @property
    def public_job_title(self) -> str:
        """The job title beside a public name; nothing beside a role."""
        return self.job_title if self.is_public else ""

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self.slug:
            base = slugify(self.full_name)[:150] or "person"
            slug, n = base, 2
            while Person.objects.filter(slug=slug).exclude(pk=self.pk).exists():
                slug, n = f"{base}-{n}", n + 1
            self.slug = slug
        super().save(*args, **kwargs)


class CohortQuerySet(models.QuerySet["Cohort"]):
    def for_year(self, year: int) -> Self:
        return self.filter(year=year).select_related("track")

    def taught_by(self, user: User | AnonymousUser | None) -> Self:
        """The cohorts `user` teaches: a cohort one of whose sessions they lead (a
        session of a live module of its track, dated within the cohort:
        `ModuleSession.faculty`), or whose track has a live module that lists them
        among its faculty. Nobody's for a visitor not signed in. No query."""
        if user is None or not user.is_authenticated:
            return self.none()
        # Each condition in one filter() call, so its joins are one module (and one
        # session) of the cohort itself; Exists, so no row is repeated.
        cohort = Cohort.objects.filter(pk=OuterRef("pk"))
        leads_a_session = Exists(
            cohort.filter(
                track__modules__live=True,
                track__modules__sessions__faculty__user=user,
                track__modules__sessions__starts_at__date__gte=F("starts_on"),
                track__modules__sessions__starts_at__date__lte=F("ends_on"),
            )
        )
        teaches_a_module = Exists(
            cohort.filter(track__modules__live=True, track__modules__faculty__user=user)
        )
        return self.filter(leads_a_session | teaches_a_module)


class Cohort(models.Model):
    """One year's class on one track. Program dates belong to the cohort, not to code."""

    year = models.PositiveSmallIntegerField(
        _("class of"),
        validators=[MinValueValidator(2010), MaxValueValidator(2100)],
        help_text=_("The year the class graduates, for example 2012."),
    )
    track = models.ForeignKey(
        "curriculum.Track",
        verbose_name=_("track"),
        on_delete=models.PROTECT,
        related_name="cohorts",
    )
    starts_on = models.DateField(
        _("instruction begins"),
        help_text=_("Early cohorts began in February, later ones in August."),
    )
    ends_on = models.DateField(
        _("graduation"), help_text=_("The graduation ceremony's date.")
    )

    objects = CohortQuerySet.as_manager()

    panels = [
        FieldRowPanel([FieldPanel("year"), FieldPanel("track")]),
        FieldRowPanel([FieldPanel("starts_on"), FieldPanel("ends_on")]),
    ]

    class Meta:
        ordering = ["-year", "track__sort_order"]
        constraints = [
            models.UniqueConstraint(
                fields=["year", "track"], name="unique_cohort_per_track_year"
            )
        ]
        verbose_name = _("cohort")
        verbose_name_plural = _("cohorts")

    def __str__(self) -> str:
        return f"{self.track} — Class of {self.year}"

    @property
    def under_way(self) -> bool:
        """True until the graduation day: nobody has completed the year yet."""
        return self.ends_on >= timezone.localdate()

    def clean(self) -> None:
        if self.starts_on and self.ends_on and self.ends_on <= self.starts_on:
            raise ValidationError(
                {"ends_on": _("Graduation must come after instruction begins.")}
            )


class Enrollment(models.Model):
    """A person's place in a cohort, and how it ended."""

    person = models.ForeignKey(
        Person,
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="enrollments",
    )
    cohort = models.ForeignKey(
        Cohort,
        verbose_name=_("cohort"),
        on_delete=models.PROTECT,
        related_name="enrollments",
    )
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=EnrollmentStatus.choices,
        default=EnrollmentStatus.ENROLLED,
    )
    completed_on = models.DateField(
        _("completion date"),
        null=True,
        blank=True,
        help_text=_("Required when the status is completed."),
    )

    panels = [
        FieldPanel("person"),
        FieldPanel("cohort"),
        FieldRowPanel([FieldPanel("status"), FieldPanel("completed_on")]),
    ]

    class Meta:
        ordering = ["-cohort__year", "person__last_name", "person__first_name"]
        constraints = [
            models.UniqueConstraint(
                fields=["person", "cohort"], name="unique_enrollment_per_cohort"
            )
        ]
        verbose_name = _("enrollment")
        verbose_name_plural = _("enrollments")

    def __str__(self) -> str:
        return f"{self.person} in {self.cohort}"

    @property
    def track(self) -> models.Model:  # a Track: people does not import curriculum
        return self.cohort.track

    def clean(self) -> None:
        if self.status == EnrollmentStatus.COMPLETED and not self.completed_on:
            raise ValidationError(
                {"completed_on": _("Enter the date the person completed the track.")}
            )
        if self.status != EnrollmentStatus.COMPLETED and self.completed_on:
            raise ValidationError(
                {
                    "completed_on": _(
                        "Only a completed enrollment has a completion date."
                    )
                }
            )


class PeopleIndexPage(BasePage):
    """/people/: faculty and staff who chose a public profile."""

    parent_page_types = ["home.HomePage"]
    subpage_types: list[str] = []
    max_count = 1

    page_description = _("Lists faculty and staff with public profiles.")

    intro = models.TextField(_("introduction"), max_length=800, blank=True)

    content_panels = [*BasePage.content_panels, FieldPanel("intro")]

    class Meta:
        verbose_name = _("people index")

    def get_context(
        self, request: HttpRequest, *args: Any, **kwargs: Any
    ) -> dict[str, Any]:
        context = super().get_context(request, *args, **kwargs)
        # Read only when the template's cached fragment of the lists is missing.
        groups = SimpleLazyObject(self.people_groups)
        context["faculty"] = SimpleLazyObject(lambda: groups["faculty"])
        context["staff"] = SimpleLazyObject(lambda: groups["staff"])
        return context

    @staticmethod
    def people_groups() -> dict[str, list[Person]]:
        people = list(
            Person.objects.public()
            .with_role(PersonRole.FACULTY, PersonRole.STAFF)
            .for_listing()
        )
        return {
            "faculty": [p for p in people if p.has_role(PersonRole.FACULTY)],
            "staff": [
                p
                for p in people
                if p.has_role(PersonRole.STAFF) and not p.has_role(PersonRole.FACULTY)
            ],
        }


class CohortIndexPage(RoutablePageMixin, BasePage):
    """/cohorts/: every class by year; /cohorts/<year>/ is the 'Class of' roster."""

    parent_page_types = ["home.HomePage"]
    subpage_types: list[str] = []
    max_count = 1

    page_description = _("Lists the cohorts; each year has a 'Class of' roster.")

    intro = models.TextField(_("introduction"), max_length=800, blank=True)

    content_panels = [*BasePage.content_panels, FieldPanel("intro")]

    class Meta:
        verbose_name = _("cohort index")

    @path("")
    def index(self, request: HttpRequest) -> HttpResponse:
        years: dict[int, list[Cohort]] = {}
        cohorts = Cohort.objects.select_related("track").annotate(
            graduates=models.Count(
                "enrollments",
                filter=models.Q(enrollments__status=EnrollmentStatus.COMPLETED),
            ),
            enrolled=models.Count(
                "enrollments",
                filter=models.Q(enrollments__status=EnrollmentStatus.ENROLLED),
            ),
        )
        for cohort in cohorts:
            years.setdefault(cohort.year, []).append(cohort)
        return self.render(
            request, context_overrides={"years": sorted(years.items(), reverse=True)}
        )

    def get_sitemap_urls(
        self, request: HttpRequest | None = None
    ) -> list[dict[str, Any]]:
        """The index and each year's 'Class of' roster."""
        base = self.get_full_url(request)
        years = (
            Cohort.objects.order_by("-year").values_list("year", flat=True).distinct()
        )
        return [
            *super().get_sitemap_urls(request),
            *(
                {"location": base + self.reverse_subpage("roster", args=(year,))}
                for year in years
            ),
        ]

    @path("<int:year>/", name="roster")
    def roster(self, request: HttpRequest, year: int) -> HttpResponse:
        # People, enrollments, cohorts and credentials move the content version;
        # "under way" moves with the day.
        roster = cached_by_version(
            f"roster:{year}:{timezone.localdate().isoformat()}",
            lambda: Roster.for_year(year),
        )
        if roster is None:
            raise Http404(f"No cohort graduated in {year}.")
        return self.render(
            request,
            template="people/cohort_roster.html",
            context_overrides={"roster": roster, "year": year},
        )


class Roster:
    """The graduates of one year, grouped by track, counted by where they work."""

    def __init__(self, year: int, groups: list[dict[str, Any]]) -> None:
        self.year = year
        self.groups = groups

    @classmethod
    def for_year(cls, year: int) -> Self | None:
        cohorts = list(Cohort.objects.for_year(year).order_by("track__sort_order"))
        if not cohorts:
            return None
        enrollments = (
            Enrollment.objects.filter(
                cohort__in=cohorts,
                status__in=[EnrollmentStatus.COMPLETED, EnrollmentStatus.ENROLLED],
            )
            .select_related("person__lea", "person__partner", "person__photo")
            .order_by("person__last_name", "person__first_name")
        )
        by_cohort: dict[int, list[Person]] = {cohort.pk: [] for cohort in cohorts}
        enrolled = dict.fromkeys(by_cohort, 0)
        for enrollment in enrollments:
            if enrollment.status == EnrollmentStatus.COMPLETED:
                by_cohort[enrollment.cohort_id].append(enrollment.person)
            else:
                enrolled[enrollment.cohort_id] += 1
        groups = []
        for cohort in cohorts:
            graduates = by_cohort[cohort.pk]
            from_partners: dict[str, int] = {}
            for person in graduates:
                if person.partner_id:
                    key = str(person.partner)
                    from_partners[key] = from_partners.get(key, 0) + 1
            groups.append(
                {
                    "cohort": cohort,
                    "track": cohort.track,
                    "total": len(graduates),
                    "enrolled": enrolled[cohort.pk],
                    "under_way": cohort.under_way,
                    "from_leas": sum(1 for p in graduates if not p.partner_id),
                    "from_partners": sorted(from_partners.items()),
                    "public": [p for p in graduates if p.is_public],
                }
            )
        return cls(year, groups)

    @property
    def total(self) -> int:
        return sum(group["total"] for group in self.groups)

    @property
    def enrolled(self) -> int:
        return sum(group["enrolled"] for group in self.groups)

    @property
    def under_way(self) -> bool:
        """The year's classes have not graduated yet (none has completed)."""
        return any(group["under_way"] for group in self.groups) and not self.total

    @property
    def graduation(self) -> datetime.date:
        """The last graduation day of the year's classes."""
        return max(group["cohort"].ends_on for group in self.groups)
