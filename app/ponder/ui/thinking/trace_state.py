"""What the chain-of-thought panel and an answer's chip show about one reply's thinking.

Plain Python (no widgets): the runs of thinking text and interventions in order, the live
counters, and the final figures from the engine. The panel draws it; the chip reads its
summary. Thread: GUI thread.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field

from ponder.core.events import InterventionEvent, Stats
from ponder.core.storage.store import StoredMessage

_REASONS = {
    "budget_spent": (
        "the thinking budget was spent, so Ponder added this early-stop message and closed the "
        "thinking; the model then wrote its answer."
    ),
    "min_thinking": (
        "the model tried to stop thinking before the minimum, so Ponder added this to make it "
        "think longer."
    ),
    "thinking_off": (
        "thinking is off, but the model opened a thinking block anyway; Ponder closed it at once."
    ),
    "context_full": (
        "the context was nearly full, so Ponder closed the thinking to leave room for the answer."
    ),
    "unclosed_thinking": (
        "the model ended its turn while still thinking, so Ponder closed the thinking to let "
        "it write an answer."
    ),
    "fork": (
        "the thinking was forked here: this text was inserted by hand, and the model went on "
        "from it."
    ),
}


def intervention_tooltip(reason: str, position: int) -> str:
    """Why Ponder stepped in, for the tooltip on an intervention in the trace."""
    why = _REASONS.get(reason, f"Ponder stepped in ({reason}).")
    if reason == "fork":
        return f"Fork: {why}"
    return f"Added by Ponder after {position} thinking tokens: {why}"


def intervention_label(reason: str) -> str:
    """What stands in the trace for an intervention that injected no visible text."""
    return {
        "budget_spent": "[Ponder: thinking budget spent, thinking stopped here]",
        "thinking_off": "[Ponder: thinking is off, thinking closed]",
        "context_full": "[Ponder: context nearly full, thinking stopped here]",
        "unclosed_thinking": "[Ponder: the model stopped inside its thinking; closed it]",
        "min_thinking": "[Ponder: asked the model to keep thinking]",
        "fork": "[fork: the model went on from here]",
    }.get(reason, f"[Ponder: {reason}]")


@dataclass(frozen=True, slots=True)
class TraceRun:
    """A run of the trace: model text (``reason`` None) or text Ponder injected."""

    text: str
    reason: str | None = None
    position: int = 0


def seconds_text(seconds: float) -> str:
    return f"{seconds:.1f} s" if seconds < 60 else f"{int(seconds // 60)} min {seconds % 60:.0f} s"


@dataclass
class TraceState:
    """One reply's thinking. ``message_id`` is None until the database row exists."""

    message_id: int | None = None
    runs: list[TraceRun] = field(default_factory=list)
    live: bool = False
    live_tokens: int = 0  # thinking events seen while streaming (about one per token)
    started_at: float | None = None  # monotonic time of the first thinking text
    ended_at: float | None = None  # monotonic time the thinking ended (answer or done)
    stats: Stats | None = None
    thinking_off: bool = False

    @classmethod
    def from_message(cls, message: StoredMessage) -> TraceState:
        """The trace of a stored reply: its thinking cut at the stored interventions."""
        runs: list[TraceRun] = []
        text, pos = message.thinking, 0
        for item in sorted(message.interventions, key=lambda i: i.offset):
            if item.offset > pos:
                runs.append(TraceRun(text[pos : item.offset]))
            runs.append(TraceRun(item.visible, item.reason, item.position))
            pos = max(pos, item.end)
        if pos < len(text):
            runs.append(TraceRun(text[pos:]))
        generation = message.generation
        return cls(
            message_id=message.id,
            runs=runs,
            live=message.status == "streaming",
            stats=generation.stats if generation else None,
            thinking_off=bool(generation and generation.thinking.budget == 0),
        )

    # ----- streaming ---------------------------------------------------------------------

    def add_thinking(self, text: str, events: int = 1) -> TraceRun:
        if self.started_at is None:
            self.started_at = time.monotonic()
        self.live_tokens += events
        run = TraceRun(text)
        self.runs.append(run)
        return run

    def add_intervention(self, event: InterventionEvent) -> TraceRun:
        if self.started_at is None:
            self.started_at = time.monotonic()
        run = TraceRun(event.visible, event.reason, event.position)
        self.runs.append(run)
        return run

    def end_thinking(self) -> None:
        if self.ended_at is None and self.started_at is not None:
            self.ended_at = time.monotonic()

    def finish(self, stats: Stats | None) -> None:
        self.end_thinking()
        if stats is not None:
            self.stats = stats
        self.live = False

    # ----- figures ---------------------------------------------------------------------------

    @property
    def text(self) -> str:
        return "".join(run.text for run in self.runs)

    @property
    def has_thinking(self) -> bool:
        return any(run.text.strip() or run.reason for run in self.runs)

    @property
    def tokens(self) -> int:
        if self.stats is not None and not self.live:
            return self.stats.thinking_tokens
        return self.live_tokens

    def seconds(self, now: float | None = None) -> float:
        if self.stats is not None and not self.live:
            return self.stats.thinking_s
        if self.started_at is None:
            return 0.0
        end = self.ended_at if self.ended_at is not None else (now or time.monotonic())
        return end - self.started_at

    @property
    def thinking_now(self) -> bool:
        return self.live and self.ended_at is None

    def summary(self, now: float | None = None) -> str:
        """The header line: live "Thinking… 341 tokens · 12.4 s", after "Thought for …"."""
        if self.thinking_now:
            if self.started_at is None:
                return "Reading the prompt…"
            return f"Thinking… {self.tokens} tokens · {seconds_text(self.seconds(now))}"
        if not self.has_thinking:
            return "Thinking off" if self.thinking_off else "No thinking"
        if self.stats is None and self.started_at is None:
            return "Thoughts (the reply was interrupted before its figures were saved)"
        return f"Thought for {seconds_text(self.seconds(now))} · {self.tokens} tokens"
