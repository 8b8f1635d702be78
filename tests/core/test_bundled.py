"""Shipped data files are found in a checkout and, by the same path, in an installed layout."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from ponder.core.bundled import PACKAGED_FOLDER, bundled_path, checkout_root

ROOT = Path(__file__).resolve().parents[2]


def test_a_checkout_reads_the_top_level_originals() -> None:
    assert checkout_root() == ROOT
    assert bundled_path("models/catalog.toml") == ROOT / "models" / "catalog.toml"
    assert bundled_path("resources/problems") == ROOT / "resources" / "problems"


def test_an_installed_package_reads_its_packaged_copy(tmp_path: Path) -> None:
    # The package alone, laid out as a wheel installs it (no pyproject.toml above it).
    shutil.copytree(ROOT / "app" / "ponder", tmp_path / "ponder")
    data = tmp_path / "ponder" / PACKAGED_FOLDER / "resources" / "problems"
    data.mkdir(parents=True)
    (data / "mine.toml").write_text('name = "Mine"\n', encoding="utf-8")
    code = (
        "from ponder.core.bundled import bundled_path, checkout_root\n"
        "print(checkout_root(), bundled_path('resources/problems/mine.toml'), sep='\\n')\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        env={"PYTHONPATH": str(tmp_path)},
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    )
    root, found = result.stdout.splitlines()
    assert root == "None"
    assert Path(found).read_text(encoding="utf-8") == 'name = "Mine"\n'
    assert Path(found).resolve().is_relative_to(tmp_path.resolve())
