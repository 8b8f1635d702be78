"""Messages in the conversation database: inserting, reading back, walking branches.

Functions over a connection, called by ``ConversationStore`` inside its transactions. Messages
form a tree per conversation: a message's parent is the one it follows; siblings (same parent)
are the versions kept by regenerate and edit-and-resend. A reply still streaming has its text
in ``message_chunks``; reading it joins the committed chunks.
"""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Sequence
from dataclasses import replace
from typing import Any

from ponder.core.events import Stats
from ponder.core.request import Role, Sampling, ThinkingControl
from ponder.core.storage.records import (
    GenerationRecord,
    MessageStatus,
    NotFoundError,
    StoredIntervention,
    StoredMessage,
    from_json,
    with_phrases,
)

_MESSAGE_COLUMNS = (
    "id, conversation_id, parent_id, role, content, thinking, status, error, error_kind, "
    "created_at, error_phrase"
)
_ROLES: tuple[Role, ...] = ("system", "user", "assistant")


def in_list(column: str, values: Sequence[Any]) -> str:
    """``column IN (?, ?, …)`` with one placeholder per value."""
    return f"{column} IN ({', '.join('?' * len(values))})"


def insert_message(
    conn: sqlite3.Connection,
    *,
    conversation_id: int,
    parent_id: int | None,
    role: Role,
    content: str,
    thinking: str,
    status: MessageStatus,
) -> int:
    """Inserts a message after ``parent_id`` and makes it the end of the branch on show."""
    if role not in _ROLES:
        raise ValueError(f"unknown role {role!r}")
    exists = conn.execute("SELECT 1 FROM conversations WHERE id = ?", (conversation_id,))
    if exists.fetchone() is None:
        raise NotFoundError(f"The conversation {conversation_id} no longer exists.")
    if parent_id is not None:
        row = conn.execute(
            "SELECT conversation_id FROM messages WHERE id = ?", (parent_id,)
        ).fetchone()
        if row is None or row[0] != conversation_id:
            raise NotFoundError(
                f"The message {parent_id} is not in conversation {conversation_id}; it may "
                "have been deleted."
            )
    now = time.time()
    cursor = conn.execute(
        "INSERT INTO messages(conversation_id, parent_id, role, content, thinking, status, "
        "created_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
        (conversation_id, parent_id, role, content, thinking, status, now),
    )
    assert cursor.lastrowid is not None
    conn.execute(
        "UPDATE conversations SET updated_at = ?, active_leaf_id = ? WHERE id = ?",
        (now, cursor.lastrowid, conversation_id),
    )
    return cursor.lastrowid


def chunk_text(conn: sqlite3.Connection, message_id: int) -> dict[str, str]:
    """The committed pieces of a streaming reply, joined, by kind (thinking, answer)."""
    parts: dict[str, list[str]] = {"thinking": [], "answer": []}
    for kind, text in conn.execute(
        "SELECT kind, text FROM message_chunks WHERE message_id = ? ORDER BY id", (message_id,)
    ):
        parts[kind].append(text)
    return {kind: "".join(texts) for kind, texts in parts.items()}


def recover_streaming(conn: sqlite3.Connection) -> list[int]:
    """Marks replies left ``streaming`` as ``interrupted``, moving their committed chunks
    into the message row (appending: an earlier recovery may have moved some already)."""
    ids = [row[0] for row in conn.execute("SELECT id FROM messages WHERE status = 'streaming'")]
    for message_id in ids:
        text = chunk_text(conn, message_id)
        conn.execute(
            "UPDATE messages SET content = content || ?, thinking = thinking || ?, "
            "status = 'interrupted' WHERE id = ?",
            (text["answer"], text["thinking"], message_id),
        )
        conn.execute("DELETE FROM message_chunks WHERE message_id = ?", (message_id,))
    return ids


