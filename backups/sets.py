"""Backup sets: the database and every file storage, saved and restored together.

A set is two files in the backup storage (STORAGES["dbbackup"]: BACKUP_DIR or
BACKUP_S3_BUCKET), both named with the set's UTC time by django-dbbackup's naming:

- the database dump, made by dbbackup's connector for the engine
  (``default-cecto-2026-11-28-030000.sqlite3.gz`` or ``….psql.bin.gz``);
- an archive of every file storage a model's file field uses (media: images and
  renditions; the private documents storage when it is a separate one), with a
  manifest holding each file's SHA-256 and the dump's, written last: an archive
  marks a complete set (``cecto-2026-11-28-030000.tar.gz``).

Both are gzip-compressed and, with a GnuPG recipient, encrypted (``….gpg``).
Restore reads, decrypts and checks the whole set before it changes anything.
"""

import gzip
import hashlib
import io
import json
import tarfile
import tempfile
import zlib
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path, PurePosixPath

import gnupg
from dbbackup import settings as dbbackup_settings
from dbbackup import utils as dbbackup_utils
from dbbackup.db.base import get_connector
from dbbackup.db.exceptions import DumpError
from dbbackup.storage import StorageError, get_storage
from django.apps import apps
from django.conf import settings
from django.core.files import File
from django.core.files.base import ContentFile
from django.core.files.storage import FileSystemStorage, storages
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.models import FileField
from django.utils.functional import LazyObject, empty

from caching import content_changed

MANIFEST = "manifest.json"
FORMAT = 1
# Storage aliases that hold no uploaded files.
NOT_UPLOADS = {"staticfiles", "dbbackup"}


class BackupError(Exception):
    """A backup or restore that cannot go on; the message tells the operator why."""


@dataclass
class BackupSet:
    """What one backup wrote: file names in the backup storage, and what it holds."""

    archive: str
    database: str
    files: dict  # storage label -> number of files
    size: int  # bytes written


def _unwrap(storage):
    """The storage behind a lazy one (``default_storage``)."""
    if isinstance(storage, LazyObject):
        if storage._wrapped is empty:
            storage._setup()
        return storage._wrapped
    return storage


def _storage_key(storage):
    """Two storage objects that read and write the same files share a key."""
    storage = _unwrap(storage)
    if isinstance(storage, FileSystemStorage):
        return ("fs", str(Path(storage.location).resolve()))
    bucket = getattr(storage, "bucket_name", None)
    if bucket:
        return ("bucket", bucket, getattr(storage, "location", ""))
    return ("object", id(storage))


def file_storages():
    """Every storage that holds uploads, by a stable label.

    The default storage is ``default`` (private_media.storage.MediaStorage: images and
    renditions in MEDIA_ROOT, documents in PRIVATE_MEDIA_ROOT, both listed); any
    other storage a model's file field uses is named by its STORAGES alias, or else
    by the first field that uses it (``app_label.model.field``), so a storage added
    later is never missed.
    """
    found = {_storage_key(storages["default"]): ("default", storages["default"])}
    aliases = {
        _storage_key(storages[alias]): alias
        for alias in settings.STORAGES
        if alias not in NOT_UPLOADS
    }
    for model in apps.get_models():
        for field in model._meta.get_fields():
            if isinstance(field, FileField):
                key = _storage_key(field.storage)
                if key not in found:
                    label = aliases.get(key, f"{model._meta.label_lower}.{field.name}")
                    found[key] = (label, _unwrap(field.storage))
    return dict(found.values())


def _walk(storage, path=""):
    """Every file name in ``storage``, in a stable order."""
    try:
        directories, files = storage.listdir(path)
    except FileNotFoundError:
        return
    for name in sorted(files):
        yield f"{path}/{name}" if path else name
    for directory in sorted(directories):
        yield from _walk(storage, f"{path}/{directory}" if path else directory)


def _sha256(fileobj):
    digest = hashlib.sha256()
    fileobj.seek(0)
    for chunk in iter(lambda: fileobj.read(1024 * 1024), b""):
        digest.update(chunk)
    fileobj.seek(0)
    return digest.hexdigest()


def describe(storage):
    """Where a dbbackup Storage writes, for operators: a folder or a bucket."""
    inner = storage.storage
    if isinstance(inner, FileSystemStorage):
        return str(inner.location)
    bucket = getattr(inner, "bucket_name", None)
    if bucket:
        return f"s3://{bucket}/{getattr(inner, 'location', '')}".rstrip("/")
    return str(inner)


def timestamp():
    """The set's name part: UTC, in dbbackup's date format."""
    return datetime.now(UTC).strftime(dbbackup_settings.DATE_FORMAT)


def _save(storage, fileobj, name):
    fileobj.seek(0)
    saved = storage.storage.save(name, File(fileobj, name=name))
    return storage._normalize_listed_name(saved)


