"""The public verification page, the verification search and the roster's links."""

import re

import pytest
from django.core.cache import cache

from credentials.services import revoke_credential, set_public_display
from people.models import CohortIndexPage
from tests.credentials.conftest import GRADUATION
from tests.factories.people import EnrollmentFactory, ParticipantFactory
from tests.querycount import MAX_QUERIES, count_queries

pytestmark = pytest.mark.django_db


def without_address(response):
    """The page without the address it echoes and its per-response CSP nonce."""
    content = re.sub(rb"/credentials/[^\"<\s]*", b"", response.content)
    return re.sub(rb'nonce="[^"]*"', b"", content)


@pytest.fixture
def site(home_page):
    return home_page


def test_valid_credential_page(client, site, credential):
    response = client.get(f"/credentials/{credential.identifier}/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "This credential is valid" in html
    assert "Grace Okonkwo-Hale" in html and "CeCTO Certification" in html
    assert "2012" in html and credential.identifier in html
    assert f"/credentials/{credential.identifier}/badge.json" in html
    assert f"/credentials/{credential.identifier}/badge.jwt" in html
    assert "no-cache" in response["Cache-Control"]
    assert '<meta name="robots" content="noindex">' in html


def test_revoked_credential_page_says_so_with_the_date_not_the_reason(
    client, site, credential, director
):
    revoke_credential(credential, "Misconduct found in the audit.", director)
    html = client.get(f"/credentials/{credential.identifier}/").content.decode()
    assert "This credential was revoked" in html
    assert "Revoked on" in html
    assert "This credential is valid" not in html
    assert "Misconduct" not in html


def test_unknown_and_malformed_identifiers_answer_the_same_404(
    client, site, credential
):
    unknown = client.get("/credentials/" + "A" * 24 + "/")
    malformed = client.get("/credentials/" + "A" * 23 + "%21/")
    assert client.get("/credentials/x'%20or%201=1/").status_code == 404
    pk = client.get(f"/credentials/{credential.pk}/")
    assert unknown.status_code == malformed.status_code == pk.status_code == 404
    assert without_address(unknown) == without_address(malformed)
    for response in (unknown, malformed):
        assert b"Grace" not in response.content
    for suffix in ("badge.json", "badge.jwt", "status.json", "certificate.pdf"):
        assert client.get(f"/credentials/{'A' * 24}/{suffix}").status_code in (404, 302)


def test_page_shows_only_what_the_graduate_agreed_to(
    client, site, credential, private_credential, graduate_user
):
    html = client.get(f"/credentials/{private_credential.identifier}/").content.decode()
    assert "This credential is valid" in html and "Quinn" not in html
    assert "chose not to show their name" in html

    url = f"/credentials/{credential.identifier}/"
    assert "Alder Creek County Schools" not in client.get(url).content.decode()
    set_public_display(
        credential, show_name=True, show_affiliation=True, user=graduate_user
    )
    assert "Alder Creek County Schools" in client.get(url).content.decode()
    set_public_display(
        credential, show_name=False, show_affiliation=False, user=graduate_user
    )
    html = client.get(url).content.decode()
    assert "Grace" not in html and "Alder Creek" not in html


def test_verification_page_queries_are_few(client, site, credential):
    assert (
        count_queries(client, f"/credentials/{credential.identifier}/") <= MAX_QUERIES
    )


# The verification search


def search(client, name, year=2012):
    return client.get("/credentials/verify/", {"name": name, "year": year})


def test_search_finds_a_consenting_graduate_by_full_name_and_year(
    client, site, credential
):
    response = search(client, "  grace   OKONKWO-hale ")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Credential found" in html
    assert f"/credentials/{credential.identifier}/" in html


@pytest.mark.parametrize(
    ("name", "year"),
    [("Grace", 2012), ("Grace Okonkwo", 2012), ("Grace Okonkwo-Hale", 2011)],
)
def test_search_needs_the_exact_full_name_and_year(
    client, site, credential, name, year
):
    html = search(client, name, year).content.decode()
    assert credential.identifier not in html


def test_search_hides_graduates_who_did_not_consent(client, site, private_credential):
    html = search(client, "Quinn Private").content.decode()
    assert "No credential found" in html
    assert private_credential.identifier not in html


def test_search_shows_a_revoked_credential_as_revoked(
    client, site, credential, director
):
    revoke_credential(credential, "Issued in error.", director)
    html = search(client, "Grace Okonkwo-Hale").content.decode()
    assert "revoked on" in html


def test_search_is_rate_limited_per_network(client, site, credential, settings):
    settings.CREDENTIAL_SEARCH_RATE_LIMIT = 3
    for _ in range(3):
        assert search(client, "Nobody Here").status_code == 200
    blocked = search(client, "Grace Okonkwo-Hale")
    assert blocked.status_code == 429
    assert credential.identifier not in blocked.content.decode()
    assert "Too many searches" in blocked.content.decode()
    # Another network is not limited.
    other = client.get(
        "/credentials/verify/",
        {"name": "Grace Okonkwo-Hale", "year": 2012},
        REMOTE_ADDR="203.0.113.9",
    )
    assert other.status_code == 200
    cache.clear()


def test_search_form_errors_do_not_count(client, site, settings):
    settings.CREDENTIAL_SEARCH_RATE_LIMIT = 1
    assert "full name" in search(client, "Grace").content.decode()
    assert search(client, "Nobody Here").status_code == 200


def test_search_queries_do_not_grow(client, site, credential, cohort):
    few = count_queries(
        client, "/credentials/verify/?name=Grace+Okonkwo-Hale&year=2012"
    )
    for _ in range(10):
        person = ParticipantFactory(first_name="Grace", last_name="Okonkwo-Hale")
        from credentials.services import issue_credential

        issue_credential(
            EnrollmentFactory(person=person, cohort=cohort, completed=True), GRADUATION
        )
    many = count_queries(
        client, "/credentials/verify/?name=Grace+Okonkwo-Hale&year=2012"
    )
    assert many == few <= MAX_QUERIES


# The 'Class of' roster


@pytest.fixture
def cohorts_page(site):
    page = CohortIndexPage(title="Cohorts", slug="cohorts")
    site.add_child(instance=page)
    return page


def test_roster_links_consenting_graduates_to_their_page(
    client, cohorts_page, credential, cohort
):
    hidden_name = ParticipantFactory(
        first_name="Nia", last_name="Nolink", is_public=True
    )
    enrollment = EnrollmentFactory(person=hidden_name, cohort=cohort, completed=True)
    from credentials.services import issue_credential

    nolink = issue_credential(enrollment, GRADUATION)[0]
    set_public_display(nolink, show_name=False, show_affiliation=False, user=None)
    html = client.get("/cohorts/2012/").content.decode()
    assert f'href="/credentials/{credential.identifier}/"' in html
    assert 'href="/credentials/verify/"' in html
    assert "Nia" in html  # listed (public profile) but not linked
    assert nolink.identifier not in html


def test_roster_does_not_link_a_revoked_credential(
    client, cohorts_page, credential, director
):
    revoke_credential(credential, "Issued in error.", director)
    assert credential.identifier not in client.get("/cohorts/2012/").content.decode()


def test_roster_queries_do_not_grow_with_credentials(client, cohorts_page, cohort):
    from credentials.services import issue_credential

    for _ in range(3):
        issue_credential(EnrollmentFactory(cohort=cohort, completed=True), GRADUATION)
    few = count_queries(client, "/cohorts/2012/")
    for _ in range(20):
        issue_credential(EnrollmentFactory(cohort=cohort, completed=True), GRADUATION)
    assert count_queries(client, "/cohorts/2012/") == few <= MAX_QUERIES
