"""Each conversation's own settings in the database: one row per conversation that has any.

Functions over a connection, called by ``ConversationStore``; a conversation without a row has
the defaults (``ConversationSettings()``). Deleting a conversation deletes its row.
"""

from __future__ import annotations

import sqlite3

from ponder.core.storage.records import ConversationSettings, NotFoundError


def read_settings(conn: sqlite3.Connection, conversation_id: int) -> ConversationSettings:
    """The conversation's settings (the defaults if it never had any)."""
    row = conn.execute(
        "SELECT system_prompt, temperature, top_p, seed, past_reasoning "
        "FROM conversation_settings WHERE conversation_id = ?",
        (conversation_id,),
    ).fetchone()
    if row is None:
        return ConversationSettings()
    return ConversationSettings(
        system_prompt=row[0],
        temperature=row[1],
        top_p=row[2],
        seed=row[3],
        past_reasoning=bool(row[4]),
    )


def write_settings(
    conn: sqlite3.Connection, conversation_id: int, settings: ConversationSettings
) -> None:
    """Replaces the conversation's settings."""
    exists = conn.execute("SELECT 1 FROM conversations WHERE id = ?", (conversation_id,))
    if exists.fetchone() is None:
        raise NotFoundError(f"There is no conversation {conversation_id}.")
    conn.execute(
        "INSERT INTO conversation_settings(conversation_id, system_prompt, temperature, top_p, "
        "seed, past_reasoning) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT(conversation_id) DO UPDATE "
        "SET system_prompt = excluded.system_prompt, temperature = excluded.temperature, "
        "top_p = excluded.top_p, seed = excluded.seed, past_reasoning = excluded.past_reasoning",
        (
            conversation_id,
            settings.system_prompt,
            settings.temperature,
            settings.top_p,
            settings.seed,
            int(settings.past_reasoning),
        ),
    )
