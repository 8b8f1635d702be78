"""Ctrl+C while a turn streams in the terminal: once while thinking = Answer now, again = Stop.

A line reader cannot read keys while the answer streams, but Ctrl+C always arrives (as
SIGINT, to the whole terminal group; the engine's child ignores it). While a turn streams,
``InterruptKeys`` turns it into the live controls instead of an exception that would tear the
stream down: the first press while the model thinks asks it to answer now; a press while it
answers, or a second press, stops it. Stop ends the reply where the person pressed it: a
"stopped" mark in the trace, and what the engine sends after it is dropped (``ReplyAssembly``).

The handler only sets flags and calls the engine's ``answer_now``/``cancel``, which return at
once: the reading loop does the printing (``take``), on the main thread.
"""

from __future__ import annotations

import signal
import threading
from collections.abc import Callable
from types import FrameType, TracebackType
from typing import Any

from ponder.core.assembly import ReplyAssembly
from ponder.core.events import AnswerEvent, Event, InterventionEvent, ThinkingEvent
from ponder.engine.protocol import LiveSteering

KEYS_HELP = "Ctrl+C while it thinks: answer now; Ctrl+C again (or while it answers): stop."


class InterruptKeys:
    """Ctrl+C as live controls of one streaming turn (a context manager around the stream).

    ``reply`` is the fold of the turn's events so far (the loop feeds it); ``take`` returns
    the controls pressed since the last call, as (name, event to feed or None): name is
    "answer_now" or "stop"."""

    def __init__(self, engine: Any, reply: ReplyAssembly) -> None:
        self._engine = engine
        self._reply = reply
        self._pressed: list[str] = []
        self._answer_now_sent = False
        self.stopped = False
        self._previous: Any = None

    def __enter__(self) -> InterruptKeys:
        if threading.current_thread() is threading.main_thread():
            self._previous = signal.signal(signal.SIGINT, self._on_interrupt)
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        if self._previous is not None:
            signal.signal(signal.SIGINT, self._previous)

    def _on_interrupt(self, _signum: int, _frame: FrameType | None) -> None:
        reply = self._reply
        thinking = reply.thinking_events > 0 and not reply.answer_started
        steerable = isinstance(self._engine, LiveSteering)
        if thinking and steerable and not self._answer_now_sent and not self.stopped:
            self._answer_now_sent = True
            self._engine.answer_now()
            self._pressed.append("answer_now")
            return
        if not self.stopped:
            self.stopped = True
            self._engine.cancel()
            self._pressed.append("stop")

    def take(self) -> list[tuple[str, Event | None]]:
        """The controls pressed since the last call, oldest first, each with the event that
        marks it in the reply (Stop while thinking: the "stopped" mark; else None)."""
        taken: list[tuple[str, Event | None]] = []
        while self._pressed:
            name = self._pressed.pop(0)
            mark: Event | None = None
            reply = self._reply
            if name == "stop" and reply.thinking_events and not reply.answer_started:
                mark = reply.stop_mark()
            taken.append((name, mark))
        return taken


def stream_turn(
    engine: Any,
    request: Any,
    show: Callable[[Event], None],
    note: Callable[[str], None],
    prelude: tuple[Event, ...] = (),
) -> tuple[ReplyAssembly, bool]:
    """Streams one turn with Ctrl+C as live controls: each event goes to ``show`` (and the
    fold), each control pressed to ``note`` ("answer_now" or "stop"). ``prelude``: events
    that open the reply before the engine's (Think longer's kept thinking; folded, not
    shown: the caller shows what of it is new). Returns the reply and whether the person
    stopped it. Nothing that arrives after Stop is shown or kept."""
    reply = ReplyAssembly()
    reply.feed_all(prelude)
    with InterruptKeys(engine, reply) as keys:
        for event in engine.generate(request):
            for name, mark in keys.take():
                note(name)
                if mark is not None:
                    show(mark)
                    reply.feed(mark)
            if keys.stopped and isinstance(event, ThinkingEvent | AnswerEvent | InterventionEvent):
                continue
            show(event)
            reply.feed(event)
        for name, _mark in keys.take():
            note(name)
    return reply, keys.stopped
