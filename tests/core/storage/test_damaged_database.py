"""A damaged conversation database, on real SQLite files whose bytes the tests break:
clean errors, rolling backups, and the ways forward (read-only, recover, restore, fresh)."""

from __future__ import annotations

import os
import sqlite3
from contextlib import closing
from pathlib import Path

import pytest

from damaged_history import (
    HISTORY_CONVERSATIONS,
    break_page_holding,
    break_schema_name,
    fill_history,
)
from ponder.core.storage import recovery
from ponder.core.storage.backups import DAILY_PREFIX, Backups
from ponder.core.storage.damage import DatabaseDamagedError
from ponder.core.storage.records import StorageError, StoredMessage
from ponder.core.storage.store import ConversationStore

CONVERSATIONS = HISTORY_CONVERSATIONS


@pytest.fixture
def history(tmp_path: Path) -> tuple[Path, dict[int, list[StoredMessage]]]:
    path = tmp_path / "conversations.sqlite3"
    return path, fill_history(path)


# ----- clean errors ----------------------------------------------------------------------------


def test_an_undecodable_schema_is_reported_as_damage_not_a_unicode_error(history) -> None:
    path, _ = history
    break_schema_name(path)
    with pytest.raises(DatabaseDamagedError, match="is damaged") as caught:
        ConversationStore(path)
    assert caught.value.path == path
    assert "not readable text" in str(caught.value)


def test_a_damaged_header_is_reported_as_damage(history) -> None:
    path, _ = history
    data = bytearray(path.read_bytes())
    data[0:16] = b"not a database!!"
    path.write_bytes(bytes(data))
    with pytest.raises(DatabaseDamagedError, match="ponder conversations --recover"):
        ConversationStore(path)


def test_a_damaged_message_page_gives_the_damage_error_and_the_rest_stays_readable(
    history,
) -> None:
    path, threads = history
    break_page_holding(path, b"question 5 ")
    with ConversationStore(path) as store:
        broken = [cid for cid in threads if _fails(store, cid)]
        assert broken and len(broken) < CONVERSATIONS
        with pytest.raises(DatabaseDamagedError, match="is damaged"):
            store.thread(broken[0])
        # The store is still usable after the error: the read was ended cleanly.
        fine = next(cid for cid in threads if cid not in broken)
        assert store.thread(fine) == threads[fine]


def _fails(store: ConversationStore, conversation_id: int) -> bool:
    try:
        store.thread(conversation_id)
    except DatabaseDamagedError:
        return True
    return False


def test_a_full_disk_is_not_called_damage(tmp_path: Path) -> None:
    path = tmp_path / "conversations.sqlite3"
    with ConversationStore(path) as store:
        conversation = store.create_conversation("kept")
        with store.transaction() as conn:  # SQLite reports SQLITE_FULL at this page count
            pages = conn.execute("PRAGMA page_count").fetchone()[0]
            conn.execute(f"PRAGMA max_page_count = {pages}")
        with pytest.raises(StorageError) as caught:
            store.add_message(conversation.id, "user", "x" * 100_000, parent_id=None)
        message = str(caught.value)
        assert "disk is full" in message and "not damaged" in message
        assert not isinstance(caught.value, DatabaseDamagedError)
        assert "move" not in message and "recover" not in message


def test_a_folder_that_cannot_be_written_is_not_called_damage(tmp_path: Path) -> None:
    # Tests run as root, for whom chmod stops nothing: a path through a regular file makes
    # the folder impossible to create (ENOTDIR) for anyone.
    blocker = tmp_path / "a file"
    blocker.write_text("not a folder")
    with pytest.raises(StorageError) as caught:
        ConversationStore(blocker / "data" / "conversations.sqlite3")
    message = str(caught.value)
    assert "may not write" in message and "not damaged" in message
    assert not isinstance(caught.value, DatabaseDamagedError)


# ----- backups ---------------------------------------------------------------------------------


def test_a_daily_backup_is_made_once_a_day_and_old_ones_roll_off(history, tmp_path) -> None:
    path, threads = history
    folder = tmp_path / "backups"
    day = 86_400.0
    now = [1_700_000_000.0]
    for _ in range(5):
        with ConversationStore(path) as store:
            Backups(folder, keep_daily=3, clock=lambda: now[0]).daily(store._connection())
            assert (
                Backups(folder, keep_daily=3, clock=lambda: now[0]).daily(store._connection())
                is None
            )  # one a day
        now[0] += day
    daily = sorted(p.name for p in folder.iterdir())
    assert len(daily) == 3 and all(n.startswith(DAILY_PREFIX) for n in daily)
    newest = folder / daily[-1]
    with ConversationStore(newest, recover=False) as copy:
        assert copy.integrity_check() == "ok"
        assert {c: copy.thread(c) for c in threads} == threads


def test_opening_with_a_backup_folder_backs_up_and_a_damaged_file_is_not_backed_up(
    history, tmp_path
) -> None:
    path, _ = history
    folder = tmp_path / "backups"
    with ConversationStore(path, backup_dir=folder):
        pass
    assert len(list(folder.iterdir())) == 1
    break_page_holding(path, b"question 3 ")
    for old in folder.iterdir():
        old.unlink()
    with ConversationStore(path, backup_dir=folder):
        pass
    assert list(folder.iterdir()) == []  # damage is never rotated into the backups


