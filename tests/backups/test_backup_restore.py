"""Backups restore: the demo portal is backed up, destroyed and restored whole.

Runs on the suite's engine: SQLite by default, PostgreSQL with DATABASE_URL (CI runs
both). On PostgreSQL pg_dump and pg_restore work on the test database pytest-django
made (connection.settings_dict["NAME"], ``test_…``), never on the one DATABASE_URL
names. Transactional tests: pg_restore drops tables, which a test's open
transaction would hold locked.
"""

import hashlib
import os
import shutil
import sqlite3
import subprocess
from io import StringIO

import pytest
from dbbackup import settings as dbbackup_settings
from django.core.files.base import ContentFile
from django.core.files.storage import storages
from django.core.management import CommandError, call_command
from django.db import connection
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail_factories import DocumentFactory

from backups import sets
from tests.factories.core import ImageFactory
from tests.tree import ensure_tree_root

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def backup_dir(tmp_path, monkeypatch):
    """The backup storage: a throwaway folder (dbbackup reads its settings once)."""
    location = tmp_path / "backups"
    monkeypatch.setattr(
        dbbackup_settings, "STORAGE", "django.core.files.storage.FileSystemStorage"
    )
    monkeypatch.setattr(dbbackup_settings, "STORAGE_OPTIONS", {"location": location})
    monkeypatch.setattr(dbbackup_settings, "GPG_RECIPIENT", None)
    return location


@pytest.fixture
def seeded(backup_dir):
    """The demo portal: every model the demo fills, images and private documents."""
    ensure_tree_root()
    call_command("seed_demo", stdout=StringIO())


@pytest.fixture
def small_portal(backup_dir):
    """A page tree, an image and a document: seeding the demo on PostgreSQL takes
    20-50 s here, so only the full round trip uses it."""
    ensure_tree_root()
    ImageFactory()
    DocumentFactory(file__data=b"%PDF-1.4 course materials", file__filename="m.pdf")


def row_counts():
    """Every table's row count, as the database reports it."""
    counts = {}
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names(cursor):
            table_name = connection.ops.quote_name(table)  # from introspection
            cursor.execute(f"SELECT COUNT(*) FROM {table_name}")  # noqa: S608
            counts[table] = cursor.fetchone()[0]
    return counts


def file_checksums():
    """Every uploaded file (images, renditions, documents) and its SHA-256."""
    storage = storages["default"]
    checksums = {}
    for name in sets._walk(storage):
        with storage.open(name, "rb") as fileobj:
            checksums[name] = hashlib.sha256(fileobj.read()).hexdigest()
    return checksums


def destroy_everything():
    """Drop every table and delete every uploaded file: the disaster. Only ever on
    the test database pytest-django made."""
    name = connection.settings_dict["NAME"]
    if connection.vendor == "sqlite":
        assert connection.is_in_memory_db(), name
        sqlite3.connect(":memory:").backup(connection.connection)
    else:
        assert name.startswith("test_"), name
        with connection.cursor() as cursor:
            cursor.execute("DROP SCHEMA public CASCADE; CREATE SCHEMA public;")
    storage = storages["default"]
    for name in list(sets._walk(storage)):
        storage.delete(name)
    assert not connection.introspection.table_names()
    assert not list(sets._walk(storage))


def backup(**options):
    out = StringIO()
    call_command("backup", stdout=out, **options)
    return out.getvalue()


def restore(*args, **options):
    out = StringIO()
    call_command("restore", *args, interactive=False, stdout=out, **options)
    return out.getvalue()


def test_operator_restores_the_whole_portal_after_losing_database_and_files(
    seeded, backup_dir
):
    counts, checksums = row_counts(), file_checksums()
    assert counts["wagtailcore_page"] > 20
    assert get_image_model().objects.exists()
    assert any(name.startswith("original_images/") for name in checksums)
    # Documents live in the private root, apart from MEDIA_ROOT, and are backed up.
    documents = [doc.file.name for doc in get_document_model().objects.all()]
    assert documents
    for name in documents:
        assert name in checksums
        assert storages["private_media"].exists(name)
        assert not storages["public_media"].exists(name)

    output = backup()
    assert "Backup set" in output
    (archive,) = sets.list_sets()
    assert archive.endswith(".tar.gz")
    assert len(list(backup_dir.iterdir())) == 3  # dump, its metadata, archive

    destroy_everything()
    output = restore("--latest")

    assert "Restored the set" in output
    assert row_counts() == counts
    assert file_checksums() == checksums
    # The portal works on what came back.
    assert get_document_model().objects.count() == len(documents)


def test_restore_of_a_named_set_puts_back_that_set_not_the_newest(
    small_portal, backup_dir, monkeypatch
):
    monkeypatch.setattr(sets, "timestamp", lambda: "2026-11-01-030000")
    backup()
    counts, checksums = row_counts(), file_checksums()
    get_image_model().objects.all().delete()
    storages["default"].save("documents/added-later.txt", ContentFile(b"later"))
    monkeypatch.setattr(sets, "timestamp", lambda: "2026-11-02-030000")
    backup()

    restore("cecto-2026-11-01-030000.tar.gz")

    assert row_counts() == counts
    # Files uploaded after the set are left in place; the set's own are back.
    restored = file_checksums()
    assert restored.pop("documents/added-later.txt")
    assert restored == checksums


