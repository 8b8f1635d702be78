"""The engine interface the app and the CLI program against.

A second implementation — a remote OpenAI-compatible server for users who outgrow one
machine — can slot in behind this protocol without touching the UI.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Protocol

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
