"""The conversation history: one SQLite file, written as each reply streams.

Durability: WAL journal with ``synchronous=FULL`` (every commit is on disk when it returns),
foreign keys on (deleting a conversation deletes its messages, interventions and records).
Replies are written by a ``StreamingMessageWriter`` (see ``writer``); a reply that was
still streaming when the app died is marked ``interrupted`` the next time the file is opened,
with the text that reached the disk.

Threads: a ``ConversationStore`` holds one connection and belongs to the thread that made it
(sqlite3 refuses use from another thread). An app opens one store per thread that needs one:
the GUI thread reads and edits; the thread that consumes engine events writes replies. WAL
lets the reader see each committed piece without blocking the writer.
"""

from __future__ import annotations

import logging
import sqlite3
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from types import TracebackType
from typing import Any

from ponder.core.request import GenerateRequest, Role
from ponder.core.storage.backups import Backups
from ponder.core.storage.damage import DatabaseDamagedError, storage_error
from ponder.core.storage.messages import (
    in_list,
    insert_message,
    load_messages,
    newest_leaf,
    path_to,
    recover_streaming,
)
from ponder.core.storage.records import (
    Conversation,
    GenerationRecord,
    MessageStatus,
    NotFoundError,
    SearchHit,
    StorageError,
    StoredIntervention,
    StoredMessage,
    to_json,
)
from ponder.core.storage.schema import (
    CONVERSATION_COLUMNS,
    SCHEMA_VERSION,
    conversation_from_row,
    ensure_search_index,
    fts5_available,
    migrate,
    schema_version,
)
from ponder.core.storage.search import search_conversations
from ponder.core.storage.writer import DEFAULT_COMMIT_INTERVAL_S, StreamingMessageWriter

# What callers need, importable from here (the records live in storage_types).
__all__ = [
    "DEFAULT_COMMIT_INTERVAL_S",
    "Conversation",
    "ConversationStore",
    "DatabaseDamagedError",
    "GenerationRecord",
    "MessageStatus",
    "NotFoundError",
    "SearchHit",
    "StorageError",
    "StoredIntervention",
    "StoredMessage",
    "StreamingMessageWriter",
]

log = logging.getLogger(__name__)