def create_backup(*, encrypt=None, keep=None, alias=DEFAULT_DB_ALIAS):
    """Write a new backup set, then keep only the newest ``keep`` sets.

    ``encrypt``: None encrypts when BACKUP_GPG_RECIPIENT is set; True requires it.
    """
    recipient = dbbackup_settings.GPG_RECIPIENT
    if encrypt is None:
        encrypt = bool(recipient)
    if encrypt and not recipient:
        raise BackupError(
            "Encryption needs BACKUP_GPG_RECIPIENT: the key id or fingerprint of a "
            "public key in this user's GnuPG keyring."
        )
    storage = get_storage()
    stamp = timestamp()
    connector = get_connector(alias)

    def seal(fileobj, name):
        fileobj, name = dbbackup_utils.compress_file(fileobj, name)
        if encrypt:
            try:
                fileobj, name = dbbackup_utils.encrypt_file(fileobj, name)
            except Exception as error:
                raise BackupError(
                    f"GnuPG could not encrypt to {recipient!r}: {error}. Is its "
                    "public key in this user's keyring (gpg --import)?"
                ) from error
        return fileobj, name

    # The database first: its checksum goes into the archive's manifest.
    dump, dump_name = seal(
        connector.create_dump(),
        dbbackup_utils.filename_generate(
            connector.extension, connector.database_name, wildcard=stamp
        ),
    )
    dump_sha = _sha256(dump)
    dump_name = _save(storage, dump, dump_name)
    # dbbackup's metadata beside the dump: `manage.py dbrestore` can use it alone.
    metadata = {
        "engine": connector.connection.settings_dict["ENGINE"],
        "connector": f"{connector.__module__}.{type(connector).__name__}",
    }
    _save(storage, ContentFile(json.dumps(metadata).encode()), f"{dump_name}.metadata")

    manifest = {
        "format": FORMAT,
        "created": stamp,
        "database": {
            "file": dump_name,
            "sha256": dump_sha,
            "vendor": connector.connection.vendor,
            **metadata,
        },
        "storages": {},
    }
    archive = dbbackup_utils.create_spooled_temporary_file()
    with tarfile.open(fileobj=archive, mode="w") as tar:
        for label, file_storage in file_storages().items():
            checksums = manifest["storages"][label] = {}
            for name in _walk(file_storage):
                with file_storage.open(name, "rb") as source:
                    data = source.read()
                checksums[name] = hashlib.sha256(data).hexdigest()
                member = tarfile.TarInfo(f"{label}/{name}")
                member.size = len(data)
                tar.addfile(member, io.BytesIO(data))
        data = json.dumps(manifest, indent=1, sort_keys=True).encode()
        member = tarfile.TarInfo(MANIFEST)
        member.size = len(data)
        tar.addfile(member, io.BytesIO(data))
    archive, archive_name = seal(
        archive,
        dbbackup_utils.filename_generate("tar", content_type="media", wildcard=stamp),
    )
    written = archive.seek(0, io.SEEK_END) + dump.seek(0, io.SEEK_END)
    archive_name = _save(storage, archive, archive_name)

    if keep is not None:
        prune(storage, keep)
    return BackupSet(
        archive=archive_name,
        database=dump_name,
        files={label: len(names) for label, names in manifest["storages"].items()},
        size=written,
    )


def prune(storage, keep):
    """Delete the files of every set older than the newest ``keep`` complete sets.

    By sets, not by file type (dbbackup's ``clean_old_backups``): a night whose
    archive failed leaves a dump that must not push a good set's dump out.
    """
    kept = list_sets()[:keep]
    if len(kept) < keep or not kept:
        return
    oldest = storage._filename_to_date_or_min(kept[-1])
    for name in storage.list_backups():
        if storage._filename_to_date_or_min(name) < oldest:
            storage.delete_file(name)
            if storage.storage.exists(f"{name}.metadata"):
                storage.delete_file(f"{name}.metadata")


def list_sets():
    """The complete sets in the backup storage (their archives), newest first."""
    storage = get_storage()
    try:
        names = storage.list_backups(content_type="media")
    except FileNotFoundError:
        names = []
    return sorted(names, key=storage._filename_to_date_or_min, reverse=True)


def _read(storage, name):
    try:
        fileobj = storage.read_file(name)
    except (FileNotFoundError, OSError, StorageError) as error:
        raise BackupError(
            f"Cannot read {name!r} from {describe(storage)}: {error}"
        ) from error
    spooled = dbbackup_utils.create_spooled_temporary_file(fileobj=fileobj)
    fileobj.close()
    return spooled


