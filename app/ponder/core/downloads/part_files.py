"""The files beside a model while it is being written: ``NAME.part`` (the bytes so far),
``NAME.part.json`` (what the part is a prefix of), and its lock, ``.locks/NAME.lock``.

The lock is an OS file lock (``filelock``: ``flock`` on POSIX, ``msvcrt`` on Windows), which
the OS releases when the holding process dies, so a killed download never leaves a stale lock.
The lock file itself outlives the lock: deleting it on release would race with a process that
opened it a moment before (two holders of two different files). So lock files live in a hidden
``.locks`` folder beside the models (as huggingface_hub keeps its cache's locks), not among
the models a person sees in the folder.
"""

from __future__ import annotations

import contextlib
import json
import os
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import filelock

from ponder.core.bounded_files import read_json
from ponder.core.downloads.errors import DownloadBusyError
from ponder.core.phrases import QT_TRANSLATE_NOOP

LOCKS_FOLDER = ".locks"
# What another holder of a file's lock is doing to it, for the message when it is busy.
DOWNLOADED = QT_TRANSLATE_NOOP("Downloads", "downloaded")
COPIED_IN = QT_TRANSLATE_NOOP("Downloads", "copied in")


@dataclass(frozen=True, slots=True)
class PartFiles:
    """The files beside a destination while it downloads."""

    part: Path
    sidecar: Path
    lock: Path

    @classmethod
    def of(cls, dest: Path) -> PartFiles:
        return cls(
            dest.with_name(dest.name + ".part"),
            dest.with_name(dest.name + ".part.json"),
            dest.parent / LOCKS_FOLDER / (dest.name + ".lock"),
        )

    def discard(self) -> None:
        for path in (self.part, self.sidecar):
            path.unlink(missing_ok=True)


def read_sidecar(path: Path) -> dict[str, Any] | None:
    try:
        data = read_json(path, max_bytes=64 * 1024)
    except (OSError, ValueError):  # missing, damaged or not a file: start the download afresh
        return None
    return data if isinstance(data, dict) else None


def write_json_atomic(path: Path, data: Mapping[str, Any]) -> None:
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(json.dumps(data, indent=2, sort_keys=True), encoding="utf-8")
    os.replace(tmp, path)


def fsync_dir(path: Path) -> None:
    if os.name != "posix":
        return
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


@contextlib.contextmanager
def exclusive(lock_path: Path, dest: Path, doing: str = DOWNLOADED) -> Iterator[None]:
    """Holds ``lock_path`` while ``dest`` is written; ``doing`` says what another holder is
    doing to it ("downloaded", "copied in"), for the message when it is busy."""
    lock_path.parent.mkdir(parents=True, exist_ok=True)
    lock = filelock.FileLock(lock_path, timeout=0)
    try:
        lock.acquire()
    except filelock.Timeout:
        raise DownloadBusyError(
            QT_TRANSLATE_NOOP(
                "Downloads",
                "{file} is already being {doing} by another Ponder window or "
                "command. Wait for it to finish (or stop it there), then try again.",
            ).format(file=dest.name, doing=doing)
        ) from None
    try:
        yield
    finally:
        lock.release()


__all__ = ["PartFiles", "exclusive", "fsync_dir", "read_sidecar", "write_json_atomic"]
