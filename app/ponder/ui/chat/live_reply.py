"""The turn being generated, as the GUI knows it, and what fixes every turn's sampling.

Thread: GUI thread (a ``LiveReply`` is updated by the controller's drain timer).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ponder.core.events import (
    AnswerEvent,
    DoneEvent,
    ErrorEvent,
    Event,
    InterventionEvent,
    StatsEvent,
    ThinkingEvent,
)
from ponder.core.request import Sampling
from ponder.ui.thinking.trace_state import TraceState


@dataclass
class LiveReply:
    """The turn being generated, as the GUI knows it so far."""

    token: int
    conversation_id: int
    user_text: str | None
    user_message_id: int | None = None
    reply_id: int | None = None
    trace: TraceState = field(default_factory=lambda: TraceState(live=True))
    answer: list[str] = field(default_factory=list)
    error: str | None = None
    error_kind: str | None = None
    done_reason: str | None = None
    status: str = "streaming"
    stopping: bool = False
    # A fork or another model's answer: the reply to show beside this one when it ends.
    compare_to: int | None = None

    @property
    def answer_text(self) -> str:
        return "".join(self.answer)

    @property
    def finished(self) -> bool:
        return self.status != "streaming"

    def apply(self, events: list[Event]) -> str:
        """Takes a batch of events; returns the answer text it added. Consecutive thinking
        pieces become one run of the trace (one append in the panel)."""
        answer: list[str] = []
        thinking: list[str] = []
        for event in events:
            if not isinstance(event, ThinkingEvent) and thinking:
                self.trace.add_thinking("".join(thinking), len(thinking))
                thinking.clear()
            _apply_one(self, event, thinking, answer)
        if thinking:
            self.trace.add_thinking("".join(thinking), len(thinking))
        added = "".join(answer)
        self.answer.append(added)
        return added


@dataclass(frozen=True, slots=True)
class GenerationDefaults:
    """Fixed sampling or a token cap for every turn (the self-test and the tests use greedy
    sampling and a cap); by default the model family's recommendation and no cap."""

    sampling: Sampling = field(default_factory=Sampling)
    max_tokens: int | None = None


def _apply_one(live: LiveReply, event: Event, thinking: list[str], answer: list[str]) -> None:
    if isinstance(event, ThinkingEvent):
        thinking.append(event.text)
    elif isinstance(event, AnswerEvent):
        live.trace.end_thinking()
        answer.append(event.text)
    elif isinstance(event, InterventionEvent):
        live.trace.add_intervention(event)
    elif isinstance(event, StatsEvent):
        live.trace.stats = event.stats
    elif isinstance(event, ErrorEvent):
        if event.kind != "cancelled":
            live.error, live.error_kind = event.message, event.kind
    elif isinstance(event, DoneEvent):
        live.done_reason = event.reason
        live.trace.end_thinking()
