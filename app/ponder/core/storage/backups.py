"""Rolling backups of the conversation database, made with SQLite's online backup API.

A backup is a complete, consistent copy (``Connection.backup`` copies the committed state,
WAL included, while the app keeps the file open). Two kinds, in one folder
(``AppPaths.backups``):

* a **daily** copy, made the first time the history is opened on a day; the newest
  ``keep_daily`` are kept;
* a copy **before a schema migration**, named for the schema it was taken from; those are
  kept (there are few, and they are what a failed upgrade goes back to).

A copy is taken only from a file that passes SQLite's ``quick_check``: rotating damage into
the backups would push out the good copies. Making a backup never stops the app; a failure
is logged.
"""

from __future__ import annotations

import logging
import os
import sqlite3
import time
from collections.abc import Callable
from contextlib import closing, suppress
from pathlib import Path

log = logging.getLogger(__name__)

DAILY_PREFIX = "conversations-daily-"
MIGRATION_PREFIX = "conversations-before-schema-"
SUFFIX = ".sqlite3"
KEEP_DAILY = 7


class Backups:
    """The backup folder of one conversation database."""

    def __init__(
        self,
        folder: Path,
        *,
        keep_daily: int = KEEP_DAILY,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self.folder = folder
        self.keep_daily = keep_daily
        self._clock = clock

    def all(self) -> list[Path]:
        """Every backup, newest first."""
        try:
            found = [p for p in self.folder.iterdir() if p.name.endswith(SUFFIX)]
        except OSError:
            return []
        return sorted(found, key=lambda p: (p.stat().st_mtime, p.name), reverse=True)

    def latest(self) -> Path | None:
        found = self.all()
        return found[0] if found else None

    def daily(self, conn: sqlite3.Connection, *, checked: bool = False) -> Path | None:
        """Today's backup of ``conn``'s database, unless there is one; the file or None.
        ``checked``: the caller has just run ``quick_check`` on it (no second full scan)."""
        day = time.strftime("%Y-%m-%d", time.localtime(self._clock()))
        target = self.folder / f"{DAILY_PREFIX}{day}{SUFFIX}"
        if target.exists():
            return None
        made = self._copy(conn, target, checked=checked)
        if made is not None:
            self._prune()
        return made

    def before_migration(self, conn: sqlite3.Connection, from_version: int) -> Path | None:
        """A backup of ``conn``'s database as it is at schema ``from_version``."""
        stamp = time.strftime("%Y%m%d-%H%M%S", time.localtime(self._clock()))
        return self._copy(conn, self.folder / f"{MIGRATION_PREFIX}{from_version}-{stamp}{SUFFIX}")

    def _copy(
        self, conn: sqlite3.Connection, target: Path, *, checked: bool = False
    ) -> Path | None:
        temp = target.with_name(target.name + ".tmp")
        try:
            check = "ok" if checked else conn.execute("PRAGMA quick_check").fetchone()[0]
            if check != "ok":
                log.warning("not backing up the conversation history: it is damaged (%s)", check)
                return None
            self.folder.mkdir(parents=True, exist_ok=True)
            with closing(sqlite3.connect(temp)) as copy:
                conn.backup(copy)
            os.replace(temp, target)
        except (OSError, sqlite3.Error, UnicodeDecodeError) as exc:
            log.warning("could not back up the conversation history to %s: %s", target, exc)
            with suppress(OSError):
                temp.unlink()
            return None
        log.info("backed up the conversation history to %s", target)
        return target

    def _prune(self) -> None:
        # The names hold the day, so they sort by age (newest first here).
        daily = sorted((p for p in self.all() if p.name.startswith(DAILY_PREFIX)), reverse=True)
        for old in daily[self.keep_daily :]:
            with suppress(OSError):
                old.unlink()
