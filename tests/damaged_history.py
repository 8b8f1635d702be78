"""A conversation history on a real SQLite file, and ways to break its bytes (for the tests of
a damaged database, in core and in the window)."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from pathlib import Path

from ponder.core.events import AnswerEvent, DoneEvent, ThinkingEvent
from ponder.core.request import GenerateRequest, Message
from ponder.core.storage.records import StoredMessage
from ponder.core.storage.store import ConversationStore

REQUEST = GenerateRequest(messages=(Message("user", "q"),))
PAGE = 4096  # SQLite's default page size, which the store keeps
HISTORY_CONVERSATIONS = 12


def fill_history(path: Path) -> dict[int, list[StoredMessage]]:
    """A history of several conversations, each a question and a long streamed reply; the
    WAL is folded into the main file so breaking its bytes breaks the database."""
    threads: dict[int, list[StoredMessage]] = {}
    with ConversationStore(path) as store:
        for i in range(HISTORY_CONVERSATIONS):
            conversation = store.create_conversation(f"conversation {i}")
            question = store.add_message(
                conversation.id, "user", f"question {i} " + "q" * 2500, parent_id=None
            )
            writer = store.begin_reply(conversation.id, question.id, REQUEST)
            writer.feed(ThinkingEvent(f"thinking {i:03d} " * 200))
            writer.feed(AnswerEvent(f"answer {i} " * 300))
            writer.feed(DoneEvent("eos"))
            threads[conversation.id] = store.thread(conversation.id)
    with closing(sqlite3.connect(path)) as conn:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return threads


def break_page_holding(path: Path, needle: bytes) -> int:
    """Overwrites the page that holds ``needle`` with garbage; returns its number (from 1)."""
    data = bytearray(path.read_bytes())
    at = data.find(needle)
    assert at > 0, needle
    page = at // PAGE
    data[page * PAGE : (page + 1) * PAGE] = b"\xa5" * PAGE
    path.write_bytes(bytes(data))
    return page + 1


def break_schema_name(path: Path) -> None:
    """Makes a table's name in the schema undecodable: SQLite's own error text then holds
    those bytes (this made `ponder gui` die with a UnicodeDecodeError)."""
    data = bytearray(path.read_bytes())
    at = data.find(b"CREATE TABLE meta")
    name = data.find(b"meta", at - 40, at)
    data[name : name + 4] = b"\xff\xfe\xfd\xfc"
    path.write_bytes(bytes(data))
