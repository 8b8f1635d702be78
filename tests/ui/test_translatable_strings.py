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


# ----- core's words: marked for the catalogue, translated where the window shows them --------

APP = UI.parent
# The modules of core and the engine whose words the window shows (the chip, interventions,
# reply details, fit reasons, context notices, effort, download, server and engine errors).
WORDS_MODULES = (
    "core/trace.py",
    "core/reply_details.py",
    "core/models/fit.py",
    "core/models/load_policy.py",
    "core/reasoning/context_fit.py",
    "core/reasoning/effort.py",
    "core/models/catalog_filter.py",
    "core/models/install.py",
    "core/models/local_import.py",
    "core/servers/addresses.py",
    "core/servers/keys.py",
    "core/servers/probe.py",
    "core/servers/registry.py",
    "core/teaching/problems.py",
    "core/teaching/sweep_files.py",
    "core/reasoning/chat_template.py",
    "core/gguf/errors.py",
    "core/paths.py",
    "core/downloads/control.py",
    "core/downloads/errors.py",
    "core/downloads/hub.py",
    "core/downloads/part_files.py",
    "core/downloads/reachability.py",
    "core/downloads/transfer.py",
    "engine/child.py",
    "engine/client.py",
    "engine/session.py",
    "engine/switch.py",
    "engine/remote/engine.py",
    "engine/remote/wire.py",
)
# Errors for programmers (a wrong argument, a broken invariant), and the log: not for a person.
PROGRAMMERS = {"ValueError", "TypeError", "KeyError", "AssertionError", "RuntimeError"}
LOG_CALLS = {"debug", "info", "warning", "error", "exception", "critical"}
# Text with a space that is protocol, not words: a header, a signal's name.
NOT_WORDS = ("Bearer ", "bytes=", "remote:", "https://", "signal ", "bundled:")


def _says_words(text: str) -> bool:
    """Whether ``text`` reads as words (a file name, a header value or a tag does not)."""
    return any(ch.isalpha() for ch in text) and " " in text.strip()


def _for_a_person(call: ast.Call) -> bool:
    """A constructor whose message a person reads: an error or event core raises or sends."""
    name = _name(call.func)
    if name in PROGRAMMERS:
        return False
    return name in {"ErrorEvent", "NoticeEvent", "ModelTooLarge", "MessageTooLong"} or (
        name.endswith(("Error", "Fault"))
    )


def unmarked(source: str, filename: str) -> Iterator[str]:
    """``file:line: text`` for each sentence in a words module that does not come from
    ``QT_TRANSLATE_NOOP``: an f-string with words (outside programmers' errors and the log),
    or a literal message handed to an error or event for a person."""
    tree = ast.parse(source, filename)
    parents = {child: node for node in ast.walk(tree) for child in ast.iter_child_nodes(node)}
    for node in ast.walk(tree):
        parent = parents.get(node)
        if isinstance(node, ast.JoinedStr):
            literal = "".join(part.value for part in node.values if isinstance(part, ast.Constant))
            if not _says_words(literal) or literal.startswith(NOT_WORDS):
                continue
            if isinstance(parent, ast.Call) and (
                _name(parent.func) in PROGRAMMERS or _name(parent.func) in LOG_CALLS
            ):
                continue
            yield f"{filename}:{node.lineno}: {ast.unparse(node)[:70]}"
        elif (
            isinstance(node, ast.Constant)
            and isinstance(node.value, str)
            and isinstance(parent, ast.Call)
            and _for_a_person(parent)
            and node in parent.args
            and (_says_words(node.value) or node.value.strip()[:1].isupper())
        ):
            yield f"{filename}:{node.lineno}: {node.value[:70]!r}"


def test_the_core_scanner_finds_unmarked_sentences() -> None:
    code = (
        "raise DownloadError(f'Could not reach {where}.')\n"
        "yield ErrorEvent('No model is loaded.', kind='no_model')\n"
        "reason = f'needs {need} of memory'\n"
        "raise ValueError(f'bad effort {effort!r}')\n"
        "log.info(f'loaded {name}')\n"
        "raise DownloadError(QT_TRANSLATE_NOOP('Downloads', 'Could not reach {where}.'))\n"
        "headers = {'Authorization': f'Bearer {key}'}\n"
        "yield ErrorEvent(message, kind='no_model')\n"
    )
    found = list(unmarked(code, "example.py"))
    assert sorted(int(line.split(":")[1]) for line in found) == [1, 2, 3]


def test_the_words_core_shows_in_the_window_are_marked_for_translation() -> None:
    found = [
        problem
        for module in WORDS_MODULES
        for problem in unmarked((APP / module).read_text(encoding="utf-8"), module)
    ]
    assert not found, "mark these with QT_TRANSLATE_NOOP (core/phrases.py):\n" + "\n".join(found)
