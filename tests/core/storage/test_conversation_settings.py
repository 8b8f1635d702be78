"""Each conversation's own settings on real SQLite: the round trip, the defaults, what a reply
records, and a database written before the settings existed (schema 1) opening with its data."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from pathlib import Path

import pytest

from ponder.core.events import AnswerEvent, DoneEvent
from ponder.core.request import GenerateRequest, Message, Sampling
from ponder.core.storage.records import ConversationSettings, NotFoundError
from ponder.core.storage.schema import MIGRATIONS, SCHEMA_VERSION, migrate
from ponder.core.storage.store import ConversationStore


def test_settings_round_trip_and_default(tmp_path: Path) -> None:
    with ConversationStore(tmp_path / "c.sqlite3") as store:
        first = store.create_conversation("a")
        other = store.create_conversation("b")
        assert store.conversation_settings(first.id) == ConversationSettings()
        chosen = ConversationSettings(
            system_prompt="Answer in French.",
            temperature=0.2,
            top_p=0.9,
            seed=42,
            past_reasoning=True,
        )
        store.set_conversation_settings(first.id, chosen)
        assert store.conversation_settings(first.id) == chosen
        assert store.conversation_settings(other.id) == ConversationSettings()
        changed = ConversationSettings(temperature=1.0)
        store.set_conversation_settings(first.id, changed)
        assert store.conversation_settings(first.id) == changed
    with ConversationStore(tmp_path / "c.sqlite3") as store:  # survives a reopen
        assert store.conversation_settings(first.id) == changed
        store.delete_conversation(first.id)
        with closing(sqlite3.connect(tmp_path / "c.sqlite3")) as conn:
            assert conn.execute("SELECT count(*) FROM conversation_settings").fetchone()[0] == 0
        with pytest.raises(NotFoundError):
            store.set_conversation_settings(first.id, changed)


def test_settings_refuse_values_out_of_range() -> None:
    with pytest.raises(ValueError, match="temperature"):
        ConversationSettings(temperature=-1)
    with pytest.raises(ValueError, match="top-p"):
        ConversationSettings(top_p=0)
    with pytest.raises(ValueError, match="seed"):
        ConversationSettings(seed=-3)


def test_settings_override_only_what_they_set() -> None:
    base = Sampling(temperature=0.6, top_p=0.95, top_k=20, seed=None)
    assert ConversationSettings().sampling(base) == base
    assert ConversationSettings(temperature=0.0, seed=7).sampling(base) == Sampling(
        temperature=0.0, top_p=0.95, top_k=20, seed=7
    )


def test_a_reply_records_whether_past_reasoning_was_sent(tmp_path: Path) -> None:
    with ConversationStore(tmp_path / "c.sqlite3") as store:
        conversation = store.create_conversation("t")
        user = store.add_message(conversation.id, "user", "q", parent_id=None)
        for past in (False, True):
            request = GenerateRequest(messages=(Message("user", "q"),), past_reasoning=past)
            writer = store.begin_reply(conversation.id, user.id, request)
            writer.feed(AnswerEvent("a"))
            writer.feed(DoneEvent("eos"))
            record = store.get_message(writer.message_id).generation
            assert record is not None and record.past_reasoning is past


def test_a_schema_1_database_opens_with_its_conversations(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite3"
    with closing(sqlite3.connect(path, isolation_level=None)) as conn:
        migrate(conn, str(path), MIGRATIONS[:1])  # the file as the first release wrote it
        conn.execute(
            "INSERT INTO conversations(id, title, created_at, updated_at) VALUES (1, 'old', 1, 1)"
        )
        conn.execute(
            "INSERT INTO messages(id, conversation_id, role, content, created_at) "
            "VALUES (1, 1, 'user', 'hello', 1), (2, 1, 'assistant', 'hi', 2)"
        )
        conn.execute("UPDATE messages SET parent_id = 1 WHERE id = 2")
        conn.execute(
            "INSERT INTO generations(message_id, thinking_json, sampling_json, started_at) "
            "VALUES (2, '{}', '{}', 2)"
        )
        assert conn.execute("PRAGMA user_version").fetchone()[0] == 1
    with ConversationStore(path, backup_dir=tmp_path / "backups") as store:
        assert store.schema_version == SCHEMA_VERSION == 3
        thread = store.thread(1)
        assert [m.content for m in thread] == ["hello", "hi"]
        assert thread[1].generation is not None and not thread[1].generation.past_reasoning
        assert store.conversation_settings(1) == ConversationSettings()
        store.set_conversation_settings(1, ConversationSettings(seed=5))
        assert store.conversation_settings(1).seed == 5
    assert list((tmp_path / "backups").iterdir())  # a backup before the migration
