"""Who may reach each credential screen and file, role by role: anonymous, another
participant, the graduate, faculty, the Program Director and a superuser."""

import pytest

from credentials.models import Credential
from tests.two_factor import sign_in

pytestmark = pytest.mark.django_db

ROLES = [
    "anonymous",
    "other_participant",
    "graduate",
    "faculty",
    "director",
    "superuser",
]


@pytest.fixture
def as_role(client, request, credential):
    """as_role(name): the test client signed in as that role."""

    def sign(role):
        client.logout()
        if role == "graduate":
            sign_in(client, request.getfixturevalue("graduate_user"))
        elif role != "anonymous":
            sign_in(client, request.getfixturevalue(role))
        return client

    return sign


@pytest.mark.parametrize("role", ROLES)
def test_everyone_sees_the_public_page_and_badge(as_role, credential, home_page, role):
    client = as_role(role)
    for suffix in ("", "badge.json", "badge.jwt", "status.json"):
        assert (
            client.get(f"/credentials/{credential.identifier}/{suffix}").status_code
            == 200
        )
    assert client.get("/credentials/verify/").status_code == 200
    assert client.head(f"/credentials/{credential.identifier}/").status_code == 200


@pytest.mark.parametrize(
    ("role", "expected"),
    [
        ("anonymous", 302),  # to the sign-in page
        ("other_participant", 404),
        ("graduate", 200),
        ("faculty", 404),
        ("director", 404),  # staff download from the admin
        ("superuser", 404),
    ],
)
def test_only_the_graduate_downloads_from_the_public_site(
    as_role, credential, home_page, role, expected
):
    response = as_role(role).get(
        f"/credentials/{credential.identifier}/certificate.pdf"
    )
    assert response.status_code == expected
    if expected == 200:
        assert response["Content-Type"] == "application/pdf"
        assert response["Content-Disposition"].startswith("attachment;")
        assert response["Cache-Control"] == "private, no-store"
        assert response.content.startswith(b"%PDF")
    elif expected == 302:
        assert "/accounts/login/" in response["Location"]


def test_graduate_cannot_download_a_revoked_certificate(as_role, credential, director):
    from credentials.services import revoke_credential

    revoke_credential(credential, "Issued in error.", director)
    client = as_role("graduate")
    assert (
        client.get(f"/credentials/{credential.identifier}/certificate.pdf").status_code
        == 404
    )


@pytest.mark.parametrize(
    ("role", "expected"),
    [
        ("anonymous", 302),
        ("other_participant", 404),
        ("graduate", 200),
        ("faculty", 404),
        ("director", 404),
        ("superuser", 404),
    ],
)
def test_only_the_graduate_chooses_what_their_page_shows(
    as_role, credential, home_page, role, expected
):
    client = as_role(role)
    url = f"/credentials/{credential.identifier}/display/"
    assert client.get(url).status_code == expected
    response = client.post(url, {"show_name": "on", "show_affiliation": "on"})
    credential.refresh_from_db()
    if expected == 200:
        assert response.status_code == 302
        assert credential.show_affiliation is True
    else:
        assert credential.show_affiliation is False


def test_graduate_sees_their_credential_on_the_dashboard(
    as_role, credential, home_page
):
    html = as_role("graduate").get("/dashboard/").content.decode()
    assert "Your credential" in html
    assert f"/credentials/{credential.identifier}/certificate.pdf" in html
    assert f"/credentials/{credential.identifier}/display/" in html


def test_another_participant_sees_no_credential_on_the_dashboard(
    as_role, credential, home_page
):
    html = as_role("other_participant").get("/dashboard/").content.decode()
    assert "Your credential" not in html and credential.identifier not in html


ADMIN_ALLOWED = {"director", "superuser"}


