"""The ways forward from a damaged conversation database. None of them deletes the file.

* ``recover``: copy every row that can still be read into a new file, keep the damaged file
  beside it under another name, and put the new file in its place;
* ``restore_backup``: keep the damaged file aside and put a backup in its place;
* ``start_fresh``: keep the damaged file aside; the next open makes an empty history;
* (opening the damaged file read-only is ``ConversationStore(path, read_only=True)``.)

Recovery copies table by table, in rowid order, with SQLite's own schema: SQLite's
``.recover`` lives only in the ``sqlite3`` shell, which Python's module lacks and users'
machines often do not have. A damaged page stops a scan; the scan then resumes past it
(probing further and further ahead), so one bad page loses only the rows on it. Text that is
not UTF-8 is kept with replacement characters. Rows that lost what they belong to (a message
whose conversation was on a lost page) cannot be shown and are counted as lost.
"""

from __future__ import annotations

import logging
import os
import shutil
import sqlite3
import time
from collections.abc import Iterator
from contextlib import closing, suppress
from dataclasses import dataclass, field
from pathlib import Path

from ponder.core.storage.schema import migrate

log = logging.getLogger(__name__)

# Parents first, so that a row's parent is there when it is checked.
TABLES = (
    "meta",
    "conversations",
    "conversation_settings",
    "messages",
    "message_chunks",
    "interventions",
    "generations",
)
# Tables a later migration added: a file older than them lacks them and loses nothing.
_ADDED_LATER = frozenset({"conversation_settings"})
_SIDE_FILES = ("-wal", "-shm")
_MAX_SKIP = 1 << 40
_LOOKUP_WINDOW = 4096  # rowids looked up one by one past a damaged page


@dataclass
class RecoveryReport:
    """What ``recover`` did: rows copied and lost per table, and where the files are."""

    recovered: Path
    damaged_kept_at: Path | None = None
    copied: dict[str, int] = field(default_factory=dict)
    unreadable: dict[str, str] = field(default_factory=dict)  # table: what could not be read
    orphans_dropped: dict[str, int] = field(default_factory=dict)

    @property
    def complete(self) -> bool:
        return not self.unreadable and not any(self.orphans_dropped.values())

    def summary(self) -> str:
        """For the user: what was recovered, what was lost, where the old file is."""
        kept = sum(self.copied.get(t, 0) for t in ("conversations", "messages"))
        parts = [
            f"Recovered {self.copied.get('conversations', 0)} conversations and "
            f"{self.copied.get('messages', 0)} messages."
            if kept
            else "Nothing could be recovered."
        ]
        for table, what in self.unreadable.items():
            parts.append(f"Could not read part of {table}: {what}.")
        lost = {t: n for t, n in self.orphans_dropped.items() if n}
        if lost:
            parts.append(
                "Dropped rows whose conversation or message was lost: "
                + ", ".join(f"{n} from {t}" for t, n in lost.items())
                + "."
            )
        if self.damaged_kept_at is not None:
            parts.append(f"The damaged file is kept as {self.damaged_kept_at}.")
        return " ".join(parts)


def _stamp() -> str:
    return time.strftime("%Y%m%d-%H%M%S")


def _free_name(path: Path, label: str) -> Path:
    """``conversations.<label>-<time>.sqlite3`` beside ``path``, not yet taken."""
    base = f"{path.stem}.{label}-{_stamp()}"
    candidate = path.with_name(base + path.suffix)
    n = 1
    while candidate.exists():
        n += 1
        candidate = path.with_name(f"{base}-{n}{path.suffix}")
    return candidate


def set_aside(path: Path) -> Path | None:
    """Renames the database (and its WAL, which holds committed data) to a ``damaged`` name
    beside it; returns the new name, or None if there was no file."""
    if not path.exists():
        return None
    aside = _free_name(path, "damaged")
    for side in _SIDE_FILES:  # the side files first: the main file's name is the anchor
        extra = Path(str(path) + side)
        if extra.exists():
            os.replace(extra, Path(str(aside) + side))
    os.replace(path, aside)
    log.info("set the damaged conversation history aside as %s", aside)
    return aside


def start_fresh(path: Path) -> Path | None:
    """Keeps the damaged file aside; the next open starts an empty history. The kept name."""
    return set_aside(path)


def restore_backup(path: Path, backup: Path) -> Path | None:
    """Keeps the damaged file aside and puts a copy of ``backup`` in its place."""
    temp = path.with_name(path.name + ".restoring")
    shutil.copyfile(backup, temp)
    aside = set_aside(path)
    os.replace(temp, path)
    return aside


def recover(path: Path) -> RecoveryReport:
    """Copies what can be read into a new file, keeps the damaged one aside, and puts the
    new one in its place. The report says what could not be read."""
    target = _free_name(path, "recovered")
    report = recover_into(path, target)
    report.damaged_kept_at = set_aside(path)
    os.replace(target, path)
    report.recovered = path
    return report


def recover_into(damaged: Path, target: Path) -> RecoveryReport:
    """Copies every readable row of ``damaged`` into ``target``, a new file with the current
    schema. ``damaged`` is opened read-only and not changed."""
    report = RecoveryReport(recovered=target)
    with closing(sqlite3.connect(target, isolation_level=None)) as out:
        migrate(out, str(target))
        columns = {t: _columns(out, t) for t in TABLES}
        try:
            source = sqlite3.connect(f"{damaged.resolve().as_uri()}?mode=ro", uri=True)
        except sqlite3.Error as exc:
            report.unreadable["the file"] = str(exc)
            return report
        with closing(source):
            source.text_factory = lambda data: data.decode("utf-8", "replace")
            try:
                source.execute("SELECT count(*) FROM sqlite_schema").fetchone()
            except (sqlite3.Error, UnicodeDecodeError) as exc:
                # The header or the schema itself is gone: no table can be found.
                report.unreadable["the file"] = f"its list of tables is damaged ({exc})"
                return report
            out.execute("BEGIN")
            for table in TABLES:
                report.copied[table] = _copy_table(source, out, table, columns[table], report)
            report.orphans_dropped = _drop_orphans(out)
            out.execute("DELETE FROM meta WHERE key = 'fts'")  # the next open rebuilds it
            out.execute("COMMIT")
    return report


