"""The compendium download: a class year's published best practices as one PDF."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.views.decorators.http import require_safe

from case_studies.compendium import cached_compendium_pdf, compendium_filename
from case_studies.permissions import may_download_compendium
from people.models import Cohort


@login_required
@require_safe
def compendium(request, year):
    """/compendium/<year>.pdf: staff, and the year's participants and graduates.

    Anonymous visitors are sent to sign in; a year with no cohort is 404; anyone
    else signed in, 403."""
    if not Cohort.objects.filter(year=year).exists():
        raise Http404(f"No cohort has the class year {year}.")
    if not may_download_compendium(request.user, year):
        raise PermissionDenied
    response = HttpResponse(cached_compendium_pdf(year), content_type="application/pdf")
    response["Content-Disposition"] = (
        f'attachment; filename="{compendium_filename(year)}"'
    )
    # The participants' document: no shared cache keeps it.
    response["Cache-Control"] = "private"
    return response
