"""The sha256 of a model file on disk: how Ponder names and verifies a file it did not download
(a local import, a model pack, the model a sweep ran on)."""

from __future__ import annotations

import hashlib
from pathlib import Path

from ponder.core.downloads.control import Progress, ProgressCallback

BLOCK = 4 << 20


def sha256_file(path: Path, progress: ProgressCallback | None = None) -> str:
    """The sha256 of a file, read in blocks (progress in the ``verifying`` phase)."""
    hasher = hashlib.sha256()
    total = path.stat().st_size
    done = 0
    with open(path, "rb") as f:
        while block := f.read(BLOCK):
            hasher.update(block)
            done += len(block)
            if progress is not None:
                progress(Progress("verifying", done, total))
    return hasher.hexdigest()
