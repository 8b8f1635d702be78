"""Fixtures for the desktop app's tests: the real window on the real engine (SmolLM2).

Turns use greedy sampling and small token caps so they stay quick; the engine runs on one
thread (the test machine may be running other models at the same time).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from app_driving import GREEDY, LOAD_TIMEOUT_MS, AppFactory
from PySide6.QtCore import QLocale
from pytestqt.qtbot import QtBot

from ponder.ui import translations
from ponder.ui.main import LaunchOptions, PonderApp


@pytest.fixture(autouse=True)
def _english_system(monkeypatch: pytest.MonkeyPatch) -> None:
    """The "system" language is English (Qt's C locale, as on the machine the tests were
    written on), whatever the computer's: a German Windows or macOS runs the English asserts
    in English. A test that wants German sets the Language setting to "de"."""
    monkeypatch.setattr(translations, "system_locale", QLocale.c)
    QLocale.setDefault(QLocale.c())


@pytest.fixture
def make_app(qapp: object, qtbot: QtBot, smollm2_path: Path) -> Iterator[AppFactory]:
    """Builds ``PonderApp``s on the test's PONDER_HOME; shut down at the end of the test."""
    made: list[PonderApp] = []

    def make(
        *,
        max_tokens: int | None = 96,
        load: bool = True,
        wait: bool = True,
        first_run: bool = False,
    ) -> PonderApp:
        """``load``: start on SmolLM2 (and ``wait`` for it); ``first_run``: start as a new
        user would, with no model chosen."""
        app = PonderApp(
            qapp,  # type: ignore[arg-type]
            LaunchOptions(
                model=str(smollm2_path) if load and not first_run else None,
                sampling=GREEDY,
                max_tokens=max_tokens,
                n_threads=1,
                load_model=load or first_run,
            ),
        )
        made.append(app)
        app.window.show()
        if load and wait and not first_run:
            qtbot.waitUntil(lambda: app.engine_host.ready, timeout=LOAD_TIMEOUT_MS)
        return app

    yield make
    for app in made:
        app.shutdown()
        app.window.close()
        app.window.deleteLater()
