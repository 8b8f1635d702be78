"""The repository itself: no symlinks (a Windows checkout turns each into a short text file,
which would then be packaged in place of the file it pointed to)."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SYMLINK_MODE = "120000"


def test_git_tracks_no_symlinks() -> None:
    if not (ROOT / ".git").exists():
        pytest.skip("not a git checkout (an unpacked sdist has no index to check)")
    git = shutil.which("git")
    assert git, "git is needed to check the repository's index"
    listing = subprocess.run(
        [git, "ls-files", "-s"], cwd=ROOT, capture_output=True, text=True, check=True, timeout=60
    ).stdout
    assert listing.strip(), "git ls-files listed nothing"
    lines = listing.splitlines()
    links = [line.split("\t", 1)[1] for line in lines if line.startswith(SYMLINK_MODE)]
    assert links == [], f"symlinks in the repository (store the file itself): {links}"
