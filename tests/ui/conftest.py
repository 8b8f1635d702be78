"""Fixtures for the desktop app's tests: the real window on the real engine (SmolLM2).

Turns use greedy sampling and small token caps so they stay quick; the engine runs on one
thread (the test machine may be running other models at the same time).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from ponder.core.request import Sampling
from ponder.ui.chat.live_reply import LiveReply
from ponder.ui.main import LaunchOptions, PonderApp

GREEDY = Sampling(temperature=0.0, seed=1)
LOAD_TIMEOUT_MS = 120_000
TURN_TIMEOUT_MS = 180_000


AppFactory = Callable[..., PonderApp]


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


def ask(qtbot: QtBot, app: PonderApp, text: str) -> LiveReply:
    """Types ``text`` in the composer, clicks Send and waits for the turn to end."""
    composer = app.window.composer
    composer.editor.setPlainText(text)
    with qtbot.waitSignal(app.controller.reply_ended, timeout=TURN_TIMEOUT_MS) as ended:
        composer.send_button.click()
    live = ended.args[0]
    assert isinstance(live, LiveReply)
    return live


def set_budget(app: PonderApp, preset: str, custom: int | None = None) -> None:
    """Picks a thinking budget in the composer, as a user would."""
    app.window.composer.budget.select(preset, custom)
