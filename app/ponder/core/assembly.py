"""One generation's events folded into the reply they make: the one fold every consumer reads.

An engine streams small typed events (``core.events``); what a consumer wants is the reply:
its thinking, its answer, the interventions and where they fell in the thinking, the figures,
the error, how it ended. ``ReplyAssembly`` folds them once (as simonw/llm's ``Response`` does
for its models); the live reply in the GUI, the conversation writer, the sweep, the terminal
commands and the benchmarks all read it instead of folding the stream themselves.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace

from ponder.core.events import (
    AnswerEvent,
    DoneEvent,
    ErrorEvent,
    Event,
    InterventionEvent,
    NoticeEvent,
    Stats,
    StatsEvent,
    ThinkingEvent,
)
from ponder.core.trace import TraceRun, trace_runs


@dataclass(frozen=True, slots=True)
class AssembledIntervention:
    """An intervention of the stream and where its visible text starts in the thinking
    (``offset``, Python characters): the same shape as a stored one."""

    reason: str
    text: str
    visible: str
    position: int
    tokens: int
    offset: int

    @property
    def end(self) -> int:
        return self.offset + len(self.visible)


def _joined(parts: list[str]) -> str:
    """The parts as one string; they are joined in place, so reading again costs nothing."""
    if len(parts) > 1:
        parts[:] = ["".join(parts)]
    return parts[0] if parts else ""


class ReplyAssembly:
    """The reply that a generation's events make, so far.

    Feed it every event of one generation (``feed``); load events are ignored. The thinking
    holds the visible text of the interventions where they happened, as it is stored. Once a
    ``stopped`` intervention came (``stop_mark``: the person pressed Stop), the reply ends
    there: text and interventions that arrive after it are not added.
    ``error``/``error_kind`` are the last error event's; ``done_reason`` is None until the
    ``DoneEvent`` came. Thread: the thread that feeds it.
    """

    def __init__(self) -> None:
        self._thinking: list[str] = []
        self._answer: list[str] = []
        self.thinking_chars = 0
        self.thinking_events = 0  # thinking text events (about one per token)
        self.answer_started = False
        self.interventions: list[AssembledIntervention] = []
        self.stats: Stats | None = None
        self.error: str | None = None
        self.error_kind: str | None = None
        self.done_reason: str | None = None
        self.stopped = False
        # What the engine said the reply did not do as asked (a server that ignored a
        # control); also carried in ``stats.notices``, so that storage keeps them.
        self.notices: list[str] = []

    def stop_mark(self) -> InterventionEvent:
        """The event that marks where the person pressed Stop: at the end of the thinking so
        far (its position counts thinking events, about one per token). Feed it like any."""
        return InterventionEvent(
            text="", reason="stopped", position=self.thinking_events, tokens=0, visible=""
        )

    def feed(self, event: Event) -> None:
        """Takes one event of the generation."""
        if self.stopped and isinstance(event, ThinkingEvent | AnswerEvent | InterventionEvent):
            return  # it came after Stop
        if isinstance(event, ThinkingEvent):
            self.thinking_events += 1
            self._add_thinking(event.text)
        elif isinstance(event, AnswerEvent):
            self.answer_started = True
            self._answer.append(event.text)
        elif isinstance(event, InterventionEvent):
            self.interventions.append(
                AssembledIntervention(
                    event.reason,
                    event.text,
                    event.visible,
                    event.position,
                    event.tokens,
                    self.thinking_chars,
                )
            )
            self._add_thinking(event.visible)
            self.stopped = event.reason == "stopped"
        elif isinstance(event, StatsEvent):
            self.stats = event.stats
            self._note_in_stats()
        elif isinstance(event, NoticeEvent):
            self.notices.append(event.message)
            self._note_in_stats()
        elif isinstance(event, ErrorEvent):
            self.error, self.error_kind = event.message, event.kind
        elif isinstance(event, DoneEvent):
            self.done_reason = event.reason

    def feed_all(self, events: Iterable[Event]) -> None:
        for event in events:
            self.feed(event)

    def _note_in_stats(self) -> None:
        if self.stats is not None and self.notices and self.stats.notices != tuple(self.notices):
            self.stats = replace(self.stats, notices=tuple(self.notices))

    def _add_thinking(self, text: str) -> None:
        if text:
            self._thinking.append(text)
            self.thinking_chars += len(text)

    @property
    def thinking(self) -> str:
        """All thinking so far, the interventions' visible text included."""
        return _joined(self._thinking)

    @property
    def answer(self) -> str:
        return _joined(self._answer)

    @property
    def runs(self) -> list[TraceRun]:
        """The thinking cut at the interventions, as a stored reply's is cut."""
        return trace_runs(self.thinking, self.interventions)

    @property
    def failed(self) -> bool:
        """Whether an error event came (a cancel that the engine reported as one included)."""
        return self.error is not None
