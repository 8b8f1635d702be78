"""The conversation database's schema and its forward migrations.

The schema version lives in ``PRAGMA user_version``. ``MIGRATIONS[i]`` takes a database from
version ``i`` to ``i + 1``; a fresh (empty) file is version 0. Each migration runs in one
transaction together with the version bump, so a failed migration leaves the file as it was.
Never edit a migration that has shipped: append a new one.

Full-text search is not part of the numbered schema: whether FTS5 exists is a property of the
SQLite build that opens the file, not of the file. ``ensure_search_index`` creates the index
(and the triggers that keep it current) when FTS5 is there, and drops the triggers when it is
not, so that a build without FTS5 can still write messages; the index is then marked stale and
rebuilt the next time a build with FTS5 opens the file.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from typing import Any

from ponder.core.storage.records import Conversation, StorageError

_V1 = """
CREATE TABLE meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

CREATE TABLE conversations (
    id             INTEGER PRIMARY KEY,
    title          TEXT    NOT NULL DEFAULT '',
    created_at     REAL    NOT NULL,
    updated_at     REAL    NOT NULL,
    model_id       TEXT,
    model_path     TEXT,
    model_sha256   TEXT,
    archived       INTEGER NOT NULL DEFAULT 0 CHECK (archived IN (0, 1)),
    -- The last message of the branch the user is looking at (regenerate/edit make branches).
    active_leaf_id INTEGER REFERENCES messages(id) ON DELETE SET NULL
);
CREATE INDEX conversations_by_update ON conversations(updated_at DESC, id DESC);
CREATE INDEX conversations_by_leaf ON conversations(active_leaf_id);

-- One row per message. A message's parent is the message it answers or follows; siblings
-- (same parent) are the versions that regenerate and edit-and-resend keep.
-- While a reply streams, its text is in message_chunks; when it ends, the text moves here.
CREATE TABLE messages (
    id              INTEGER PRIMARY KEY,
    conversation_id INTEGER NOT NULL REFERENCES conversations(id) ON DELETE CASCADE,
    parent_id       INTEGER REFERENCES messages(id) ON DELETE CASCADE,
    role            TEXT    NOT NULL CHECK (role IN ('system', 'user', 'assistant')),
    content         TEXT    NOT NULL DEFAULT '',
    thinking        TEXT    NOT NULL DEFAULT '',
    status          TEXT    NOT NULL DEFAULT 'complete' CHECK (
        status IN ('streaming', 'complete', 'cancelled', 'error', 'interrupted')),
    error           TEXT,
    error_kind      TEXT,
    created_at      REAL    NOT NULL
);
CREATE INDEX messages_by_conversation ON messages(conversation_id, id);
CREATE INDEX messages_by_parent ON messages(parent_id);
CREATE INDEX messages_streaming ON messages(status) WHERE status = 'streaming';

-- Append-only pieces of a streaming reply: each commit inserts a row, so appending costs the
-- size of the piece, not the size of the text so far.
CREATE TABLE message_chunks (
    id         INTEGER PRIMARY KEY,
    message_id INTEGER NOT NULL REFERENCES messages(id) ON DELETE CASCADE,
    kind       TEXT    NOT NULL CHECK (kind IN ('thinking', 'answer')),
    text       TEXT    NOT NULL
);
CREATE INDEX message_chunks_by_message ON message_chunks(message_id, id);

-- Text Ponder injected into a reply's thinking. text_offset is where its visible part starts
-- in messages.thinking (in code points); position is the count of thinking tokens before it.
CREATE TABLE interventions (
    id          INTEGER PRIMARY KEY,
    message_id  INTEGER NOT NULL REFERENCES messages(id) ON DELETE CASCADE,
    reason      TEXT    NOT NULL,
    text        TEXT    NOT NULL,
    visible     TEXT    NOT NULL,
    position    INTEGER NOT NULL,
    tokens      INTEGER NOT NULL,
    text_offset INTEGER NOT NULL
);
CREATE INDEX interventions_by_message ON interventions(message_id, id);

