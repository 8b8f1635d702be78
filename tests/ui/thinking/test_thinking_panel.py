"""The chain-of-thought panel without an engine: steps, self-checks, interventions, header."""

from __future__ import annotations

import contextlib

from pytestqt.qtbot import QtBot
from ui_helpers import intervention_spans, point_of

from ponder.core.assembly import ReplyAssembly
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
from ponder.core.storage.store import ConversationStore
from ponder.core.trace import TraceState
from ponder.ui.thinking.panel import ThinkingPanel

CUT = InterventionEvent(
    text="\n\nI have to stop thinking now.\n</think>\n\n",
    reason="budget_spent",
    position=40,
    tokens=9,
    visible="\n\nI have to stop thinking now.\n",
)


def _formatted(panel: ThinkingPanel, word: str) -> bool:
    """Whether the highlighter formats the first ``word`` in the panel."""
    text = panel.trace_text
    start = len(text[: text.index(word)].encode("utf-16-le")) // 2
    block = panel.view.document().findBlock(start)
    offset = start - block.position()
    return any(f.start <= offset < f.start + f.length for f in block.layout().formats())


def test_live_trace_appends_and_marks_self_checks_and_interventions(qtbot: QtBot) -> None:
    panel = ThinkingPanel()
    qtbot.addWidget(panel)
    panel.resize(420, 400)
    panel.show()
    trace, reply = TraceState(live=True), ReplyAssembly()
    panel.show_trace(trace)
    assert panel.header.text() == "Reading the prompt…"
    for piece in ["\nFirst, 2+3", " is 5.\n\nWa", "it, let me check", ". Hmm, fine."]:
        reply.feed(ThinkingEvent(piece))
        trace.follow(reply)
        panel.sync()
    assert panel.header.text().startswith("Thinking… 4 tokens · ")
    reply.feed(CUT)
    trace.follow(reply)
    panel.sync()
    text = panel.trace_text
    assert text.startswith("First, 2+3 is 5.\n\nWait, let me check. Hmm, fine.")
    assert _formatted(panel, "Wait") and _formatted(panel, "Hmm")
    assert not _formatted(panel, "First")
    [(reason, start, end)] = intervention_spans(panel)
    assert reason == "budget_spent" and text[start:end] == "I have to stop thinking now."
    tip = panel.tooltip_at(point_of(panel, start + 3))
    assert tip.startswith("Added by Ponder after 40 thinking tokens: the thinking budget")
    trace.finish(Stats(thinking_tokens=40, thinking_s=3.25))
    panel.update_header()
    assert panel.header.text() == "Thought for 3.2 s · 40 tokens"


def test_a_budget_cut_without_words_still_shows_where_ponder_stepped_in(qtbot: QtBot) -> None:
    panel = ThinkingPanel()
    qtbot.addWidget(panel)
    trace, reply = TraceState(live=True), ReplyAssembly()
    panel.show_trace(trace)
    reply.feed(ThinkingEvent("Some thought"))
    reply.feed(InterventionEvent(text="</think>", reason="budget_spent", position=2, tokens=1))
    trace.follow(reply)
    panel.sync()
    [(_reason, start, end)] = intervention_spans(panel)
    assert panel.trace_text[start:end] == "[Ponder: thinking budget spent, thinking stopped here]"


def test_a_stored_trace_puts_interventions_back_where_they_were(qtbot: QtBot) -> None:
    path = AppPaths.from_environment().ensure().database
    with contextlib.closing(ConversationStore(path)) as store:
        conversation = store.create_conversation("t")
        user = store.add_message(conversation.id, "user", "q", parent_id=None)
        request = GenerateRequest((Message("user", "q"),), ThinkingControl(budget=40))
        writer = store.begin_reply(conversation.id, user.id, request)
        for event in (
            ThinkingEvent("Emoji 🙂 first. "),
            ThinkingEvent("But then."),
            CUT,
            StatsEvent(Stats(thinking_tokens=40, thinking_s=1.0)),
            DoneEvent("eos"),
        ):
            writer.feed(event)
        stored = store.get_message(writer.message_id)
    trace = TraceState.from_message(stored)
    panel = ThinkingPanel()
    qtbot.addWidget(panel)
    panel.show_trace(trace)
    [(_reason, start, end)] = intervention_spans(panel)
    # The emoji before it is two UTF-16 units to Qt, one character to Python.
    assert panel.trace_text[start:end] == "I have to stop thinking now."
    assert _formatted(panel, "But")
    assert panel.header.text() == "Thought for 1.0 s · 40 tokens"


def test_thinking_off_never_says_it_is_reading_the_prompt_while_the_answer_streams(
    qtbot: QtBot,
) -> None:
    panel = ThinkingPanel()
    qtbot.addWidget(panel)
    trace, reply = TraceState(live=True, thinking_off=True), ReplyAssembly()
    panel.show_trace(trace)
    assert panel.header.text() == "Thinking off"
    reply.feed(AnswerEvent("The answer is"))
    trace.follow(reply)
    panel.sync()
    assert not trace.thinking_now
    assert panel.header.text() == "Thinking off"


def test_an_answer_without_thinking_ends_the_reading_of_the_prompt(qtbot: QtBot) -> None:
    panel = ThinkingPanel()
    qtbot.addWidget(panel)
    trace, reply = TraceState(live=True), ReplyAssembly()
    panel.show_trace(trace)
    assert panel.header.text() == "Reading the prompt…"
    reply.feed(AnswerEvent("Straight to the answer"))
    trace.follow(reply)
    panel.sync()
    assert not trace.thinking_now
    assert panel.header.text() == "No thinking"
