"""The engine's one owner in the GUI: the lease a chat turn or a sweep holds, and stop.

On the real engine (SmolLM2) in the real window, offscreen.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from app_driving import LOAD_TIMEOUT_MS, TURN_TIMEOUT_MS, AppFactory
from pytestqt.qtbot import QtBot

from ponder.core.events import Event
from ponder.core.request import Sampling, ThinkingControl
from ponder.core.teaching.problems import single_problem
from ponder.core.teaching.sweep import parse_budgets
from ponder.ui.engine_host import (
    BUDGET_SWEEP,
    CHAT_TURN,
    EngineBusyError,
    EngineHost,
    EngineLease,
    ModelLoader,
)


def test_a_chat_turn_is_refused_while_a_sweep_holds_the_engine(
    make_app: AppFactory, qtbot: QtBot
) -> None:
    app = make_app()
    host = app.engine_host
    stops: list[str] = []
    lease = host.acquire(BUDGET_SWEEP, lambda: stops.append("sweep"))
    assert host.holder == BUDGET_SWEEP and lease.held
    with qtbot.waitSignal(app.controller.error_raised) as refused:
        assert not app.controller.send("Hello?")
    assert refused.args[0].startswith("The model is busy with a budget sweep.")
    assert "Teach → Budget sweep" in refused.args[0]
    assert not app.controller.busy and app.controller.messages == []
    # The chat's Stop does not reach a holder that is not the chat's.
    app.controller.stop()
    assert stops == []
    with qtbot.waitSignal(host.freed):
        lease.release()
    assert host.holder is None and not lease.held
    lease.release()  # twice: nothing
    with qtbot.waitSignal(app.controller.reply_ended, timeout=TURN_TIMEOUT_MS):
        assert app.controller.send("Hello?")
    assert host.holder is None  # the turn gave the engine back


def test_a_sweep_waits_while_a_chat_turn_holds_the_engine(
    make_app: AppFactory, qtbot: QtBot
) -> None:
    app = make_app(max_tokens=48)
    host = app.engine_host
    app.controller.set_thinking(ThinkingControl(budget=0))
    assert app.controller.send("Count from one to twenty.")
    assert host.holder == CHAT_TURN
    with pytest.raises(EngineBusyError, match=r"busy with a chat turn.*Stop button"):
        host.acquire(BUDGET_SWEEP, lambda: None)
    queued = app.sweeps.add(
        single_problem("2 + 2?", "4"), parse_budgets("off"), sampling=Sampling(), max_tokens=8
    )
    assert queued.state == "queued"  # it waits for the turn, it does not interleave
    # When the turn ends and gives the engine back, the sweep takes it.
    qtbot.waitUntil(lambda: queued.state != "queued", timeout=TURN_TIMEOUT_MS)
    assert app.controller.live is None and app.controller.messages[-1].role == "assistant"
    assert host.holder == BUDGET_SWEEP or queued.state == "done"
    qtbot.waitUntil(lambda: queued.state == "done", timeout=TURN_TIMEOUT_MS)
    assert host.holder is None


def test_stop_reaches_the_chat_turn_that_holds_the_engine(
    make_app: AppFactory, qtbot: QtBot
) -> None:
    app = make_app(max_tokens=4000)
    app.controller.set_thinking(ThinkingControl(budget=None))
    with qtbot.waitSignal(app.controller.reply_ended, timeout=TURN_TIMEOUT_MS) as ended:
        assert app.controller.send("Write a very long story about a lighthouse keeper.")
        live = app.controller.live
        assert live is not None
        qtbot.waitUntil(lambda: bool(live.trace.text or live.answer_text), timeout=60_000)
        app.engine_host.stop()
    assert ended.args[0] is live
    assert live.stopping and live.status == "cancelled"
    assert app.engine_host.holder is None


def test_stop_reaches_the_sweep_that_holds_the_engine(make_app: AppFactory, qtbot: QtBot) -> None:
    app = make_app()
    queued = app.sweeps.add(
        single_problem("Tell a long story.", "end"),
        parse_budgets("off,unlimited"),
        sampling=Sampling(temperature=0.0, seed=1),
        max_tokens=4000,
    )
    assert queued.state == "running" and app.engine_host.holder == BUDGET_SWEEP
    qtbot.waitUntil(lambda: queued.tokens > 0 or queued.current is not None, timeout=60_000)
    app.engine_host.stop()
    qtbot.waitUntil(lambda: queued.state == "cancelled", timeout=TURN_TIMEOUT_MS)
    assert len(queued.cells) < 2
    assert app.engine_host.holder is None


def test_loading_another_model_stops_the_holder_first(make_app: AppFactory, qtbot: QtBot) -> None:
    app = make_app()
    host = app.engine_host
    stops: list[str] = []
    lease = host.acquire(BUDGET_SWEEP, lambda: stops.append("stopped"))
    assert host.load_request is not None
    host.load_model(host.load_request, host.model_sha256)
    assert stops == ["stopped"] and not host.ready
    with pytest.raises(EngineBusyError, match="busy with a budget sweep"):
        host.acquire(CHAT_TURN, lambda: None)
    lease.release()
    with pytest.raises(EngineBusyError, match="No model is loaded yet"):
        host.acquire(CHAT_TURN, lambda: None)
    qtbot.waitUntil(lambda: host.ready, timeout=LOAD_TIMEOUT_MS)
    host.acquire(CHAT_TURN, lambda: None).release()


class _EngineWithoutLiveControls:
    """An engine that speaks only the base protocol (as a remote server without a reasoning
    API would): it cannot end or lengthen a running thinking."""

    def load(self, request: object) -> Iterator[Event]:
        return iter(())

    def generate(self, request: object) -> Iterator[Event]:
        return iter(())

    def cancel(self) -> None:
        pass

    def close(self) -> None:
        pass


def test_live_controls_are_refused_with_a_reason_where_the_engine_has_none(
    make_app: AppFactory, qtbot: QtBot
) -> None:
    app = make_app()
    host = app.engine_host
    assert host.live_refusal is None  # the local engine steers
    assert not host.answer_now() and not host.extend_budget(256)  # nobody holds it
    engine = _EngineWithoutLiveControls()
    other = EngineHost(engine, ModelLoader(engine))  # type: ignore[arg-type]
    refusal = other.live_refusal
    assert refusal is not None and "cannot end or lengthen the thinking" in refusal
    other.lease = EngineLease(other, CHAT_TURN, lambda: None)
    assert not other.answer_now() and not other.extend_budget(None)
    button = app.window.panel.answer_now
    button.set_refusal(refusal)
    assert not button.isEnabled() and button.toolTip() == refusal
