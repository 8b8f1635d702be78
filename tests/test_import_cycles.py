"""No import circles in ``app/ponder``: every import counts, ``TYPE_CHECKING`` ones too.

A circle between two modules means they are one idea split in two, or one of them reaches
for a whole object where it needs one of its parts (the storage writer needs a transaction,
not the store; a dialog needs the library, not the window).
"""

from __future__ import annotations

import ast
from pathlib import Path

APP = Path(__file__).resolve().parents[1] / "app"


def import_graph(root: Path) -> dict[str, set[str]]:
    """Module → the modules it imports, for the ``.py`` files below ``root`` (dotted names
    relative to it). Imports of a package (its ``__init__``) are left out: a package imports
    nothing here but may name its modules, which is no circle."""
    files: dict[str, Path] = {}
    for path in root.rglob("*.py"):
        parts = path.relative_to(root).with_suffix("").parts
        files[".".join(parts[:-1] if parts[-1] == "__init__" else parts)] = path
    graph: dict[str, set[str]] = {name: set() for name in files}
    for name, path in files.items():
        package = name if path.name == "__init__.py" else name.rpartition(".")[0]
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                targets = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom):
                base = node.module or ""
                if node.level:
                    up = package.split(".")[: package.count(".") + 2 - node.level]
                    base = ".".join([*up, base] if base else up)
                targets = [base, *(f"{base}.{alias.name}" for alias in node.names)]
            else:
                continue
            for target in targets:
                module = target
                while module and module not in files:
                    module = module.rpartition(".")[0]
                if module and module != name and files[module].name != "__init__.py":
                    graph[name].add(module)
    return graph


def find_cycle(graph: dict[str, set[str]]) -> list[str]:
    """One import circle (its modules in order, the first repeated at the end), or []."""
    done: set[str] = set()
    path: list[str] = []
    on_path: set[str] = set()

    def visit(module: str) -> list[str]:
        path.append(module)
        on_path.add(module)
        for target in sorted(graph[module]):
            if target in on_path:
                return [*path[path.index(target) :], target]
            if target not in done:
                found = visit(target)
                if found:
                    return found
        path.pop()
        on_path.discard(module)
        done.add(module)
        return []

    for module in sorted(graph):
        if module not in done:
            found = visit(module)
            if found:
                return found
    return []


def test_the_app_has_no_import_circle() -> None:
    graph = import_graph(APP)
    assert "ponder.core.storage.writer" in graph and "ponder.ui.window.dialogs" in graph
    assert find_cycle(graph) == []


def test_a_circle_is_found_through_type_checking_and_relative_imports(tmp_path: Path) -> None:
    """The check can fail: a circle like the storage one this test was written for."""
    package = tmp_path / "pkg"
    (package / "storage").mkdir(parents=True)
    (package / "__init__.py").write_text("")
    (package / "storage" / "__init__.py").write_text("")
    (package / "storage" / "store.py").write_text("from pkg.storage.writer import Writer\n")
    (package / "storage" / "writer.py").write_text(
        "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from .store import Store\n"
    )
    (package / "other.py").write_text("from pkg import storage\nimport pkg.storage.store\n")
    graph = import_graph(tmp_path)
    assert graph["pkg.other"] == {"pkg.storage.store"}
    assert find_cycle(graph) == ["pkg.storage.store", "pkg.storage.writer", "pkg.storage.store"]
