"""Answer now, Think longer and Stop in the window, on the real engine (SmolLM2 thinks in a
prefilled think block): the buttons show while the model thinks, and what they did is marked
in the trace, the stored reply and the export."""

from __future__ import annotations

import pytest
from app_driving import TURN_TIMEOUT_MS, AppFactory, ask, set_budget
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from ui_helpers import intervention_spans, point_of

from ponder.core.teaching.export import conversation_markdown
from ponder.core.trace import intervention_label
from ponder.ui.chat.live_reply import LiveReply
from ponder.ui.chat.messages import AssistantMessageWidget
from ponder.ui.main import PonderApp
from ponder.ui.teaching.presenter import PresenterView
from ponder.ui.thinking.live_controls import THINK_LONGER_STEPS, AnswerNowButton

QUESTION = "Explain why the sky is blue."


def start_thinking(qtbot: QtBot, app: PonderApp, tokens: int = 2) -> None:
    """Sends the question and waits until the panel shows ``tokens`` thinking events."""
    window = app.window
    window.composer.editor.setPlainText(QUESTION)
    window.composer.send_button.click()
    qtbot.waitUntil(
        lambda: app.controller.live is not None and app.controller.live.trace.live_tokens >= tokens,
        timeout=TURN_TIMEOUT_MS,
    )


def finish(qtbot: QtBot, app: PonderApp, press: object) -> LiveReply:
    with qtbot.waitSignal(app.controller.reply_ended, timeout=TURN_TIMEOUT_MS) as ended:
        press()  # type: ignore[operator]
    live = ended.args[0]
    assert isinstance(live, LiveReply)
    return live


def test_the_button_offers_answer_now_and_think_longer(qtbot: QtBot) -> None:
    button = AnswerNowButton()
    qtbot.addWidget(button)
    assert button.text() == "Answer now" and "Ctrl+Shift+A" in button.toolTip()
    assert [a.text() for a in button.menu().actions()] == [
        "Think 256 tokens longer",
        "Think 1,024 tokens longer",
        "Think without a limit",
    ]
    asked: list[object] = []
    button.think_longer_requested.connect(asked.append)
    for action in button.menu().actions():
        action.trigger()
    assert asked == list(THINK_LONGER_STEPS)
    button.set_refusal("This engine cannot.")
    assert not button.isEnabled() and button.toolTip() == "This engine cannot."


@pytest.mark.model
def test_answer_now_in_the_panel_ends_the_thinking_and_is_marked(
    qtbot: QtBot, make_app: AppFactory
) -> None:
    app = make_app(max_tokens=200)
    set_budget(app, "unlimited")
    window = app.window
    assert not window.panel.answer_now.isVisible()
    start_thinking(qtbot, app)
    assert window.panel.answer_now.isVisible() and window.composer.answer_now.isVisible()
    assert window.menu_actions.answer_now.isEnabled()
    live = finish(qtbot, app, window.panel.answer_now.click)
    assert live.status == "complete" and live.answer_text.strip()
    assert not window.panel.answer_now.isVisible() and not window.composer.answer_now.isVisible()
    stored = app.store.get_message(live.reply_id)  # type: ignore[arg-type]
    reasons = [i.reason for i in stored.interventions]
    assert reasons[0] == "answer_now", reasons
    cut = stored.interventions[0]
    assert cut.visible == app.settings.settings.thinking_control().stop_message
    # In the trace: the early-stop message, marked as the person's, with why.
    spans = intervention_spans(window.panel)
    assert spans[0][0] == "answer_now"
    _reason, start, _end = spans[0]
    assert "stopped by you" in window.panel.tooltip_at(point_of(window.panel, start + 2))
    # In the export.
    conversation = app.store.get_conversation(live.conversation_id)
    markdown = conversation_markdown(conversation, app.store.thread(live.conversation_id))
    assert f"⟨{intervention_label('answer_now')}⟩" in markdown
    # And on the reproducibility card.
    assert f"| live controls | `{intervention_label('answer_now')} (after {cut.position}" in (
        markdown
    )


