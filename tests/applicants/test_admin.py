"""The director's applicant screens: who sees them, the listing, export, editing
with validated status changes, and the history of who changed what."""

import io

import openpyxl
import pytest
from django.urls import reverse
from django.utils import timezone
from wagtail.models import ModelLogEntry

from applicants.choices import ApplicantSource, ApplicantStatus
from applicants.models import Applicant
from tests.applicants.conftest import ApplicantFactory
from tests.two_factor import sign_in

pytestmark = pytest.mark.django_db

INDEX = "/admin/applicants/"


def edit_url(applicant):
    return reverse("applicants:edit", args=[applicant.pk])


def form_data(applicant, **changes):
    data = {
        "first_name": applicant.first_name,
        "last_name": applicant.last_name,
        "email": applicant.email,
        "phone": applicant.phone,
        "lea": applicant.lea_id or "",
        "district_other": applicant.district_other,
        "job_title": applicant.job_title,
        "track": applicant.track_id or "",
        "year": applicant.year or "",
        "status": applicant.status,
        "notes": applicant.notes,
    }
    return {**data, **changes}


@pytest.fixture
def users(director, faculty_user, participant_user, admin_user):
    return {
        "director": director,
        "faculty": faculty_user,
        "participant": participant_user,
        "superuser": admin_user,
    }


# --- Who sees applicants ------------------------------------------------------------


@pytest.mark.parametrize(
    ("role", "allowed"),
    [
        ("anonymous", False),
        ("participant", False),
        ("faculty", False),
        ("director", True),
        ("superuser", True),
    ],
)
def test_only_the_director_and_superusers_reach_applicants(
    client, users, accepted, role, allowed
):
    if role != "anonymous":
        sign_in(client, users[role])
    urls = [
        INDEX,
        f"{INDEX}?export=csv",
        edit_url(accepted),
        reverse("applicants:inspect", args=[accepted.pk]),
        reverse("applicants:history", args=[accepted.pk]),
        reverse("applicants:add"),
        reverse("applicants:enroll", args=[accepted.pk]),
    ]
    for url in urls:
        response = client.get(url)
        if allowed:
            assert response.status_code == 200, (role, url)
        else:
            assert response.status_code in (302, 403), (role, url)
            assert b"Dana" not in b"".join(
                getattr(response, "streaming_content", [response.content])
            )
            if response.status_code == 302:
                assert "/applicants/" not in response["Location"].split("?")[0]
    client.post(edit_url(accepted), form_data(accepted, notes="Called."))
    accepted.refresh_from_db()
    assert (accepted.notes == "Called.") == allowed


@pytest.mark.parametrize(
    ("role", "shown"), [("faculty", False), ("director", True), ("superuser", True)]
)
def test_the_applicants_menu_item_is_shown_to_the_director_only(
    client, users, role, shown
):
    sign_in(client, users[role])
    html = client.get("/admin/").content.decode()
    assert (f'"{INDEX}"' in html or f"&quot;{INDEX}&quot;" in html) == shown


# --- The listing --------------------------------------------------------------------


def test_the_listing_shows_name_district_track_year_status_and_date(
    verified_client, director, accepted
):
    verified_client.sign_in(director)
    html = verified_client.get(INDEX).content.decode()
    for text in ["Dana Reyes", "Wake County Schools", "CeCTO Certification", "2027"]:
        assert text in html
    assert "Accepted" in html
    assert "Received" in html
    assert "Download CSV" in html and "Download XLSX" in html


def test_the_director_filters_by_status_track_and_year(
    verified_client, director, tracks, accepted
):
    ApplicantFactory(first_name="Newton", track=tracks["leaders"], year=2028)
    ApplicantFactory(first_name="Declan", status=ApplicantStatus.DECLINED, year=2027)
    verified_client.sign_in(director)

    def names(query):
        html = verified_client.get(f"{INDEX}?{query}").content.decode()
        return {n for n in ("Dana", "Newton", "Declan") if n in html}

    assert names("status=accepted") == {"Dana"}
    assert names("status=accepted&status=declined") == {"Dana", "Declan"}
    assert names(f"track={tracks['leaders'].pk}") == {"Newton"}
    assert names("year=2027") == {"Dana", "Declan"}
    assert names("q=reyes") == {"Dana"}
    assert names("q=wake.example") == {"Dana"}


def test_the_listing_costs_the_same_queries_for_5_and_50_applicants(
    verified_client, director, tracks, lea, django_assert_max_num_queries
):
    verified_client.sign_in(director)

    def count(n):
        ApplicantFactory.create_batch(n, lea=lea, track=tracks["cecto"], year=2027)
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        verified_client.get(INDEX)
        with CaptureQueriesContext(connection) as queries:
            assert verified_client.get(INDEX).status_code == 200
        return len(queries)

    five = count(5)
    fifty = count(45)
    assert fifty == five
    with django_assert_max_num_queries(five):
        verified_client.get(INDEX)


