"""The layers of DESIGN.md hold: core imports neither Qt nor llama.cpp, the engine no Qt."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

APP = Path(__file__).resolve().parents[1] / "app" / "ponder"


def imported_roots(folder: Path) -> dict[str, set[str]]:
    found: dict[str, set[str]] = {}
    for path in folder.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
                names = [node.module]
            else:
                continue
            for name in names:
                found.setdefault(name.split(".")[0], set()).add(str(path.relative_to(APP)))
    return found


@pytest.mark.parametrize(
    ("layer", "forbidden"),
    [("core", {"PySide6", "llama_cpp"}), ("engine", {"PySide6"})],
)
def test_layer_does_not_import(layer: str, forbidden: set[str]) -> None:
    roots = imported_roots(APP / layer)
    assert not forbidden & roots.keys(), {name: roots[name] for name in forbidden & roots.keys()}
    users_of_ui = [
        str(path.relative_to(APP))
        for path in (APP / layer).rglob("*.py")
        if "ponder.ui" in path.read_text(encoding="utf-8")
    ]
    assert not users_of_ui


def module_names(folder: Path) -> list[str]:
    """Every module below ``folder`` (sub-packages included), as dotted names."""
    names = []
    for path in folder.rglob("*.py"):
        parts = path.relative_to(APP.parent).with_suffix("").parts
        names.append(".".join(parts[:-1] if parts[-1] == "__init__" else parts))
    return sorted(names)


def test_layers_have_sub_packages_and_the_walk_sees_them() -> None:
    """The checks above walk sub-packages: a module moved one level down is still checked."""
    core = module_names(APP / "core")
    assert "ponder.core.storage.store" in core
    assert "ponder.core.reasoning.prompt" in core
    assert len([m for m in core if m.count(".") >= 3]) > 20


def test_importing_every_core_module_loads_no_qt_and_no_llama() -> None:
    modules = module_names(APP / "core")
    code = (
        "import importlib, sys\n"
        f"for m in {modules!r}: importlib.import_module(m)\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('PySide6', 'llama_cpp')))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
