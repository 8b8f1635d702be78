"""The conversation database's connection and its lifecycle.

Opening: made if missing (or opened read-only, for a damaged file), every page checked on
request, WAL journal with ``synchronous=FULL``, foreign keys on, a backup before a schema
migration and one a day, the migration, the search index, and replies left ``streaming`` by a
crash marked ``interrupted``. Then: the write transaction, the read snapshot, the integrity
check, closing. SQLite's errors come out as ``StorageError`` written for the user (see
``damage``).

Threads: a ``Database`` holds one connection and belongs to the thread that opened it.
``ConversationStore`` holds one and runs its conversation and message operations through it.
"""

from __future__ import annotations

import logging
import sqlite3
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from ponder.core.storage.backups import Backups
from ponder.core.storage.damage import storage_error
from ponder.core.storage.messages import recover_streaming
from ponder.core.storage.records import StorageError
from ponder.core.storage.schema import (
    SCHEMA_VERSION,
    ensure_search_index,
    fts5_available,
    migrate,
    schema_version,
)
from ponder.core.ways_out import WaysOut

log = logging.getLogger(__name__)


class Database:
    """One open connection to the conversation database; the arguments are
    ``ConversationStore``'s (see there)."""

    def __init__(
        self,
        path: Path,
        *,
        use_fts: bool | None,
        recover: bool,
        timeout_s: float,
        backup_dir: Path | None,
        read_only: bool,
        verify: bool,
        ways_out: WaysOut,
    ) -> None:
        self.path = path
        self.ways_out = ways_out
        self.read_only = read_only
        self.recovered: list[int] = []
        self.full_text_search = False
        self._thread = threading.get_ident()
        self._conn: sqlite3.Connection | None = None
        try:
            if read_only:
                uri = f"{self.path.resolve().as_uri()}?mode=ro"
                self._conn = sqlite3.connect(uri, uri=True, isolation_level=None)
            else:
                self.path.parent.mkdir(parents=True, exist_ok=True)
                self._conn = sqlite3.connect(self.path, isolation_level=None, timeout=timeout_s)
            verified = verify and not read_only
            if verified:
                self._verify()
            self._open(use_fts=use_fts, recover=recover, backup_dir=backup_dir, verified=verified)
        except StorageError:
            self.close()
            raise
        except (OSError, sqlite3.Error, UnicodeDecodeError) as exc:
            self.close()
            raise storage_error(exc, self.path, "open", self.ways_out) from exc
        if self.recovered:
            log.warning("replies interrupted by a crash, kept as they were: %s", self.recovered)

    def _verify(self) -> None:
        conn = self.connection()
        problems = [row[0] for row in conn.execute("PRAGMA quick_check(5)")]
        if problems != ["ok"]:
            # Raised as SQLite's own corruption error, so that it is told apart like any other.
            error = sqlite3.DatabaseError("; ".join(problems))
            error.sqlite_errorcode = 11  # SQLITE_CORRUPT
            raise error

    def _open(
        self, *, use_fts: bool | None, recover: bool, backup_dir: Path | None, verified: bool
    ) -> None:
        conn = self.connection()
        if self.read_only:
            version = schema_version(conn)
            if version != SCHEMA_VERSION:
                raise StorageError(
                    f"The conversation history {self.path} has schema {version}; this Ponder "
                    f"reads schema {SCHEMA_VERSION} read-only. Recover it into a new file "
                    "instead."
                )
            conn.execute("SELECT count(*) FROM conversations").fetchone()
            return
        conn.execute("PRAGMA foreign_keys = ON")
        mode = conn.execute("PRAGMA journal_mode = WAL").fetchone()[0]
        if str(mode).lower() != "wal":
            # Some network file systems cannot share memory for WAL; still safe, slower.
            log.warning("SQLite refused WAL mode for %s (using %s)", self.path, mode)
        conn.execute("PRAGMA synchronous = FULL")
        backups = Backups(backup_dir) if backup_dir is not None else None
        version = schema_version(conn)
        if backups is not None and 0 < version < SCHEMA_VERSION:
            backups.before_migration(conn, version)
        migrate(conn, str(self.path))
        fts = fts5_available(conn) and use_fts is not False
        ensure_search_index(conn, use_fts=fts)
        self.full_text_search = fts
        if recover:
            self.recovered = self.recover_interrupted()
        if backups is not None:
            backups.daily(conn, checked=verified)  # a file just verified is not scanned twice

    def recover_interrupted(self) -> list[int]:
        """Marks replies left ``streaming`` as ``interrupted`` (keeping the text on disk);
        returns their ids."""
        with self.transaction() as conn:
            return recover_streaming(conn)

    def connection(self) -> sqlite3.Connection:
        """The open connection (for the thread that opened it)."""
        if self._conn is None:
            raise StorageError("The conversation database is closed.")
        if threading.get_ident() != self._thread:
            # sqlite3 would refuse too, but its error would read like a disk problem.
            raise RuntimeError("a ConversationStore is used only by the thread that opened it")
        return self._conn

    def close(self) -> None:
        """Closes the connection. Unfinished writers can no longer commit."""
        if self._conn is not None:
            self._conn.close()
            self._conn = None

    @property
    def schema_version(self) -> int:
        return schema_version(self.connection())

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """A write transaction (``BEGIN IMMEDIATE``), committed on exit, rolled back on error.

        SQLite errors come out as ``StorageError`` written for the user.
        """
        conn = self.connection()
        if self.read_only:
            raise StorageError(
                f"The conversation history {self.path} is open read-only because it is "
                "damaged: nothing can be saved. Restart Ponder and choose to recover it into a "
                "new file, or to start a new history (the damaged file is kept)."
            )
        try:
            conn.execute("BEGIN IMMEDIATE")
            yield conn
            conn.execute("COMMIT")
        except BaseException as exc:
            if conn.in_transaction:
                try:
                    conn.execute("ROLLBACK")
                except (sqlite3.Error, UnicodeDecodeError):
                    log.exception("rollback failed")
            if isinstance(exc, (sqlite3.Error, UnicodeDecodeError)):
                raise storage_error(exc, self.path, "save to", self.ways_out) from exc
            raise

    @contextmanager
    def snapshot(self) -> Iterator[sqlite3.Connection]:
        """A read transaction: several SELECTs see one consistent state of the file.

        Nested use joins the outer one. SQLite errors come out as ``StorageError`` (a damaged
        file as ``DatabaseDamagedError``); ending the read never replaces that error."""
        conn = self.connection()
        if conn.in_transaction:
            yield conn
            return
        try:
            conn.execute("BEGIN")
            yield conn
            conn.execute("COMMIT")
        except (sqlite3.Error, UnicodeDecodeError) as exc:
            _end_read(conn)
            raise storage_error(exc, self.path, "read", self.ways_out) from exc
        except BaseException:
            _end_read(conn)
            raise

    def integrity_check(self) -> str:
        """``ok``, or what SQLite (and the full-text index) found wrong."""
        conn = self.connection()
        try:
            problems = [row[0] for row in conn.execute("PRAGMA integrity_check")]
        except (sqlite3.Error, UnicodeDecodeError) as exc:
            return f"SQLite could not check the file: {exc}"
        if self.full_text_search:
            try:
                conn.execute("INSERT INTO message_fts(message_fts) VALUES ('integrity-check')")
            except sqlite3.Error as exc:
                problems.append(f"full-text index: {exc}")
        problems = [p for p in problems if p != "ok"]
        return "\n".join(problems) if problems else "ok"


def _end_read(conn: sqlite3.Connection) -> None:
    if conn.in_transaction:
        try:
            conn.execute("ROLLBACK")
        except (sqlite3.Error, UnicodeDecodeError):
            log.warning("could not end a read of the conversation database", exc_info=True)