-- What produced one reply: the model, the controls, the seed, and the measured figures.
CREATE TABLE generations (
    message_id    INTEGER PRIMARY KEY REFERENCES messages(id) ON DELETE CASCADE,
    model_sha256  TEXT,
    model_path    TEXT,
    thinking_json TEXT    NOT NULL,
    sampling_json TEXT    NOT NULL,
    seed          INTEGER,
    max_tokens    INTEGER,
    system_prompt TEXT,
    stats_json    TEXT,
    done_reason   TEXT,
    started_at    REAL    NOT NULL,
    finished_at   REAL
);
"""

# Per-conversation settings (system prompt, sampling, past reasoning), and whether a reply was
# generated with earlier turns' thinking sent back.
_V2 = """
CREATE TABLE conversation_settings (
    conversation_id INTEGER PRIMARY KEY REFERENCES conversations(id) ON DELETE CASCADE,
    system_prompt   TEXT    NOT NULL DEFAULT '',
    temperature     REAL,
    top_p           REAL,
    seed            INTEGER,
    past_reasoning  INTEGER NOT NULL DEFAULT 0 CHECK (past_reasoning IN (0, 1))
);
ALTER TABLE generations ADD COLUMN past_reasoning INTEGER NOT NULL DEFAULT 0;
"""

# A reply's error and its notices as the phrases core made them (``core.phrases``: context,
# template and values, as JSON), beside their English text: the window shows a reloaded reply
# in its own language, as it showed it live. NULL (rows written before, or words that are
# not phrases): the English text is all there is. notice_phrases is a list in the order of
# stats_json's notices, null where a notice is not a phrase.
_V3 = """
ALTER TABLE messages ADD COLUMN error_phrase TEXT;
ALTER TABLE generations ADD COLUMN notice_phrases TEXT;
"""

MIGRATIONS: tuple[str, ...] = (_V1, _V2, _V3)
SCHEMA_VERSION = len(MIGRATIONS)

_FTS_TABLE = "message_fts"
_FTS_TRIGGERS = ("messages_fts_insert", "messages_fts_delete", "messages_fts_update")
_FTS_CREATE = f"""
CREATE VIRTUAL TABLE IF NOT EXISTS {_FTS_TABLE} USING fts5(
    content, thinking, content='messages', content_rowid='id',
    tokenize='unicode61 remove_diacritics 2'
);
"""
# External-content FTS5: the index holds no copy of the text; these triggers keep it in step.
# Cascading deletes (a conversation's messages) fire them too.
_FTS_TRIGGERS_SQL = f"""
CREATE TRIGGER IF NOT EXISTS messages_fts_insert AFTER INSERT ON messages BEGIN
    INSERT INTO {_FTS_TABLE}(rowid, content, thinking) VALUES (new.id, new.content, new.thinking);
END;
CREATE TRIGGER IF NOT EXISTS messages_fts_delete AFTER DELETE ON messages BEGIN
    INSERT INTO {_FTS_TABLE}({_FTS_TABLE}, rowid, content, thinking)
        VALUES ('delete', old.id, old.content, old.thinking);
END;
CREATE TRIGGER IF NOT EXISTS messages_fts_update AFTER UPDATE OF content, thinking ON messages
BEGIN
    INSERT INTO {_FTS_TABLE}({_FTS_TABLE}, rowid, content, thinking)
        VALUES ('delete', old.id, old.content, old.thinking);
    INSERT INTO {_FTS_TABLE}(rowid, content, thinking) VALUES (new.id, new.content, new.thinking);
END;
"""


CONVERSATION_COLUMNS = (
    "id, title, created_at, updated_at, model_id, model_path, model_sha256, archived, "
    "active_leaf_id"
)


def conversation_from_row(row: Sequence[Any]) -> Conversation:
    """A ``Conversation`` from a row selected with ``CONVERSATION_COLUMNS``."""
    return Conversation(
        id=row[0],
        title=row[1],
        created_at=row[2],
        updated_at=row[3],
        model_id=row[4],
        model_path=row[5],
        model_sha256=row[6],
        archived=bool(row[7]),
        active_leaf_id=row[8],
    )


def schema_version(conn: sqlite3.Connection) -> int:
    """The file's schema version (0 for a new, empty file)."""
    return int(conn.execute("PRAGMA user_version").fetchone()[0])


