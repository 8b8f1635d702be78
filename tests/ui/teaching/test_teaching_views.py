"""Presenter mode and Replay on a reply saved in the real conversation database (no engine).

Screenshots of both at 1280×720 go to $PONDER_SCREENSHOTS when it is set
(the lead looks at them); the tests do not depend on them.
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot
from ui_helpers import intervention_spans

from conftest import AppFactory
from ponder.core.events import (
    AnswerEvent,
    DoneEvent,
    InterventionEvent,
    Stats,
    StatsEvent,
    ThinkingEvent,
)
from ponder.core.paths import AppPaths
from ponder.core.request import GenerateRequest, Message, ThinkingControl
from ponder.core.storage.store import ConversationStore, StoredMessage
from ponder.ui.answer.markdown import MarkdownRenderer
from ponder.ui.chat.live_reply import LiveReply
from ponder.ui.teaching.presenter import PresenterView
from ponder.ui.teaching.replay import ReplayWindow
from ponder.ui.teaching.replay_schedule import ReplaySchedule
from ponder.ui.thinking.panel import ThinkingPanel
from ponder.ui.thinking.trace_state import TraceState

# Set PONDER_SCREENSHOTS to a folder to keep the screenshots for a look.
SCREENS = os.environ.get("PONDER_SCREENSHOTS")
QUESTION = "How many r's are in strawberry?"
KEEP_GOING = InterventionEvent(
    text="\nWait", reason="min_thinking", position=12, tokens=2, visible="\nWait"
)
CUT = InterventionEvent(
    text="\n\nI have to stop thinking now.\n</think>\n\n",
    reason="budget_spent",
    position=40,
    tokens=9,
    visible="\n\nI have to stop thinking now.\n",
)
EVENTS = (
    ThinkingEvent("Let me spell it: s-t-r-a-w-b-e-r-r-y."),
    ThinkingEvent(" The r's are at 3, 8 and 9, so 3."),
    KEEP_GOING,
    ThinkingEvent(", let me check again.\n\nstraw has one r; berry has two. "),
    ThinkingEvent("Hmm, 1 + 2 = 3 🙂."),
    CUT,
    AnswerEvent("There are **3** r's in *strawberry*:\n\n"),
    AnswerEvent("- one in *straw*\n- two in *berry*\n"),
    StatsEvent(Stats(thinking_tokens=50, answer_tokens=20, thinking_s=5.0, answer_s=1.0)),
    DoneEvent("eos"),
)


def _store_reply() -> tuple[int, StoredMessage]:
    """Saves a question and its reply as a finished turn would; (conversation id, reply)."""
    path = AppPaths.from_environment().ensure().database
    with contextlib.closing(ConversationStore(path)) as store:
        conversation = store.create_conversation("Strawberry")
        user = store.add_message(conversation.id, "user", QUESTION, parent_id=None)
        request = GenerateRequest((Message("user", QUESTION),), ThinkingControl(budget=40))
        writer = store.begin_reply(conversation.id, user.id, request)
        for event in EVENTS:
            writer.feed(event)
        return conversation.id, store.get_message(writer.message_id)


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


# ----- the schedule ---------------------------------------------------------------------------


def test_replay_schedule_reaches_the_stored_text_and_steps_consistently() -> None:
    _id, message = _store_reply()
    schedule = ReplaySchedule.from_message(message)
    assert schedule.thinking_text() == "" and schedule.answer_text() == ""
    # Half the recorded thinking time shows about half the thinking, and no answer yet.
    schedule.advance(2.5)
    assert 0 < len(schedule.thinking_text()) < len(message.thinking)
    assert schedule.answer_text() == ""
    schedule.advance(1000.0)
    assert schedule.finished
    assert schedule.thinking_text() == message.thinking
    assert schedule.answer_text() == message.content
    # Every step forward then back returns to the same text, by word and by paragraph.
    for by in ("word", "paragraph"):
        schedule.seek(3)
        before = (schedule.position, schedule.thinking_text())
        schedule.step_forward(by)  # type: ignore[arg-type]
        assert schedule.position > before[0]
        assert schedule.thinking_text().startswith(before[1])
        schedule.step_back(by)  # type: ignore[arg-type]
        assert schedule.position <= before[0]
    schedule.seek(0)
    stops = []
    while not schedule.finished:
        schedule.step_forward("paragraph")
        stops.append(schedule.thinking_text() + "|" + schedule.answer_text())
    # Paragraph steps stop at paragraph ends: "straw has one r" begins the thinking's second.
    assert any(s.endswith("let me check again.\n\n|") for s in stops)
    schedule.step_back("word")
    assert schedule.answer_text() == message.content[: len(schedule.answer_text())]
    assert len(schedule.answer_text()) < len(message.content)


def test_speed_and_fixed_rate_change_the_schedule() -> None:
    _id, message = _store_reply()
    schedule = ReplaySchedule.from_message(message)
    # At the recorded pace the replay lasts as long as the generation did.
    assert schedule.duration == pytest.approx(5.0 + 1.0, rel=0.05)
    assert schedule.recorded_tokens_per_s == pytest.approx(10.0)
    halfway = schedule.time_at(len(schedule.units) // 2)
    schedule.set_speed(4.0)
    assert schedule.duration == pytest.approx(6.0 / 4, rel=0.05)
    assert schedule.time_at(len(schedule.units) // 2) == pytest.approx(halfway / 4)
    schedule.set_speed(0.5)
    assert schedule.time_at(len(schedule.units) // 2) == pytest.approx(halfway * 2)
    # A fixed 70 tokens/s plays the reply's 70-odd tokens in about a second.
    schedule.set_fixed_rate(70.0)
    assert schedule.duration == pytest.approx(sum(u.tokens for u in schedule.units) / 70.0)
    assert 0.9 < schedule.duration < 1.2
    # Advancing by the same seconds shows more at a higher speed.
    schedule.set_speed(1.0)
    schedule.advance(1.0)
    slow = schedule.position
    schedule.seek(0)
    schedule.set_speed(8.0)
    schedule.advance(1.0)
    assert schedule.position > slow
    with pytest.raises(ValueError, match="above zero"):
        schedule.set_speed(0)


def test_interventions_are_units_at_their_stored_offsets() -> None:
    _id, message = _store_reply()
    schedule = ReplaySchedule.from_message(message)
    injected = [u for u in schedule.units if u.reason is not None]
    stored = message.interventions
    assert [(u.reason, u.start, u.end) for u in injected] == [
        (i.reason, i.offset, i.end) for i in stored
    ]
    # The "Wait" Ponder added appears only once the replay reaches its place.
    first = schedule.units.index(injected[0])
    assert "\nWait" not in schedule.thinking_text(first)
    assert schedule.thinking_text(first + 1).endswith("\nWait")


# ----- the replay window ----------------------------------------------------------------------


def test_replay_window_draws_like_the_panel_and_steps(qtbot: QtBot) -> None:
    _id, message = _store_reply()
    ticks = iter(float(n) for n in range(1000))
    window = ReplayWindow(message, MarkdownRenderer(), clock=lambda: next(ticks))
    qtbot.addWidget(window)
    window.resize(1280, 720)
    window.show()
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
    conversation_id, message = _store_reply()
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
    for part in (presenter.panel.view, presenter.hidden_label, presenter.reveal_button):
        assert _inside(part, presenter)
    assert presenter.panel.view.font().pointSize() >= 18
    _grab(presenter, "presenter-hidden.png")
    qtbot.keyClick(presenter, Qt.Key.Key_Space)
    assert presenter.revealed and presenter.answer.isVisible()
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
    live = LiveReply(token=1, conversation_id=controller.conversation_id or 0, user_text=None)
    # The controller's own signals, as its drain timer sends them while a turn streams.
    controller.reply_begun.emit(live, 0)
    for events in (EVENTS[:2], EVENTS[2:5], EVENTS[5:7]):
        answer = live.apply(list(events))
        controller.reply_updated.emit(live, answer)
        assert presenter.panel.trace_text == live.trace.text.lstrip()
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


def test_a_fork_keeps_ponders_interventions_before_the_fork_point_marked() -> None:
    from ponder.ui.teaching.fork import fork_prelude

    _id, message = _store_reply()
    wait = next(i for i in message.interventions if i.reason == "min_thinking")
    # Cut inside the injected "Wait": the part kept is still Ponder's, not the model's.
    kept = message.thinking[: wait.offset + 3]
    events = fork_prelude(message, kept, " Hint: count the r's.")
    assert "".join(getattr(e, "visible", "") or getattr(e, "text", "") for e in events) == (
        kept + " Hint: count the r's."
    )
    reasons = [getattr(e, "reason", None) for e in events]
    assert reasons == [None, "min_thinking", "fork"]
    assert events[1].visible == "\nWa"  # type: ignore[union-attr]
    # Cut after the whole budget cut: it keeps its full injected text (with the end tag).
    cut = next(i for i in message.interventions if i.reason == "budget_spent")
    events = fork_prelude(message, message.thinking[: cut.end], "")
    assert [getattr(e, "reason", None) for e in events][-1] == "budget_spent"
    assert events[-1].text == CUT.text  # type: ignore[union-attr]
