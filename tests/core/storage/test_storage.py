"""The conversation store on real SQLite files: conversations, branches, search, migrations."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import closing
from pathlib import Path

import pytest

from ponder.core.events import AnswerEvent, DoneEvent, ThinkingEvent
from ponder.core.request import GenerateRequest, Message
from ponder.core.storage.damage import DatabaseDamagedError
from ponder.core.storage.records import Conversation, NotFoundError, StorageError, StoredMessage
from ponder.core.storage.schema import MIGRATIONS, SCHEMA_VERSION, fts5_available, migrate
from ponder.core.storage.store import ConversationStore

REQUEST = GenerateRequest(messages=(Message("user", "q"),))


def _has_fts5() -> bool:
    with closing(sqlite3.connect(":memory:")) as conn:
        return fts5_available(conn)


@pytest.fixture(params=["fts5", "like"])
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[ConversationStore]:
    """A store on a fresh file, once with FTS5 search and once with the LIKE fallback."""
    use_fts = request.param == "fts5"
    if use_fts and not _has_fts5():
        pytest.skip("this SQLite build has no FTS5")
    with ConversationStore(tmp_path / "conversations.sqlite3", use_fts=use_fts) as s:
        assert s.full_text_search is use_fts
        yield s


def reply(
    store: ConversationStore,
    conversation: Conversation,
    parent_id: int,
    answer: str,
    thinking: str = "",
) -> StoredMessage:
    """A finished assistant reply, streamed through the writer."""
    writer = store.begin_reply(conversation.id, parent_id, REQUEST)
    if thinking:
        writer.feed(ThinkingEvent(thinking))
    writer.feed(AnswerEvent(answer))
    writer.feed(DoneEvent("eos"))
    return store.get_message(writer.message_id)


def count(path: Path, table: str) -> int:
    with closing(sqlite3.connect(path)) as conn:
        return int(conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0])


# ----- the file --------------------------------------------------------------------------------


def test_new_file_is_migrated_from_version_0_with_durable_settings(tmp_path: Path) -> None:
    path = tmp_path / "sub" / "c.sqlite3"
    with ConversationStore(path) as store:
        assert store.schema_version == SCHEMA_VERSION == len(MIGRATIONS)
        with store.transaction() as conn:
            assert conn.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL
            assert conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
        assert store.integrity_check() == "ok"
    with closing(sqlite3.connect(path)) as conn:
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_schema WHERE type='table'")}
    assert {"conversations", "messages", "message_chunks", "interventions", "generations"} <= tables


def test_reopening_keeps_everything(tmp_path: Path) -> None:
    path = tmp_path / "c.sqlite3"
    with ConversationStore(path) as store:
        conversation = store.create_conversation(
            "Primes", model_id="r1-1.5b", model_sha256="ab" * 32
        )
        user = store.add_message(conversation.id, "user", "Is 17 prime?", parent_id=None)
        reply(store, conversation, user.id, "Yes.", "17 has no divisors but 1 and 17.")
    with ConversationStore(path) as store:
        assert store.recovered == []
        assert store.get_conversation(conversation.id).model_sha256 == "ab" * 32
        thread = store.thread(conversation.id)
        assert [(m.role, m.content, m.thinking, m.status) for m in thread] == [
            ("user", "Is 17 prime?", "", "complete"),
            ("assistant", "Yes.", "17 has no divisors but 1 and 17.", "complete"),
        ]
        assert thread[1].to_request_message() == Message("assistant", "Yes.", thread[1].thinking)


def test_a_file_from_a_newer_ponder_is_refused_untouched(tmp_path: Path) -> None:
    path = tmp_path / "c.sqlite3"
    with closing(sqlite3.connect(path)) as conn:
        conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    with pytest.raises(StorageError, match="newer version of Ponder"):
        ConversationStore(path)
    with closing(sqlite3.connect(path)) as conn:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION + 1
        assert conn.execute("SELECT count(*) FROM sqlite_schema").fetchone()[0] == 0


def test_a_file_that_is_not_a_database_gives_a_readable_error(tmp_path: Path) -> None:
    path = tmp_path / "c.sqlite3"
    path.write_bytes(b"this is not SQLite, it is a shopping list " * 200)
    with pytest.raises(DatabaseDamagedError, match="is damaged"):
        ConversationStore(path)


def test_migrations_chain_forward_and_a_failed_one_changes_nothing(tmp_path: Path) -> None:
    path = tmp_path / "c.sqlite3"
    with ConversationStore(path) as store:
        conversation = store.create_conversation("kept")
    conn = sqlite3.connect(path, isolation_level=None)
    try:
        good = "ALTER TABLE conversations ADD COLUMN pinned INTEGER NOT NULL DEFAULT 0;"
        bad = "CREATE TABLE sweeps (id INTEGER PRIMARY KEY); INSERT INTO no_such_table VALUES (1);"
        with pytest.raises(StorageError, match=f"from schema {SCHEMA_VERSION + 1}"):
            migrate(conn, str(path), (*MIGRATIONS, good, bad))
        # The good step stuck; the bad one rolled back whole (its first table is not there).
        assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION + 1
        names = {r[0] for r in conn.execute("SELECT name FROM sqlite_schema")}
        assert "sweeps" not in names
        assert conn.execute("SELECT title, pinned FROM conversations").fetchall() == [("kept", 0)]
        assert migrate(conn, str(path), (*MIGRATIONS, good)) == SCHEMA_VERSION + 1
    finally:
        conn.close()
    assert conversation.title == "kept"


class _OtherProgramFirst(tuple[str, ...]):
    """The migrations, as a second program sees them: the first program upgrades the file
    between the second's reading of the version and its first step (found by the crash
    campaign: a reader opening the file while the app created it got "table meta already
    exists")."""

    other: sqlite3.Connection
    path: str

    def __getitem__(self, index):  # type: ignore[no-untyped-def, override]
        if index == 0 and self.other is not None:
            other, self.other = self.other, None  # type: ignore[assignment]
            migrate(other, self.path, MIGRATIONS)
        return super().__getitem__(index)


