"""A reply's error and notices keep their phrases in the database (schema 3), so a reloaded
reply can be shown in the window's language; older rows, and words that are not phrases,
read back as the English text they are."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from pathlib import Path

from ponder.core.events import DoneEvent, ErrorEvent, StatsEvent
from ponder.core.phrases import Phrase, phrase_from_data
from ponder.core.request import GenerateRequest, Message
from ponder.core.storage.schema import MIGRATIONS, migrate
from ponder.core.storage.store import ConversationStore, StoredMessage
from reply_with_phrases import EVENTS, NO_WAIT, TOO_LONG


def _store_reply(path: Path, events=EVENTS) -> int:  # type: ignore[no-untyped-def]
    with ConversationStore(path) as store:
        conversation = store.create_conversation("t")
        user = store.add_message(conversation.id, "user", "q", parent_id=None)
        writer = store.begin_reply(
            conversation.id, user.id, GenerateRequest((Message("user", "q"),))
        )
        for event in events:
            writer.feed(event)
        return writer.message_id


def _reloaded(path: Path, message_id: int) -> StoredMessage:
    with ConversationStore(path) as store:
        return store.get_message(message_id)


def _same_phrase(value: object, phrase: Phrase) -> bool:
    return (
        isinstance(value, Phrase)
        and (value.context, value.template) == (phrase.context, phrase.template)
        and str(value) == str(phrase)
    )


def test_a_reloaded_replys_error_and_notice_are_the_phrases_core_made(tmp_path: Path) -> None:
    path = tmp_path / "c.sqlite3"
    message = _reloaded(path, _store_reply(path))
    assert message.status == "error" and message.error == TOO_LONG
    assert _same_phrase(message.error, TOO_LONG)
    # The values inside it are phrases again too (the window translates them with it).
    assert isinstance(message.error, Phrase) and message.error.args is not None
    assert _same_phrase(message.error.args["holds"], TOO_LONG.args["holds"])  # type: ignore[attr-defined]
    record = message.generation
    assert record is not None and record.stats is not None
    assert record.stats.notices == (NO_WAIT,)
    assert _same_phrase(record.stats.notices[0], NO_WAIT)


def test_plain_words_and_rows_from_before_read_back_as_english(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite3"
    with closing(sqlite3.connect(path, isolation_level=None)) as conn:
        migrate(conn, str(path), MIGRATIONS[:2])  # the file as schema 2 wrote it
    plain = (
        StatsEvent(EVENTS[3].stats),  # type: ignore[attr-defined]
        ErrorEvent("The engine stopped.", kind="engine_crashed"),
        DoneEvent("error"),
    )
    with closing(sqlite3.connect(path, isolation_level=None)) as conn:
        conn.execute(
            "INSERT INTO conversations(id, title, created_at, updated_at) VALUES (1, 'old', 1, 1)"
        )
        conn.execute(
            "INSERT INTO messages(id, conversation_id, role, content, status, error, "
            "created_at) VALUES (1, 1, 'assistant', 'a', 'error', ?, 1)",
            (str(TOO_LONG),),
        )
        conn.execute(
            "INSERT INTO generations(message_id, thinking_json, sampling_json, stats_json, "
            "started_at) VALUES (1, '{}', '{}', ?, 1)",
            ('{"notices": ["' + str(NO_WAIT).replace('"', '\\"') + '"]}',),
        )
    old = _reloaded(path, 1)  # migrated to schema 3 on opening
    assert old.error == str(TOO_LONG) and not isinstance(old.error, Phrase)
    assert old.generation is not None and old.generation.stats is not None
    assert old.generation.stats.notices == (str(NO_WAIT),)
    new = _reloaded(path, _store_reply(path, plain))
    assert new.error == "The engine stopped." and not isinstance(new.error, Phrase)


def test_a_phrase_record_that_does_not_make_its_text_gives_the_text() -> None:
    data = {"context": "Servers", "template": "{server} said no", "args": {"server": "x"}}
    said = Phrase("Servers", "{server} said no", {"server": "x"})
    assert _same_phrase(phrase_from_data(data, "x said no"), said)
    assert not isinstance(phrase_from_data(data, "y said no"), Phrase)  # out of step
    assert phrase_from_data({"template": 3}, "text") == "text"
    assert phrase_from_data({"context": "C", "template": "{a}", "args": {}}, "t") == "t"
