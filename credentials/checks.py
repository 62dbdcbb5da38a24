"""`check --deploy`: production must have the Open Badges signing key."""

from django.conf import settings
from django.core import checks
from django.core.exceptions import ImproperlyConfigured

from credentials.signing import SigningKeyMissing, signing_key


@checks.register(checks.Tags.security, deploy=True)
def check_signing_key(app_configs=None, **kwargs):
    if not getattr(settings, "CREDENTIAL_SIGNING_KEY", None):
        return [
            checks.Error(
                "CREDENTIAL_SIGNING_KEY is not set: Open Badges cannot be signed.",
                hint=(
                    "Set it to an Ed25519 private key (PEM, or a JWK in JSON); "
                    "`manage.py credential_signing_key` prints a new one. Keep it "
                    "secret and keep it: badges signed with it verify only while "
                    "its public key is published."
                ),
                id="credentials.E001",
            )
        ]
    try:
        signing_key()
    except (SigningKeyMissing, ImproperlyConfigured) as error:
        return [checks.Error(str(error), id="credentials.E002")]
    return []
