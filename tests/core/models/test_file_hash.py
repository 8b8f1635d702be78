"""The one sha256 helper: hashlib's digest of the whole file, with progress in blocks."""

from __future__ import annotations

import hashlib
from pathlib import Path

from ponder.core.downloads.control import Progress
from ponder.core.models.file_hash import BLOCK, sha256_file


def test_sha256_file_hashes_every_block_and_reports_progress(tmp_path: Path) -> None:
    data = bytes(range(256)) * (BLOCK // 256 * 2 + 3)  # two full blocks and a short one
    path = tmp_path / "model.gguf"
    path.write_bytes(data)
    seen: list[Progress] = []
    assert sha256_file(path, seen.append) == hashlib.sha256(data).hexdigest()
    assert [p.done for p in seen] == [BLOCK, 2 * BLOCK, len(data)]
    assert {(p.phase, p.total) for p in seen} == {("verifying", len(data))}