def test_a_backup_before_a_migration_is_kept_under_its_schema(history, tmp_path) -> None:
    path, threads = history
    backups = Backups(tmp_path / "backups")
    with closing(sqlite3.connect(path)) as conn:
        made = backups.before_migration(conn, 1)
    assert made is not None and "before-schema-1" in made.name
    with ConversationStore(made) as copy:
        assert {c: copy.thread(c) for c in threads} == threads


# ----- the ways forward ------------------------------------------------------------------------


def test_read_only_shows_what_can_be_read_and_changes_nothing(history) -> None:
    path, threads = history
    break_page_holding(path, b"question 5 ")
    before = path.read_bytes()
    with ConversationStore(path, read_only=True) as store:
        assert len(store.list_conversations()) == CONVERSATIONS
        readable = [cid for cid in threads if not _fails(store, cid)]
        assert readable and all(store.thread(cid) == threads[cid] for cid in readable)
        with pytest.raises(StorageError, match="read-only because it is damaged"):
            store.create_conversation("new")
    assert path.read_bytes() == before


def test_recover_copies_every_readable_row_and_keeps_the_damaged_file(history) -> None:
    path, threads = history
    break_page_holding(path, b"question 5 ")
    with ConversationStore(path, read_only=True) as store:
        readable = {cid for cid in threads if not _fails(store, cid)}
    assert readable and len(readable) < CONVERSATIONS
    damaged_bytes = path.read_bytes()
    report = recovery.recover(path)
    assert report.damaged_kept_at is not None
    assert report.damaged_kept_at.read_bytes() == damaged_bytes  # never deleted or changed
    assert "messages" in report.unreadable  # says what could not be read
    assert "Could not read part of messages" in report.summary()
    with ConversationStore(path) as store:
        assert store.integrity_check() == "ok"
        recovered = {c.id: store.thread(c.id) for c in store.list_conversations()}
    assert len(recovered) == CONVERSATIONS
    # Every thread that could be read in the damaged file is whole in the recovered one.
    assert all(recovered[cid] == threads[cid] for cid in readable)
    for cid, thread in recovered.items():  # what survives of the others is unchanged text
        for message in thread:
            original = {m.id: m for m in threads[cid]}[message.id]
            assert (message.content, message.thinking) == (original.content, original.thinking)


def test_recover_keeps_text_that_is_not_utf8_with_replacement_characters(history) -> None:
    path, threads = history
    data = bytearray(path.read_bytes())
    at = data.find(b"thinking 007")
    data[at : at + 4] = b"\xff\xfe\xfd\xfc"
    path.write_bytes(bytes(data))
    with ConversationStore(path) as store, pytest.raises(DatabaseDamagedError):
        for cid in threads:
            store.thread(cid)
    report = recovery.recover(path)
    assert report.complete, report.summary()
    with ConversationStore(path) as store:
        texts = [m.thinking for cid in threads for m in store.thread(cid)]
    assert sum("\ufffd" in t for t in texts) == 1


def test_recover_of_a_file_whose_schema_is_gone_says_so(history) -> None:
    path, _ = history
    break_schema_name(path)
    report = recovery.recover(path)
    assert "the file" in report.unreadable
    assert report.summary().startswith("Nothing could be recovered.")
    assert report.damaged_kept_at is not None and report.damaged_kept_at.exists()
    with ConversationStore(path) as store:
        assert store.list_conversations() == []


def test_start_fresh_keeps_the_old_file_and_its_wal(history) -> None:
    path, _ = history
    with ConversationStore(path) as store:  # leave committed data in the WAL
        store.create_conversation("only in the WAL")
        wal = Path(str(path) + "-wal")
        assert wal.exists() and wal.stat().st_size > 0
        kept = recovery.start_fresh(path)
    assert kept is not None and not path.exists()
    with ConversationStore(kept, recover=False) as old:
        assert "only in the WAL" in [c.title for c in old.list_conversations()]
    with ConversationStore(path) as store:
        assert store.list_conversations() == []


def test_restore_backup_puts_the_backup_in_place_and_keeps_the_damaged_file(
    history, tmp_path
) -> None:
    path, threads = history
    folder = tmp_path / "backups"
    with ConversationStore(path, backup_dir=folder):
        pass
    backup = Backups(folder).latest()
    assert backup is not None
    break_schema_name(path)
    kept = recovery.restore_backup(path, backup)
    assert kept is not None and kept.exists()
    with ConversationStore(path) as store:
        assert {c: store.thread(c) for c in threads} == threads
    assert os.path.exists(backup)  # the backup itself stays


def test_verify_on_open_finds_a_damaged_page_before_the_user_meets_it(history) -> None:
    path, _ = history
    break_page_holding(path, b"question 5 ")
    with ConversationStore(path):  # without the check, the damage waits for a read
        pass
    with pytest.raises(DatabaseDamagedError, match="is damaged"):
        ConversationStore(path, verify=True)
