"""django-dbbackup connectors that can check a dump before restoring it.

Restore checks the whole backup set before it changes anything, so each connector
here adds ``check_dump(dump)``, which raises DumpError for a dump it could not
restore. SQLite is copied with SQLite's online backup API in both directions:
dbbackup's own SqliteBackupConnector restores by writing over the database file,
which corrupts a database that other processes hold open and misses an in-memory
one (the test database).
"""

import sqlite3
import tempfile
from pathlib import Path
from shutil import copyfileobj

from dbbackup.db.exceptions import CommandConnectorError, DumpError
from dbbackup.db.postgresql import PgDumpBinaryConnector
from dbbackup.db.sqlite import SqliteBackupConnector


def open_sqlite_dump(dump, directory):
    """Copy ``dump`` into ``directory`` and open it read-only as a SQLite database.

    Raises DumpError unless it is a sound SQLite database holding Django's tables.
    """
    path = Path(directory) / "restore.sqlite3"
    dump.seek(0)
    with open(path, "wb") as target:
        copyfileobj(dump, target)
    source = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        (status,) = source.execute("PRAGMA integrity_check").fetchone()
        tables = {
            name
            for (name,) in source.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table'"
            )
        }
    except sqlite3.DatabaseError as error:
        source.close()
        raise DumpError(
            f"The database dump is not a SQLite database: {error}"
        ) from error
    if status != "ok" or "django_migrations" not in tables:
        source.close()
        raise DumpError("The database dump is damaged or not a Django database.")
    return source


class SqliteOnlineConnector(SqliteBackupConnector):
    """SQLite backed up and restored page by page under SQLite's own locking."""

    def check_dump(self, dump):
        with tempfile.TemporaryDirectory() as directory:
            open_sqlite_dump(dump, directory).close()

    def restore_dump(self, dump):
        self.connection.ensure_connection()
        with tempfile.TemporaryDirectory() as directory:
            source = open_sqlite_dump(dump, directory)
            try:
                source.backup(self.connection.connection)
            finally:
                source.close()


class PgDumpCheckedConnector(PgDumpBinaryConnector):
    """pg_dump's custom format, restored in one transaction by the portal's role.

    ``--no-owner --no-privileges``: the restoring role (DATABASE_URL's user) owns
    what it restores, whichever role owned the database that was dumped.
    """

    pg_options = "--no-owner --no-privileges"

    def check_dump(self, dump):
        dump.seek(0)
        try:
            stdout, _ = self.run_command(f"{self.restore_cmd} --list", stdin=dump)
        except CommandConnectorError as error:
            raise DumpError(f"The database dump cannot be read: {error}") from error
        if b"TABLE" not in stdout.read():
            raise DumpError("The database dump holds no tables.")
        dump.seek(0)
