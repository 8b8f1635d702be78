"""The engine interface the app and the CLI program against.

A second implementation — a remote OpenAI-compatible server for users who outgrow one
machine — can slot in behind this protocol without touching the UI.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Protocol, runtime_checkable

from ponder.core.events import Event
from ponder.core.request import GenerateRequest, LoadRequest


class Engine(Protocol):
    """Loads one model at a time and generates turns as streams of typed events.

    ``load`` and ``generate`` yield events until a ``LoadedEvent``/``ErrorEvent`` (load) or a
    ``DoneEvent`` (generate). ``cancel`` may be called from any thread and returns at once.
    """

    def load(self, request: LoadRequest) -> Iterator[Event]: ...

    def generate(self, request: GenerateRequest) -> Iterator[Event]: ...

    def cancel(self) -> None: ...

    def close(self) -> None: ...


@runtime_checkable
class LiveSteering(Protocol):
    """An engine that a person can steer while it thinks. Both calls may come from any thread,
    return at once, and act on the running generation only (nothing when none runs).

    An engine without them (``isinstance(engine, LiveSteering)`` is false) refuses the controls:
    the app shows them disabled and says why, never pretends.
    """

    def answer_now(self) -> None:
        """Stop thinking at the next character, with the request's early-stop message."""

    def extend_budget(self, tokens: int | None) -> None:
        """Raise the running thinking budget by ``tokens`` (None: unlimited)."""
