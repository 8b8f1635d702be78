"""Finding conversations by title and by the text of their messages.

With FTS5 (most Python builds have it) message text is matched word by word, each word as a
prefix, case- and accent-insensitively, best matches first. Without it the same query runs as
LIKE substring matches (case-insensitive for ASCII only). Titles are short and few: LIKE.
Replies still streaming are not searched until they end.
"""

from __future__ import annotations

import sqlite3

from ponder.core.storage.records import SearchHit
from ponder.core.storage.schema import CONVERSATION_COLUMNS, conversation_from_row

_MAX_MESSAGE_HITS = 1000
_SNIPPET_CHARS = 40


def _fts_term(word: str) -> str:
    """A query word as an FTS5 prefix term; quoting keeps operators and punctuation literal."""
    return '"' + word.replace('"', '""') + '"*'


def _like(word: str) -> str:
    escaped = word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def _snippet(text: str, word: str) -> str:
    """About ``_SNIPPET_CHARS`` characters either side of the first ``word`` in ``text``."""
    at = text.lower().find(word.lower())
    if at < 0:
        return text[: 2 * _SNIPPET_CHARS]
    start, end = max(0, at - _SNIPPET_CHARS), at + len(word) + _SNIPPET_CHARS
    return ("…" if start else "") + text[start:end] + ("…" if end < len(text) else "")


def _message_hits(
    conn: sqlite3.Connection, words: list[str], *, fts: bool
) -> dict[int, tuple[int, str]]:
    """conversation id → (best matching message id, snippet)."""
    hits: dict[int, tuple[int, str]] = {}
    if fts:
        try:
            rows = conn.execute(
                "SELECT m.conversation_id, m.id, snippet(message_fts, -1, '', '', '…', 12) "
                "FROM message_fts JOIN messages m ON m.id = message_fts.rowid "
                "WHERE message_fts MATCH ? ORDER BY rank LIMIT ?",
                (" ".join(_fts_term(w) for w in words), _MAX_MESSAGE_HITS),
            ).fetchall()
        except sqlite3.OperationalError:
            # A query of only punctuation has no terms for FTS5; it still searches titles.
            return hits
        for conversation_id, message_id, snippet in rows:
            hits.setdefault(conversation_id, (message_id, snippet))
        return hits
    condition = " AND ".join(
        "(content LIKE ? ESCAPE '\\' OR thinking LIKE ? ESCAPE '\\')" for _ in words
    )
    params = [pattern for w in words for pattern in (_like(w), _like(w))]
    rows = conn.execute(
        "SELECT conversation_id, id, content, thinking FROM messages "
        f"WHERE status != 'streaming' AND {condition} ORDER BY id DESC LIMIT ?",
        (*params, _MAX_MESSAGE_HITS),
    ).fetchall()
    for conversation_id, message_id, content, thinking in rows:
        first = words[0].lower()
        text = content if first in content.lower() else thinking
        hits.setdefault(conversation_id, (message_id, _snippet(text, words[0])))
    return hits


def search_conversations(
    conn: sqlite3.Connection,
    query: str,
    *,
    fts: bool,
    archived: bool | None,
    limit: int,
) -> list[SearchHit]:
    """Conversations whose title, or one of whose finished messages, has every word of
    ``query``; most recently updated first. ``archived``: None searches all."""
    words = query.split()
    hits = _message_hits(conn, words, fts=fts)
    title_condition = " AND ".join("title LIKE ? ESCAPE '\\'" for _ in words)
    ids = set(hits) | {
        row[0]
        for row in conn.execute(
            f"SELECT id FROM conversations WHERE {title_condition}", [_like(w) for w in words]
        )
    }
    if not ids:
        return []
    archived_condition = "" if archived is None else f"AND archived = {int(archived)}"
    rows = conn.execute(
        f"SELECT {CONVERSATION_COLUMNS} FROM conversations "
        f"WHERE id IN ({', '.join('?' * len(ids))}) {archived_condition} "
        "ORDER BY updated_at DESC, id DESC LIMIT ?",
        (*ids, limit),
    )
    results = []
    for row in rows:
        conversation = conversation_from_row(row)
        message_id, snippet = hits.get(conversation.id, (None, ""))
        results.append(SearchHit(conversation, message_id, snippet))
    return results
