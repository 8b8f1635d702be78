"""The turn being generated, as the GUI knows it, and what fixes every turn's sampling.

Thread: GUI thread (a ``LiveReply`` is updated by the controller's drain timer).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ponder.core.assembly import ReplyAssembly
from ponder.core.events import Event
from ponder.core.request import Sampling
from ponder.core.trace import TraceState


@dataclass
class LiveReply:
    """The turn being generated, as the GUI knows it so far."""

    token: int
    conversation_id: int
    user_text: str | None
    user_message_id: int | None = None
    reply_id: int | None = None
    trace: TraceState = field(default_factory=lambda: TraceState(live=True))
    reply: ReplyAssembly = field(default_factory=ReplyAssembly)
    # The error to show the user (a cancel the user asked for is not one).
    error: str | None = None
    status: str = "streaming"
    stopping: bool = False
    # A fork or another model's answer: the reply to show beside this one when it ends.
    compare_to: int | None = None

    @property
    def answer_text(self) -> str:
        return self.reply.answer

    @property
    def finished(self) -> bool:
        return self.status != "streaming"

    def apply(self, events: list[Event]) -> str:
        """Takes a batch of events; returns the answer text it added. The batch's thinking
        becomes one run of the trace per stretch between interventions (one append in the
        panel)."""
        before = len(self.reply.answer)
        self.reply.feed_all(events)
        self.trace.follow(self.reply)
        if self.reply.error is not None and self.reply.error_kind != "cancelled":
            self.error = self.reply.error
        return self.reply.answer[before:]


@dataclass(frozen=True, slots=True)
class GenerationDefaults:
    """Fixed sampling or a token cap for every turn (the self-test and the tests use greedy
    sampling and a cap); by default the model family's recommendation and no cap."""

    sampling: Sampling = field(default_factory=Sampling)
    max_tokens: int | None = None
