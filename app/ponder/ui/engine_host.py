"""The engine in the GUI: which model is loaded, who holds the engine now, and stop.

The engine answers one caller at a time. ``EngineHost`` is the one place that knows which
model the window has loaded and who is using the engine at this moment: a chat turn or a
budget sweep. A caller takes an ``EngineLease`` before it asks the engine for anything and
releases it when its work has ended; while one holder has the lease, ``acquire`` refuses the
others with a sentence the user can read. ``stop`` reaches whoever holds the lease: its own
stop flag first (a stop that comes before the engine has begun), then the engine itself,
directly from the GUI thread, never queued behind the generation it must stop. The live
controls ("answer now", "think longer") reach the engine the same way.

The engine it is given is the window's ``EngineSwitch`` (``ponder.engine.switch``): loading a
model file runs it in the local engine process, loading a server model's reference
(``server:NAME/MODEL``) runs it on that server, and nothing else here or in the views changes.
``model_path`` is what was loaded (a file, or the reference); ``model_label`` what a reply's
record names (for a server model: the model, the server, its software and version).

Workers: in Ponder a *worker* is a QObject that lives on a background QThread and runs its
slots there. The engine's worker thread runs the ``ModelLoader`` (below), the chat's
``TurnRunner`` and the ``SweepRunner``: sharing one thread queues a turn behind a sweep (and
a load behind both) without a lock.

Thread: ``EngineHost`` and ``EngineLease`` belong to the GUI thread; ``ModelLoader`` lives on
the engine's worker thread.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import QObject, Signal, Slot

from ponder.core.events import ErrorEvent, LoadedEvent, LoadProgressEvent
from ponder.core.request import LoadRequest
from ponder.core.servers.reference import ServerModelRef
from ponder.engine.protocol import Engine, LiveSteering
from ponder.ui.translations import QT_TRANSLATE_NOOP, shown

log = logging.getLogger(__name__)

# The holders, as the user reads them, and where the user stops each (for the sentence that
# refuses the others); marked for translation here, translated in ``EngineHost.refusal``.
CHAT_TURN = QT_TRANSLATE_NOOP("EngineHost", "a chat turn")
BUDGET_SWEEP = QT_TRANSLATE_NOOP("EngineHost", "a budget sweep")
STOP_WHERE = {
    CHAT_TURN: QT_TRANSLATE_NOOP(
        "EngineHost", "stop it with the Stop button under the conversation"
    ),
    BUDGET_SWEEP: QT_TRANSLATE_NOOP("EngineHost", "stop it in Teach → Budget sweep"),
}

STOP_IT = QT_TRANSLATE_NOOP("EngineHost", "stop it")

NO_MODEL = QT_TRANSLATE_NOOP(
    "EngineHost",
    "No model is loaded yet. Pick one in Models → Model manager (or wait for the model to "
    "finish loading).",
)


class EngineBusyError(Exception):
    """The engine cannot be leased now; ``str(error)`` says why, written for the user."""


class EngineLease:
    """The right to use the engine, held by one caller until ``release``.

    Made by ``EngineHost.acquire``. ``holder`` names the holder as the user reads it ("a chat
    turn", "a budget sweep"). Thread: GUI thread.
    """

    def __init__(self, host: EngineHost, holder: str, on_stop: Callable[[], None]) -> None:
        self._host = host
        self.holder = holder
        self._on_stop = on_stop

    @property
    def held(self) -> bool:
        """True from ``acquire`` until ``release``."""
        return self._host.lease is self

    def stop(self) -> None:
        """Stops this holder's work at once (nothing if the lease is no longer held)."""
        if self.held:
            self._host.stop()

    def release(self) -> None:
        """Gives the engine back; the host says ``freed``. Releasing twice does nothing."""
        self._host._release(self)

    def _stopping(self) -> None:
        self._on_stop()


class ModelLoader(QObject):
    """Loads models on the engine's worker thread (see the module docstring).

    ``loaded`` carries a ``LoadedEvent`` (frozen); ``failed`` a message for the user.
    """

    progress = Signal(float)
    loaded = Signal(object)  # LoadedEvent
    failed = Signal(str)

    def __init__(self, engine: Engine) -> None:
        super().__init__()
        self._engine = engine

    @Slot(object)
    def load(self, request: LoadRequest) -> None:
        """Loads the window's model: progress, then ``loaded`` or ``failed``."""
        result = self.load_for(request)
        if isinstance(result, LoadedEvent):
            self.loaded.emit(result)
        else:
            self.failed.emit(shown(result.message))

    def load_for(self, request: LoadRequest) -> LoadedEvent | ErrorEvent:
        """Loads ``request``, reporting ``progress`` only; what it ended with. For a caller on
        this thread that reports the outcome itself (a turn answered by another model)."""
        try:
            for event in self._engine.load(request):
                if isinstance(event, LoadProgressEvent):
                    self.progress.emit(event.fraction)
                elif isinstance(event, LoadedEvent | ErrorEvent):
                    return event
        except Exception as exc:  # the engine process could not even start
            log.exception("model load failed")
            return ErrorEvent(
                self.tr("The engine could not start: {problem}").format(problem=exc),
                kind="load_failed",
            )
        return ErrorEvent(
            self.tr("The engine stopped before the model was loaded. Try loading it again."),
            kind="load_failed",
        )


class EngineHost(QObject):
    """See the module docstring. Lives on the GUI thread.

    ``model_ready`` carries a ``LoadedEvent`` (frozen). ``lease_changed`` carries the new
    holder's name, or "" when the engine is free; ``freed`` follows a release.
    """

    model_loading = Signal(str)  # the model's path
    model_progress = Signal(float)
    model_ready = Signal(object)  # LoadedEvent
    model_failed = Signal(str)
    lease_changed = Signal(str)
    freed = Signal()
    _load_requested = Signal(object)  # LoadRequest, to the loader's slot on its thread

    def __init__(self, engine: Engine, loader: ModelLoader, parent: QObject | None = None) -> None:
        """``engine`` is used here only to cancel; ``loader`` lives on the engine's thread."""
        super().__init__(parent)
        self._engine = engine
        self.model_path: str | None = None
        self.model_sha256: str | None = None
        self.load_request: LoadRequest | None = None
        self.loaded: LoadedEvent | None = None
        self.loading = False
        self.lease: EngineLease | None = None
        self._load_requested.connect(loader.load)
        loader.progress.connect(self.model_progress)
        loader.loaded.connect(self._on_loaded)
        loader.failed.connect(self._on_failed)

    # ----- state -------------------------------------------------------------------------------

    @property
    def ready(self) -> bool:
        """A model is loaded (and no other is being loaded)."""
        return self.loaded is not None and not self.loading

    @property
    def holder(self) -> str | None:
        """Who holds the engine now ("a chat turn", "a budget sweep"), or None."""
        return self.lease.holder if self.lease is not None else None

    @property
    def server_model(self) -> ServerModelRef | None:
        """The server model loaded (or loading), or None for a model file."""
        return ServerModelRef.parse(self.model_path)

    @property
    def model_label(self) -> str | None:
        """What a reply's record names as its model: the file; for a server model, once it is
        loaded, the model, the server, its software and version (never the key)."""
        if self.server_model is not None and self.loaded is not None:
            return self.loaded.model_path
        return self.model_path

    @property
    def conversation_model(self) -> tuple[str | None, str | None, str | None]:
        """(model_id, model_path, model_sha256) for a conversation held with this model: a
        server model by its reference in ``model_id``, a file by its path and sha256."""
        ref = self.server_model
        if ref is not None:
            return ref.id, None, None
        return None, self.model_path, self.model_sha256

    @property
    def free(self) -> bool:
        """A model is ready and nobody holds the engine."""
        return self.ready and self.lease is None

    # ----- the model ---------------------------------------------------------------------------

    def load_model(self, request: LoadRequest, sha256: str | None = None) -> None:
        """Loads a model on the engine's thread; the holder (if any) is stopped first."""
        self.stop()
        self.loading = True
        self.loaded = None
        self.model_path = request.model_path
        self.model_sha256 = sha256
        self.load_request = request
        self.model_loading.emit(request.model_path)
        self._load_requested.emit(request)

    def refuse_load(self, message: str) -> None:
        """A model the load policy refused before the engine saw it (not a model file): the
        same ``model_failed`` as a load that failed, so everyone who waits for a model hears
        it (the model bar, the self-test). The model loaded before stays loaded."""
        self.model_failed.emit(message)

    def _on_loaded(self, event: LoadedEvent) -> None:
        self.loading = False
        self.loaded = event
        self.model_ready.emit(event)

    def _on_failed(self, message: str) -> None:
        self.loading = False
        self.loaded = None
        self.model_failed.emit(message)

    # ----- the lease ---------------------------------------------------------------------------

    def refusal(self) -> str | None:
        """Why the engine cannot be leased now (written for the user), or None if it can."""
        if self.lease is not None:
            holder = self.lease.holder
            return self.tr(
                "The model is busy with {holder}. Wait for it to finish, or {stop_where}."
            ).format(
                holder=self.tr(holder),
                stop_where=self.tr(STOP_WHERE.get(holder, STOP_IT)),
            )
        if not self.ready:
            return self.tr(NO_MODEL)
        return None

    def acquire(self, holder: str, on_stop: Callable[[], None]) -> EngineLease:
        """The engine for ``holder`` until it releases the lease; ``EngineBusyError`` (with a
        reason for the user) if another holder has it or no model is ready. ``on_stop`` is
        called, on this thread, when ``stop`` reaches this holder, before the engine is
        cancelled: it should flag the holder's job so a stop that comes before the engine has
        begun still stops it."""
        reason = self.refusal()
        if reason is not None:
            raise EngineBusyError(reason)
        self.lease = EngineLease(self, holder, on_stop)
        self.lease_changed.emit(holder)
        return self.lease

    def _release(self, lease: EngineLease) -> None:
        if self.lease is not lease:
            return
        self.lease = None
        self.lease_changed.emit("")
        self.freed.emit()

    # ----- live controls ------------------------------------------------------------------------

    @property
    def live_refusal(self) -> str | None:
        """Why this engine cannot be steered while it thinks (for the user), or None."""
        if isinstance(self._engine, LiveSteering):
            return None
        return self.tr(
            "This engine cannot end or lengthen the thinking while it runs; stop it and ask "
            "again with another budget."
        )

    def answer_now(self) -> bool:
        """Asks the running generation to stop thinking and answer; False if the engine
        cannot (``live_refusal``) or nobody holds it."""
        if self.lease is None or not isinstance(self._engine, LiveSteering):
            return False
        self._engine.answer_now()
        return True

    def extend_budget(self, tokens: int | None) -> bool:
        """Raises the running thinking budget by ``tokens`` (None: no limit); False if the
        engine cannot or nobody holds it."""
        if self.lease is None or not isinstance(self._engine, LiveSteering):
            return False
        self._engine.extend_budget(tokens)
        return True

    def stop(self) -> None:
        """Stops whoever holds the engine, at once (nothing if nobody does). The lease stays
        held until its holder's work has ended and it releases it."""
        lease = self.lease
        if lease is None:
            return
        lease._stopping()
        self._engine.cancel()
