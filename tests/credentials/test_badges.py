"""Open Badges 3.0: the credential's JSON, its signature, the issuer's profile and
keys, and the revocation status."""

import json

import pytest
from django.core.management import call_command
from django.core.management.base import SystemCheckError
from joserfc.jwk import OKPKey

from credentials import signing
from credentials.badges import OB_CONTEXT, VC_CONTEXT, jwt_payload
from credentials.services import revoke_credential
from credentials.signing import BadgeVerificationError, sign_badge, verify_badge

pytestmark = pytest.mark.django_db


def test_badge_json_is_an_open_badge_credential(client, credential):
    response = client.get(f"/credentials/{credential.identifier}/badge.json")
    assert response.status_code == 200
    badge = response.json()
    assert badge["@context"] == [VC_CONTEXT, OB_CONTEXT]
    assert badge["type"] == ["VerifiableCredential", "OpenBadgeCredential"]
    assert (
        badge["id"]
        == f"http://testserver/credentials/{credential.identifier}/badge.json"
    )
    assert badge["issuer"]["id"] == "http://testserver/credentials/issuer/"
    assert badge["issuer"]["type"] == ["Profile"] and badge["issuer"]["name"]
    assert badge["validFrom"].startswith("2012-11-15T00:00:00")
    subject = badge["credentialSubject"]
    assert subject["type"] == ["AchievementSubject"]
    achievement = subject["achievement"]
    assert achievement["type"] == ["Achievement"]
    assert (
        achievement["id"]
        == "http://testserver/credentials/achievements/cecto-certification/"
    )
    assert achievement["name"] == "CeCTO Certification"
    assert "240 hours" in achievement["criteria"]["narrative"]
    assert "best practice" in achievement["criteria"]["narrative"]
    assert badge["credentialStatus"] == {
        "id": f"http://testserver/credentials/{credential.identifier}/status.json",
        "type": "1EdTechRevocationList",
    }
    names = [i for i in subject["identifier"] if i["identityType"] == "name"]
    assert names == [
        {
            "type": "IdentityObject",
            "identityType": "name",
            "hashed": False,
            "identityHash": "Grace Okonkwo-Hale",
        }
    ]


def test_badge_of_a_graduate_who_hides_their_name_carries_it_hashed(
    client, private_credential
):
    body = client.get(f"/credentials/{private_credential.identifier}/badge.json")
    assert "Quinn" not in body.content.decode()
    identities = body.json()["credentialSubject"]["identifier"]
    assert all(identity["hashed"] for identity in identities)


def test_issuer_profile_and_achievement_are_served(client, credential):
    profile = client.get("/credentials/issuer/").json()
    assert profile["id"] == "http://testserver/credentials/issuer/"
    assert profile["type"] == ["Profile"] and profile["@context"][0] == VC_CONTEXT
    achievement = client.get("/credentials/achievements/cecto-certification/").json()
    assert achievement["type"] == ["Achievement"]
    assert client.get("/credentials/achievements/nothing/").status_code == 404


def test_signed_badge_verifies_with_the_published_key(client, credential):
    token = client.get(
        f"/credentials/{credential.identifier}/badge.jwt"
    ).content.decode()
    jwks = client.get("/credentials/issuer/jwks.json").json()
    assert all("d" not in key for key in jwks["keys"])  # never the private part
    payload = verify_badge(token, keys=jwks)
    assert payload["type"] == ["VerifiableCredential", "OpenBadgeCredential"]
    assert payload["iss"] == payload["issuer"]["id"]
    assert payload["jti"] == payload["id"]
    assert payload["nbf"] == jwt_payload(credential)["nbf"]


def test_signed_badge_header_names_the_key_in_the_jwk_set(client, credential):
    token = client.get(f"/credentials/{credential.identifier}/badge.jwt").content
    header = signing.jws.extract_compact(token).headers()
    assert header["alg"] == "EdDSA" and header["typ"] == "JWT"
    jwks_url, _hash, kid = header["kid"].partition("#")
    assert jwks_url == "http://testserver/credentials/issuer/jwks.json"
    assert kid in [
        key["kid"] for key in client.get("/credentials/issuer/jwks.json").json()["keys"]
    ]


def _tamper(token, change):
    import base64

    header, payload, signature = token.split(".")
    data = json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))
    change(data)
    forged = base64.urlsafe_b64encode(json.dumps(data).encode()).rstrip(b"=").decode()
    return f"{header}.{forged}.{signature}"


def test_a_changed_payload_fails_verification(credential):
    token = sign_badge(jwt_payload(credential))
    assert verify_badge(token)["credentialSubject"]
    forged = _tamper(
        token,
        lambda data: data["credentialSubject"]["achievement"].update(
            name="Forged track"
        ),
    )
    with pytest.raises(BadgeVerificationError):
        verify_badge(forged)


def test_a_badge_signed_with_another_key_fails(credential):
    other = OKPKey.generate_key("Ed25519")
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(signing, "signing_key", lambda: other)
        foreign = sign_badge(jwt_payload(credential))
    # Same kid format, another key: the portal's public key refuses it.
    with pytest.raises(BadgeVerificationError):
        verify_badge(foreign)


@pytest.mark.parametrize("token", ["", "not-a-jwt", "a.b.c", "e30.e30."])
def test_malformed_tokens_fail(token):
    with pytest.raises(BadgeVerificationError):
        verify_badge(token)


def test_revocation_shows_in_the_status_list(client, credential, director):
    url = f"/credentials/{credential.identifier}/status.json"
    assert client.get(url).json()["revokedCredentials"] == []
    revoke_credential(credential, "Issued in error.", director)
    listed = client.get(url).json()["revokedCredentials"]
    assert listed == [
        {"id": f"http://testserver/credentials/{credential.identifier}/badge.json"}
    ]
    assert "Issued in error" not in client.get(url).content.decode()


def test_signing_key_from_the_environment_as_jwk_or_pem(settings, credential):
    key = signing.generate_key()
    for raw in (signing.private_key_json(key), key.as_pem(private=True).decode()):
        settings.CREDENTIAL_SIGNING_KEY = raw
        assert signing.signing_key().thumbprint() == key.thumbprint()
        assert verify_badge(sign_badge(jwt_payload(credential)))


def test_a_wrong_key_in_the_environment_is_refused(settings):
    from django.core.exceptions import ImproperlyConfigured

    settings.CREDENTIAL_SIGNING_KEY = "not a key"
    with pytest.raises(ImproperlyConfigured):
        signing.signing_key()


def test_without_a_key_production_fails_the_deploy_check(settings, client, credential):
    settings.CREDENTIAL_SIGNING_KEY = None
    settings.CREDENTIAL_DEV_KEY_FILE = None
    with pytest.raises(SystemCheckError, match=r"credentials\.E001"):
        call_command("check", "--deploy", "--tag", "security", "--fail-level", "ERROR")
    response = client.get(f"/credentials/{credential.identifier}/badge.jwt")
    assert response.status_code == 503


def test_the_deploy_check_passes_with_a_key(settings):
    settings.CREDENTIAL_SIGNING_KEY = signing.private_key_json(signing.generate_key())
    from credentials.checks import check_signing_key

    assert check_signing_key() == []


def test_key_command_prints_a_usable_key(capsys):
    call_command("credential_signing_key")
    printed = capsys.readouterr().out.strip()
    assert signing.parse_private_key(printed).is_private
