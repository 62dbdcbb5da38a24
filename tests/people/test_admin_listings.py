"""The director's records in the admin: a cohort's roster, exports worth opening
(with e-mail and LEA, no formula cells) one click away on every listing, and an
LEA listing like the others (filters, search, export, counts with separators)."""

import csv
import io
import re

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from people.choices import EnrollmentStatus, PersonRole, Region
from people.roles import FACULTY, PROGRAM_DIRECTOR
from tests.factories.core import UserFactory
from tests.factories.curriculum import TrackFactory
from tests.factories.people import (
    CohortFactory,
    EnrollmentFactory,
    FacultyFactory,
    LEAFactory,
    ParticipantFactory,
    PartnerFactory,
)
from tests.two_factor import sign_in, sign_in_verified

pytestmark = pytest.mark.django_db

LISTINGS = {
    "people": "wagtailsnippets_people_person:list",
    "partners": "wagtailsnippets_people_partnerorganization:list",
    "cohorts": "cohorts:index",
    "enrollments": "enrollments:index",
    "leas": "leas:index",
}


@pytest.fixture
def director(groups):
    user = UserFactory(username="dana")
    user.groups.add(groups[PROGRAM_DIRECTOR])
    return user


@pytest.fixture
def faculty(groups):
    user = UserFactory(username="farrah")
    user.groups.add(groups[FACULTY])
    return user


@pytest.fixture
def director_client(client, director):
    return sign_in_verified(client, director)


def csv_rows(response):
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    body = b"".join(response.streaming_content).decode()
    return list(csv.reader(io.StringIO(body)))


def header_buttons(html):
    """The header's own buttons: the slim header's button area minus its "..."
    dropdown (Wagtail's header_more_buttons)."""
    start = html.index('id="w-slim-header-buttons"')
    area = html[start : html.index("</div>", html.index("w-header-button", start))]
    return area


# --- the cohort's roster -----------------------------------------------------------


@pytest.fixture
def cohort():
    cohort = CohortFactory(year=2027, track=TrackFactory(name="CeCTO"))
    for _ in range(3):
        EnrollmentFactory(cohort=cohort)
    for _ in range(2):
        EnrollmentFactory(cohort=cohort, completed=True)
    EnrollmentFactory(cohort=cohort, status=EnrollmentStatus.WITHDRAWN)
    EnrollmentFactory(cohort=CohortFactory(year=2026, track=cohort.track))
    return cohort


def roster_cells(html):
    """(status, count) pairs of the roster table, total last."""
    table = html[html.index('class="listing cohort-roster"') :]
    table = table[: table.index("</table>")]
    return re.findall(
        r"<th scope=\"row\">([^<]+)</th>\s*<td><a href=\"[^\"]+\">(\d+)<", table
    )


def test_director_sees_a_cohorts_headcount_by_status_on_its_page(
    director_client, cohort
):
    expected = [
        ("Enrolled (candidate)", "3"),
        ("Completed (certified)", "2"),
        ("Withdrawn", "1"),
        ("Total", "6"),
    ]
    for name in ("cohorts:inspect", "cohorts:edit"):
        response = director_client.get(reverse(name, args=[cohort.pk]))
        assert response.status_code == 200, name
        html = response.content.decode()
        assert roster_cells(html) == expected, name
        enrollments = reverse("enrollments:index")
        assert f'href="{enrollments}?cohort={cohort.pk}"' in html
        assert f'href="{enrollments}?cohort={cohort.pk}&amp;status=completed"' in html


def test_the_roster_link_lists_that_cohorts_enrollments_only(director_client, cohort):
    EnrollmentFactory(
        cohort=CohortFactory(year=2026, track=TrackFactory(name="Leaders")),
        person__last_name="Elsewhere",
    )
    mine = EnrollmentFactory(cohort=cohort, person__last_name="Roster")
    url = reverse("enrollments:index")
    html = director_client.get(url, {"cohort": cohort.pk}).content.decode()
    assert mine.person.full_name in html
    assert "Elsewhere" not in html
    html = director_client.get(
        url, {"cohort": cohort.pk, "status": "completed"}
    ).content.decode()
    assert mine.person.full_name not in html


def test_the_add_cohort_form_has_no_roster(director_client):
    html = director_client.get(reverse("cohorts:add")).content.decode()
    assert "cohort-roster" not in html


def test_cohort_listing_counts_headcounts_in_its_query(
    director_client, cohort, django_assert_max_num_queries
):
    url = reverse("cohorts:index")
    director_client.get(url)  # warm per-process caches
    with django_assert_max_num_queries(16) as few:
        html = director_client.get(url).content.decode()
    track = TrackFactory(name="Leaders")
    older = [
        EnrollmentFactory(cohort=CohortFactory(year=year, track=track)).cohort
        for year in range(2010, 2020)
    ]
    oldest = older[0]
    newest = CohortFactory(year=2030, track=track)
    with django_assert_max_num_queries(len(few.captured_queries)):
        later = director_client.get(url).content.decode()
    # Newest class first, as the model orders cohorts (an aggregate drops that).
    edit_links = [
        later.index(f'href="{reverse("cohorts:edit", args=[c.pk])}"')
        for c in (newest, cohort, oldest)
    ]
    assert edit_links == sorted(edit_links)
    assert f'href="{reverse("enrollments:index")}?cohort={cohort.pk}">6 people</a>' in (
        html
    )