def _unseal(fileobj, name, passphrase, directory):
    """Decrypt (….gpg) and uncompress (….gz) a file read from the backup storage."""
    if name.endswith(".gpg"):
        output = Path(directory) / "decrypted"
        fileobj.seek(0)
        result = gnupg.GPG().decrypt_file(
            fileobj, passphrase=passphrase, output=str(output)
        )
        if not result.ok:
            raise BackupError(
                f"GnuPG could not decrypt {name!r} ({result.status or 'no status'}). "
                "Import the backup's private key (gpg --import) and set "
                "BACKUP_GPG_PASSPHRASE if it has one."
            )
        fileobj = dbbackup_utils.create_spooled_temporary_file(filepath=str(output))
        output.unlink()
        name = name.removesuffix(".gpg")
    if name.endswith(".gz"):
        fileobj.seek(0)
        try:
            with gzip.GzipFile(fileobj=fileobj, mode="rb") as unzipped:
                plain = dbbackup_utils.create_spooled_temporary_file(fileobj=unzipped)
        except (OSError, EOFError, zlib.error) as error:
            raise BackupError(f"{name!r} is damaged: {error}") from error
        fileobj, name = plain, name.removesuffix(".gz")
    fileobj.seek(0)
    return fileobj


def _resolve(storage, name):
    """The set's archive for ``name`` (an archive, or the set's database dump)."""
    sets = list_sets()
    if name is None:
        if not sets:
            raise BackupError(f"There is no backup set in {describe(storage)}.")
        return sets[0]
    if name in sets:
        return name
    stamp = dbbackup_utils.filename_to_datestring(name)
    matches = [
        s for s in sets if stamp and dbbackup_utils.filename_to_datestring(s) == stamp
    ]
    if len(matches) == 1:
        return matches[0]
    raise BackupError(
        f"There is no backup set named {name!r} in {describe(storage)}. "
        "`manage.py restore --list` lists them."
    )


def _check_archive(archive, directory):
    """Unpack the archive into ``directory`` and check every file against the
    manifest; return the manifest."""
    try:
        with tarfile.open(fileobj=archive, mode="r:") as tar:
            tar.extractall(directory, filter="data")
    except (tarfile.TarError, OSError, EOFError) as error:
        raise BackupError(f"The archive is damaged: {error}") from error
    try:
        manifest = json.loads((Path(directory) / MANIFEST).read_text())
    except (OSError, ValueError) as error:
        raise BackupError(f"The archive has no readable manifest: {error}") from error
    if manifest.get("format") != FORMAT:
        raise BackupError(f"Unknown backup format {manifest.get('format')!r}.")
    for label, checksums in manifest["storages"].items():
        for name, digest in checksums.items():
            path = Path(directory, label, *PurePosixPath(name).parts)
            try:
                with open(path, "rb") as fileobj:
                    ok = _sha256(fileobj) == digest
            except OSError:
                ok = False
            if not ok:
                raise BackupError(f"The archive's copy of {label}/{name} is damaged.")
    return manifest


def restore_backup(name=None, *, passphrase=None, alias=DEFAULT_DB_ALIAS, log=None):
    """Replace the database and put back every file of a backup set.

    ``name``: the set's archive or database file; None restores the newest set.
    Everything is read and checked first: a missing, damaged or undecryptable set
    raises BackupError and changes nothing. Files the set does not hold (uploaded
    since) are left in place. Returns the manifest of the restored set.
    """
    log = log or (lambda message: None)
    storage = get_storage()
    archive_name = _resolve(storage, name)
    targets = file_storages()
    connection = connections[alias]
    with tempfile.TemporaryDirectory(prefix="cecto-restore-") as directory:
        log(f"Checking {archive_name}")
        archive = _unseal(
            _read(storage, archive_name), archive_name, passphrase, directory
        )
        unpacked = Path(directory, "files")
        manifest = _check_archive(archive, unpacked)
        missing = set(manifest["storages"]) - set(targets)
        if missing:
            raise BackupError(
                f"The set holds files for storages this portal does not have: "
                f"{', '.join(sorted(missing))}. Configure them before restoring."
            )
        database = manifest["database"]
        if database["vendor"] != connection.vendor:
            raise BackupError(
                f"The set holds a {database['vendor']} database; this portal runs "
                f"{connection.vendor}."
            )
        log(f"Checking {database['file']}")
        sealed = _read(storage, database["file"])
        if _sha256(sealed) != database["sha256"]:
            raise BackupError(f"{database['file']!r} is damaged (checksum mismatch).")
        dump = _unseal(sealed, database["file"], passphrase, directory)
        connector = get_connector(alias)
        try:
            connector.check_dump(dump)
        except DumpError as error:
            raise BackupError(str(error)) from error

        log(f"Restoring the database {connection.settings_dict['NAME']}")
        if connection.vendor != "sqlite":
            connection.close()  # the restore runs in its own session
        dump.seek(0)
        try:
            connector.restore_dump(dump)
        except DumpError as error:
            raise BackupError(f"The database restore failed: {error}") from error

        for label, checksums in manifest["storages"].items():
            log(f"Restoring {len(checksums)} files to the {label} storage")
            target = targets[label]
            for file_name in checksums:
                if target.exists(file_name):
                    target.delete(file_name)
                path = Path(unpacked, label, *PurePosixPath(file_name).parts)
                with open(path, "rb") as fileobj:
                    saved = target.save(file_name, File(fileobj, name=file_name))
                if saved != file_name:
                    raise BackupError(f"{label}/{file_name} was saved as {saved}.")

    content_changed()  # no page cached before the restore is served again
    return manifest