@pytest.mark.parametrize("role", ROLES)
def test_admin_listing_inspect_and_certificate_are_staff_only(
    as_role, credential, role
):
    client = as_role(role)
    urls = [
        "/admin/credentials/",
        f"/admin/credentials/inspect/{credential.pk}/",
        f"/admin/credentials/certificate/{credential.pk}/",
        "/admin/credentials/?export=csv",
    ]
    for url in urls:
        response = client.get(url)
        if role in ADMIN_ALLOWED:
            assert response.status_code == 200, url
        else:
            assert response.status_code in (302, 403), url
            assert (
                b"%PDF" not in response.content and b"Okonkwo" not in response.content
            )


@pytest.mark.parametrize("role", ROLES)
def test_only_director_and_superuser_revoke(as_role, credential, role):
    client = as_role(role)
    url = f"/admin/credentials/revoke/{credential.pk}/"
    response = client.post(url, {"reason": "Issued in error."})
    credential.refresh_from_db()
    if role in ADMIN_ALLOWED:
        assert response.status_code == 302
        assert credential.is_revoked and credential.revoked_reason == "Issued in error."
    else:
        assert response.status_code in (302, 403)
        assert not credential.is_revoked


def test_revoking_asks_for_confirmation_and_a_reason(as_role, credential):
    client = as_role("director")
    url = f"/admin/credentials/revoke/{credential.pk}/"
    page = client.get(url)
    assert page.status_code == 200 and b"Yes, revoke it" in page.content
    assert client.post(url, {"reason": "  "}).status_code == 400
    credential.refresh_from_db()
    assert not credential.is_revoked


def test_admin_listing_filters_searches_and_exports(
    as_role, credential, private_credential
):
    from credentials.services import revoke_credential

    revoke_credential(private_credential, "Issued in error.", None)
    client = as_role("director")
    html = client.get("/admin/credentials/?revoked=true").content.decode()
    assert "Quinn Private" in html and "Grace Okonkwo-Hale" not in html
    html = client.get("/admin/credentials/?q=okonkwo").content.decode()
    assert "Grace Okonkwo-Hale" in html and "Quinn Private" not in html
    html = client.get("/admin/credentials/?cohort_year=2011").content.decode()
    assert "Grace Okonkwo-Hale" not in html
    export = client.get("/admin/credentials/?export=csv")
    csv = b"".join(export.streaming_content).decode()
    assert credential.identifier in csv and "Revoked" in csv
    xlsx = client.get("/admin/credentials/?export=xlsx")
    assert xlsx.status_code == 200
    assert b"".join(xlsx.streaming_content if xlsx.streaming else [xlsx.content])


def test_inspect_links_to_the_certificate_and_the_public_page(as_role, credential):
    html = (
        as_role("director")
        .get(f"/admin/credentials/inspect/{credential.pk}/")
        .content.decode()
    )
    assert f"/admin/credentials/certificate/{credential.pk}/" in html
    assert f"/credentials/{credential.identifier}/" in html
    assert f"/admin/credentials/revoke/{credential.pk}/" in html


def test_history_shows_issuing_and_revoking(as_role, credential):
    client = as_role("director")
    client.post(f"/admin/credentials/revoke/{credential.pk}/", {"reason": "In error."})
    html = client.get(f"/admin/credentials/history/{credential.pk}/").content.decode()
    assert "Issue credential" in html and "Revoke credential" in html
    assert client.get("/admin/credentials/inspect/999999/").status_code == 404


def test_nothing_is_added_or_deleted_in_the_admin(as_role, credential):
    client = as_role("superuser")
    assert client.get("/admin/credentials/new/").status_code == 404
    assert client.get(f"/admin/credentials/delete/{credential.pk}/").status_code == 404
    assert Credential.objects.count() == 1


def test_admin_listing_queries_do_not_grow(as_role, credential, cohort):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from credentials.services import issue_credential
    from tests.credentials.conftest import GRADUATION
    from tests.factories.people import EnrollmentFactory

    client = as_role("director")

    def count():
        client.get("/admin/credentials/")
        with CaptureQueriesContext(connection) as queries:
            assert client.get("/admin/credentials/").status_code == 200
        return len(queries)

    few = count()
    for _ in range(15):
        issue_credential(EnrollmentFactory(cohort=cohort, completed=True), GRADUATION)
    assert count() == few
