"""The cohort's compendium: one PDF of a class year's published best practices.

A cover (the program, "Class of YEAR", the partners), a table of contents whose
page numbers WeasyPrint fills in (`target-counter()`), then each practice with
its authors, their LEAs, its topic areas and its rich text, expanded as the site
shows it. Printed by WeasyPrint with the certificate's local-only URL fetcher
(credentials/certificates.py): static files, images from the media storage and
`data:` URIs, nothing from the network.

Authors are named as the public page names them (`Person.public_name`): an author
without a public profile appears by role, with no LEA, so the document can be
passed on without revealing more than the site does.
"""

import posixpath
from urllib.parse import urlsplit

from bs4 import BeautifulSoup
from django.conf import settings
from django.db.models import Prefetch
from django.template.loader import render_to_string
from django.utils import timezone
from wagtail.rich_text import expand_db_html

from caching import cached_by_version
from case_studies.models import BestPracticeAuthor, BestPracticePage
from core.pdf import render_pdf, rendition_source
from core.sites import served_url
from people.models import Cohort, PartnerOrganization, prefetch_public_names

PROGRAM_NAME = "Certified Educational Chief Technology Officer (CeCTO) Program"
LOGO_RENDITION = "max-480x200"
# A generated compendium is kept until any content changes (caching's content version).
CACHE_TIMEOUT = 60 * 60 * 24


class NoCohort(LookupError):
    """No cohort has this class year."""


def compendium_filename(year):
    return f"cecto-compendium-{year}.pdf"


def cohorts_of(year):
    """The year's cohorts (one per track), in track order; NoCohort if none."""
    cohorts = list(Cohort.objects.for_year(year).order_by("track__sort_order"))
    if not cohorts:
        raise NoCohort(f"No cohort has the class year {year}.")
    return cohorts


def published_practices(cohorts):
    """The cohorts' live, public best practices, with authors, LEAs and topic
    areas fetched in batches (four queries, five if an author has no public
    profile), in track order, then by title."""
    practices = list(
        BestPracticePage.objects.live()
        .public()
        .filter(cohort__in=cohorts)
        .select_related("cohort__track")
        .prefetch_related(
            "topic_areas",
            Prefetch(
                "authors",
                queryset=BestPracticeAuthor.objects.select_related(
                    "person__lea", "person__partner"
                ),
            ),
        )
        .order_by("cohort__track__sort_order", "title", "pk")
    )
    prefetch_public_names(
        [author.person for practice in practices for author in practice.authors.all()]
    )
    return practices


def _media_name(src):
    """The media storage name of an image address under MEDIA_URL, or ''."""
    if not src.startswith(settings.MEDIA_URL):
        return ""
    name = posixpath.normpath(urlsplit(src[len(settings.MEDIA_URL) :]).path)
    return "" if name.startswith(("..", "/", ".")) else name


def body_html(practice):
    """The practice's rich text as the site renders it (internal links and
    embeds expanded), with links made absolute for a reader of the PDF and
    images pointed at the local media storage (any other image is left out)."""
    soup = BeautifulSoup(expand_db_html(practice.body), "html.parser")
    for link in soup.find_all("a", href=True):
        href = link["href"]
        if href.startswith("/") and not href.startswith("//"):
            link["href"] = served_url(href)
    for image in soup.find_all("img"):
        name = _media_name(image.get("src", ""))
        if name and not name.startswith("documents/"):
            image["src"] = f"media:{name}"
        else:
            image.decompose()
    return str(soup)


def partner_logos():
    """[{name, logo}] for every partner, in their order; `logo` a `media:` address
    of a rendition, or None (one query, plus renditions not made yet)."""
    partners = []
    for partner in PartnerOrganization.objects.select_related("logo"):
        logo = rendition_source(partner.logo, LOGO_RENDITION)
        partners.append({"name": partner.name, "logo": logo})
    return partners


def compendium_context(year):
    cohorts = cohorts_of(year)
    practices = published_practices(cohorts)
    entries = [
        {
            "practice": practice,
            "anchor": f"practice-{practice.pk}",
            "authors": [author.person for author in practice.authors.all()],
            "leas": sorted(
                {
                    author.person.lea.name
                    for author in practice.authors.all()
                    if author.person.lea_id and author.person.is_public
                }
            ),
            "topics": list(practice.topic_areas.all()),
            "body": body_html(practice),
            "url": served_url(practice.url) if practice.url else "",
        }
        for practice in practices
    ]
    sections = []
    for cohort in cohorts:
        items = [e for e in entries if e["practice"].cohort_id == cohort.pk]
        if items:
            sections.append({"cohort": cohort, "entries": items})
    return {
        "year": year,
        "program_name": PROGRAM_NAME,
        "cohorts": cohorts,
        "sections": sections,
        "count": len(entries),
        "partners": partner_logos(),
        "generated_on": timezone.localdate(),
        "site_url": served_url("/"),
    }


def compendium_html(year):
    return render_to_string(
        "case_studies/compendium/compendium.html", compendium_context(year)
    )


def compendium_pdf(year):
    """The Class of `year`'s compendium as PDF bytes (US Letter). A year whose
    cohorts have no published practice gets a short PDF that says so; a year
    with no cohort raises NoCohort."""
    return render_pdf(compendium_html(year))


def cached_compendium_pdf(year):
    """compendium_pdf(year), kept under the site's content version: any publish,
    unpublish, privacy change or edit to people, LEAs, cohorts or partners makes
    a new one (caching.track). Large: kept in the shared cache only."""
    return cached_by_version(
        f"compendium:{year}",
        lambda: compendium_pdf(year),
        CACHE_TIMEOUT,
        local=False,
    )
