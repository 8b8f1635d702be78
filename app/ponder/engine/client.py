"""The parent's handle on the engine child process.

The app (GUI or CLI) holds an ``EngineClient``; the child holds the only ``llama_cpp.Llama``.
A crash, an abort or an out-of-memory kill of the child becomes an ``ErrorEvent`` here and the
next request starts a fresh child (reloading the last model that loaded fine). This module
never imports llama_cpp, so the parent stays small.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import signal
import threading
import time
from collections.abc import Iterator
from multiprocessing.connection import Connection
from multiprocessing.context import SpawnProcess
from typing import Any

from ponder.core.events import (
    DoneEvent,
    ErrorEvent,
    Event,
    LoadedEvent,
)
from ponder.core.phrases import QT_TRANSLATE_NOOP
from ponder.core.request import GenerateRequest, LoadRequest
from ponder.engine import child
from ponder.engine.live_control import SLOTS, LiveBoard

_POLL_S = 0.02


# Memory counts as short when less than this much (or this share of it) was available when
# the child died: then an out-of-memory kill is the likely story, and only then is it told.
_LOW_MEMORY_BYTES = 512 * 1024 * 1024
_LOW_MEMORY_SHARE = 0.05


def memory_was_short() -> bool:
    """Whether the computer is short of memory right now (asked as the child's death is seen)."""
    import psutil

    memory = psutil.virtual_memory()
    return memory.available < max(_LOW_MEMORY_BYTES, memory.total * _LOW_MEMORY_SHARE)


def describe_exit(exitcode: int | None, *, memory_short: bool) -> str:
    """Why the engine process ended: what is known, and what to do, in words for the user.

    ``memory_short``: memory was short when the death was noticed; only then is memory named
    as the likely cause (a signal 9 is as often a user's ``kill`` or a watchdog).
    """
    if exitcode is None:
        return QT_TRANSLATE_NOOP(
            "Engine", "The model process stopped responding; it will restart with the next request."
        )
    if exitcode >= 0:
        return QT_TRANSLATE_NOOP(
            "Engine",
            "The model process stopped unexpectedly (exit code {code}); it will restart with the "
            "next request.",
        ).format(code=exitcode)
    number = -exitcode
    try:
        name = f"signal {number}, {signal.Signals(number).name}"
    except ValueError:
        name = f"signal {number}"
    if memory_short:
        return QT_TRANSLATE_NOOP(
            "Engine",
            "The model process stopped unexpectedly ({signal}). The computer was running out of "
            "memory: try a smaller model or quantization, or a smaller context size, or close "
            "other programs.",
        ).format(signal=name)
    if number == getattr(signal, "SIGKILL", 9):
        return QT_TRANSLATE_NOOP(
            "Engine",
            "The model process stopped unexpectedly ({signal}). Something outside Ponder ended "
            "it; it will restart with the next request.",
        ).format(signal=name)
    return QT_TRANSLATE_NOOP(
        "Engine",
        "The model process stopped unexpectedly ({signal}). It crashed inside llama.cpp: the "
        "model file may be damaged or unsupported. It will restart with the next request.",
    ).format(signal=name)


class EngineClient:
    """Runs the engine in a spawned child process. Implements ``ponder.engine.protocol.Engine``.

    ``load``/``generate`` are meant for one worker thread at a time; ``cancel`` may be called
    from any thread (the GUI thread) and returns immediately.
    """

    def __init__(self, *, cancel_grace_s: float = 3.0) -> None:
        self._ctx = multiprocessing.get_context("spawn")
        self._cancel_flag = self._ctx.RawValue("q", 0)
        self._live_slots = self._ctx.RawArray("q", SLOTS)
        self._live = LiveBoard(self._live_slots)
        self._process: SpawnProcess | None = None
        self._conn: Connection | None = None
        self._next_id = 0
        self._active_id = 0
        self._cancel_requested_at: float | None = None
        self._cancel_grace_s = cancel_grace_s
        self._loaded: LoadRequest | None = None
        self.loaded_info: LoadedEvent | None = None
        self._lock = threading.Lock()

    # ----- process lifecycle ----------------------------------------------------------------

    @property
    def pid(self) -> int | None:
        return self._process.pid if self._process is not None else None

    def _alive(self) -> bool:
        return self._process is not None and self._process.is_alive()

    def _start(self) -> None:
        parent_end, child_end = self._ctx.Pipe(duplex=True)
        process = self._ctx.Process(
            target=child.main,
            args=(child_end, self._cancel_flag, self._live_slots),
            daemon=True,
            name="ponder-engine",
        )
        process.start()
        child_end.close()
        self._process, self._conn = process, parent_end

    def _kill(self) -> None:
        if self._process is not None:
            if self._process.is_alive():
                self._process.kill()
            self._process.join(5)
            self._process.close()
        if self._conn is not None:
            self._conn.close()
        self._process = self._conn = None

    def _events(self, request_id: int) -> Iterator[Event]:
        """Events of one request until it ends; a dead child becomes an error event."""
        assert self._conn is not None and self._process is not None
        conn, process = self._conn, self._process
        while True:
            try:
                ready = conn.poll(_POLL_S)
                message: Any = conn.recv() if ready else None
            except (EOFError, OSError):
                message = None
                ready = False
            if message is None:
                cancelled_long_ago = (
                    self._cancel_requested_at is not None
                    and time.monotonic() - self._cancel_requested_at > self._cancel_grace_s
                )
                if cancelled_long_ago and process.is_alive():
                    # Last resort: the child did not stop in time (stuck in a native call).
                    self._kill()
                    yield DoneEvent("cancelled")
                    return
                if not process.is_alive():
                    process.join(1)
                    exitcode = process.exitcode
                    self._kill()
                    yield ErrorEvent(
                        describe_exit(exitcode, memory_short=memory_was_short()),
                        kind="engine_crashed",
                    )
                    yield DoneEvent("error")
                    return
                continue
            _, event_id, events = message
            if event_id != request_id:
                continue  # a straggler from an earlier, abandoned request
            for event in events:
                yield event
                if isinstance(event, DoneEvent):
                    return

    # ----- the Engine protocol ------------------------------------------------------------------

    def load(self, request: LoadRequest) -> Iterator[Event]:
        """Loads a model in the child (starting one if needed); yields progress, then
        ``LoadedEvent`` or ``ErrorEvent``."""
        with self._lock:
            if not self._alive():
                self._kill()
                self._start()
            assert self._conn is not None
            self._loaded = None
            self.loaded_info = None
            self._cancel_requested_at = None
            self._conn.send(("load", request))
        for event in self._load_events():
            if isinstance(event, LoadedEvent):
                self._loaded = request
                self.loaded_info = event
            yield event
            if isinstance(event, LoadedEvent | ErrorEvent):
                return

    def _load_events(self) -> Iterator[Event]:
        for event in self._events(0):
            yield event
            if isinstance(event, LoadedEvent | ErrorEvent):
                return

    def generate(self, request: GenerateRequest) -> Iterator[Event]:
        """Streams one turn. If the child died since the last load, it is restarted and the
        model reloaded first (its load events come first in the stream). Closing the iterator
        early cancels the generation."""
        with self._lock:
            self._next_id += 1
            request_id = self._active_id = self._next_id
            self._cancel_requested_at = None
        if not self._alive():
            if self._loaded is None:
                yield ErrorEvent(
                    QT_TRANSLATE_NOOP(
                        "Engine",
                        "No model is loaded. Load a model first.",
                    ),
                    kind="no_model",
                )
                yield DoneEvent("error")
                return
            reload = self._loaded
            for event in self.load(reload):  # progress shows the restart to the user
                yield event
                if isinstance(event, ErrorEvent):
                    # The restart failed (the new child was killed too, or memory ran out):
                    # the model is still the one to reload, so the next request tries again
                    # and tells its own story instead of "No model is loaded".
                    self._loaded = reload
                    yield DoneEvent("error")
                    return
        if self._cancel_flag.value >= request_id:  # cancelled while the engine restarted
            self._active_id = 0
            yield DoneEvent("cancelled")
            return
        with self._lock:
            assert self._conn is not None
            self._conn.send(("generate", request_id, request))
        finished = False
        try:
            for event in self._events(request_id):
                # Marked before it is yielded: a caller that stops at the DoneEvent closes this
                # generator at the yield, and a finished turn must not be "cancelled" then
                # drained until the grace period kills the child (the next request would wait
                # for a model reload: the stop-during-prompt outliers of issue #14).
                if isinstance(event, DoneEvent):
                    finished = True
                yield event
        finally:
            if not finished:
                self.cancel()
                if self._alive():
                    for _ in self._events(request_id):
                        pass
            self._active_id = 0

    def cancel(self) -> None:
        """Asks the running generation to stop. Returns at once; safe from any thread."""
        request_id = self._active_id
        if request_id:
            self._cancel_flag.value = request_id
            if self._cancel_requested_at is None:
                self._cancel_requested_at = time.monotonic()

    def answer_now(self) -> None:
        """Asks the running generation to stop thinking and answer (at the next character,
        with the early-stop message of its request). Returns at once; safe from any thread;
        nothing happens when no generation runs or it already answers."""
        request_id = self._active_id
        if request_id:
            self._live.answer_now(request_id)

    def extend_budget(self, tokens: int | None) -> None:
        """Gives the running generation ``tokens`` more thinking tokens (None: no budget any
        more), without restarting it. Returns at once; safe from any thread. A thinking that
        was already cut stays cut; thinking off stays off."""
        request_id = self._active_id
        if request_id:
            self._live.extend(request_id, tokens)

    def close(self) -> None:
        """Stops the child: politely, then by force."""
        self.cancel()
        if self._conn is not None and self._alive():
            with contextlib.suppress(BrokenPipeError, OSError):
                self._conn.send(("close",))
            assert self._process is not None
            self._process.join(3)
        self._kill()

    def __enter__(self) -> EngineClient:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
