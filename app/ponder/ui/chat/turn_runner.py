"""Chat turns on the engine's worker thread: streams each turn and writes the reply to disk.

``TurnRunner`` is a worker (a QObject on the engine's QThread, beside the ``ModelLoader`` and
the ``SweepRunner``; see ``ponder.ui.engine_host``). The engine's iterators block, and every
commit of a streaming reply waits for an fsync: neither may run on the GUI thread. Events go
to the GUI through an ``EventBuffer`` that the GUI drains on a timer (every ~33 ms), so the
GUI thread handles one batch per frame however fast the model writes, never a signal per
token. Stop does not pass through this thread (it would wait behind the stream it must stop):
the ``EngineHost`` cancels the engine from the GUI thread, and the job's ``stop`` flag catches
a stop that comes before the engine has started it.
"""

from __future__ import annotations

import logging
import threading
from collections import deque
from dataclasses import dataclass, field
from pathlib import Path

from PySide6.QtCore import QObject, Signal, Slot

from ponder.core.events import (
    AnswerEvent,
    DoneEvent,
    ErrorEvent,
    Event,
    InterventionEvent,
    ThinkingEvent,
)
from ponder.core.phrases import message_of
from ponder.core.request import GenerateRequest, LoadRequest
from ponder.core.storage.store import ConversationStore, StorageError, StreamingMessageWriter
from ponder.core.ways_out import WINDOW
from ponder.engine.protocol import Engine
from ponder.ui.engine_host import ModelLoader
from ponder.ui.translations import shown

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class TurnJob:
    """One turn to generate. ``user_text`` None: regenerate a reply to ``parent_id`` (the
    user's message); else the user's message is stored first, after ``parent_id``.

    ``prelude``: events that open the reply before the engine's (a fork's kept thinking and
    the text inserted at the fork point). ``switch_model``: load this model for the turn (a
    comparison with another model), then load ``restore_model`` again. ``conversation_model``:
    (model_id, model_path, model_sha256) to remember as the conversation's model (None: keep
    what it has, as for a comparison's one-off model).

    It crosses from the GUI thread to the worker's: frozen, and ``stop`` is thread-safe."""

    token: int
    conversation_id: int
    parent_id: int | None
    user_text: str | None
    request: GenerateRequest
    model_path: str | None = None
    model_sha256: str | None = None
    stop: threading.Event = field(default_factory=threading.Event)
    prelude: tuple[Event, ...] = ()
    switch_model: LoadRequest | None = None
    restore_model: LoadRequest | None = None
    conversation_model: tuple[str | None, str | None, str | None] | None = None


class EventBuffer:
    """Events handed from the engine's worker thread to the GUI thread (a deque: thread-safe for one
    producer and one consumer). Each item is ``(job token, event)``."""

    def __init__(self) -> None:
        self._items: deque[tuple[int, Event]] = deque()

    def put(self, token: int, event: Event) -> None:
        self._items.append((token, event))

    def take(self) -> list[tuple[int, Event]]:
        """Everything waiting, oldest first."""
        taken = []
        items = self._items
        while items:
            taken.append(items.popleft())
        return taken


class TurnRunner(QObject):
    """Lives on the engine's worker thread. Slots run there; signals reach the GUI queued.

    Its store is opened on first use, on this thread (a store belongs to the thread that
    opens it); ``close_store`` closes it (connect it directly to the thread's ``finished``).
    ``loader`` lives on the same thread: a turn answered by another model loads it (and the
    window's model again) through it.
    """

    reply_started = Signal(int, int, int)  # job token, user message id, reply message id
    reply_finished = Signal(int, int, str)  # job token, reply message id, stored status
    job_failed = Signal(int, str)  # job token, message for the user (nothing was generated)
    store_failed = Signal(str)

    def __init__(
        self, engine: Engine, loader: ModelLoader, buffer: EventBuffer, database: Path
    ) -> None:
        super().__init__()
        self._engine = engine
        self._loader = loader
        self._buffer = buffer
        self._database = database
        self._store: ConversationStore | None = None

    def _open_store(self) -> ConversationStore | None:
        if self._store is None:
            try:
                # recover=False: the GUI thread's store already recovered crashed replies.
                self._store = ConversationStore(self._database, recover=False, ways_out=WINDOW)
            except StorageError as exc:
                self.store_failed.emit(shown(exc))
        return self._store

    @Slot()
    def close_store(self) -> None:
        if self._store is not None:
            self._store.close()
            self._store = None

    @Slot(object)
    def generate(self, job: TurnJob) -> None:
        """Stores the user's message (if any), then streams and stores the reply."""
        store = self._open_store()
        if store is None:
            self.job_failed.emit(
                job.token, self.tr("The conversation database could not be opened.")
            )
            return
        try:
            parent = job.parent_id
            if job.user_text is not None:
                parent = store.add_message(
                    job.conversation_id, "user", job.user_text, parent_id=job.parent_id
                ).id
            assert parent is not None
            writer = store.begin_reply(
                job.conversation_id,
                parent,
                job.request,
                model_sha256=job.model_sha256,
                model_path=job.model_path,
            )
            if job.conversation_model is not None:
                model_id, model_path, sha256 = job.conversation_model
                store.set_conversation_model(
                    job.conversation_id,
                    model_id=model_id,
                    model_path=model_path,
                    model_sha256=sha256,
                )
        except StorageError as exc:
            self.job_failed.emit(job.token, shown(exc))
            return
        self.reply_started.emit(job.token, parent, writer.message_id)
        try:
            for event in job.prelude:
                self._put(job, writer, event)
            if job.stop.is_set():
                self._put(job, writer, DoneEvent("cancelled"))
            elif job.switch_model is not None and not self._switch(job, writer, job.switch_model):
                pass  # the reply ends with the load error (stored); the old model comes back
            else:
                for event in self._engine.generate(job.request):
                    if job.stop.is_set():
                        self._engine.cancel()  # a stop that came before the engine began
                        self._mark_stop(job, writer)
                        if isinstance(event, ThinkingEvent | AnswerEvent | InterventionEvent):
                            continue  # it came after Stop: not kept, not shown
                    self._put(job, writer, event)
        except StorageError as exc:
            self._engine.cancel()
            self._buffer.put(job.token, ErrorEvent(message_of(exc), kind="storage"))
        finally:
            if not writer.finished:
                try:
                    writer.finish("interrupted" if not job.stop.is_set() else "cancelled")
                except StorageError:
                    log.exception("could not finish the reply %s", writer.message_id)
        self.reply_finished.emit(job.token, writer.message_id, writer.status)
        if job.restore_model is not None:
            self._loader.load(job.restore_model)

    def _switch(self, job: TurnJob, writer: StreamingMessageWriter, load: LoadRequest) -> bool:
        """Loads ``load`` for one turn; False (the error stored in the reply) if it failed."""
        outcome = self._loader.load_for(load)
        if isinstance(outcome, ErrorEvent):
            self._put(job, writer, outcome)
            self._put(job, writer, DoneEvent("error"))
            return False
        return True

    def _mark_stop(self, job: TurnJob, writer: StreamingMessageWriter) -> None:
        """Marks in the trace where the person pressed Stop, once, while it was thinking;
        what the engine sends after it is dropped (``ReplyAssembly`` ends the reply there)."""
        reply = writer.reply
        if reply.stopped or reply.answer_started or not reply.thinking_events:
            return
        self._put(job, writer, reply.stop_mark())

    def _put(self, job: TurnJob, writer: StreamingMessageWriter, event: Event) -> None:
        writer.feed(event)  # to disk first: what the user saw is what a crash keeps
        self._buffer.put(job.token, event)
