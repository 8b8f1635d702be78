"""The wheel: every module, and the real data files (not links to them) where the code reads them.

The build runs on a copy of the files the wheel is made from, so nothing is written into the
checkout; it takes a few seconds (no build isolation: setuptools and wheel come from the test
environment, so no network is needed).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tomllib
import zipfile
from pathlib import Path

import pytest
from packaging_files import ROOT

from ponder.core.models.catalog import parse_catalog
from ponder.core.teaching.problems import parse_problem_set

PACKAGE_DIR = ROOT / "app" / "ponder"
# What the build reads: pyproject's package-dir points into these.
SOURCES = ("pyproject.toml", "README.md", "app", "models", "resources")


def setuptools_config() -> dict[str, object]:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    return config["tool"]["setuptools"]


def test_pyproject_lists_every_package_under_app() -> None:
    # setuptools' `find` cannot be combined with the mapped data folders, so the packages are
    # listed by hand; a new sub-package must be added there or the wheel would miss it.
    on_disk = {
        ".".join(init.parent.relative_to(ROOT / "app").parts)
        for init in PACKAGE_DIR.rglob("__init__.py")
    }
    listed = set(setuptools_config()["packages"])  # type: ignore[call-overload]
    assert on_disk <= listed, f"add to [tool.setuptools] packages: {sorted(on_disk - listed)}"
    data_packages = {name for name in listed if name.startswith("ponder.data.")}
    assert listed - data_packages == on_disk


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> zipfile.ZipFile:
    source = tmp_path_factory.mktemp("source")
    ignore = shutil.ignore_patterns("__pycache__", "*.egg-info")
    for name in SOURCES:
        path = ROOT / name
        if path.is_dir():
            shutil.copytree(path, source / name, ignore=ignore)
        else:
            shutil.copy2(path, source / name)
    out = tmp_path_factory.mktemp("wheel")
    pip_wheel = [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation"]
    result = subprocess.run(
        [*pip_wheel, "--quiet", "--wheel-dir", str(out), str(source)],
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
        env={**os.environ, "PIP_NO_INDEX": "1", "PIP_DISABLE_PIP_VERSION_CHECK": "1"},
    )
    assert result.returncode == 0, (
        "building the wheel failed (the test extra installs setuptools and wheel: "
        f"`pip install -e '.[test]'`):\n{result.stdout}\n{result.stderr}"
    )
    (built,) = out.glob("ponder-*.whl")
    return zipfile.ZipFile(built)


def test_the_wheel_has_every_module(wheel: zipfile.ZipFile) -> None:
    names = set(wheel.namelist())
    modules = {
        path.relative_to(ROOT / "app").as_posix()
        for path in PACKAGE_DIR.rglob("*.py")
        if "__pycache__" not in path.parts
    }
    assert modules - names == set()
    assert "ponder/py.typed" in names


def test_the_wheel_carries_the_real_catalog(wheel: zipfile.ZipFile) -> None:
    data = wheel.read("ponder/data/models/catalog.toml")
    assert data == (ROOT / "models" / "catalog.toml").read_bytes()
    catalog = parse_catalog(tomllib.loads(data.decode("utf-8")), source="wheel")
    assert len(catalog.entries) >= 10


def test_the_wheel_carries_the_compiled_translations(wheel: zipfile.ZipFile) -> None:
    originals = sorted((ROOT / "resources" / "translations").glob("ponder_*.qm"))
    assert originals, "resources/translations has no compiled catalogue (make translations)"
    for original in originals:
        data = wheel.read(f"ponder/data/resources/translations/{original.name}")
        assert data == original.read_bytes()


def test_the_wheel_carries_every_problem_set(wheel: zipfile.ZipFile) -> None:
    originals = sorted((ROOT / "resources" / "problems").glob("*.toml"))
    assert len(originals) >= 5
    for original in originals:
        data = wheel.read(f"ponder/data/resources/problems/{original.name}")
        assert data == original.read_bytes()
        problems = parse_problem_set(data.decode("utf-8"), source=original.name)
        assert problems.problems
    assert "ponder/data/resources/problems/README.md" in wheel.namelist()


def test_the_installed_wheel_finds_its_data(wheel: zipfile.ZipFile, tmp_path: Path) -> None:
    # Unpacked as pip installs it, outside any checkout: the loaders read the packaged copies.
    site = tmp_path / "site"
    wheel.extractall(site)
    code = (
        "from ponder.core.models.catalog import default_catalog_path, load_catalog\n"
        "from ponder.core.teaching.problems import bundled_set_names, load_problem_set\n"
        "print(default_catalog_path())\n"
        "print(len(load_catalog().entries))\n"
        "print(' '.join(bundled_set_names()))\n"
        "print(len(load_problem_set('arithmetic').problems))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        env={**os.environ, "PYTHONPATH": str(site)},
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    path, entries, names, problems = result.stdout.splitlines()
    assert Path(path) == site / "ponder" / "data" / "models" / "catalog.toml"
    assert int(entries) >= 10
    assert set(names.split()) >= {"arithmetic", "letters", "decimals", "logic", "algebra"}
    assert int(problems) >= 8
