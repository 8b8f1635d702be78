"""Every user-visible string in app/ponder/ui goes through Qt's translation system.

The test reads the source with ``ast`` and looks at the strings handed to Qt's text setters
and text-taking constructors: a literal (or an f-string, or a concatenation) with a letter in
it must come from ``self.tr(...)`` or ``QCoreApplication.translate(...)`` instead. Strings
without letters ("·", "—", "…", numbers) are not words and need no translation.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

UI = Path(__file__).resolve().parents[2] / "app" / "ponder" / "ui"

# Methods whose text arguments a person reads; each names which positional arguments are text.
SETTERS: dict[str, tuple[int, ...]] = {
    "setText": (0,),
    "setToolTip": (0,),
    "setStatusTip": (0,),
    "setWhatsThis": (0,),
    "setWindowTitle": (0,),
    "setPlaceholderText": (0,),
    "setSpecialValueText": (0,),
    "setTitle": (0,),
    "setLabelText": (0,),
    "setInformativeText": (0,),
    "setDetailedText": (0,),
    "setSuffix": (0,),
    "setPrefix": (0,),
    "setFormat": (0,),
    "showMessage": (0,),
    "addAction": (0,),
    "addMenu": (0,),
    "addTab": (1,),
    "addRow": (0,),
    "addItem": (0,),
    "addButton": (0,),
    "setHeaderLabels": (0,),
    "setHorizontalHeaderLabels": (0,),
    "information": (1, 2),
    "warning": (1, 2),
    "critical": (1, 2),
    "question": (1, 2),
    "getOpenFileName": (1, 3),
    "getSaveFileName": (1, 3),
    "getExistingDirectory": (1,),
    "getText": (1, 2),
    "getInt": (1, 2),
    "emit": (0,),
    # Ponder's own helpers that hand their text to Qt.
    "_action": (0, 1, 3),  # chat/messages.py (text, tip); window/menus.py (window, text, keys, tip)
    "flat_button": (0, 1),
    "_status": (0,),
    "_hint": (0,),
    "_say": (0,),
    "show_error": (0,),
    "show_status": (0,),
    "_show_error": (0,),
    "set_empty_hint": (0,),
    "_foot_item": (0,),
    "failed": (0,),
}
# Constructors whose first argument is text the person reads.
CONSTRUCTORS = {
    "QLabel",
    "QPushButton",
    "QToolButton",
    "QCheckBox",
    "QRadioButton",
    "QGroupBox",
    "QAction",
    "QMenu",
    "QMessageBox",
}
# Keyword arguments that carry text, in a Qt constructor or a text setter.
TEXT_KEYWORDS = {
    "text",
    "toolTip",
    "statusTip",
    "windowTitle",
    "placeholderText",
    "specialValueText",
    "suffix",
    "prefix",
    "title",
}


def _words(node: ast.AST) -> bool:
    """Whether ``node`` builds a string with a letter in it from literals (not from tr)."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return any(ch.isalpha() for ch in node.value)
    if isinstance(node, ast.JoinedStr):
        return any(_words(part) for part in node.values if isinstance(part, ast.Constant))
    if isinstance(node, ast.BinOp):
        return _words(node.left) or _words(node.right)
    if isinstance(node, ast.IfExp):
        return _words(node.body) or _words(node.orelse)
    if isinstance(node, (ast.List, ast.Tuple)):
        return any(_words(item) for item in node.elts)
    return False


def _name(func: ast.expr) -> str:
    if isinstance(func, ast.Attribute):
        return func.attr
    if isinstance(func, ast.Name):
        return func.id
    return ""


def untranslated(source: str, filename: str) -> Iterator[str]:
    """``file:line: call`` for each literal text handed to Qt without translation."""
    for node in ast.walk(ast.parse(source, filename)):
        if not isinstance(node, ast.Call):
            continue
        name = _name(node.func)
        positions: tuple[int, ...] = ()
        if name in SETTERS:
            positions = SETTERS[name]
        elif name == "QMessageBox":
            positions = (1, 2)  # (icon, title, text)
        elif name in CONSTRUCTORS:
            positions = (0,)
        texts = [node.args[i] for i in positions if i < len(node.args)]
        if name.startswith("Q") or texts:
            texts += [kw.value for kw in node.keywords if kw.arg in TEXT_KEYWORDS]
        for text in texts:
            if _words(text):
                yield f"{filename}:{text.lineno}: {name}({ast.unparse(text)[:70]})"


def test_the_scanner_finds_a_bare_string_and_accepts_tr() -> None:
    code = (
        "label = QLabel('Hello')\n"
        "button.setToolTip(f'{n} tokens')\n"
        "box.setTitle('Model: ' + name)\n"
        "ok = QLabel(self.tr('Hello'))\n"
        "dot = QLabel('·')\n"
        "bar.showMessage(QCoreApplication.translate('Window', 'Saved'))\n"
    )
    found = list(untranslated(code, "example.py"))
    assert [line.split(":")[1] for line in found] == ["1", "2", "3"]


def test_every_ui_string_goes_through_translation() -> None:
    found = [
        problem
        for path in sorted(UI.rglob("*.py"))
        for problem in untranslated(path.read_text(encoding="utf-8"), str(path.relative_to(UI)))
    ]
    assert not found, "untranslated text:\n" + "\n".join(found)