@pytest.mark.model
def test_answer_now_by_shortcut_in_presenter_mode(qtbot: QtBot, make_app: AppFactory) -> None:
    app = make_app(max_tokens=200)
    set_budget(app, "unlimited")
    app.window.menu_actions.presenter.trigger()
    presenter = app.window.teaching.presenter
    assert isinstance(presenter, PresenterView)
    start_thinking(qtbot, app)
    assert presenter.panel.answer_now.isVisible()
    presenter.activateWindow()
    qtbot.waitUntil(presenter.isActiveWindow)
    modifiers = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    live = finish(qtbot, app, lambda: qtbot.keyClick(presenter, Qt.Key.Key_A, modifiers))
    stored = app.store.get_message(live.reply_id)  # type: ignore[arg-type]
    assert [i.reason for i in stored.interventions][:1] == ["answer_now"]
    assert "answer now" in presenter.hint.text()


@pytest.mark.model
def test_think_longer_raises_the_running_budget(qtbot: QtBot, make_app: AppFactory) -> None:
    app = make_app(max_tokens=120)
    set_budget(app, "custom", 40)
    start_thinking(qtbot, app, tokens=1)
    more = app.window.composer.answer_now.menu().actions()[0]  # +256
    live = finish(qtbot, app, more.trigger)
    stored = app.store.get_message(live.reply_id)  # type: ignore[arg-type]
    cuts = [i.position for i in stored.interventions if i.reason == "budget_spent"]
    assert cuts in ([], [296]), stored.interventions
    assert stored.generation is not None and stored.generation.stats is not None
    assert stored.generation.stats.thinking_tokens > 40


@pytest.mark.model
def test_stop_marks_where_the_person_stopped(qtbot: QtBot, make_app: AppFactory) -> None:
    app = make_app(max_tokens=4000)
    set_budget(app, "unlimited")
    start_thinking(qtbot, app, tokens=3)
    live = finish(qtbot, app, app.window.composer.stop_button.click)
    assert live.status == "cancelled"
    stored = app.store.get_message(live.reply_id)  # type: ignore[arg-type]
    assert [i.reason for i in stored.interventions][-1:] == ["stopped"]
    mark = stored.interventions[-1]
    # Nothing came after the mark: it ends the thinking, and there is no answer.
    assert mark.offset == len(stored.thinking) and stored.content == ""
    assert live.trace.runs[-1].reason == "stopped"
    assert app.window.panel.trace_text.endswith(f"[{intervention_label('stopped')}]")


@pytest.mark.model
def test_think_longer_under_an_answer_continues_the_thinking_as_a_new_version(
    qtbot: QtBot, make_app: AppFactory
) -> None:
    app = make_app(max_tokens=80)
    set_budget(app, "custom", 16)
    first = ask(qtbot, app, QUESTION)
    old = app.store.get_message(first.reply_id)  # type: ignore[arg-type]
    cut = next(i for i in old.interventions if i.reason == "budget_spent")
    widget = app.window.view.widgets[-1]
    assert isinstance(widget, AssistantMessageWidget)
    assert widget.think_longer.isVisible()
    more = widget.think_longer.menu().actions()[0]  # 256 tokens longer
    live = finish(qtbot, app, more.trigger)
    new = app.store.get_message(live.reply_id)  # type: ignore[arg-type]
    assert new.id != old.id and new.parent_id == old.parent_id  # a new version of the reply
    assert new.thinking.startswith(old.thinking[: cut.offset])
    assert cut.visible not in new.thinking[: cut.offset + len(cut.visible)]
    reasons = [i.reason for i in new.interventions]
    assert "think_longer" in reasons, reasons
    mark = next(i for i in new.interventions if i.reason == "think_longer")
    assert mark.offset == cut.offset and mark.position == 16
    assert new.generation is not None and new.generation.thinking.budget == 256
    # The panel marks the seam as the person's.
    assert f"[{intervention_label('think_longer')}]" in app.window.panel.trace_text
    last = app.window.view.widgets[-1]
    assert isinstance(last, AssistantMessageWidget) and last.versions.count == 2
