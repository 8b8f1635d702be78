"""Start-up on a damaged conversation history: the dialog offers the ways forward, the app
starts on the one chosen, and the damaged file is kept. Real SQLite files, broken bytes."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from damaged_history import break_page_holding, fill_history
from ponder.core.paths import AppPaths
from ponder.ui.main import LaunchOptions, PonderApp, _start


class Clicker:
    """Answers each modal message box that opens with the next button text in ``answers``."""

    def __init__(self, answers: list[str]) -> None:
        self.answers = answers
        self.seen: list[tuple[str, list[str]]] = []
        self._timer = QTimer()
        self._timer.timeout.connect(self._tick)
        self._timer.start(50)

    def _tick(self) -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox) or not self.answers:
            return
        texts = [b.text().replace("&", "") for b in box.buttons()]
        self.seen.append((box.text(), texts))
        wanted = self.answers.pop(0)
        button = next(b for b in box.buttons() if b.text().replace("&", "") == wanted)
        button.click()

    def stop(self) -> None:
        self._timer.stop()


@pytest.fixture
def damaged(tmp_path: Path) -> Iterator[tuple[AppPaths, set[int]]]:
    paths = AppPaths.from_environment().ensure()
    threads = fill_history(paths.database)
    break_page_holding(paths.database, b"question 5 ")
    yield paths, set(threads)


@pytest.fixture
def start(qapp: object) -> Iterator[Callable[[list[str]], tuple[PonderApp | None, Clicker]]]:
    made: list[PonderApp] = []
    clickers: list[Clicker] = []

    def run(answers: list[str]) -> tuple[PonderApp | None, Clicker]:
        clicker = Clicker(answers)
        clickers.append(clicker)
        app = _start(qapp, LaunchOptions(load_model=False))  # type: ignore[arg-type]
        if app is not None:
            made.append(app)
        return app, clicker

    yield run
    for clicker in clickers:
        clicker.stop()
    for app in made:
        app.shutdown()


def test_recover_starts_the_app_on_the_recovered_history_and_keeps_the_old_file(
    damaged, start
) -> None:
    paths, ids = damaged
    app, clicker = start(["Recover into a new file", "OK"])
    assert app is not None
    choices = clicker.seen[0][1]
    assert {"Open read-only", "Recover into a new file", "Start a new history", "Quit"} <= set(
        choices
    )
    assert "Could not read part of messages" in clicker.seen[1][0]  # says what was lost
    assert {c.id for c in app.store.list_conversations()} == ids
    assert app.store.integrity_check() == "ok"
    assert list(paths.data.glob("conversations.damaged-*.sqlite3"))


def test_read_only_opens_what_can_be_read_and_a_damaged_conversation_says_so(
    damaged, start, qtbot: QtBot
) -> None:
    paths, ids = damaged
    before = paths.database.read_bytes()
    app, _ = start(["Open read-only"])
    assert app is not None and app.store.read_only
    errors: list[str] = []
    app.controller.error_raised.connect(errors.append)
    for conversation_id in sorted(ids):
        app.controller.open_conversation(conversation_id)
    assert errors and all("is damaged" in e for e in errors)  # not silent
    assert len(errors) < len(ids)
    app.shutdown()
    assert paths.database.read_bytes() == before


def test_quit_leaves_everything_as_it_was(damaged, start) -> None:
    paths, _ = damaged
    before = paths.database.read_bytes()
    app, clicker = start(["Quit"])
    assert app is None
    assert "Restore the last backup" not in clicker.seen[0][1]  # there is no backup yet
    assert paths.database.read_bytes() == before
    assert not list(paths.data.glob("conversations.damaged-*"))
