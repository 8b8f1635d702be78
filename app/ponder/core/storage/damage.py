"""What went wrong with the conversation database, in words the user can act on.

Every SQLite failure the store meets passes through ``storage_error``, which tells apart the
causes that need different answers:

* **damaged**: the file's bytes are not a valid database (SQLITE_CORRUPT, SQLITE_NOTADB, or
  text that is not UTF-8 where SQLite promises it). Only here does Ponder suggest recovery,
  and it raises ``DatabaseDamagedError`` so the app can offer the choices.
* **full**: the disk (or a quota) is full. The history is healthy; moving it aside would hide
  it, so the message says to free space.
* **not writable**: the folder or the file may not be written (read-only folder or disk,
  permissions, a path through a file). Again the history is healthy.
* **busy**: another program holds the file.
"""

from __future__ import annotations

import errno
import sqlite3
from pathlib import Path
from typing import Literal

from ponder.core.phrases import QT_TRANSLATE_NOOP
from ponder.core.storage.records import StorageError
from ponder.core.ways_out import COMMAND_LINE, WaysOut

Cause = Literal["damaged", "full", "not_writable", "busy", "other"]

# SQLite's primary result codes (https://www.sqlite.org/rescode.html); the extended codes
# carry the primary one in their low byte.
_SQLITE_CAUSES: dict[int, Cause] = {
    3: "not_writable",  # SQLITE_PERM
    5: "busy",  # SQLITE_BUSY
    6: "busy",  # SQLITE_LOCKED
    8: "not_writable",  # SQLITE_READONLY
    11: "damaged",  # SQLITE_CORRUPT
    13: "full",  # SQLITE_FULL
    14: "not_writable",  # SQLITE_CANTOPEN
    26: "damaged",  # SQLITE_NOTADB
}
_OS_CAUSES: dict[int, Cause] = {
    errno.ENOSPC: "full",
    errno.EDQUOT: "full",
    errno.EACCES: "not_writable",
    errno.EPERM: "not_writable",
    errno.EROFS: "not_writable",
    errno.ENOTDIR: "not_writable",
}


class DatabaseDamagedError(StorageError):
    """The conversation database file is damaged. ``path`` is the file; nothing was changed.

    The app answers it by offering to open what can be read, recover into a new file, restore
    a backup or start fresh (``ponder.core.storage.recovery``); the damaged file is never
    deleted.
    """

    def __init__(self, message: str, path: Path) -> None:
        super().__init__(message)
        self.path = path


def cause_of(exc: BaseException) -> Cause:
    """Which kind of failure ``exc`` (from sqlite3 or the file system) is."""
    if isinstance(exc, UnicodeDecodeError):
        # sqlite3 decodes SQLite's own error text too: garbage in the schema makes even the
        # error message undecodable.
        return "damaged"
    if isinstance(exc, sqlite3.Error):
        code = getattr(exc, "sqlite_errorcode", None)
        if code is not None and (code & 0xFF) in _SQLITE_CAUSES:
            return _SQLITE_CAUSES[code & 0xFF]
        text = str(exc).lower()
        if "could not decode" in text or "malformed" in text or "not a database" in text:
            return "damaged"
        if "locked" in text or "busy" in text:
            return "busy"
        return "other"
    if isinstance(exc, OSError) and exc.errno is not None:
        return _OS_CAUSES.get(exc.errno, "other")
    return "other"


def _detail(exc: BaseException) -> str:
    if isinstance(exc, UnicodeDecodeError):
        return "its contents are not readable text"
    if isinstance(exc, OSError):
        return exc.strerror or str(exc)
    text = " ".join(str(exc).split())
    # SQLite quotes the undecodable text itself; a line of it helps nobody.
    return text if len(text) <= 120 else text[:119] + "…"


def storage_error(
    exc: BaseException, path: Path, doing: str, ways_out: WaysOut = COMMAND_LINE
) -> StorageError:
    """The user's error for ``exc``, met while ``doing`` ("open", "read", "save to") the
    database at ``path``; its advice in the words of ``ways_out``. A damaged file gives a
    ``DatabaseDamagedError``."""
    detail = _detail(exc)
    cause = cause_of(exc)
    if cause == "damaged":
        return DatabaseDamagedError(
            QT_TRANSLATE_NOOP(
                "Storage",
                "The conversation history {path} is damaged ({detail}). Ponder has not "
                "changed it. {way_out}",
            ).format(path=path, detail=detail, way_out=ways_out.damaged_history),
            path,
        )
    if cause == "full":
        return StorageError(
            f"Could not {doing} the conversation history {path}: the disk is full ({detail}). "
            "Your history is not damaged: free some space, then try again."
        )
    if cause == "not_writable":
        return StorageError(
            f"Could not {doing} the conversation history {path}: Ponder may not write in "
            f"{path.parent} ({detail}). Your history is not damaged: make the folder "
            "writable (or point PONDER_HOME at one that is), then try again."
        )
    if cause == "busy":
        return StorageError(
            f"The conversation history {path} is busy: another program (another Ponder?) is "
            "writing to it. Close it and try again."
        )
    return StorageError(
        f"Could not {doing} the conversation history {path}: {detail}. Check that the disk "
        "has free space and the file is writable, then try again."
    )