def test_enrollment_listing_reads_people_and_cohorts_in_its_query(
    director_client, cohort, django_assert_max_num_queries
):
    url = reverse("enrollments:index")
    director_client.get(url)
    with django_assert_max_num_queries(16) as few:
        director_client.get(url)
    track = TrackFactory(name="Leaders")
    for year in range(2010, 2020):
        EnrollmentFactory(cohort=CohortFactory(year=year, track=track))
    with django_assert_max_num_queries(len(few.captured_queries)):
        html = director_client.get(url).content.decode()
    assert "Leaders — Class of 2015" in html


# --- exports -----------------------------------------------------------------------


def test_enrollment_export_has_email_lea_track_year_status_and_date(director_client):
    lea = LEAFactory(name="Birch Valley Schools")
    done = EnrollmentFactory(
        completed=True,
        person=ParticipantFactory(
            first_name="Dana", last_name="Reyes", email="dana@example.org", lea=lea
        ),
        cohort=CohortFactory(year=2012, track=TrackFactory(name="CeCTO")),
    )
    rows = csv_rows(director_client.get(reverse("enrollments:index") + "?export=csv"))
    assert rows[0] == [
        "Person",
        "E-mail",
        "LEA",
        "Cohort",
        "Track",
        "Class of",
        "Status",
        "Completion date",
    ]
    assert rows[1] == [
        "Dana Reyes",
        "dana@example.org",
        "Birch Valley Schools",
        "CeCTO — Class of 2012",
        "CeCTO",
        "2012",
        "Completed (certified)",
        done.completed_on.isoformat(),
    ]


def test_cohort_export_has_headcounts_by_status(director_client, cohort):
    rows = csv_rows(director_client.get(reverse("cohorts:index") + "?export=csv"))
    assert rows[0][-4:] == ["Enrolled", "Completed", "Withdrawn", "Headcount"]
    assert rows[1][:2] == ["2027", "CeCTO"]
    assert rows[1][-4:] == ["3", "2", "1", "6"]


def test_enrollment_exports_run_no_formula(director_client):
    EnrollmentFactory(
        person=ParticipantFactory(
            first_name="=HYPERLINK(1)",
            email="x@example.org",
            lea=LEAFactory(name="+cmd|' /C calc'!A0"),
        ),
    )
    url = reverse("enrollments:index")
    rows = csv_rows(director_client.get(url + "?export=csv"))
    cells = [cell for row in rows for cell in row]
    assert not [c for c in cells if c.startswith(("=", "+", "-", "@"))]
    assert "'+cmd|' /C calc'!A0" in cells
    response = director_client.get(url + "?export=xlsx")
    workbook = load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    cells = [cell for row in workbook.active.iter_rows() for cell in row]
    assert all(cell.data_type != "f" for cell in cells)
    assert "+cmd|' /C calc'!A0" in [cell.value for cell in cells]


@pytest.mark.parametrize("listing", LISTINGS)
def test_every_listing_shows_its_export_in_the_header(director_client, listing):
    url = reverse(LISTINGS[listing])
    html = director_client.get(url, {"q": "x"} if listing == "leas" else {}).content
    buttons = header_buttons(html.decode())
    assert "Download CSV" in buttons and "Download XLSX" in buttons
    assert "export=csv" in buttons and "export=xlsx" in buttons
    # Not in Wagtail's "..." dropdown as well.
    assert html.decode().count("export=csv") == 1
    response = director_client.get(url + "?export=csv")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")


def test_the_header_export_keeps_the_listings_filters(director_client):
    LEAFactory(region=Region.WESTERN)
    html = director_client.get(
        reverse("leas:index"), {"region": Region.WESTERN}
    ).content.decode()
    assert "region=western&amp;export=csv" in header_buttons(html)


# --- LEAs --------------------------------------------------------------------------


@pytest.fixture
def leas():
    big = LEAFactory(
        name="Wake Ridge Schools",
        code="921",
        region=Region.NORTH_CENTRAL,
        student_count=160_123,
    )
    small = LEAFactory(
        name="Hollow Pine Schools", region=Region.WESTERN, student_count=950
    )
    unknown = LEAFactory(name="Unsized Schools", region=Region.WESTERN)
    unknown.student_count = None
    unknown.save()
    ParticipantFactory(lea=big)
    ParticipantFactory(lea=big)
    FacultyFactory(lea=small)
    return big, small, unknown


def names(html, leas):
    return [lea.name for lea in leas if lea.name in html]


