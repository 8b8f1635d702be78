"""Where the packaging files are, for the packaging tests (imported by them, not a test)."""

from __future__ import annotations

import ast
import re
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
PACKAGING = ROOT / "packaging"
APP_ID = "io.github.ponder.Ponder"
SPEC = PACKAGING / "ponder.spec"
ICONS = ROOT / "resources" / "icons"


def spec_names(*names: str, **given: Any) -> dict[str, Any]:
    """The spec's module-level definitions ``names`` (functions and constants), evaluated
    without PyInstaller: only those statements are run, with ``re``, ``Path`` and ``given``
    at hand."""
    tree = ast.parse(SPEC.read_text(encoding="utf-8"), filename=str(SPEC))
    wanted: list[ast.stmt] = []
    for node in tree.body:
        if isinstance(node, ast.FunctionDef) and node.name in names:
            wanted.append(node)
        elif isinstance(node, ast.Assign | ast.AnnAssign):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            if any(isinstance(t, ast.Name) and t.id in names for t in targets):
                wanted.append(node)
    namespace: dict[str, Any] = {"re": re, "Path": Path, **given}
    exec(compile(ast.Module(body=wanted, type_ignores=[]), str(SPEC), "exec"), namespace)
    missing = [name for name in names if name not in namespace]
    assert not missing, f"ponder.spec does not define {missing}"
    return namespace