def test_two_programs_creating_the_file_at_once_both_open_it(tmp_path: Path) -> None:
    path = tmp_path / "c.sqlite3"
    first = sqlite3.connect(path, isolation_level=None)
    second = sqlite3.connect(path, isolation_level=None)
    try:
        racing = _OtherProgramFirst(MIGRATIONS)
        racing.other, racing.path = first, str(path)
        assert migrate(second, str(path), racing) == 0
        assert racing.other is None  # the first program did go first
        assert second.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    finally:
        first.close()
        second.close()
    with ConversationStore(path) as store:
        assert store.integrity_check() == "ok"


# ----- conversations -----------------------------------------------------------------------


def test_conversations_are_listed_most_recently_updated_first(store: ConversationStore) -> None:
    a, b, c = (store.create_conversation(t) for t in "abc")
    assert [x.id for x in store.list_conversations()] == [c.id, b.id, a.id]
    store.add_message(a.id, "user", "hello", parent_id=None)
    store.rename_conversation(b.id, "b renamed")  # a rename does not move it up
    listed = store.list_conversations()
    assert [x.title for x in listed] == ["a", "c", "b renamed"]
    assert store.list_conversations(limit=1)[0].id == a.id
    store.set_archived(c.id)
    assert [x.id for x in store.list_conversations()] == [a.id, b.id]
    assert [x.id for x in store.list_conversations(archived=True)] == [c.id]
    assert len(store.list_conversations(archived=None)) == 3
    with pytest.raises(NotFoundError):
        store.rename_conversation(999, "x")


def test_deleting_a_conversation_deletes_everything_in_it(store: ConversationStore) -> None:
    keep, drop = store.create_conversation("keep"), store.create_conversation("drop")
    for conversation in (keep, drop):
        user = store.add_message(conversation.id, "user", "question", parent_id=None)
        reply(store, conversation, user.id, "answer", "thinking")
    unfinished = store.begin_reply(drop.id, user.id, REQUEST)
    unfinished.feed(ThinkingEvent("half a thought"))
    unfinished.flush()
    store.delete_conversation(drop.id)
    with pytest.raises(NotFoundError):
        store.get_conversation(drop.id)
    assert count(store.path, "messages") == 2
    assert count(store.path, "generations") == 1
    assert count(store.path, "message_chunks") == 0
    assert [h.conversation.id for h in store.search("question")] == [keep.id]
    assert store.integrity_check() == "ok"


