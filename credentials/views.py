"""Public verification of credentials, their Open Badges, and the graduate's own
certificate and choices.

Public (anyone): the verification page, the verification search, each badge as
JSON and as a signed VC-JWT, its revocation list, the issuer's profile, JWK set and
achievements. An unknown or malformed identifier answers the same 404.
The graduate (signed in, their own credential only): the certificate PDF and what
the public page shows. Staff download certificates from the admin (viewsets.py).
Nothing here is cached: a revocation shows at once.
"""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_safe

from core import rate_limit
from credentials import badges, signing
from credentials.certificates import certificate_filename, render_certificate
from credentials.forms import PublicDisplayForm, VerificationSearchForm
from credentials.models import Credential, is_identifier
from credentials.services import set_public_display
from curriculum.models import Track

SEARCH_WINDOW = 60 * 60  # seconds
NOT_FOUND = "No credential has this identifier."


def public_credential_or_404(identifier):
    """The credential, or the same 404 for an unknown and a malformed identifier."""
    if not is_identifier(identifier):
        raise Http404(NOT_FOUND)
    credential = (
        Credential.objects.select_related("track").filter(identifier=identifier).first()
    )
    if credential is None:
        raise Http404(NOT_FOUND)
    return credential


def _json(document, status=200):
    response = JsonResponse(
        document,
        status=status,
        json_dumps_params={"indent": 2, "ensure_ascii": False},
    )
    # Public documents that verifiers' own web pages may fetch; not for search engines.
    response["Access-Control-Allow-Origin"] = "*"
    response["X-Robots-Tag"] = "noindex"
    return response


@never_cache
@require_safe
def verify(request, identifier):
    """/credentials/<identifier>/: valid or revoked, and what the graduate allows.

    Not indexed by search engines (robots meta): a name is found through the
    portal's own rate-limited search, or the certificate's QR code."""
    credential = public_credential_or_404(identifier)
    return render(
        request,
        "credentials/verification.html",
        {"credential": credential},
    )


def _search_allowed(request):
    """Counts this search; False once the network used up its searches this hour
    (core/rate_limit.py, which keeps limiting while the cache is down)."""
    return rate_limit.allow(
        rate_limit.client_key(request, "credential-search"),
        settings.CREDENTIAL_SEARCH_RATE_LIMIT,
        SEARCH_WINDOW,
    )


@never_cache
@require_safe
def search(request):
    """/credentials/verify/?name=&year=: an employer checks a graduate.

    Only exact full names (case and spacing aside) of graduates who agreed to be
    named; valid and revoked alike, since a revoked credential is what an employer
    most needs to know about. Rate-limited per network, like the join form.
    """
    form = VerificationSearchForm(request.GET if request.GET else None)
    results = None
    status = 200
    if form.is_bound and form.is_valid():
        if _search_allowed(request):
            data = form.cleaned_data
            results = list(
                Credential.objects.for_search(data["name"], data["year"]).order_by(
                    "issued_on", "pk"
                )
            )
        else:
            form.add_error(
                None,
                _(
                    "Too many searches from your network; please try again in an "
                    "hour. Each certificate's QR code leads to its page directly."
                ),
            )
            status = 429
    return render(
        request,
        "credentials/search.html",
        {"form": form, "results": results},
        status=status,
    )


@never_cache
@require_safe
def badge_json(request, identifier):
    """The credential as an Open Badges 3.0 OpenBadgeCredential (unsigned JSON)."""
    credential = public_credential_or_404(identifier)
    return _json(badges.open_badge_credential(credential))


@never_cache
@require_safe
def badge_jwt(request, identifier):
    """The same credential as a VC-JWT signed by the portal's key."""
    credential = public_credential_or_404(identifier)
    try:
        token = signing.sign_badge(badges.jwt_payload(credential))
    except signing.SigningKeyMissing:
        return HttpResponse(
            _("Signed badges are not available: the portal has no signing key."),
            status=503,
            content_type="text/plain; charset=utf-8",
        )
    response = HttpResponse(token, content_type="application/jwt")
    response["Access-Control-Allow-Origin"] = "*"
    response["X-Robots-Tag"] = "noindex"
    return response


@never_cache
@require_safe
def status(request, identifier):
    """The credential's own 1EdTech revocation list."""
    return _json(badges.revocation_list(public_credential_or_404(identifier)))


@never_cache
@require_safe
def issuer(request):
    """The issuer's Open Badges Profile, at the address badges name as issuer.id."""
    return _json(badges.issuer_profile(with_context=True))


@never_cache
@require_safe
def jwks(request):
    """The issuer's public keys, which the VC-JWT header's `kid` points into."""
    try:
        return _json(signing.public_jwks())
    except signing.SigningKeyMissing:
        return _json({"keys": []}, status=503)


@never_cache
@require_safe
def achievement(request, slug):
    """One track as an Open Badges Achievement, with its criteria."""
    track = get_object_or_404(Track, slug=slug)
    return _json({"@context": badges.CONTEXTS, **badges.achievement(track)})


def _own_credential_or_404(request, identifier):
    """The signed-in graduate's own credential; anyone else's answers 404."""
    if not is_identifier(identifier):
        raise Http404(NOT_FOUND)
    return get_object_or_404(
        Credential.objects.select_related("track"),
        identifier=identifier,
        enrollment__person__user=request.user,
    )


@login_required
@require_safe
def certificate(request, identifier):
    """The graduate's certificate PDF (their own; a revoked one is not offered)."""
    credential = _own_credential_or_404(request, identifier)
    if credential.is_revoked:
        raise Http404(NOT_FOUND)
    return certificate_response(credential)


def certificate_response(credential):
    """The certificate as a download that no shared cache keeps."""
    response = HttpResponse(
        render_certificate(credential), content_type="application/pdf"
    )
    response["Content-Disposition"] = (
        f'attachment; filename="{certificate_filename(credential)}"'
    )
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
@require_http_methods(["GET", "POST"])
def public_display(request, identifier):
    """The graduate chooses what their public verification page shows."""
    credential = _own_credential_or_404(request, identifier)
    initial = {
        "show_name": credential.show_name,
        "show_affiliation": credential.show_affiliation,
    }
    form = PublicDisplayForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        set_public_display(credential, user=request.user, **form.cleaned_data)
        messages.success(request, _("Your choices for your public page are saved."))
        return redirect("submissions:dashboard")
    return render(
        request,
        "credentials/public_display.html",
        {"credential": credential, "form": form},
    )
