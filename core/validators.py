"""Validators for what editors type that the site later writes into HTML."""

import re

from django.core.exceptions import ValidationError
from django.core.validators import EmailValidator, URLValidator
from django.utils.translation import gettext_lazy as _

SAFE_URL_SCHEMES = ("http", "https", "mailto")

# A scheme as browsers read it: letters, digits, "+", "-" and "." before the colon.
_SCHEME = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.\-]*):")
# Browsers drop tabs and line breaks anywhere in an address and strip C0 controls
# and spaces at both ends, so " java\tscript:" runs as "javascript:". Such
# characters have no place in an address an editor types: refuse them outright.
_CONTROL_OR_SPACE = re.compile(
    r"[\x00-\x20\x7f-\x9f\u00a0\u1680\u2000-\u200f\u2028-\u202f\u205f\u3000\ufeff]"
)

_http_validator = URLValidator(schemes=["http", "https"])
_email_validator = EmailValidator()

UNSAFE_URL_MESSAGE = _(
    "Enter an address starting with https://, http:// or mailto:, or a path on "
    "this site starting with a single /, for example /join/."
)


def validate_safe_url(value):
    """Allow only http(s) and mailto addresses, or a path on this site.

    For every address an editor or participant enters that the site writes into
    an ``href``: anything else (``javascript:``, ``data:``, ``vbscript:``, a
    protocol-relative ``//host``, ``/\\host``) would run script in a visitor's
    session or leave the site. Spaces, tabs and control characters are refused
    too, since browsers ignore them when reading the scheme.
    """
    if value in (None, ""):
        return
    if not isinstance(value, str) or not is_safe_url(value):
        raise ValidationError(UNSAFE_URL_MESSAGE, code="unsafe_url")


def is_safe_url(value):
    """Whether ``value`` passes ``validate_safe_url`` (and is not empty)."""
    if not isinstance(value, str) or not value:
        return False
    if _CONTROL_OR_SPACE.search(value) or "\\" in value:
        return False
    if value.startswith("/"):
        return not value.startswith("//")
    match = _SCHEME.match(value)
    if match is None:
        return False
    scheme = match.group(1).lower()
    if scheme not in SAFE_URL_SCHEMES:
        return False
    if scheme == "mailto":
        address = value[len("mailto:") :].split("?", 1)[0]
        try:
            _email_validator(address)
        except ValidationError:
            return False
        return True
    try:
        _http_validator(value)
    except ValidationError:
        return False
    return True


def safe_href(value):
    """``value`` if it is a safe address, else ``""``: the last line of defence
    when writing an ``href``, for addresses stored before validation existed."""
    if value is None:
        return ""
    value = str(value)
    return value if is_safe_url(value) else ""