# ----- branches --------------------------------------------------------------------------------


def test_regenerate_keeps_the_old_reply_as_a_sibling(store: ConversationStore) -> None:
    conversation = store.create_conversation()
    user = store.add_message(conversation.id, "user", "Is 17 prime?", parent_id=None)
    first = reply(store, conversation, user.id, "No.")
    second = reply(store, conversation, user.id, "Yes.")
    assert [m.content for m in store.siblings(first.id)] == ["No.", "Yes."]
    assert [m.content for m in store.thread(conversation.id)] == ["Is 17 prime?", "Yes."]
    assert [m.content for m in store.select_branch(first.id)] == ["Is 17 prime?", "No."]
    assert store.get_conversation(conversation.id).active_leaf_id == first.id
    assert [m.content for m in store.thread(conversation.id, second.id)][-1] == "Yes."


def test_edit_and_resend_branches_from_the_edited_message(store: ConversationStore) -> None:
    conversation = store.create_conversation()
    q1 = store.add_message(conversation.id, "user", "Is 21 prime?", parent_id=None)
    a1 = reply(store, conversation, q1.id, "No, 3 × 7.")
    q2 = store.add_message(conversation.id, "user", "And 23?", parent_id=a1.id)
    reply(store, conversation, q2.id, "Yes.")
    edited = store.add_message(conversation.id, "user", "Is 19 prime?", parent_id=None)
    reply(store, conversation, edited.id, "Yes, 19 is prime.")
    assert [m.content for m in store.siblings(q1.id)] == ["Is 21 prime?", "Is 19 prime?"]
    assert [m.content for m in store.thread(conversation.id)] == [
        "Is 19 prime?",
        "Yes, 19 is prime.",
    ]
    # Going back to the first version shows its newest continuation, the whole old branch.
    assert [m.content for m in store.select_branch(q1.id)] == [
        "Is 21 prime?",
        "No, 3 × 7.",
        "And 23?",
        "Yes.",
    ]


def test_deleting_a_message_deletes_what_followed_it(store: ConversationStore) -> None:
    conversation = store.create_conversation()
    q1 = store.add_message(conversation.id, "user", "one", parent_id=None)
    a1 = reply(store, conversation, q1.id, "two")
    q2 = store.add_message(conversation.id, "user", "three", parent_id=a1.id)
    reply(store, conversation, q2.id, "four")
    store.delete_message(q2.id)
    assert [m.content for m in store.thread(conversation.id)] == ["one", "two"]
    store.delete_message(q1.id)
    assert store.thread(conversation.id) == []
    assert count(store.path, "messages") == 0


def test_deleting_the_shown_branch_shows_its_next_version_not_a_stray_branch(
    store: ConversationStore,
) -> None:
    """#13 item 1: a deleted message's replies go with it, and the conversation then shows
    the newest remaining version of the message, or the thread up to its parent, never the
    newest branch somewhere else."""
    conversation = store.create_conversation()
    q1 = store.add_message(conversation.id, "user", "q1", parent_id=None)
    a1 = reply(store, conversation, q1.id, "a1")
    q2 = store.add_message(conversation.id, "user", "q2", parent_id=a1.id)
    reply(store, conversation, q2.id, "a2")
    reply(store, conversation, q1.id, "a1 regenerated")  # the newest message, another branch
    store.select_branch(a1.id)
    q2b = store.add_message(conversation.id, "user", "q2 edited", parent_id=a1.id)
    reply(store, conversation, q2b.id, "a2b")
    assert [m.content for m in store.thread(conversation.id)] == ["q1", "a1", "q2 edited", "a2b"]
    store.delete_message(q2b.id)
    assert [m.content for m in store.thread(conversation.id)] == ["q1", "a1", "q2", "a2"]
    store.delete_message(q2.id)
    assert [m.content for m in store.thread(conversation.id)] == ["q1", "a1"]
    with pytest.raises(NotFoundError):
        store.delete_message(q2.id)


