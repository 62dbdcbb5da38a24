"""Cohorts > Import roster: upload, preview, confirm; who may use it."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import RequestFactory
from django.urls import reverse
from wagtail.admin.menu import admin_menu
from wagtail.models import ModelLogEntry

from people.models import Enrollment, Person
from people.roles import FACULTY, PARTICIPANTS, PROGRAM_DIRECTOR
from rosters.choices import ImportSource, ImportStatus
from rosters.models import RosterImport
from tests.factories.core import UserFactory
from tests.rosters.files import csv_bytes, people_rows, row, xlsx_bytes
from tests.two_factor import sign_in

UPLOAD_URL = "/admin/rosters/import/"


@pytest.fixture
def users(groups, root_page):
    def member(username, *names, **kwargs):
        user = UserFactory(username=username, **kwargs)
        user.groups.add(*(groups[name] for name in names))
        return user

    return {
        "participant": member("parker", PARTICIPANTS),
        "faculty": member("farrah", FACULTY),
        "director": member("dana", PROGRAM_DIRECTOR, FACULTY),
        "superuser": member("avery", superuser=True),
    }


@pytest.fixture
def director_client(client, users):
    sign_in(client, users["director"])
    return client


def upload(client, content, name="roster.csv"):
    return client.post(UPLOAD_URL, {"file": SimpleUploadedFile(name, content)})


def test_upload_url_is_the_documented_one():
    assert reverse("rosters_import") == UPLOAD_URL


# --- Who may import ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("role", "status", "location"),
    [
        ("anonymous", 302, "/admin/login/?next=/admin/rosters/import/"),
        ("participant", 302, "/admin/login/?next=/admin/rosters/import/"),
        # Wagtail's answer to PermissionDenied: the dashboard, with a message.
        ("faculty", 302, "/admin/"),
        ("director", 200, None),
        ("superuser", 200, None),
    ],
)
def test_who_may_open_the_import_screen(client, users, role, status, location):
    if role != "anonymous":
        sign_in(client, users[role])
    response = client.get(UPLOAD_URL)
    assert response.status_code == status
    assert response.get("Location") == location
    if status == 200:
        assert "Roster file" in response.content.decode()


@pytest.mark.parametrize("role", ["anonymous", "participant", "faculty"])
def test_others_cannot_upload_preview_or_confirm(client, users, roster_world, role):
    record = RosterImport.objects.create(
        file_name="roster.csv",
        file_format="csv",
        sha256="0" * 64,
        content=csv_bytes([row()]),
        source=ImportSource.ADMIN,
        created_by=users["director"],
    )
    if role != "anonymous":
        sign_in(client, users[role])
    preview_url = reverse("rosters_preview", args=(record.token,))
    responses = [
        upload(client, csv_bytes([row()])),
        client.get(preview_url),
        client.post(preview_url, {"sha256": record.sha256}),
    ]
    assert all(response.status_code == 302 for response in responses)
    assert RosterImport.objects.count() == 1
    assert Person.objects.count() == 0


@pytest.mark.parametrize(("role", "shown"), [("faculty", False), ("director", True)])
def test_import_roster_is_in_the_cohorts_menu_for_the_director(users, role, shown):
    request = RequestFactory().get("/admin/")
    request.user = users[role]
    items = admin_menu.menu_items_for_request(request)
    cohorts = [item for item in items if item.name == "cohorts"]
    names = [i.name for c in cohorts for i in c.menu.menu_items_for_request(request)]
    assert ("import-roster" in names) is shown
    assert all(item.name != "import-roster" for item in items)  # never top level


def test_the_director_sees_the_menu_item_on_the_dashboard(director_client):
    assert UPLOAD_URL in director_client.get("/admin/").content.decode()


# --- Upload, preview, confirm -----------------------------------------------------


def test_director_uploads_previews_and_confirms(director_client, users, roster_world):
    response = upload(director_client, csv_bytes(people_rows(3)))

    record = RosterImport.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("rosters_preview", args=(record.token,))
    assert record.status == ImportStatus.PENDING
    assert record.created_by == users["director"]
    assert record.content_intact

    preview = director_client.get(response["Location"])
    html = preview.content.decode()
    assert preview.status_code == 200
    assert "pat0@district.example" in html
    assert "New person" in html
    assert "People: 3 would be created" in html
    assert "Confirm and import" in html
    assert Person.objects.count() == 0  # a preview writes nothing

    done = director_client.post(response["Location"], {"sha256": record.sha256})

    assert done.status_code == 302
    assert done["Location"] == UPLOAD_URL
    assert Person.objects.count() == 3
    assert Enrollment.objects.count() == 3
    record.refresh_from_db()
    assert record.status == ImportStatus.IMPORTED
    assert bytes(record.content) == b""
    entry = ModelLogEntry.objects.get(action="rosters.import")
    assert entry.user == users["director"]
    page = director_client.get(UPLOAD_URL).content.decode()
    assert "Imported roster.csv. People: 3 created" in page
    assert "Recent imports" in page
    history = director_client.get(reverse("wagtailadmin_reports:site_history"))
    assert (
        "Imported the roster roster.csv: 3 people created" in history.content.decode()
    )

    again = director_client.post(response["Location"], {"sha256": record.sha256})
    assert again.status_code == 404  # confirmed once; the token is spent
    assert Person.objects.count() == 3


def test_xlsx_upload(director_client, roster_world):
    response = upload(director_client, xlsx_bytes([row()]), "roster.xlsx")
    preview = director_client.get(response["Location"])
    assert "ada.byron@alder.example" in preview.content.decode()


def test_preview_lists_every_error_and_offers_no_import(director_client, roster_world):
    rows = [row(), row(email="bad", track="Astronomy")]
    response = upload(director_client, csv_bytes(rows))
    html = director_client.get(response["Location"]).content.decode()
    assert "2 problems were found: nothing will be imported." in html
    assert "&quot;E-mail&quot; (C)" in html
    assert "&quot;Track&quot; (F)" in html
    assert "Confirm and import" not in html

    record = RosterImport.objects.get()
    forced = director_client.post(response["Location"], {"sha256": record.sha256})
    assert forced.status_code == 200
    assert "2 problems were found" in forced.content.decode()
    assert Person.objects.count() == 0


def test_confirm_imports_only_the_previewed_file(director_client, roster_world):
    response = upload(director_client, csv_bytes([row()]))
    record = RosterImport.objects.get()

    wrong = director_client.post(response["Location"], {"sha256": "f" * 64})
    assert wrong.status_code == 302
    assert Person.objects.count() == 0

    # The stored bytes no longer match the hash taken at upload.
    RosterImport.objects.filter(pk=record.pk).update(content=csv_bytes(people_rows(2)))
    tampered = director_client.post(response["Location"], {"sha256": record.sha256})
    assert tampered.status_code == 302
    assert Person.objects.count() == 0


def test_an_upload_is_previewed_only_by_whoever_uploaded_it(
    client, users, roster_world
):
    sign_in(client, users["director"])
    response = upload(client, csv_bytes([row()]))
    sign_in(client, users["superuser"])
    assert client.get(response["Location"]).status_code == 404


@pytest.mark.parametrize(
    ("content", "name", "message"),
    [
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00", "roster.csv", "not CSV"),
        (b"First name,Last name\n", "roster.txt", "Choose a CSV or an XLSX file"),
        (b"PK\x03\x04broken", "roster.xlsx", "not XLSX"),
    ],
)
def test_upload_checks_the_content_not_only_the_name(
    director_client, roster_world, content, name, message
):
    response = upload(director_client, content, name)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not RosterImport.objects.exists()


def test_upload_size_is_capped(director_client, roster_world, monkeypatch):
    monkeypatch.setattr("rosters.forms.MAX_UPLOAD_BYTES", 100)
    response = upload(director_client, csv_bytes(people_rows(5)))
    assert "larger than" in response.content.decode()
    assert not RosterImport.objects.exists()
