"""The portal's Open Badges signing key, and signing and verifying badges.

Open Badges 3.0 allows two proof formats; the portal uses the JOSE one, a VC-JWT:
a compact JWS (RFC 7515) whose payload is the credential, signed with EdDSA over
Ed25519 by joserfc. The JOSE header's `kid` names the public key as the issuer's
JWK set address plus the key's RFC 7638 thumbprint, as the specification's own
example does ("https://example.edu/keys#key-1").

The private key comes from CREDENTIAL_SIGNING_KEY (an Ed25519 key as PEM or as a
JWK in JSON). Without it, development and test settings generate one once into
CREDENTIAL_DEV_KEY_FILE; production has no such file, and `check --deploy`
refuses to pass (credentials/checks.py).
"""

import functools
import json
import os
import warnings
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.urls import reverse
from joserfc import jws
from joserfc.errors import JoseError, SecurityWarning
from joserfc.jwk import KeySet, OKPKey
from joserfc.util import to_bytes

from core.sites import served_url

# RFC 9864 deprecates the name "EdDSA" in favour of "Ed25519" (the same signature);
# Open Badges and VC verifiers know "EdDSA", so badges keep it for now (joserfc
# warns on each use: the warning is silenced around the two calls).
ALGORITHM = "EdDSA"


class SigningKeyMissing(ImproperlyConfigured):
    """No key: production without CREDENTIAL_SIGNING_KEY."""


class BadgeVerificationError(ValueError):
    """A VC-JWT that is malformed, altered or signed by another key."""


def signing_key():
    """The portal's private Ed25519 key (a joserfc OKPKey)."""
    return _load_key(
        getattr(settings, "CREDENTIAL_SIGNING_KEY", None),
        str(getattr(settings, "CREDENTIAL_DEV_KEY_FILE", None) or ""),
    )


def has_signing_key():
    try:
        signing_key()
    except SigningKeyMissing:
        return False
    return True


@functools.lru_cache(maxsize=4)
def _load_key(raw, dev_file):
    if raw:
        return parse_private_key(raw)
    if dev_file:
        return _development_key(Path(dev_file))
    raise SigningKeyMissing(
        "Set CREDENTIAL_SIGNING_KEY to the Ed25519 private key that signs Open "
        "Badges (PEM, or a JWK in JSON; `manage.py credential_signing_key` makes one)."
    )


def parse_private_key(raw):
    """An Ed25519 private key from PEM text or a JWK (JSON); ImproperlyConfigured
    for anything else, so a wrong value fails loudly at the first use."""
    raw = raw.strip()
    try:
        key = OKPKey.import_key(json.loads(raw) if raw.startswith("{") else raw)
    except (ValueError, TypeError, JoseError) as error:
        raise ImproperlyConfigured(
            f"CREDENTIAL_SIGNING_KEY is not an Ed25519 key: {error}"
        ) from error
    if key.as_dict(private=False).get("crv") != "Ed25519" or not key.is_private:
        raise ImproperlyConfigured(
            "CREDENTIAL_SIGNING_KEY must be an Ed25519 private key."
        )
    return key


def generate_key():
    return OKPKey.generate_key("Ed25519")


def private_key_json(key):
    """The key as one line of JSON, easy to put in an environment variable."""
    return json.dumps(key.as_dict(private=True), sort_keys=True)


def _development_key(path):
    """Read the development key, creating it (readable by its owner only) once."""
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        try:
            descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:
            pass  # another process made it just now
        else:
            with os.fdopen(descriptor, "wb") as handle:
                handle.write(generate_key().as_pem(private=True))
    return parse_private_key(path.read_text())


def key_id(key=None):
    """The `kid`: the JWK set's address and the key's thumbprint after '#'."""
    key = key or signing_key()
    return f"{jwks_url()}#{key.thumbprint()}"


def jwks_url():
    return served_url(reverse("credentials:jwks"))


def public_jwks():
    """The issuer's public keys as a JWK set (never the private part)."""
    key = signing_key()
    public = OKPKey.import_key(key.as_dict(private=False))
    return {
        "keys": [
            {
                **public.as_dict(private=False),
                "kid": key.thumbprint(),
                "use": "sig",
                "alg": ALGORITHM,
            }
        ]
    }


def sign_badge(payload):
    """The compact JWS (VC-JWT) of `payload`, a JSON-serialisable dict."""
    key = signing_key()
    header = {"alg": ALGORITHM, "typ": "JWT", "kid": key_id(key)}
    body = json.dumps(payload, separators=(",", ":"), ensure_ascii=False)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", SecurityWarning)
        return jws.serialize_compact(
            header, to_bytes(body), key, algorithms=[ALGORITHM]
        )


def verify_badge(token, keys=None):
    """The credential inside a VC-JWT, after checking its signature.

    `keys` is a JWK set (a dict as `public_jwks()` gives); by default the portal's
    own. The header's `kid` must name one of them. Raises BadgeVerificationError
    when the token is malformed, was altered, or was signed by another key.
    """
    keys = keys if keys is not None else public_jwks()
    try:
        key_set = KeySet.import_key_set(keys)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", SecurityWarning)
            header = jws.extract_compact(to_bytes(token)).headers()
            kid = str(header.get("kid", "")).rpartition("#")[2]
            key = key_set.get_by_kid(kid)
            result = jws.deserialize_compact(token, key, algorithms=[ALGORITHM])
        payload = json.loads(result.payload)
    except (JoseError, ValueError, TypeError) as error:
        raise BadgeVerificationError(str(error) or type(error).__name__) from error
    if not isinstance(payload, dict):
        raise BadgeVerificationError("The payload is not a credential.")
    return payload