def test_a_parent_must_belong_to_the_conversation(store: ConversationStore) -> None:
    a, b = store.create_conversation("a"), store.create_conversation("b")
    other = store.add_message(a.id, "user", "hi", parent_id=None)
    with pytest.raises(NotFoundError):
        store.add_message(b.id, "user", "hi", parent_id=other.id)
    with pytest.raises(NotFoundError):
        store.begin_reply(b.id, other.id, REQUEST)
    with pytest.raises(NotFoundError):
        store.add_message(999, "user", "hi", parent_id=None)
    assert store.thread(b.id) == []


# ----- search ----------------------------------------------------------------------------------


@pytest.fixture
def searchable(store: ConversationStore) -> dict[str, Conversation]:
    made = {}
    for title, question, answer, thinking in [
        ("Primes", "Is 17 prime?", "Yes, 17 is prime.", "Check divisors 2, 3 and 4."),
        ("Strawberry", "How many r in strawberry?", "Three.", "s-t-r-a-w-b-e-r-r-y: 3 letters r"),
        ("Decimals", "Is 9.11 bigger than 9.9?", "No, 9.9 is bigger.", "Compare 0.11 and 0.90"),
    ]:
        conversation = store.create_conversation(title)
        user = store.add_message(conversation.id, "user", question, parent_id=None)
        reply(store, conversation, user.id, answer, thinking)
        made[title] = conversation
    return made


def found(store: ConversationStore, query: str, archived: bool | None = False) -> list[str]:
    return [hit.conversation.title for hit in store.search(query, archived=archived)]


def test_search_finds_titles_answers_and_thinking(
    store: ConversationStore, searchable: dict[str, Conversation]
) -> None:
    assert found(store, "strawberry") == ["Strawberry"]
    assert found(store, "divisors") == ["Primes"]  # only in the thinking
    assert found(store, "DECIMALS") == ["Decimals"]  # only in the title
    assert found(store, "prim") == ["Primes"]  # a word's beginning is enough
    assert found(store, "bigger 9.9") == ["Decimals"]
    assert found(store, "bigger strawberry") == []  # every word must match
    assert found(store, "nothing like this") == []
    assert found(store, '"; DROP TABLE messages; --') == []
    assert found(store, "*** ---") == []
    assert found(store, "") == ["Decimals", "Strawberry", "Primes"]
    hit = store.search("divisors")[0]
    assert hit.message_id is not None and "divisors" in hit.snippet
    assert store.get_message(hit.message_id).conversation_id == searchable["Primes"].id


def test_search_skips_archived_and_deleted_and_unfinished(
    store: ConversationStore, searchable: dict[str, Conversation]
) -> None:
    store.set_archived(searchable["Primes"].id)
    assert found(store, "prime") == []
    assert found(store, "prime", archived=None) == ["Primes"]
    store.delete_conversation(searchable["Strawberry"].id)
    assert found(store, "strawberry") == []
    conversation = store.create_conversation("live")
    user = store.add_message(conversation.id, "user", "go", parent_id=None)
    writer = store.begin_reply(conversation.id, user.id, REQUEST)
    writer.feed(AnswerEvent("zebra"))
    writer.flush()
    assert found(store, "zebra") == []
    writer.feed(DoneEvent("eos"))
    assert found(store, "zebra") == ["live"]
    assert store.integrity_check() == "ok"


def test_messages_written_without_fts5_are_found_once_it_is_back(tmp_path: Path) -> None:
    if not _has_fts5():
        pytest.skip("this SQLite build has no FTS5")
    path = tmp_path / "c.sqlite3"
    with ConversationStore(path) as store:
        early = store.create_conversation("early")
        store.add_message(early.id, "user", "aardvark", parent_id=None)
    with ConversationStore(path, use_fts=False) as store:  # like a build without FTS5
        late = store.create_conversation("late")
        user = store.add_message(late.id, "user", "zeppelin", parent_id=None)
        reply(store, late, user.id, "quokka")
        store.delete_conversation(early.id)
        assert found(store, "zeppelin") == ["late"]
    with ConversationStore(path) as store:
        assert store.full_text_search
        assert found(store, "zeppelin") == ["late"]
        assert found(store, "quokka") == ["late"]
        assert found(store, "aardvark") == []
        assert store.integrity_check() == "ok"
