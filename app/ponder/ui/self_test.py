"""``ponder --self-test``: the real window, the real engine, one prompt, and a verdict.

It opens the main window (offscreen when there is no display), loads the model (``--model``
or the built-in demo), sends one prompt with a small thinking budget, and checks that the
thinking arrived in the chain-of-thought panel, the answer in the conversation, and both in
the database. It prints one line and exits 0 when all is well; otherwise it prints what went
wrong and exits 1 (2 when there is no model to test with). Installers and CI run it.

Its conversations and settings go to a temporary folder: a self-test leaves no trace in the
user's history.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path

PROMPT = "What is 12 + 30? Answer in one short sentence."
TIMEOUT_S = 300.0


def _headless() -> bool:
    """No display to open a window on (Linux without X11 or Wayland)."""
    return sys.platform.startswith("linux") and not (
        os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")
    )


def run_self_test(
    model: str | None = None, screenshot: str | None = None, timeout_s: float = TIMEOUT_S
) -> int:
    from ponder.core.models.demo import find_demo_model

    path = Path(model).expanduser() if model else find_demo_model()
    if path is None or not path.is_file():
        where = f"no model file at {path}" if path else "the built-in demo model is not installed"
        print(f"ponder: self-test: {where}; pass --model PATH to a .gguf file.", file=sys.stderr)
        return 2
    if _headless() and "QT_QPA_PLATFORM" not in os.environ:
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
    with tempfile.TemporaryDirectory(prefix="ponder-self-test-") as home:
        verdict = _run(path, Path(home), screenshot, timeout_s)
    if verdict:
        print(f"ponder: self-test failed: {verdict}", file=sys.stderr)
        return 1
    return 0


def _run(model: Path, home: Path, screenshot: str | None, timeout_s: float) -> str:
    """Runs the test; "" when it passed, else what failed (for the user)."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from ponder.core.paths import AppPaths
    from ponder.core.request import Sampling
    from ponder.ui.chat.live_reply import LiveReply
    from ponder.ui.main import LaunchOptions, PonderApp
    from ponder.ui.pyside_check import broken_pyside_message

    qapp = QApplication.instance() or QApplication(["ponder", "--self-test"])
    assert isinstance(qapp, QApplication)
    problem = broken_pyside_message()
    if problem:
        return problem
    paths = AppPaths(home / "config", home / "data", home / "cache", home / "logs")
    options = LaunchOptions(
        paths=paths, model=str(model), sampling=Sampling(temperature=0.0, seed=1), max_tokens=200
    )
    started = time.perf_counter()
    app = PonderApp(qapp, options)
    outcome: dict[str, str] = {}

    def fail(reason: str) -> None:
        outcome.setdefault("failure", reason)
        qapp.quit()

    def ready(_event: object) -> None:
        app.window.composer.budget.select("custom", 64)  # as a user would
        if not app.controller.send(PROMPT):
            fail("the window did not accept the prompt")

    def ended(live: LiveReply) -> None:
        outcome["failure"] = _check(app, live)
        if screenshot:
            qapp.processEvents()
            if not app.window.grab().save(screenshot):
                outcome["failure"] = outcome["failure"] or f"could not save {screenshot}"
        qapp.quit()

    app.engine_host.model_ready.connect(ready)
    app.engine_host.model_failed.connect(lambda m: fail(f"the model did not load: {m}"))
    app.controller.reply_ended.connect(ended)
    QTimer.singleShot(int(timeout_s * 1000), lambda: fail(f"no answer within {timeout_s:.0f} s"))
    app.window.show_on_screen()
    try:
        qapp.exec()
    finally:
        app.shutdown()
        app.window.close()
    failure = outcome.get("failure", "the app quit before the answer")
    if not failure:
        elapsed = time.perf_counter() - started
        print(
            f"ponder: self-test passed ({model.name}, {elapsed:.1f} s): the thinking went to "
            "the chain-of-thought panel and the answer to the conversation."
        )
    return failure


def _check(app: object, live: object) -> str:
    """What is wrong with the finished turn ("" if nothing)."""
    from ponder.ui.chat.live_reply import LiveReply
    from ponder.ui.main import PonderApp

    assert isinstance(app, PonderApp) and isinstance(live, LiveReply)
    if live.error:
        return f"the engine reported: {live.error}"
    if live.status != "complete":
        return f"the answer ended as {live.status!r}, not complete"
    if not app.window.panel.trace_text.strip():
        return "no thinking arrived in the chain-of-thought panel"
    widgets = app.window.view.widgets
    answer = widgets[-1].answer.source_text if widgets else ""  # type: ignore[union-attr]
    if not answer.strip():
        return "no answer arrived in the conversation"
    if live.reply_id is None:
        return "the reply was not stored"
    stored = app.store.get_message(live.reply_id)
    if stored.content != live.answer_text or not stored.thinking.strip():
        return "the stored reply differs from what was shown"
    return ""