class ConversationStore:
    """Conversations, their branching messages, interventions and generation records.

    ``path``: the database file (``AppPaths.database``), made if missing. ``use_fts``: None
    uses FTS5 full-text search when this SQLite build has it (else LIKE); False forces LIKE.
    ``recover``: mark replies left ``streaming`` by a crash as ``interrupted`` on open. A reply
    that is in fact still being written by another store is not harmed: its writer sets it
    back to ``streaming`` on its next commit, and its final commit holds the whole text.
    ``backup_dir``: keep rolling backups there (``AppPaths.backups``): one a day, and one
    before a schema migration. ``read_only``: open a damaged file to read what can be read;
    nothing is written (no migration, no recovery, LIKE search) and saving says why not.
    ``verify``: check every page on open (SQLite's ``quick_check``; it reads the whole file,
    so the app does it once, at start-up): damage is found before the user meets it.

    A damaged file raises ``DatabaseDamagedError`` (on open or on any later read or write);
    ``ponder.core.storage.recovery`` holds the ways forward.
    """

    def __init__(
        self,
        path: Path | str,
        *,
        use_fts: bool | None = None,
        recover: bool = True,
        timeout_s: float = 10.0,
        backup_dir: Path | None = None,
        read_only: bool = False,
        verify: bool = False,
    ) -> None:
        self.path = Path(path)
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
            if verify and not read_only:
                self._verify()
            self._open(use_fts=use_fts, recover=recover, backup_dir=backup_dir)
        except StorageError:
            self.close()
            raise
        except (OSError, sqlite3.Error, UnicodeDecodeError) as exc:
            self.close()
            raise storage_error(exc, self.path, "open") from exc
        if self.recovered:
            log.warning("replies interrupted by a crash, kept as they were: %s", self.recovered)

    def _verify(self) -> None:
        conn = self._connection()
        problems = [row[0] for row in conn.execute("PRAGMA quick_check(5)")]
        if problems != ["ok"]:
            # Raised as SQLite's own corruption error, so that it is told apart like any other.
            error = sqlite3.DatabaseError("; ".join(problems))
            error.sqlite_errorcode = 11  # SQLITE_CORRUPT
            raise error

    def _open(self, *, use_fts: bool | None, recover: bool, backup_dir: Path | None) -> None:
        conn = self._connection()
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
            backups.daily(conn)

    # ----- connection ------------------------------------------------------------------------

    def _connection(self) -> sqlite3.Connection:
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

    def __enter__(self) -> ConversationStore:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    @property
    def schema_version(self) -> int:
        return schema_version(self._connection())

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """A write transaction (``BEGIN IMMEDIATE``), committed on exit, rolled back on error.

        SQLite errors come out as ``StorageError`` written for the user.
        """
        conn = self._connection()
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
                raise storage_error(exc, self.path, "save to") from exc
            raise

    @contextmanager
    def _snapshot(self) -> Iterator[sqlite3.Connection]:
        """A read transaction: several SELECTs see one consistent state of the file.

        Nested use joins the outer one. SQLite errors come out as ``StorageError`` (a damaged
        file as ``DatabaseDamagedError``); ending the read never replaces that error."""
        conn = self._connection()
        if conn.in_transaction:
            yield conn
            return
        try:
            conn.execute("BEGIN")
            yield conn
            conn.execute("COMMIT")
        except (sqlite3.Error, UnicodeDecodeError) as exc:
            self._end_read(conn)
            raise storage_error(exc, self.path, "read") from exc
        except BaseException:
            self._end_read(conn)
            raise

    @staticmethod
    def _end_read(conn: sqlite3.Connection) -> None:
        if conn.in_transaction:
            try:
                conn.execute("ROLLBACK")
            except (sqlite3.Error, UnicodeDecodeError):
                log.warning("could not end a read of the conversation database", exc_info=True)

    def integrity_check(self) -> str:
        """``ok``, or what SQLite (and the full-text index) found wrong."""
        conn = self._connection()
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

    # ----- conversations -----------------------------------------------------------------------

    def create_conversation(
        self,
        title: str = "",
        *,
        model_id: str | None = None,
        model_path: str | None = None,
        model_sha256: str | None = None,
    ) -> Conversation:
        """A new, empty conversation."""
        now = time.time()
        with self.transaction() as conn:
            cursor = conn.execute(
                "INSERT INTO conversations(title, created_at, updated_at, model_id, model_path, "
                "model_sha256) VALUES (?, ?, ?, ?, ?, ?)",
                (title, now, now, model_id, model_path, model_sha256),
            )
            assert cursor.lastrowid is not None
            conversation_id = cursor.lastrowid
        return self.get_conversation(conversation_id)

    def get_conversation(self, conversation_id: int) -> Conversation:
        with self._snapshot() as conn:
            row = conn.execute(
                f"SELECT {CONVERSATION_COLUMNS} FROM conversations WHERE id = ?",
                (conversation_id,),
            ).fetchone()
        if row is None:
            raise NotFoundError(f"There is no conversation {conversation_id}.")
        return conversation_from_row(row)

    def list_conversations(
        self, *, archived: bool | None = False, limit: int | None = None
    ) -> list[Conversation]:
        """Conversations, most recently updated first. ``archived``: None lists all."""
        where = "" if archived is None else f"WHERE archived = {int(archived)}"
        with self._snapshot() as conn:
            rows = conn.execute(
                f"SELECT {CONVERSATION_COLUMNS} FROM conversations {where} "
                "ORDER BY updated_at DESC, id DESC LIMIT ?",
                (-1 if limit is None else limit,),
            ).fetchall()
        return [conversation_from_row(row) for row in rows]

    def _update_conversation(self, conversation_id: int, sql: str, params: Iterable[Any]) -> None:
        with self.transaction() as conn:
            cursor = conn.execute(
                f"UPDATE conversations SET {sql} WHERE id = ?", (*params, conversation_id)
            )
            if cursor.rowcount == 0:
                raise NotFoundError(f"There is no conversation {conversation_id}.")

    def rename_conversation(self, conversation_id: int, title: str) -> None:
        """Sets the title (without moving the conversation up the list)."""
        self._update_conversation(conversation_id, "title = ?", (title,))

    def set_archived(self, conversation_id: int, archived: bool = True) -> None:
        self._update_conversation(conversation_id, "archived = ?", (int(archived),))

    def set_conversation_model(
        self,
        conversation_id: int,
        *,
        model_id: str | None,
        model_path: str | None,
        model_sha256: str | None,
    ) -> None:
        """Records which model the conversation now uses."""
        self._update_conversation(
            conversation_id,
            "model_id = ?, model_path = ?, model_sha256 = ?",
            (model_id, model_path, model_sha256),
        )

    def delete_conversation(self, conversation_id: int) -> None:
        """Deletes the conversation with all its messages, interventions and records."""
        with self.transaction() as conn:
            conn.execute("DELETE FROM conversations WHERE id = ?", (conversation_id,))

    def search(
        self, query: str, *, archived: bool | None = False, limit: int = 50
    ) -> list[SearchHit]:
        """Conversations whose title, or a finished message's answer or thinking, has every
        word of ``query`` (words match as prefixes with FTS5, as substrings with LIKE), most
        recently updated first. An empty query lists conversations."""
        if not query.split():
            conversations = self.list_conversations(archived=archived, limit=limit)
            return [SearchHit(c, None, "") for c in conversations]
        with self._snapshot() as conn:
            return search_conversations(
                conn, query, fts=self.full_text_search, archived=archived, limit=limit
            )

    # ----- messages ----------------------------------------------------------------------------

    def add_message(
        self,
        conversation_id: int,
        role: Role,
        content: str,
        *,
        parent_id: int | None,
        thinking: str = "",
    ) -> StoredMessage:
        """Adds a finished message after ``parent_id`` (None: a first message) and makes it
        the end of the branch on show. Edit-and-resend: add the edited user message with the
        old one's parent; both versions stay, as siblings."""
        with self.transaction() as conn:
            message_id = insert_message(
                conn,
                conversation_id=conversation_id,
                parent_id=parent_id,
                role=role,
                content=content,
                thinking=thinking,
                status="complete",
            )
        return self.get_message(message_id)

    def begin_reply(
        self,
        conversation_id: int,
        parent_id: int,
        request: GenerateRequest,
        *,
        model_sha256: str | None = None,
        model_path: str | None = None,
        interval_s: float = DEFAULT_COMMIT_INTERVAL_S,
        clock: Callable[[], float] = time.monotonic,
    ) -> StreamingMessageWriter:
        """Starts an assistant reply to ``parent_id`` (the user's message), generated by
        ``request``; feed the returned writer the generation's events. Regenerate: begin a new
        reply to the same parent; the old reply stays as a sibling."""
        with self.transaction() as conn:
            message_id = insert_message(
                conn,
                conversation_id=conversation_id,
                parent_id=parent_id,
                role="assistant",
                content="",
                thinking="",
                status="streaming",
            )
            conn.execute(
                "INSERT INTO generations(message_id, model_sha256, model_path, thinking_json, "
                "sampling_json, seed, max_tokens, system_prompt, started_at) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    message_id,
                    model_sha256,
                    model_path,
                    to_json(request.thinking),
                    to_json(request.sampling),
                    request.sampling.seed,
                    request.max_tokens,
                    request.system_prompt,
                    time.time(),
                ),
            )
        return StreamingMessageWriter(
            self.transaction,
            message_id=message_id,
            conversation_id=conversation_id,
            interval_s=interval_s,
            clock=clock,
        )

    def get_message(self, message_id: int) -> StoredMessage:
        """One message with its interventions and generation record."""
        with self._snapshot() as conn:
            messages = load_messages(conn, "id = ?", (message_id,))
        if not messages:
            raise NotFoundError(f"The message {message_id} no longer exists.")
        return messages[0]

    def thread(self, conversation_id: int, leaf_id: int | None = None) -> list[StoredMessage]:
        """The messages from the first to ``leaf_id`` (default: the branch on show)."""
        with self._snapshot() as conn:
            if leaf_id is None:
                leaf_id = self.get_conversation(conversation_id).active_leaf_id
            if leaf_id is None:  # never set, or its message was deleted: the newest
                row = conn.execute(
                    "SELECT max(id) FROM messages WHERE conversation_id = ?", (conversation_id,)
                ).fetchone()
                if row[0] is None:
                    return []
                leaf_id = int(row[0])
            ids = path_to(conn, conversation_id, leaf_id)
            by_id = {m.id: m for m in load_messages(conn, in_list("id", ids), ids)}
        return [by_id[i] for i in ids]

    def siblings(self, message_id: int) -> list[StoredMessage]:
        """The versions of a message (itself included), oldest first: its parent's children."""
        with self._snapshot() as conn:
            row = conn.execute(
                "SELECT conversation_id, parent_id FROM messages WHERE id = ?", (message_id,)
            ).fetchone()
            if row is None:
                raise NotFoundError(f"The message {message_id} no longer exists.")
            return load_messages(conn, "conversation_id = ? AND parent_id IS ?", tuple(row))

    def select_branch(self, message_id: int) -> list[StoredMessage]:
        """Shows the branch through ``message_id`` (its newest continuation); returns it."""
        with self.transaction() as conn:
            leaf_id, conversation_id = newest_leaf(conn, message_id)
            conn.execute(
                "UPDATE conversations SET active_leaf_id = ? WHERE id = ?",
                (leaf_id, conversation_id),
            )
        return self.thread(conversation_id, leaf_id)

    def delete_message(self, message_id: int) -> None:
        """Deletes a message and everything that followed it on its branch."""
        with self.transaction() as conn:
            conn.execute("DELETE FROM messages WHERE id = ?", (message_id,))

    def recover_interrupted(self) -> list[int]:
        """Marks replies left ``streaming`` as ``interrupted`` (keeping the text on disk);
        returns their ids. Runs on open unless the store was made with ``recover=False``."""
        with self.transaction() as conn:
            return recover_streaming(conn)