def path_to(conn: sqlite3.Connection, conversation_id: int, leaf_id: int) -> list[int]:
    """The ids from the conversation's first message down to ``leaf_id``."""
    ids = [
        row[0]
        for row in conn.execute(
            "WITH RECURSIVE path(id, parent_id, depth) AS ("
            " SELECT id, parent_id, 0 FROM messages WHERE id = ? AND conversation_id = ?"
            " UNION ALL SELECT m.id, m.parent_id, path.depth + 1"
            " FROM messages m JOIN path ON m.id = path.parent_id)"
            " SELECT id FROM path ORDER BY depth DESC",
            (leaf_id, conversation_id),
        )
    ]
    if not ids:
        raise NotFoundError(f"The message {leaf_id} is not in conversation {conversation_id}.")
    return ids


def newest_leaf(conn: sqlite3.Connection, message_id: int) -> tuple[int, int]:
    """(the newest message at or below ``message_id``, its conversation id).

    Ids only grow, and a message is always newer than its parent, so the newest message of
    a subtree has no replies: it is the end of the most recent branch through ``message_id``.
    """
    row = conn.execute(
        "WITH RECURSIVE below(id) AS (SELECT ? UNION ALL"
        " SELECT m.id FROM messages m JOIN below ON m.parent_id = below.id)"
        " SELECT max(messages.id), max(conversation_id) FROM below JOIN messages USING (id)",
        (message_id,),
    ).fetchone()
    if row[0] is None:
        raise NotFoundError(f"The message {message_id} no longer exists.")
    return int(row[0]), int(row[1])


def load_messages(
    conn: sqlite3.Connection, where: str, params: Sequence[Any]
) -> list[StoredMessage]:
    """Messages matching ``where`` (oldest first) with their interventions and records."""
    rows = conn.execute(
        f"SELECT {_MESSAGE_COLUMNS} FROM messages WHERE {where} ORDER BY id", params
    ).fetchall()
    ids = [row[0] for row in rows]
    interventions: dict[int, list[StoredIntervention]] = {i: [] for i in ids}
    generations: dict[int, GenerationRecord] = {}
    if ids:
        for r in conn.execute(
            "SELECT id, message_id, reason, text, visible, position, tokens, text_offset "
            f"FROM interventions WHERE {in_list('message_id', ids)} ORDER BY id",
            ids,
        ):
            interventions[r[1]].append(StoredIntervention(*r))
        for r in conn.execute(
            "SELECT message_id, model_sha256, model_path, thinking_json, sampling_json, seed, "
            "max_tokens, system_prompt, stats_json, done_reason, started_at, finished_at, "
            "past_reasoning, notice_phrases "
            f"FROM generations WHERE {in_list('message_id', ids)}",
            ids,
        ):
            generations[r[0]] = _generation_from_row(r)
    messages = []
    for row in rows:
        content, thinking = row[4], row[5]
        if row[6] == "streaming":
            text = chunk_text(conn, row[0])
            content, thinking = content + text["answer"], thinking + text["thinking"]
        messages.append(
            StoredMessage(
                id=row[0],
                conversation_id=row[1],
                parent_id=row[2],
                role=row[3],
                content=content,
                thinking=thinking,
                status=row[6],
                error=with_phrases([row[7]], row[10])[0] if row[7] is not None else None,
                error_kind=row[8],
                created_at=row[9],
                interventions=tuple(interventions[row[0]]),
                generation=generations.get(row[0]),
            )
        )
    return messages


def _generation_from_row(r: Sequence[Any]) -> GenerationRecord:
    stats = from_json(Stats, r[8])
    if stats is not None and stats.notices:
        stats = replace(stats, notices=tuple(with_phrases(stats.notices, r[13])))
    return GenerationRecord(
        message_id=r[0],
        model_sha256=r[1],
        model_path=r[2],
        thinking=from_json(ThinkingControl, r[3]) or ThinkingControl(),
        sampling=from_json(Sampling, r[4]) or Sampling(),
        seed=r[5],
        max_tokens=r[6],
        system_prompt=r[7],
        stats=stats,
        done_reason=r[9],
        started_at=r[10],
        finished_at=r[11],
        past_reasoning=bool(r[12]),
    )