def migrate(conn: sqlite3.Connection, path: str, migrations: Sequence[str] = MIGRATIONS) -> int:
    """Brings the database up to ``len(migrations)``; returns the version it started at.

    ``conn`` must be in autocommit mode (``isolation_level=None``): each script runs inside
    its own ``BEGIN IMMEDIATE … COMMIT``, and is rolled back whole if a statement fails.
    """
    start = schema_version(conn)
    if start > len(migrations):
        raise StorageError(
            f"The conversation database {path} was written by a newer version of Ponder "
            f"(schema {start}; this version knows up to {len(migrations)}). Update Ponder to "
            "open it, or move the file aside to start with an empty history."
        )
    for version in range(start, len(migrations)):
        try:
            # executescript commits any open transaction first, so the whole migration and
            # its version bump are one explicit transaction inside the script.
            conn.executescript(
                f"BEGIN IMMEDIATE;\n{migrations[version]}\nPRAGMA user_version = {version + 1};\n"
                "COMMIT;"
            )
        except sqlite3.Error as exc:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            if schema_version(conn) > version:
                # Another program (a second window, the command line) made this step between
                # our reading of the version and our taking the lock: the file is as we want it.
                continue
            raise StorageError(
                f"Could not upgrade the conversation database {path} from schema {version} "
                f"to {version + 1}: {exc}. Nothing was changed; make sure the disk has free "
                "space and the file is writable, then start Ponder again."
            ) from exc
    return start


def fts5_available(conn: sqlite3.Connection) -> bool:
    """Whether this SQLite build has the FTS5 module (Python builds differ)."""
    try:
        conn.execute("CREATE VIRTUAL TABLE temp.ponder_fts5_probe USING fts5(x)")
    except sqlite3.OperationalError:
        return False
    conn.execute("DROP TABLE temp.ponder_fts5_probe")
    return True


def _meta(conn: sqlite3.Connection, key: str) -> str | None:
    row = conn.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
    return None if row is None else str(row[0])


def _set_meta(conn: sqlite3.Connection, key: str, value: str) -> None:
    conn.execute(
        "INSERT INTO meta(key, value) VALUES (?, ?) "
        "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
        (key, value),
    )


def ensure_search_index(conn: sqlite3.Connection, *, use_fts: bool) -> None:
    """Creates or rebuilds the full-text index (``use_fts``), or detaches it (not ``use_fts``).

    Runs in one transaction. Detaching drops only the triggers: a build without FTS5 cannot
    touch the virtual table, but then it must not have triggers that write to it either.
    """
    conn.execute("BEGIN IMMEDIATE")
    try:
        have_table = (
            conn.execute(
                "SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = ?", (_FTS_TABLE,)
            ).fetchone()
            is not None
        )
        triggers = {
            row[0] for row in conn.execute("SELECT name FROM sqlite_schema WHERE type = 'trigger'")
        }
        if use_fts:
            stale = not have_table or _meta(conn, "fts") != "current"
            stale = stale or not set(_FTS_TRIGGERS) <= triggers
            if stale:
                # Statement by statement: executescript would commit the transaction.
                conn.execute(_FTS_CREATE)
                for statement in _split_triggers(_FTS_TRIGGERS_SQL):
                    conn.execute(statement)
                conn.execute(f"INSERT INTO {_FTS_TABLE}({_FTS_TABLE}) VALUES ('rebuild')")
                _set_meta(conn, "fts", "current")
        else:
            for name in _FTS_TRIGGERS:
                conn.execute(f"DROP TRIGGER IF EXISTS {name}")
            if have_table:
                _set_meta(conn, "fts", "stale")
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise


def _split_triggers(script: str) -> list[str]:
    """The CREATE TRIGGER statements of ``script`` (each ends with ``END;``)."""
    return [part.strip() + "\nEND" for part in script.split("END;") if part.strip()]