def test_exports_hold_the_fields_and_no_formula_cells(
    verified_client, director, accepted
):
    ApplicantFactory(
        first_name='=HYPERLINK("http://evil.example")',
        district_other="+1 Charter",
        year=2027,
    )
    verified_client.sign_in(director)

    csv = b"".join(verified_client.get(f"{INDEX}?export=csv").streaming_content)
    text = csv.decode("utf-8-sig")
    header = text.splitlines()[0]
    for heading in ["E-mail", "District", "Track", "Cohort year", "Status"]:
        assert heading.lower() in header.lower(), heading
    assert "Dana.Reyes@Wake.example" in text
    assert "Wake County Schools" in text
    assert "'=HYPERLINK" in text
    assert "'+1 Charter" in text
    assert str(timezone.localdate()) in text  # received, as a date
    assert "+00:00" not in text
    for line in text.splitlines():
        for cell in line.split(","):
            assert not cell.strip('"').startswith(("=", "+", "-", "@")), cell

    response = verified_client.get(f"{INDEX}?export=xlsx")
    workbook = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    cells = [cell for row in workbook.active.iter_rows() for cell in row]
    assert not [cell for cell in cells if cell.data_type == "f"]
    assert "Accepted" in [cell.value for cell in cells]


# --- Adding and editing -------------------------------------------------------------


def test_the_director_adds_an_applicant_by_hand(verified_client, director, tracks, lea):
    verified_client.sign_in(director)
    applicant = ApplicantFactory.build(lea=lea, track=tracks["cecto"], year=2027)
    response = verified_client.post(
        reverse("applicants:add"), form_data(applicant, status="contacted")
    )
    assert response.status_code == 302
    made = Applicant.objects.get()
    assert made.source == ApplicantSource.BY_HAND
    assert made.status == ApplicantStatus.CONTACTED


def test_nobody_adds_an_applicant_as_enrolled(verified_client, director, tracks):
    verified_client.sign_in(director)
    applicant = ApplicantFactory.build(track=tracks["cecto"], year=2027)
    response = verified_client.post(
        reverse("applicants:add"), form_data(applicant, status="enrolled")
    )
    assert response.status_code == 200
    assert not Applicant.objects.exists()


def test_enrolled_cannot_be_chosen_by_editing(verified_client, director, accepted):
    verified_client.sign_in(director)
    html = verified_client.get(edit_url(accepted)).content.decode()
    assert 'value="enrolled"' not in html
    response = verified_client.post(
        edit_url(accepted), form_data(accepted, status="enrolled")
    )
    assert response.status_code == 200
    accepted.refresh_from_db()
    assert accepted.status == ApplicantStatus.ACCEPTED


@pytest.mark.parametrize(
    ("old", "new", "allowed"),
    [
        ("new", "contacted", True),
        ("contacted", "accepted", True),
        ("declined", "accepted", True),
        ("accepted", "new", False),
        ("declined", "withdrawn", False),
        ("enrolled", "withdrawn", False),
    ],
)
def test_status_changes_that_make_no_sense_are_refused(
    verified_client, director, tracks, old, new, allowed
):
    applicant = ApplicantFactory(status=old, track=tracks["cecto"], year=2027)
    verified_client.sign_in(director)
    response = verified_client.post(
        edit_url(applicant), form_data(applicant, status=new)
    )
    applicant.refresh_from_db()
    assert applicant.status == (new if allowed else old)
    # An enrolled applicant's status field is disabled: what is posted is ignored.
    assert response.status_code == (302 if allowed or old == "enrolled" else 200)


def test_the_model_refuses_a_senseless_change_whatever_the_form(tracks):
    from django.core.exceptions import ValidationError

    applicant = ApplicantFactory(status=ApplicantStatus.ENROLLED)
    applicant = Applicant.objects.get(pk=applicant.pk)
    applicant.status = ApplicantStatus.WITHDRAWN
    with pytest.raises(ValidationError, match="change their enrollment instead"):
        applicant.full_clean()


def test_a_district_is_either_an_lea_or_typed(verified_client, director, accepted):
    verified_client.sign_in(director)
    response = verified_client.post(
        edit_url(accepted), form_data(accepted, district_other="Somewhere")
    )
    assert response.status_code == 200
    assert "Leave this empty when an LEA is chosen" in response.content.decode()


# --- History ------------------------------------------------------------------------


def test_each_change_is_logged_with_who_old_and_new_values(
    verified_client, director, accepted
):
    verified_client.sign_in(director)
    verified_client.post(
        edit_url(accepted),
        form_data(accepted, status="contacted", notes="Called on Monday."),
    )
    entry = ModelLogEntry.objects.get(
        object_id=str(accepted.pk), action="applicants.change"
    )
    assert entry.user == director
    assert entry.data["changes"] == {
        "status": {"old": "Accepted", "new": "Contacted"},
        "notes": {"old": "", "new": "Called on Monday."},
    }

    html = verified_client.get(
        reverse("applicants:history", args=[accepted.pk])
    ).content.decode()
    assert "Status: Accepted → Contacted; Notes changed." in html
    assert director.get_full_name() in html or director.username in html


def test_saving_without_changes_logs_nothing(verified_client, director, accepted):
    verified_client.sign_in(director)
    verified_client.post(edit_url(accepted), form_data(accepted))
    assert not ModelLogEntry.objects.filter(action="applicants.change").exists()


def test_faculty_do_not_find_applicants_in_the_site_history(
    faculty_user, director, accepted
):
    from django.test import Client

    as_director = sign_in(Client(), director)
    as_director.post(edit_url(accepted), form_data(accepted, notes="Called."))
    assert ModelLogEntry.objects.filter(action="applicants.change").exists()
    assert "Dana Reyes" in as_director.get("/admin/reports/site-history/").text

    as_faculty = sign_in(Client(), faculty_user)
    response = as_faculty.get("/admin/reports/site-history/")
    assert response.status_code == 200
    assert "Dana Reyes" not in response.text
