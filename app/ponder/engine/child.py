"""Entry point of the engine's child process.

Requests arrive on a pipe; events go back on the same pipe. Cancellation does not travel on
the pipe (it would wait behind the generation it is meant to stop): the parent writes the id
of the generation to cancel into shared memory, which the loop and llama.cpp's abort callback
read. Live controls ("answer now", "think longer") travel the same way, for the same reason
(``live_control.py``).
"""

from __future__ import annotations

import signal
import time
from collections.abc import Callable
from multiprocessing.connection import Connection
from typing import Any

from ponder.core.phrases import QT_TRANSLATE_NOOP

# Messages on the pipe, parent → child: ("load", LoadRequest) | ("generate", id, GenerateRequest)
# | ("close",). Child → parent: ("events", id, [Event, ...]) where id is 0 for load events.

# Streamed text is sent at most this often: every message wakes the parent, and on a machine
# with as many decode threads as cores each wake-up takes time from llama.cpp. The GUI
# coalesces at 30–50 ms anyway; anything but text is sent at once.
TEXT_BATCH_S = 0.025


class EventBatcher:
    """Sends one request's events in order. Text is rate-limited, not delayed: a text event
    goes out at once when the last message left ``TEXT_BATCH_S`` ago or more (a slow model
    streams token by token), otherwise it waits for the next event (a fast one is batched)."""

    def __init__(self, conn: Connection, request_id: int, clock: Callable[[], float]) -> None:
        self._conn, self._id, self._clock = conn, request_id, clock
        self._pending: list[Any] = []
        self._last_sent = -TEXT_BATCH_S

    def __call__(self, event: Any) -> None:
        from ponder.core.events import AnswerEvent, ThinkingEvent

        self._pending.append(event)
        now = self._clock()
        if isinstance(event, ThinkingEvent | AnswerEvent) and now - self._last_sent < TEXT_BATCH_S:
            return
        self._conn.send(("events", self._id, self._pending))
        self._pending = []
        self._last_sent = now


def _cancel_check(cancel_flag: Any, request_id: int) -> Callable[[], bool]:
    """True once the parent has asked to cancel this request (or a later one)."""
    return lambda: bool(cancel_flag.value >= request_id)


def main(conn: Connection, cancel_flag: Any, live_slots: Any) -> None:
    """Runs in the child until the parent sends "close" or goes away."""
    from ponder.engine.backends import load_dynamic_backends
    from ponder.engine.live_control import LiveControls
    from ponder.engine.session import ModelSession  # llama_cpp is imported only in the child

    load_dynamic_backends()  # a distribution build's per-CPU and GPU libraries
    # Ctrl+C in a terminal reaches the whole process group: it is the parent's to interpret
    # (Answer now, Stop; see commands/live_keys.py), and must not kill the model mid-turn.
    signal.signal(signal.SIGINT, signal.SIG_IGN)

    session: ModelSession | None = None

    def sender(request_id: int) -> EventBatcher:
        return EventBatcher(conn, request_id, time.monotonic)

    while True:
        try:
            message = conn.recv()
        except (EOFError, OSError):
            break
        kind = message[0]
        if kind == "close":
            break
        if kind == "load":
            if session is not None:
                session.close()
                session = None
            session = ModelSession.load(message[1], sender(0))
        elif kind == "generate":
            request_id, request = message[1], message[2]
            emit = sender(request_id)
            if session is None:
                from ponder.core.events import DoneEvent, ErrorEvent

                emit(
                    ErrorEvent(
                        QT_TRANSLATE_NOOP(
                            "Engine",
                            "No model is loaded. Load a model first.",
                        ),
                        kind="no_model",
                    )
                )
                emit(DoneEvent("error"))
                continue
            session.generate(
                request,
                emit,
                _cancel_check(cancel_flag, request_id),
                LiveControls(live_slots, request_id),
            )
    if session is not None:
        session.close()