def test_backup_keeps_only_the_newest_sets(backup_dir, monkeypatch):
    ensure_tree_root()
    for day in range(1, 5):
        monkeypatch.setattr(sets, "timestamp", lambda day=day: f"2026-11-0{day}-030000")
        backup(keep=2)

    assert sets.list_sets() == [
        "cecto-2026-11-04-030000.tar.gz",
        "cecto-2026-11-03-030000.tar.gz",
    ]
    names = sorted(path.name for path in backup_dir.iterdir())
    assert [name for name in names if "-11-01-" in name or "-11-02-" in name] == []
    assert len(names) == 6  # two sets of three files


def test_a_night_whose_archive_failed_never_costs_a_kept_set_its_dump(
    backup_dir, monkeypatch
):
    ensure_tree_root()
    for day in (1, 2):
        monkeypatch.setattr(sets, "timestamp", lambda day=day: f"2026-11-0{day}-030000")
        backup(keep=2)
    monkeypatch.setattr(sets, "timestamp", lambda: "2026-11-03-030000")
    with monkeypatch.context() as broken:
        broken.setattr(sets, "file_storages", lambda: 1 / 0)
        with pytest.raises(ZeroDivisionError):
            backup(keep=2)

    monkeypatch.setattr(sets, "timestamp", lambda: "2026-11-04-030000")
    backup(keep=2)

    # The 1st set goes; the 2nd keeps its dump (dbbackup's count of dumps would
    # have kept the 3rd night's orphan instead); the orphan ages out with its night.
    dumps = {p.name[14:24] for p in backup_dir.glob("default-cecto-*.gz")}
    assert dumps == {"2026-11-02", "2026-11-03", "2026-11-04"}
    assert sets.list_sets() == [
        "cecto-2026-11-04-030000.tar.gz",
        "cecto-2026-11-02-030000.tar.gz",
    ]
    restore("cecto-2026-11-02-030000.tar.gz")


@pytest.fixture
def gnupg_home(tmp_path, monkeypatch):
    """A throwaway GnuPG home with one key (no passphrase) to encrypt to."""
    gpg = shutil.which("gpg")
    if gpg is None:
        if os.environ.get("CI"):
            pytest.fail("gpg is missing: install Debian's gnupg.")
        pytest.skip("gpg is not installed (Debian's gnupg).")
    home = tmp_path / "gnupg"
    home.mkdir(mode=0o700)
    monkeypatch.setenv("GNUPGHOME", str(home))
    subprocess.run(  # noqa: S603 - gpg with fixed arguments
        [
            gpg,
            "--batch",
            "--passphrase",
            "",
            "--quick-generate-key",
            "backups@cecto.test",
            "default",
            "default",
            "never",
        ],
        check=True,
        capture_output=True,
    )
    monkeypatch.setattr(dbbackup_settings, "GPG_RECIPIENT", "backups@cecto.test")
    yield home
    gpgconf = shutil.which("gpgconf")
    if gpgconf:  # the agent this key started
        subprocess.run([gpgconf, "--kill", "gpg-agent"], check=False)  # noqa: S603


def test_backup_with_a_recipient_is_encrypted_and_restores_with_the_key(
    small_portal, backup_dir, gnupg_home
):
    counts, checksums = row_counts(), file_checksums()

    backup(encrypt=True)

    files = sorted(path.name for path in backup_dir.iterdir())
    assert [name for name in files if not name.endswith(".metadata")] == [
        name for name in files if name.endswith(".gz.gpg")
    ]
    archive = next(backup_dir.glob("*.tar.gz.gpg")).read_bytes()
    assert b"manifest.json" not in archive and b"%PDF" not in archive
    destroy_everything()
    restore("--latest")
    assert row_counts() == counts
    assert file_checksums() == checksums


def test_encrypted_backup_without_a_recipient_is_refused(backup_dir):
    with pytest.raises(CommandError, match="BACKUP_GPG_RECIPIENT"):
        backup(encrypt=True)
    assert not backup_dir.exists() or not list(backup_dir.iterdir())


def test_restore_of_a_missing_or_damaged_set_fails_clearly_and_changes_nothing(
    small_portal, backup_dir
):
    backup()
    counts, checksums = row_counts(), file_checksums()
    (archive,) = backup_dir.glob("*.tar.gz")
    (dump,) = backup_dir.glob("default-*.gz")

    with pytest.raises(CommandError, match="no backup set named"):
        restore("cecto-1999-01-01-000000.tar.gz")

    good = dump.read_bytes()
    dump.write_bytes(good[:100] + b"garbage" + good[107:])
    with pytest.raises(CommandError, match="checksum mismatch"):
        restore("--latest")
    dump.write_bytes(good)

    archive.write_bytes(archive.read_bytes()[:-200])
    with pytest.raises(CommandError, match="damaged"):
        restore("--latest")

    assert row_counts() == counts
    assert file_checksums() == checksums


def test_restore_with_no_backup_at_all_says_so(backup_dir):
    with pytest.raises(CommandError, match="There is no backup set"):
        restore("--latest")
