"""The window on the real engine: a turn fills the panel and the answer, Stop stops, budgets
show their interventions, regenerate and edit keep versions, conversations survive a restart.
"""

from __future__ import annotations

import pytest
from app_driving import TURN_TIMEOUT_MS, AppFactory, ask, set_budget
from pytestqt.qtbot import QtBot
from ui_helpers import intervention_spans, point_of

from ponder.core.trace import TraceState
from ponder.ui.chat.messages import AssistantMessageWidget, UserMessageWidget
from ponder.ui.thinking.panel import ThinkingPanel

pytestmark = pytest.mark.model


def test_a_prompt_fills_the_panel_and_the_answer(qtbot: QtBot, make_app: AppFactory) -> None:
    app = make_app(max_tokens=80)
    set_budget(app, "custom", 24)
    headers: list[str] = []
    app.controller.reply_updated.connect(lambda *_: headers.append(app.window.panel.header.text()))
    live = ask(qtbot, app, "What is 2+3?")

    assert live.status == "complete", live.error
    window = app.window
    assert window.panel_visible, "the panel opens while the model thinks (the default)"
    trace = window.panel.trace_text
    assert trace.strip()
    answer_widget = window.view.widgets[-1]
    assert isinstance(answer_widget, AssistantMessageWidget)
    answer = answer_widget.answer.source_text
    assert answer.strip() and answer == live.answer_text
    assert answer.strip() not in trace, "the answer is not in the thinking panel"
    assert any(h.startswith("Thinking… ") and h.endswith(" s") for h in headers), headers
    stored = app.store.get_message(live.reply_id or -1)
    assert stored.content == answer and stored.status == "complete"
    assert stored.thinking.strip() and stored.generation is not None
    assert stored.generation.thinking.budget == 24
    stats = stored.generation.stats
    assert stats is not None and 0 < stats.thinking_tokens <= 24
    done = window.panel.header.text()
    assert done == f"Thought for {stats.thinking_s:.1f} s · {stats.thinking_tokens} tokens"
    assert answer_widget.chip.text().startswith(done)


def test_stop_stops_the_answer(qtbot: QtBot, make_app: AppFactory) -> None:
    app = make_app(max_tokens=4000)
    set_budget(app, "unlimited")
    window = app.window
    window.composer.editor.setPlainText("Write a long story about a lighthouse keeper.")
    window.composer.send_button.click()
    qtbot.waitUntil(lambda: len(window.panel.trace_text) > 40, timeout=TURN_TIMEOUT_MS)
    assert window.composer.stop_button.isVisible()
    with qtbot.waitSignal(app.controller.reply_ended, timeout=TURN_TIMEOUT_MS) as ended:
        window.composer.stop_button.click()
    live = ended.args[0]
    assert live.status == "cancelled"
    assert window.view.widgets[-1].status.text() == "Stopped."
    stored = app.store.get_message(live.reply_id)
    assert stored.status == "cancelled"
    stats = stored.generation.stats if stored.generation else None
    generated = stats.thinking_tokens + stats.answer_tokens if stats else len(live.trace.text)
    assert generated < 4000
    assert window.composer.send_button.isVisible() and not window.composer.stop_button.isVisible()


def test_a_spent_budget_is_marked_in_the_trace_with_why(qtbot: QtBot, make_app: AppFactory) -> None:
    app = make_app(max_tokens=60)
    set_budget(app, "custom", 16)
    ask(qtbot, app, "Why is the sea salty?")
    panel = app.window.panel
    spans = intervention_spans(panel)
    assert [reason for reason, _start, _end in spans] == ["budget_spent"]
    _reason, start, end = spans[0]
    injected = panel.trace_text[start:end]
    assert "stop thinking" in injected, injected
    assert "thinking budget was spent" in panel.tooltip_at(point_of(panel, start + 2))
    assert panel.tooltip_at(point_of(panel, 0)) == ""


def test_minimum_thinking_injects_wait_marked_as_ponders(
    qtbot: QtBot, make_app: AppFactory
) -> None:
    app = make_app(max_tokens=200)
    set_budget(app, "unlimited")
    app.settings.update_fields(min_thinking_tokens=5000, max_waits=1, wait_text="Wait")
    ask(qtbot, app, "What is 2+3?")
    panel = app.window.panel
    spans = intervention_spans(panel)
    assert "min_thinking" in [reason for reason, _s, _e in spans]
    _reason, start, end = next(s for s in spans if s[0] == "min_thinking")
    assert panel.trace_text[start:end] == "Wait"
    assert "keep" in panel.tooltip_at(point_of(panel, start + 1)) or "longer" in (
        panel.tooltip_at(point_of(panel, start + 1))
    )
    # The injected "Wait" is Ponder's, not the model's self-check: no self-check format.
    block = panel.view.document().findBlock(start)
    formats = block.layout().formats()
    offset = start - block.position()
    assert not any(f.start <= offset < f.start + f.length for f in formats)


