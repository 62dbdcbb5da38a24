"""Documents are stored where no static route reaches them (private_media/storage.py).

Images and renditions stay public media under MEDIA_ROOT; documents go to
PRIVATE_MEDIA_ROOT, have no media URL, and are served only by Wagtail's
/documents/ view. /media/documents/ answers 404 in every mode.
"""

import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import InMemoryStorage, default_storage, storages
from django.core.management import CommandError, call_command
from django.http import Http404
from django.test import RequestFactory
from wagtail.documents import get_document_model
from wagtail.models import Collection

from private_media.storage import MediaStorage, move_public_documents
from private_media.views import serve_public_media
from tests.factories.core import UserFactory

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\n%%EOF\n"


@pytest.fixture(autouse=True)
def empty_documents_folders():
    """Both roots live for the whole run: start each test without documents."""
    import shutil

    for root in (settings.MEDIA_ROOT, settings.PRIVATE_MEDIA_ROOT):
        shutil.rmtree(Path(root, "documents"), ignore_errors=True)


@pytest.fixture
def public_document(root_page):
    document = get_document_model()(
        title="Program handbook", collection=Collection.get_first_root_node()
    )
    document.file.save("handbook.pdf", ContentFile(PDF), save=False)
    document.save()
    return document


def walk(storage, folder=""):
    """Every file name, walked the way django-dbbackup's mediabackup walks."""
    directories, files = storage.listdir(folder)
    names = [os.path.join(folder, name) for name in files]
    for directory in directories:
        names += walk(storage, os.path.join(folder, directory))
    return names


def test_an_uploaded_document_is_stored_under_the_private_root(public_document):
    name = public_document.file.name
    assert name.startswith("documents/")
    assert Path(settings.PRIVATE_MEDIA_ROOT, name).read_bytes() == PDF
    assert not Path(settings.MEDIA_ROOT, name).exists()
    assert public_document.file.path == str(Path(settings.PRIVATE_MEDIA_ROOT, name))


def test_images_stay_public_media(root_page):
    from tests.factories.core import ImageFactory

    image = ImageFactory()
    assert Path(settings.MEDIA_ROOT, image.file.name).exists()
    assert image.file.url.startswith(settings.MEDIA_URL)


def test_a_document_has_no_media_url_only_its_serve_view(public_document):
    with pytest.raises(NotImplementedError):
        public_document.file.url  # noqa: B018 - the access is the test
    with pytest.raises(NotImplementedError):
        storages["private_media"].url(public_document.file.name)
    assert public_document.url == f"/documents/{public_document.pk}/handbook.pdf"


