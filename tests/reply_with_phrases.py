"""A reply that ended with an error and carries a notice, both phrases core made (the error
with phrases nested in it): what storage must keep so that a reload reads as it did live."""

from __future__ import annotations

from ponder.core.events import (
    AnswerEvent,
    DoneEvent,
    ErrorEvent,
    Event,
    NoticeEvent,
    Stats,
    StatsEvent,
    ThinkingEvent,
)
from ponder.core.phrases import QT_TRANSLATE_NOOP, message_of
from ponder.core.reasoning.context_fit import MessageTooLong

TOO_LONG = message_of(MessageTooLong(5246, 4096, 512))
NO_WAIT = QT_TRANSLATE_NOOP(
    "Servers",
    "Minimum thinking is unavailable on {server}: it cannot continue a "
    'model\'s reasoning, so no "Wait" will be added to this reply.',
).format(server="classroom")
EVENTS: tuple[Event, ...] = (
    NoticeEvent(NO_WAIT, "control_unavailable"),
    ThinkingEvent("Let me see."),
    AnswerEvent("Partly"),
    StatsEvent(Stats(thinking_tokens=3, answer_tokens=1, thinking_s=0.5, answer_s=0.1)),
    ErrorEvent(TOO_LONG, kind="prompt_too_long"),
    DoneEvent("error"),
)
