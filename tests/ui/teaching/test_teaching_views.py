"""Presenter mode and Replay on a reply saved in the real conversation database (no engine).

Screenshots of both at 1280×720 go to $PONDER_SCREENSHOTS when it is set
(the lead looks at them); the tests do not depend on them.
"""

from __future__ import annotations

import os
from pathlib import Path

from app_driving import AppFactory
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot
from ui_helpers import intervention_spans

from ponder.core.trace import TraceState
from ponder.ui.answer.markdown import MarkdownRenderer
from ponder.ui.chat.live_reply import LiveReply
from ponder.ui.teaching.presenter import PresenterView
from ponder.ui.teaching.replay import ReplayWindow
from ponder.ui.thinking.panel import ThinkingPanel
from stored_reply import EVENTS, QUESTION, store_reply

# Set PONDER_SCREENSHOTS to a folder to keep the screenshots for a look.
SCREENS = os.environ.get("PONDER_SCREENSHOTS")


def _grab(widget: QWidget, name: str) -> None:
    if SCREENS:
        Path(SCREENS).mkdir(parents=True, exist_ok=True)
        assert widget.grab().save(str(Path(SCREENS) / name))


def _inside(child: QWidget, window: QWidget) -> bool:
    """Whether ``child`` is shown wholly inside ``window``'s rectangle."""
    top_left = child.mapTo(window, child.rect().topLeft())
    bottom_right = child.mapTo(window, child.rect().bottomRight())
    return (
        child.isVisible()
        and window.rect().contains(top_left)
        and window.rect().contains(bottom_right)
    )


# ----- the replay window ----------------------------------------------------------------------


def test_replay_offers_no_live_controls_while_its_thinking_plays(qtbot: QtBot) -> None:
    """A replay draws a stored reply as if live: nothing runs, so there is nothing to answer
    now or to think longer (the panel's button once showed during the replayed thinking)."""
    _id, message = store_reply()
    ticks = iter(float(n) for n in range(1000))
    window = ReplayWindow(message, MarkdownRenderer(), clock=lambda: next(ticks))
    qtbot.addWidget(window)
    window.resize(1280, 720)
    window.show()
    window.play()
    window.timer.timeout.emit()
    assert window.panel.trace is not None and window.panel.trace.thinking_now
    assert window.panel.trace_text  # part of the thinking is on screen
    assert not window.panel.answer_now.isVisible()


def test_replay_window_draws_like_the_panel_and_steps(qtbot: QtBot) -> None:
    _id, message = store_reply()
    ticks = iter(float(n) for n in range(1000))
    window = ReplayWindow(message, MarkdownRenderer(), clock=lambda: next(ticks))
    qtbot.addWidget(window)
    window.resize(1280, 720)
    window.show()
    # Qt appends the application's display name to a title that does not end with it.
    assert window.windowTitle() == "Replay — Ponder"
    assert window.panel.trace_text == "" and window.answer_text == ""
    window.speed.setCurrentIndex(window.speed.findText("2× recorded"))
    window.play()
    assert window.playing
    window.timer.timeout.emit()  # one (fake) second at 2×: about two seconds of thinking
    shown = window.panel.trace_text
    assert 0 < len(shown) < len(message.thinking) and window.answer_text == ""
    window.step(1, "paragraph")
    assert not window.playing
    assert window.panel.trace_text.startswith(shown) and len(window.panel.trace_text) > len(shown)
    window.step(-1, "word")
    window.step(1, "word")
    window.advance(100.0)
    assert window.schedule.finished and not window.playing
    assert window.slider.value() == len(window.schedule.units)
    # The end of the replay shows what the panel shows for the stored reply, marks included.
    stored = ThinkingPanel()
    qtbot.addWidget(stored)
    stored.show_trace(TraceState.from_message(message))
    assert window.panel.trace_text == stored.trace_text
    assert intervention_spans(window.panel) == intervention_spans(stored)
    assert [r for r, _s, _e in intervention_spans(window.panel)] == ["min_thinking", "budget_spent"]
    assert window.answer_text == message.content
    # Back to the middle by the slider, then a screenshot mid-replay.
    window.slider.setValue(window.schedule.thinking_units - 4)
    assert window.answer_text == ""
    assert len(window.panel.trace_text) < len(stored.trace_text)
    window.slider.setValue(window.schedule.thinking_units + 6)
    assert window.answer_text.startswith("There are **3**")
    with qtbot.waitActive(window):
        window.activateWindow()
    qtbot.keyClick(window, Qt.Key.Key_Space)
    assert window.playing
    window.pause()
    _grab(window, "replay.png")


# ----- presenter mode -------------------------------------------------------------------------