def test_wagtails_serve_view_still_serves_a_public_document(client, public_document):
    response = client.get(public_document.url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF
    assert response["Content-Security-Policy"] == "default-src 'none'"


@pytest.mark.parametrize(
    "path",
    [
        "/media/documents/handbook.pdf",
        "/media//documents/handbook.pdf",
        "/media/DOCUMENTS/handbook.pdf",
        "/media/documents/",
        "/media/documents",
    ],
)
def test_media_documents_answers_404_even_with_a_file_there(client, home_page, path):
    storages["public_media"].save("documents/handbook.pdf", ContentFile(PDF))
    response = client.get(path)
    assert response.status_code == 404
    assert PDF not in response.content


@pytest.mark.parametrize(
    "path",
    [
        "documents/handbook.pdf",
        "images/../documents/handbook.pdf",
        "./documents/handbook.pdf",
        "Documents/handbook.pdf",
    ],
)
def test_development_media_serving_refuses_documents_however_spelled(path):
    storages["public_media"].save("documents/handbook.pdf", ContentFile(PDF))
    request = RequestFactory().get("/media/" + path)
    with pytest.raises(Http404):
        serve_public_media(request, path)


def test_development_media_serving_serves_images(root_page):
    from tests.factories.core import ImageFactory

    image = ImageFactory()
    response = serve_public_media(RequestFactory().get("/"), image.file.name)
    assert response.status_code == 200


@pytest.mark.urls("tests.private_media.debug_urls")
def test_under_debug_the_media_route_serves_images_and_refuses_documents(
    client, root_page
):
    from tests.factories.core import ImageFactory

    storages["public_media"].save("documents/handbook.pdf", ContentFile(PDF))
    image = ImageFactory()
    assert client.get(image.file.url).status_code == 200
    assert client.get("/media/documents/handbook.pdf").status_code == 404
    assert client.get("/media/images/../documents/handbook.pdf").status_code == 404


def test_a_backup_walking_the_default_storage_finds_documents_and_images(
    public_document, root_page
):
    from tests.factories.core import ImageFactory

    image = ImageFactory()
    names = walk(default_storage)
    assert public_document.file.name in names
    assert image.file.name in names
    with default_storage.open(public_document.file.name) as copy:
        assert copy.read() == PDF


# --- Moving files an earlier release left under MEDIA_ROOT --------------------


@pytest.fixture
def left_public(root_page):
    """A document row whose file an earlier release stored under MEDIA_ROOT."""
    name = storages["public_media"].save("documents/roster.pdf", ContentFile(PDF))
    document = get_document_model()(
        title="Roster", collection=Collection.get_first_root_node()
    )
    document.file.name = name
    document.save()
    return document


def test_the_move_command_moves_old_documents_to_the_private_root(client, left_public):
    assert client.get(left_public.url).status_code == 404  # not where it looks

    out = io.StringIO()
    call_command("move_documents_private", stdout=out)

    assert "Moved 1 document file(s)" in out.getvalue()
    assert not Path(settings.MEDIA_ROOT, "documents/roster.pdf").exists()
    assert Path(settings.PRIVATE_MEDIA_ROOT, "documents/roster.pdf").read_bytes() == PDF
    response = client.get(left_public.url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF


def test_the_move_says_nothing_quietly_when_there_is_nothing_to_move(root_page):
    out = io.StringIO()
    call_command("move_documents_private", verbosity=0, stdout=out)
    assert out.getvalue() == ""


def test_the_move_is_idempotent_and_a_dry_run_moves_nothing(left_public):
    assert move_public_documents(dry_run=True) == (["documents/roster.pdf"], [])
    assert Path(settings.MEDIA_ROOT, "documents/roster.pdf").exists()
    assert move_public_documents() == (["documents/roster.pdf"], [])
    assert move_public_documents() == ([], [])


def test_the_same_file_already_private_is_only_removed_from_public(left_public):
    storages["private_media"].save("documents/roster.pdf", ContentFile(PDF))
    assert move_public_documents() == (["documents/roster.pdf"], [])
    assert not Path(settings.MEDIA_ROOT, "documents/roster.pdf").exists()


def test_a_different_file_under_the_same_name_is_left_and_reported(left_public):
    storages["private_media"].save("documents/roster.pdf", ContentFile(b"other"))
    err = io.StringIO()
    with pytest.raises(CommandError):
        call_command("move_documents_private", stdout=io.StringIO(), stderr=err)
    assert "Left documents/roster.pdf where it is" in err.getvalue()
    assert Path(settings.MEDIA_ROOT, "documents/roster.pdf").read_bytes() == PDF
    assert Path(settings.PRIVATE_MEDIA_ROOT, "documents/roster.pdf").read_bytes() == (
        b"other"
    )


# --- Settings -------------------------------------------------------------------


def base_settings(**environ):
    """STORAGES as portal/settings/base.py builds it from these variables."""
    script = (
        "import json, portal.settings.base as s; "
        "print(json.dumps({k: v for k, v in s.STORAGES.items()}, default=str))"
    )
    env = {k: v for k, v in os.environ.items() if not k.startswith("AWS_")}
    env.update(environ)
    result = subprocess.run(  # noqa: S603 - a fixed script with this interpreter
        [sys.executable, "-c", script],
        env=env,
        capture_output=True,
        text=True,
        cwd=settings.BASE_DIR,
        check=False,
    )
    return result


def test_by_default_documents_go_to_private_media_on_disk():
    result = base_settings(PRIVATE_MEDIA_ROOT="/srv/cecto/private")
    stored = json.loads(result.stdout)
    assert stored["default"]["BACKEND"] == "private_media.storage.MediaStorage"
    assert stored["private_media"]["OPTIONS"]["location"] == "/srv/cecto/private"


def test_on_s3_documents_get_a_private_prefix_no_custom_domain_serves():
    result = base_settings(
        AWS_STORAGE_BUCKET_NAME="cecto-media", AWS_S3_CUSTOM_DOMAIN="cdn.example"
    )
    stored = json.loads(result.stdout)
    assert stored["public_media"]["BACKEND"] == "storages.backends.s3.S3Storage"
    private = stored["private_media"]["OPTIONS"]
    assert private["bucket_name"] == "cecto-media"
    assert private["location"] == "private"
    assert private["custom_domain"] is None
    assert private["querystring_auth"] is True


def test_on_s3_a_private_bucket_of_its_own_can_be_named():
    result = base_settings(
        AWS_STORAGE_BUCKET_NAME="cecto-media",
        AWS_PRIVATE_STORAGE_BUCKET_NAME="cecto-documents",
    )
    assert json.loads(result.stdout)["private_media"]["OPTIONS"]["bucket_name"] == (
        "cecto-documents"
    )


@pytest.mark.parametrize(
    ("public", "private"),
    [("media", "media"), ("media", "media/documents"), ("media/site", "media")],
)
def test_on_s3_a_private_prefix_inside_the_public_one_is_refused(public, private):
    result = base_settings(
        AWS_STORAGE_BUCKET_NAME="cecto-media",
        AWS_LOCATION=public,
        AWS_PRIVATE_LOCATION=private,
    )
    assert result.returncode != 0
    assert "AWS_PRIVATE_LOCATION" in result.stderr


def test_a_private_file_is_served_to_a_signed_in_reader_through_the_view(
    client, groups, public_document
):
    # The path Wagtail's view takes for private documents is the same storage.
    from wagtail.models import CollectionViewRestriction

    CollectionViewRestriction.objects.create(
        collection=public_document.collection,
        restriction_type=CollectionViewRestriction.LOGIN,
    )
    assert client.get(public_document.url).status_code == 302
    client.force_login(UserFactory(username="reader"))
    assert client.get(public_document.url).status_code == 200


# --- Storages with no folders (S3) ----------------------------------------------


class FolderlessStorage(InMemoryStorage):
    """Like S3: a "folder" is only a prefix, so `exists()` is False for it."""

    def exists(self, name):
        return super().exists(name) and bool(os.path.splitext(name)[1])


@pytest.fixture
def folderless(settings):
    backend = {"BACKEND": "tests.private_media.test_document_storage.FolderlessStorage"}
    settings.STORAGES = {
        **settings.STORAGES,
        "s3_public": backend,
        "s3_private": backend,
    }
    return MediaStorage(public="s3_public", private="s3_private")


def test_on_s3_a_backup_walk_still_finds_the_documents(folderless):
    folderless.save("documents/roster.pdf", ContentFile(PDF))
    folderless.save("original_images/logo.png", ContentFile(b"png"))
    assert not storages["s3_public"].exists("documents/roster.pdf")
    assert sorted(walk(folderless)) == [
        "documents/roster.pdf",
        "original_images/logo.png",
    ]


def test_on_s3_the_move_finds_documents_left_under_the_public_prefix(folderless):
    public, private = storages["s3_public"], storages["s3_private"]
    public.save("documents/roster.pdf", ContentFile(PDF))
    assert move_public_documents(public, private) == (["documents/roster.pdf"], [])
    assert private.open("documents/roster.pdf").read() == PDF
    assert not public.exists("documents/roster.pdf")