def _columns(conn: sqlite3.Connection, table: str) -> list[str]:
    return [row[1] for row in conn.execute(f"PRAGMA table_info({table})")]


def _copy_table(
    source: sqlite3.Connection,
    out: sqlite3.Connection,
    table: str,
    columns: list[str],
    report: RecoveryReport,
) -> int:
    try:
        have = set(_columns(source, table))
    except (sqlite3.Error, UnicodeDecodeError) as exc:
        report.unreadable[table] = f"the table's description ({exc})"
        return 0
    if not have:
        if table not in _ADDED_LATER:
            report.unreadable[table] = "the table is missing"
        return 0
    shared = [c for c in columns if c in have]
    key = "rowid"
    placeholders = ", ".join("?" for _ in shared)
    insert = f"INSERT OR IGNORE INTO {table}({', '.join(shared)}) VALUES ({placeholders})"
    copied = 0
    gaps: list[str] = []
    for row in _readable_rows(source, table, key, shared, gaps):
        try:
            out.execute(insert, row)
            copied += 1
        except sqlite3.Error as exc:  # a value the schema refuses (a damaged CHECK column)
            gaps.append(f"a row it refused ({exc})")
    if gaps:
        report.unreadable[table] = "; ".join(gaps[:5]) + (" …" if len(gaps) > 5 else "")
    return copied


def _readable_rows(
    source: sqlite3.Connection, table: str, key: str, columns: list[str], gaps: list[str]
) -> Iterator[tuple[object, ...]]:
    """The rows of ``table`` that can be read, in ``key`` order, stepping over bad pages.

    A scan in rowid order stops at the first damaged page. Then: probe further and further
    ahead for the next place a scan can start, look up each rowid skipped over one by one
    (a row that is intact is found by its key even when its neighbours are not), and scan
    on from there."""
    names = ", ".join(columns)
    select = f"SELECT {key}, {names} FROM {table} WHERE {key} > ? ORDER BY {key}"
    lookup = f"SELECT {names} FROM {table} WHERE {key} = ?"
    after = -(1 << 62)
    while True:
        try:
            for row in source.execute(select, (after,)):
                after = row[0]
                yield tuple(row[1:])
            return
        except (sqlite3.Error, UnicodeDecodeError) as exc:
            failed_after = after
            resume: int | None = None
            skip = 1
            while skip <= _MAX_SKIP:
                try:
                    source.execute(
                        f"SELECT {key} FROM {table} WHERE {key} > ? ORDER BY {key} LIMIT 1",
                        (failed_after + skip,),
                    ).fetchall()
                except (sqlite3.Error, UnicodeDecodeError):
                    skip *= 2
                    continue
                resume = failed_after + skip
                break
            last = resume if resume is not None else failed_after + _LOOKUP_WINDOW
            lost: list[int] = []
            for rowid in range(failed_after + 1, min(last, failed_after + _LOOKUP_WINDOW) + 1):
                try:
                    found = source.execute(lookup, (rowid,)).fetchone()
                except (sqlite3.Error, UnicodeDecodeError):
                    lost.append(rowid)
                    continue
                if found is not None:
                    yield tuple(found)
            where = f"rowids {lost[0]}–{lost[-1]}" if lost else f"rows after {failed_after}"
            gaps.append(f"{len(lost) or 'some'} rows ({where}: {exc})")
            if resume is None:
                return
            after = resume


# Rows that point at something that was lost: (table, condition for "lost", repair).
# A repair of None deletes the row; otherwise it is an UPDATE that keeps it.
_ORPHANS: tuple[tuple[str, str, str | None], ...] = (
    ("messages", "conversation_id NOT IN (SELECT id FROM conversations)", None),
    ("conversation_settings", "conversation_id NOT IN (SELECT id FROM conversations)", None),
    # A message whose parent was lost starts its own branch rather than vanish.
    (
        "messages",
        "parent_id IS NOT NULL AND parent_id NOT IN (SELECT id FROM messages)",
        "parent_id = NULL",
    ),
    ("message_chunks", "message_id NOT IN (SELECT id FROM messages)", None),
    ("interventions", "message_id NOT IN (SELECT id FROM messages)", None),
    ("generations", "message_id NOT IN (SELECT id FROM messages)", None),
    (
        "conversations",
        "active_leaf_id IS NOT NULL AND active_leaf_id NOT IN (SELECT id FROM messages)",
        "active_leaf_id = NULL",
    ),
)


def _drop_orphans(out: sqlite3.Connection) -> dict[str, int]:
    dropped: dict[str, int] = {}
    for table, lost, repair in _ORPHANS:
        if repair is None:
            count = out.execute(f"DELETE FROM {table} WHERE {lost}").rowcount
            dropped[table] = dropped.get(table, 0) + count
        else:
            out.execute(f"UPDATE {table} SET {repair} WHERE {lost}")
    # Every reference now resolves (the foreign keys were off while copying).
    with suppress(sqlite3.Error):
        left = out.execute("PRAGMA foreign_key_check").fetchall()
        if left:
            log.warning("recovered history still has %d dangling references", len(left))
    return dropped
