"""Driving the real window as a user would, shared by the UI tests: the timeouts, the app
factory's type, typing a question, picking a budget.

A module of its own (not ``conftest``): a test that imported these from ``conftest`` got
whichever conftest module pytest had imported last, which broke collection when another
folder's conftest came first.
"""

from __future__ import annotations

from collections.abc import Callable

from pytestqt.qtbot import QtBot

from ponder.core.request import Sampling
from ponder.ui.chat.live_reply import LiveReply
from ponder.ui.main import PonderApp

GREEDY = Sampling(temperature=0.0, seed=1)
LOAD_TIMEOUT_MS = 120_000
TURN_TIMEOUT_MS = 180_000

AppFactory = Callable[..., PonderApp]


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
