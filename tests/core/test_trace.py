"""The runs of a reply (the one cut of its thinking) and the one table of intervention words."""

from __future__ import annotations

import io
import typing
from dataclasses import dataclass

from ponder.commands.ask import TerminalPrinter
from ponder.core.assembly import ReplyAssembly
from ponder.core.events import InterventionEvent, InterventionReason, ThinkingEvent
from ponder.core.paths import AppPaths
from ponder.core.storage.store import ConversationStore
from ponder.core.teaching.export import conversation_markdown
from ponder.core.trace import (
    INTERVENTION_WORDS,
    TraceRun,
    TraceState,
    intervention_label,
    intervention_placeholder,
    intervention_tooltip,
    tokens_text,
    trace_runs,
    trace_spans,
)
from stored_reply import EVENTS, store_reply


@dataclass(frozen=True)
class _Placed:
    """An intervention as a damaged or hand-made record might hold it."""

    reason: str
    offset: int
    visible: str
    text: str = ""
    position: int = 0
    tokens: int = 0

    @property
    def end(self) -> int:
        return self.offset + len(self.visible)


def _merged(runs: list[TraceRun]) -> list[TraceRun]:
    """``runs`` with neighbouring runs of model text joined (a live trace has one per batch)."""
    out: list[TraceRun] = []
    for run in runs:
        if out and run.reason is None and out[-1].reason is None:
            out[-1] = TraceRun(out[-1].text + run.text)
        else:
            out.append(run)
    return out


def test_a_stored_reply_and_its_live_stream_are_cut_the_same() -> None:
    _id, stored = store_reply()
    from_storage = TraceState.from_message(stored).runs
    assert [(r.reason, r.text) for r in from_storage if r.reason] == [
        ("min_thinking", "\nWait"),
        ("budget_spent", "\n\nI have to stop thinking now.\n"),
    ]
    assert "".join(r.text for r in from_storage) == stored.thinking
    # The whole stream folded at once: the very same runs.
    reply = ReplyAssembly()
    reply.feed_all(EVENTS)
    assert reply.runs == from_storage
    # Live, in batches as the GUI takes them: the same runs, the model's text in more pieces.
    live, reply = TraceState(live=True), ReplyAssembly()
    batches = (EVENTS[:1], EVENTS[1:4], EVENTS[4:5], EVENTS[5:])
    for batch in batches:
        reply.feed_all(batch)
        live.follow(reply)
    assert _merged(live.runs) == from_storage
    assert len(live.runs) > len(from_storage)
    assert live.live_tokens == 4 and live.stats == stored.generation.stats  # type: ignore[union-attr]
    assert live.ended_at is not None  # the answer began: the thinking clock stopped


def test_spans_cover_the_text_once_even_when_the_offsets_are_damaged() -> None:
    thinking = "abcdefghij"
    overlapping = [_Placed("min_thinking", 2, "cde"), _Placed("budget_spent", 3, "defgh")]
    spans = trace_spans(thinking, overlapping)
    assert "".join(thinking[s.start : s.end] for s in spans) == thinking
    assert [(s.start, s.end) for s in spans] == [(0, 2), (2, 5), (5, 8), (8, 10)]
    # Past the end: clamped, and an injection with nothing visible is still a run.
    runs = trace_runs(thinking, [_Placed("context_full", 99, "xyz")])
    assert runs == [TraceRun("abcdefghij"), TraceRun("", "context_full")]


def test_a_cut_before_the_end_keeps_only_what_came_before() -> None:
    _id, stored = store_reply()
    wait = stored.interventions[0]
    spans = trace_spans(stored.thinking, stored.interventions, upto=wait.offset + 2)
    assert [(s.start, s.end, s.intervention is not None) for s in spans] == [
        (0, wait.offset, False),
        (wait.offset, wait.offset + 2, True),
    ]
    # An intervention exactly at the cut belongs to what is dropped.
    assert trace_spans(stored.thinking, stored.interventions, upto=wait.offset)[-1].end == (
        wait.offset
    )


def test_every_reason_has_words_and_every_view_uses_the_same_label() -> None:
    assert set(INTERVENTION_WORDS) == set(typing.get_args(InterventionReason))
    # The terminal (ponder ask, ponder chat).
    out = io.StringIO()
    printer = TerminalPrinter(out, io.StringIO())
    printer(ThinkingEvent("So 41."))
    printer(InterventionEvent("</think>", "budget_spent", 3, 1, ""))
    printer(InterventionEvent("Wait", "min_thinking", 5, 1, "Wait"))
    assert f"⟨{intervention_label('budget_spent')}⟩" in out.getvalue()
    assert f"⟨{intervention_label('min_thinking')}⟩Wait" in out.getvalue()
    # The export.
    conversation_id, stored = store_reply()
    with ConversationStore(AppPaths.from_environment().database) as store:
        conversation = store.get_conversation(conversation_id)
    markdown = conversation_markdown(conversation, [stored])
    assert f"**⟨{intervention_label('min_thinking')}⟩**" in markdown
    assert f"**⟨{intervention_label('budget_spent')}⟩**" in markdown
    # The panel's stand-in for an empty injection, and its tooltip.
    assert intervention_placeholder("budget_spent") == (
        "[Ponder: thinking budget spent, thinking stopped here]"
    )
    assert intervention_tooltip("min_thinking", 12).startswith(
        "Added by Ponder after 12 thinking tokens: the model tried to stop"
    )
    assert intervention_tooltip("fork", 0).startswith("Fork: the thinking was forked here")
    # A reason from a newer version is still named, not dropped.
    assert intervention_label("new_reason") == "Ponder: new reason"


def test_token_counts_read_as_english() -> None:
    assert [tokens_text(n) for n in (0, 1, 2)] == ["0 tokens", "1 token", "2 tokens"]
    trace = TraceState(live=True, runs=[TraceRun("Hm", None)], live_tokens=1, started_at=0.0)
    assert trace.summary(now=2.0) == "Thinking… 1 token · 2.0 s"
    trace.end_thinking()
    trace.ended_at = 2.0
    trace.live = False
    assert trace.summary() == "Thought for 2.0 s · 1 token"