def test_presenter_mode_hides_and_reveals_the_answer_and_fits_1280x720(
    qtbot: QtBot, make_app: AppFactory
) -> None:
    conversation_id, message = store_reply()
    app = make_app(load=False)
    window = app.window
    app.controller.open_conversation(conversation_id)
    window.menu_actions.presenter.trigger()
    presenter = window.teaching.presenter
    assert isinstance(presenter, PresenterView)
    qtbot.waitExposed(presenter)
    presenter.showNormal()
    presenter.resize(1280, 720)
    qtbot.waitUntil(lambda: presenter.width() == 1280)
    with qtbot.waitActive(presenter):
        presenter.activateWindow()
    assert presenter.panel.trace_text.startswith("Let me spell it")
    assert intervention_spans(presenter.panel)
    assert not presenter.revealed and not presenter.answer.isVisible()
    assert presenter.hidden_label.isVisible()
    # The class sees what was asked, and the footer names what Space does now.
    assert presenter.question.text() == QUESTION
    assert presenter.windowTitle() == "Presenter — Ponder"
    assert presenter.hint.text().startswith("Space: reveal the answer")
    for part in (
        presenter.question,
        presenter.panel.view,
        presenter.hidden_label,
        presenter.reveal_button,
    ):
        assert _inside(part, presenter)
    assert presenter.panel.view.font().pointSize() >= 18
    _grab(presenter, "presenter-hidden.png")
    qtbot.keyClick(presenter, Qt.Key.Key_Space)
    assert presenter.revealed and presenter.answer.isVisible()
    assert presenter.hint.text().startswith("Space: hide the answer")
    assert presenter.answer.source_text == message.content
    assert _inside(presenter.answer, presenter)
    _grab(presenter, "presenter-revealed.png")
    presenter.reveal_button.click()
    assert not presenter.revealed
    qtbot.keyClick(presenter, Qt.Key.Key_Escape)
    assert not presenter.isVisible()
    # Replay trace, from the Conversation menu, replays the reply in the panel.
    window.menu_actions.replay_trace.trigger()
    replays = window.findChildren(ReplayWindow)
    assert [r.message.id for r in replays] == [message.id]
    replays[0].close()


def test_presenter_follows_a_streaming_reply_with_the_answer_still_hidden(
    qtbot: QtBot, make_app: AppFactory
) -> None:
    app = make_app(load=False)
    controller = app.controller
    presenter = PresenterView(controller, app.renderer)
    qtbot.addWidget(presenter)
    presenter.show()
    live = LiveReply(token=1, conversation_id=controller.conversation_id or 0, user_text=QUESTION)
    # The controller's own signals, as its drain timer sends them while a turn streams.
    controller.reply_begun.emit(live, 0)
    for events in (EVENTS[:2], EVENTS[2:5], EVENTS[5:7]):
        answer = live.apply(list(events))
        controller.reply_updated.emit(live, answer)
        assert presenter.panel.trace_text == live.trace.text.lstrip()
        assert presenter.question.text() == QUESTION
        assert not presenter.revealed
    assert [r for r, _s, _e in intervention_spans(presenter.panel)] == [
        "min_thinking",
        "budget_spent",
    ]
    answer = live.apply(list(EVENTS[7:]))
    controller.reply_updated.emit(live, answer)
    controller.reply_ended.emit(live)
    presenter.reveal()
    assert presenter.answer.source_text == live.answer_text
    assert presenter.answer.source_text.startswith("There are **3** r's")


def test_one_token_is_singular_in_the_replay_header_and_under_a_reply(qtbot: QtBot) -> None:
    """#13 item 10: "1 tokens"."""
    import dataclasses

    from ponder.ui.chat.messages import AssistantMessageWidget

    _id, message = store_reply()
    window = ReplayWindow(message, MarkdownRenderer(), clock=lambda: 0.0)
    qtbot.addWidget(window)
    position = 0
    while window.schedule.shown_tokens() != 1:
        position += 1
        window.slider.setValue(position)
    assert " · 1 token · replay at " in window.panel.header.text()
    assert message.generation is not None and message.generation.stats is not None
    stats = dataclasses.replace(
        message.generation.stats, prompt_tokens=1, thinking_tokens=1, answer_tokens=1
    )
    one = dataclasses.replace(
        message, generation=dataclasses.replace(message.generation, stats=stats)
    )
    widget = AssistantMessageWidget(MarkdownRenderer())
    qtbot.addWidget(widget)
    widget.show_details(one)
    tip = widget.details.toolTip()
    assert "Prompt: 1 token (" in tip and "Thinking: 1 token in" in tip
    assert "answer: 1 token in" in tip and "1 tokens" not in tip
