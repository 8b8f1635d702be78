"""The conversation history: one SQLite file, written as each reply streams.

Durability: WAL journal with ``synchronous=FULL`` (every commit is on disk when it returns),
foreign keys on (deleting a conversation deletes its messages, interventions and records).
Replies are written by a ``StreamingMessageWriter`` (see ``writer``); a reply that was
still streaming when the app died is marked ``interrupted`` the next time the file is opened,
with the text that reached the disk.

Opening, closing, the transactions and the integrity check belong to the connection's owner,
``database.Database``; this module holds the conversation and message operations.

Threads: a ``ConversationStore`` holds one connection and belongs to the thread that made it
(sqlite3 refuses use from another thread). An app opens one store per thread that needs one:
the GUI thread reads and edits; the thread that consumes engine events writes replies. WAL
lets the reader see each committed piece without blocking the writer.
"""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Callable, Iterable
from contextlib import AbstractContextManager
from pathlib import Path
from types import TracebackType
from typing import Any

from ponder.core.request import GenerateRequest, Role
from ponder.core.storage.conversation_settings import read_settings, write_settings
from ponder.core.storage.damage import DatabaseDamagedError
from ponder.core.storage.database import Database
from ponder.core.storage.messages import (
    in_list,
    insert_message,
    load_messages,
    newest_leaf,
    path_to,
)
from ponder.core.storage.records import (
    Conversation,
    ConversationSettings,
    GenerationRecord,
    MessageStatus,
    NotFoundError,
    SearchHit,
    StorageError,
    StoredIntervention,
    StoredMessage,
    to_json,
)
from ponder.core.storage.schema import CONVERSATION_COLUMNS, conversation_from_row
from ponder.core.storage.search import search_conversations
from ponder.core.storage.writer import DEFAULT_COMMIT_INTERVAL_S, StreamingMessageWriter
from ponder.core.ways_out import COMMAND_LINE, WaysOut

# What callers need, importable from here (the records live in storage_types).
__all__ = [
    "DEFAULT_COMMIT_INTERVAL_S",
    "Conversation",
    "ConversationSettings",
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
    ``ways_out``: where its errors are read (the window's words, or the command line's).

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
        ways_out: WaysOut = COMMAND_LINE,
    ) -> None:
        self._db = Database(
            Path(path),
            use_fts=use_fts,
            recover=recover,
            timeout_s=timeout_s,
            backup_dir=backup_dir,
            read_only=read_only,
            verify=verify,
            ways_out=ways_out,
        )

    # ----- the database (opened, checked and closed by ``Database``) -------------------------

    @property
    def path(self) -> Path:
        return self._db.path

    @property
    def read_only(self) -> bool:
        return self._db.read_only

    @property
    def recovered(self) -> list[int]:
        """The replies marked ``interrupted`` when the file was opened."""
        return self._db.recovered

    @property
    def full_text_search(self) -> bool:
        return self._db.full_text_search

    @property
    def schema_version(self) -> int:
        return self._db.schema_version

    def _connection(self) -> sqlite3.Connection:
        return self._db.connection()

    def close(self) -> None:
        """Closes the connection. Unfinished writers can no longer commit."""
        self._db.close()

    def __enter__(self) -> ConversationStore:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def transaction(self) -> AbstractContextManager[sqlite3.Connection]:
        """A write transaction (``BEGIN IMMEDIATE``), committed on exit, rolled back on error.

        SQLite errors come out as ``StorageError`` written for the user.
        """
        return self._db.transaction()

    def _snapshot(self) -> AbstractContextManager[sqlite3.Connection]:
        """A read transaction (nested use joins the outer one); see ``Database.snapshot``."""
        return self._db.snapshot()

    def integrity_check(self) -> str:
        """``ok``, or what SQLite (and the full-text index) found wrong."""
        return self._db.integrity_check()

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

    def conversation_settings(self, conversation_id: int) -> ConversationSettings:
        """The conversation's own settings (system prompt, sampling, past reasoning)."""
        with self._snapshot() as conn:
            return read_settings(conn, conversation_id)

    def set_conversation_settings(
        self, conversation_id: int, settings: ConversationSettings
    ) -> None:
        """Replaces the conversation's settings; every later turn of it uses them."""
        with self.transaction() as conn:
            write_settings(conn, conversation_id, settings)

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
                "sampling_json, seed, max_tokens, system_prompt, started_at, past_reasoning) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
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
                    int(request.past_reasoning),
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
        """Deletes a message and everything that followed it on its branch (its replies, and
        their replies). Where the branch on show went with it, the conversation shows the
        newest remaining version of the message instead, or else the thread up to its parent,
        never a branch chosen by accident."""
        with self.transaction() as conn:
            row = conn.execute(
                "SELECT conversation_id, parent_id FROM messages WHERE id = ?", (message_id,)
            ).fetchone()
            if row is None:
                raise NotFoundError(f"The message {message_id} no longer exists.")
            conversation_id, parent_id = row
            shown = "SELECT active_leaf_id FROM conversations WHERE id = ?"
            (before,) = conn.execute(shown, (conversation_id,)).fetchone()
            conn.execute("DELETE FROM messages WHERE id = ?", (message_id,))
            (leaf,) = conn.execute(shown, (conversation_id,)).fetchone()
            if before is None or leaf is not None:  # the branch on show is not affected
                return
            sibling = conn.execute(
                "SELECT max(id) FROM messages WHERE conversation_id = ? AND parent_id IS ?",
                (conversation_id, parent_id),
            ).fetchone()[0]
            leaf = newest_leaf(conn, int(sibling))[0] if sibling is not None else parent_id
            conn.execute(
                "UPDATE conversations SET active_leaf_id = ? WHERE id = ?",
                (leaf, conversation_id),
            )

    def recover_interrupted(self) -> list[int]:
        """Marks replies left ``streaming`` as ``interrupted`` (keeping the text on disk);
        returns their ids. Runs on open unless the store was made with ``recover=False``."""
        return self._db.recover_interrupted()