def test_lea_listing_shows_students_with_separators_and_people(director_client, leas):
    big, small, _ = leas
    html = director_client.get(reverse("leas:index")).content.decode()
    assert "160,123" in html and "160123" not in html
    assert "950" in html
    people = reverse("wagtailsnippets_people_person:list")
    assert f'href="{people}?lea={big.pk}">2 people</a>' in html
    assert f'href="{people}?lea={small.pk}">1 person</a>' in html
    # The link lists that LEA's people only.
    listed = director_client.get(people, {"lea": small.pk}).content.decode()
    assert small.people.get().full_name in listed
    assert big.people.first().full_name not in listed


def test_lea_listing_is_in_alphabetical_order(director_client, leas):
    html = director_client.get(reverse("leas:index")).content.decode()
    positions = [html.index(lea.name) for lea in sorted(leas, key=lambda x: x.name)]
    assert positions == sorted(positions)


def test_lea_listing_filters_by_region_and_participants(director_client, leas):
    big, small, unknown = leas
    url = reverse("leas:index")
    html = director_client.get(url, {"region": Region.WESTERN}).content.decode()
    assert names(html, leas) == [small.name, unknown.name]
    html = director_client.get(url, {"has_participants": "yes"}).content.decode()
    assert names(html, leas) == [big.name]
    html = director_client.get(url, {"has_participants": "no"}).content.decode()
    assert names(html, leas) == [small.name, unknown.name]
    html = director_client.get(url, {"q": "hollow"}).content.decode()
    assert names(html, leas) == [small.name]
    html = director_client.get(url, {"q": "921"}).content.decode()
    assert names(html, leas) == [big.name]


def test_lea_export_has_region_students_and_counts(director_client, leas):
    rows = csv_rows(director_client.get(reverse("leas:index") + "?export=csv"))
    assert rows[0] == [
        "Name",
        "LEA code",
        "Region",
        "Students",
        "People",
        "Participants",
    ]
    by_name = {row[0]: row for row in rows[1:]}
    assert by_name["Wake Ridge Schools"][1:] == [
        "921",
        "North Central",
        "160123",
        "2",
        "2",
    ]
    assert by_name["Unsized Schools"][-4:] == ["Western", "", "0", "0"]


def test_lea_listing_query_count_does_not_grow(
    director_client, leas, django_assert_max_num_queries
):
    url = reverse("leas:index")
    director_client.get(url)
    with django_assert_max_num_queries(16) as few:
        director_client.get(url)
    for n in range(10):
        ParticipantFactory(lea=LEAFactory(name=f"More Schools {n}"))
    with django_assert_max_num_queries(len(few.captured_queries)):
        director_client.get(url)


def test_the_lea_listing_keeps_its_menu_place(director_client):
    html = director_client.get(reverse("wagtailadmin_home")).content.decode()
    assert reverse("leas:index") == "/admin/people/lea/"
    assert '"url": "/admin/people/lea/"' in html
    assert '"label": "LEAs"' in html


# --- who may see and export --------------------------------------------------------

# For each role: the listings it may open (and export); the others are refused.
VISIBLE = {
    "anonymous": set(),
    "participant": set(),
    "faculty": {"people", "partners", "leas"},
    "director": set(LISTINGS),
    "administrator": set(LISTINGS),
}


@pytest.fixture
def actor(request, client, groups):
    role = request.param
    client.role = role
    if role == "anonymous":
        return client
    if role == "administrator":
        user = UserFactory(username="root", superuser=True)
    else:
        user = UserFactory(username=role)
        name = {
            "participant": "Participants",
            "faculty": FACULTY,
            "director": PROGRAM_DIRECTOR,
        }[role]
        user.groups.add(groups[name])
    return sign_in(client, user)


@pytest.fixture
def records():
    PartnerFactory(name="MCNC")
    EnrollmentFactory(
        person=ParticipantFactory(lea=LEAFactory(name="Cedar Schools")),
        cohort=CohortFactory(year=2012),
    )
    FacultyFactory(first_name="Farrah", roles=[PersonRole.FACULTY])


@pytest.mark.parametrize(
    ("actor", "listing"),
    [(role, listing) for role in VISIBLE for listing in LISTINGS],
    indirect=["actor"],
)
def test_each_role_sees_and_exports_only_its_listings(actor, records, listing):
    url = reverse(LISTINGS[listing])
    allowed = listing in VISIBLE[actor.role]
    for address in (url, url + "?export=csv"):
        response = actor.get(address)
        if allowed:
            assert response.status_code == 200, address
        else:
            assert response.status_code in (302, 403), address
            if response.status_code == 302:
                assert response["Location"] != address


@pytest.mark.parametrize("actor", ["faculty"], indirect=True)
def test_faculty_cannot_open_a_cohorts_roster(actor, records):
    from people.models import Cohort

    cohort = Cohort.objects.get()
    response = actor.get(reverse("cohorts:inspect", args=[cohort.pk]))
    assert response.status_code in (302, 403)
