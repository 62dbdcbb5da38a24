"""Media storage that keeps documents where no static route can reach them.

Wagtail stores documents and images through one storage (Django's "default"), so a
web server or CDN that serves `/media/` would hand out every document, private
materials and submissions in review included, bypassing Wagtail's checks. Wagtail 8
has no setting for a documents storage of its own, so the default storage here is a
router: names under `documents/` (Wagtail's upload folder for documents) go to the
`private_media` storage (`PRIVATE_MEDIA_ROOT`, or a private prefix or bucket on S3),
everything else (original images, renditions) to `public_media` (`MEDIA_ROOT`).

A private file never has a URL: `url()` raises NotImplementedError, which Wagtail's
serve view expects from storages without one, so documents are only ever served by
`/documents/<id>/<name>`, after collection privacy and the portal's own checks
(`WAGTAILDOCS_SERVE_METHOD = "serve_view"`).
"""

import posixpath

from django.core.files.storage import FileSystemStorage, Storage, storages
from django.utils.deconstruct import deconstructible

PRIVATE_FOLDER = "documents"


def is_private_name(name: str) -> bool:
    """True for a file name (or folder) inside the private documents folder."""
    name = posixpath.normpath(str(name).replace("\\", "/")).lstrip("/")
    return name == PRIVATE_FOLDER or name.startswith(PRIVATE_FOLDER + "/")


@deconstructible(path="private_media.storage.PrivateFileSystemStorage")
class PrivateFileSystemStorage(FileSystemStorage):
    """A file-system storage whose files have no URL (PRIVATE_MEDIA_ROOT)."""

    def url(self, name):
        raise NotImplementedError("Private files have no URL.")


@deconstructible(path="private_media.storage.MediaStorage")
class MediaStorage(Storage):
    """STORAGES["default"]: documents/ to `private`, everything else to `public`.

    Each argument names an entry of STORAGES. Every file operation goes to the
    storage the name belongs to; listing the top folder shows both, so a media
    backup that walks the default storage (django-dbbackup's `mediabackup`)
    includes the documents.
    """

    def __init__(self, public="public_media", private="private_media"):
        self.public_alias = public
        self.private_alias = private

    @property
    def public(self):
        return storages[self.public_alias]

    @property
    def private(self):
        return storages[self.private_alias]

    def storage_for(self, name):
        return self.private if is_private_name(name) else self.public

    # Writing: the routed storage picks the free name and writes the file.
    def generate_filename(self, filename):
        return self.storage_for(filename).generate_filename(filename)

    def get_available_name(self, name, max_length=None):
        return self.storage_for(name).get_available_name(name, max_length=max_length)

    def save(self, name, content, max_length=None):
        if name is None:
            name = content.name
        return self.storage_for(name).save(name, content, max_length=max_length)

    def _open(self, name, mode="rb"):
        return self.storage_for(name).open(name, mode)

    def delete(self, name):
        return self.storage_for(name).delete(name)

    def exists(self, name):
        return self.storage_for(name).exists(name)

    def listdir(self, path):
        if is_private_name(path):
            return self.private.listdir(path)
        directories, files = self.public.listdir(path)
        if posixpath.normpath(path or ".") == ".":
            directories = [d for d in directories if d != PRIVATE_FOLDER]
            if _has_entries(self.private, PRIVATE_FOLDER):
                directories.append(PRIVATE_FOLDER)
        return directories, files

    def size(self, name):
        return self.storage_for(name).size(name)

    def path(self, name):
        return self.storage_for(name).path(name)

    def url(self, name):
        if is_private_name(name):
            raise NotImplementedError(
                "Documents have no media URL: Wagtail's /documents/ view serves them."
            )
        return self.public.url(name)

    def get_accessed_time(self, name):
        return self.storage_for(name).get_accessed_time(name)

    def get_created_time(self, name):
        return self.storage_for(name).get_created_time(name)

    def get_modified_time(self, name):
        return self.storage_for(name).get_modified_time(name)


def _has_entries(storage, folder):
    """Whether `folder` holds anything (S3 has no folders: `exists()` is False)."""
    try:
        directories, files = storage.listdir(folder)
    except FileNotFoundError:
        return False
    return bool(directories or files)


def _walk(storage, folder):
    directories, files = storage.listdir(folder)
    for name in files:
        yield posixpath.join(folder, name)
    for directory in directories:
        yield from _walk(storage, posixpath.join(folder, directory))


def move_public_documents(
    public: Storage | None = None,
    private: Storage | None = None,
    dry_run: bool = False,
) -> tuple[list[str], list[str]]:
    """Move files left under the public media's documents/ to the private storage.

    Idempotent: a file is copied under the same name, then deleted from the
    public side; one already there with the same content is only deleted
    from the public side. A different file under the same name is left alone and
    reported (the document row points at that name). Returns (moved, conflicts).
    """
    public = public or storages["public_media"]
    private = private or storages["private_media"]
    moved: list[str] = []
    conflicts: list[str] = []
    if not _has_entries(public, PRIVATE_FOLDER):
        return moved, conflicts
    for name in sorted(_walk(public, PRIVATE_FOLDER)):
        with public.open(name, "rb") as source:
            content = source.read()
        if private.exists(name):
            with private.open(name, "rb") as existing:
                if existing.read() != content:
                    conflicts.append(name)
                    continue
        elif not dry_run:
            with public.open(name, "rb") as source:
                stored = private.save(name, source)
            if stored != name:  # pragma: no cover - checked free just above
                private.delete(stored)
                conflicts.append(name)
                continue
        if not dry_run:
            public.delete(name)
        moved.append(name)
    return moved, conflicts