def test_regenerate_keeps_both_versions(qtbot: QtBot, make_app: AppFactory) -> None:
    app = make_app(max_tokens=40)
    set_budget(app, "off")
    first = ask(qtbot, app, "Name a colour.")
    view = app.window.view
    reply = view.widgets[-1]
    assert isinstance(reply, AssistantMessageWidget)
    with qtbot.waitSignal(app.controller.reply_ended, timeout=TURN_TIMEOUT_MS) as ended:
        reply.regenerate.click()
    second = ended.args[0]
    assert second.reply_id != first.reply_id and second.status == "complete"
    assert len(view.widgets) == 2, "the new reply replaces the old one on screen"
    new_reply = view.widgets[-1]
    assert new_reply.versions.isVisible() and new_reply.versions.label.text() == "2/2"
    siblings = app.store.siblings(second.reply_id)
    assert [m.id for m in siblings] == [first.reply_id, second.reply_id]
    new_reply.versions.previous.click()
    assert view.widgets[-1].message_id == first.reply_id
    assert view.widgets[-1].versions.label.text() == "1/2"


def test_edit_and_resend_starts_a_new_version(qtbot: QtBot, make_app: AppFactory) -> None:
    app = make_app(max_tokens=40)
    set_budget(app, "off")
    ask(qtbot, app, "What is 2+2?")
    view, composer = app.window.view, app.window.composer
    user = view.widgets[0]
    assert isinstance(user, UserMessageWidget)
    old_id = user.message_id
    user.edit.click()
    assert composer.editing == old_id and composer.editor.toPlainText() == "What is 2+2?"
    composer.editor.setPlainText("What is 3+3?")
    with qtbot.waitSignal(app.controller.reply_ended, timeout=TURN_TIMEOUT_MS) as ended:
        composer.send_button.click()
    assert ended.args[0].status == "complete"
    assert composer.editing is None
    assert [type(w) for w in view.widgets] == [UserMessageWidget, AssistantMessageWidget]
    edited = view.widgets[0]
    assert isinstance(edited, UserMessageWidget)
    assert edited.text == "What is 3+3?" and edited.message_id != old_id
    assert edited.versions.label.text() == "2/2"
    thread = app.store.thread(app.controller.conversation_id or -1)
    assert [m.content for m in thread if m.role == "user"] == ["What is 3+3?"]


def test_conversations_survive_a_restart(qtbot: QtBot, make_app: AppFactory) -> None:
    app = make_app(max_tokens=60)
    set_budget(app, "custom", 20)
    live = ask(qtbot, app, "What is the capital of France?")
    thinking = app.window.panel.trace_text
    chip = app.window.view.widgets[-1].chip.text()
    spans = intervention_spans(app.window.panel)
    app.window.conversations.list.item(0).setText("Geography")  # rename in place
    app.window.close()
    app.shutdown()

    again = make_app(load=False)
    items = again.window.conversations.list
    assert items.count() == 1 and items.item(0).text() == "Geography"
    again.window.conversations.list.itemClicked.emit(items.item(0))
    widgets = again.window.view.widgets
    assert [type(w) for w in widgets] == [UserMessageWidget, AssistantMessageWidget]
    assert widgets[1].answer.source_text == live.answer_text
    assert again.window.panel.trace_text == thinking
    assert widgets[1].chip.text() == chip and chip.startswith("Thought for ")
    assert intervention_spans(again.window.panel) == spans


def test_back_in_a_conversation_mid_stream_the_reply_goes_on_live(
    qtbot: QtBot, make_app: AppFactory
) -> None:
    app = make_app(max_tokens=400)
    set_budget(app, "custom", 200)
    window = app.window
    window.composer.editor.setPlainText("Tell me about the history of the bicycle.")
    window.composer.send_button.click()
    live = app.controller.live
    assert live is not None
    qtbot.waitUntil(lambda: live.reply_id is not None and live.trace.live_tokens > 5)
    first = app.controller.conversation_id
    window.new_conversation()  # away, while the reply is still being written
    assert not window.view.widgets
    qtbot.wait(300)
    app.controller.open_conversation(first)  # and back
    widget = window.view.widgets[-1]
    assert isinstance(widget, AssistantMessageWidget)
    assert window.view.live_widget is widget and window.panel.trace is live.trace
    shown_before = len(window.panel.trace_text)
    qtbot.waitUntil(lambda: len(window.panel.trace_text) > shown_before or live.finished)
    qtbot.waitUntil(lambda: app.controller.live is None, timeout=TURN_TIMEOUT_MS)
    stored = app.store.get_message(live.reply_id)
    assert widget.answer.source_text == stored.content
    assert widget.message_id == stored.id
    # The live panel drew the same trace as the stored reply draws.
    fresh = ThinkingPanel()
    qtbot.addWidget(fresh)
    fresh.show_trace(TraceState.from_message(stored))
    assert window.panel.trace_text == fresh.trace_text
