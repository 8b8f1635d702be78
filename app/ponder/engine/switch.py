"""The window's one engine: the local engine process, or a model on a server.

``EngineSwitch`` implements ``Engine`` and hands each call to one of two implementations: the
local engine (``EngineClient``: a GGUF file in the child process) or a ``RemoteEngine`` (a
model on a configured server). Which one is decided by each ``load``: a ``LoadRequest`` whose
``model_path`` is a server reference (``server:NAME/MODEL``, ``core.servers.reference``) goes
to a fresh ``RemoteEngine`` for that server; any other goes to the local engine. Everything
after a load (generate, cancel, the live controls) goes to the engine that load chose, so the
window, the chat, the sweeps and the compare view never know which one answers.

The server's key is fetched (``connect``) only here, on the engine's worker thread, as the
load begins: it never travels with a request, and the key store's I/O (a keyring may ask the
desktop's secret service) stays off the GUI thread.

The local engine keeps its model while a server model is in use (it is idle: no computation),
so going back to it reloads only if another file is picked.

Thread: ``load``/``generate`` on the engine's worker thread; ``cancel``, ``answer_now`` and
``extend_budget`` from any thread (they read which engine is current, one reference).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import replace

from ponder.core.events import ErrorEvent, Event
from ponder.core.phrases import QT_TRANSLATE_NOOP
from ponder.core.request import GenerateRequest, LoadRequest
from ponder.core.servers.connection import ServerConnection
from ponder.core.servers.keys import KeyStoreError
from ponder.core.servers.reference import ServerModelRef
from ponder.core.servers.registry import ServerRegistryError
from ponder.engine.protocol import Engine
from ponder.engine.remote import RemoteEngine

Connect = Callable[[ServerModelRef], ServerConnection]
MakeRemote = Callable[[ServerConnection], RemoteEngine]


class EngineSwitch:
    """See the module docstring. ``connect``: the connection (key included) to the server a
    reference names; ``make_remote``: how a remote engine is made (tests shorten its
    timeouts)."""

    def __init__(
        self, local: Engine, connect: Connect, *, make_remote: MakeRemote = RemoteEngine
    ) -> None:
        self.local = local
        self._connect = connect
        self._make_remote = make_remote
        self.remote: RemoteEngine | None = None
        self._current: Engine = local

    @property
    def current(self) -> Engine:
        """The engine the last load chose (the local one until a server model is loaded)."""
        return self._current

    # ----- Engine protocol ---------------------------------------------------------------------

    def load(self, request: LoadRequest) -> Iterator[Event]:
        ref = ServerModelRef.parse(request.model_path)
        if ref is None:
            self._drop_remote()
            self._current = self.local
            yield from self.local.load(request)
            return
        try:
            connection = self._connect(ref)
        except (ServerRegistryError, KeyStoreError) as exc:
            yield ErrorEvent(
                QT_TRANSLATE_NOOP(
                    "Engine",
                    "{server}: {exc}",
                ).format(server=ref.label, exc=exc),
                "server_unknown",
            )
            return
        self._drop_remote()
        remote = self._make_remote(connection)
        self.remote = remote
        self._current = remote
        yield from remote.load(replace(request, model_path=ref.model))

    def generate(self, request: GenerateRequest) -> Iterator[Event]:
        yield from self._current.generate(request)

    def cancel(self) -> None:
        self._current.cancel()

    def close(self) -> None:
        self._drop_remote()
        self.local.close()

    # ----- live controls (where the current engine has them) -----------------------------------

    def answer_now(self) -> None:
        """Ends the running reply's thinking now, if the current engine can."""
        answer_now = getattr(self._current, "answer_now", None)
        if answer_now is not None:
            answer_now()

    def extend_budget(self, tokens: int | None) -> None:
        """Gives the running reply more thinking, if the current engine can."""
        extend = getattr(self._current, "extend_budget", None)
        if extend is not None:
            extend(tokens)

    # ----- inside ------------------------------------------------------------------------------

    def _drop_remote(self) -> None:
        remote, self.remote = self.remote, None
        if remote is not None:
            remote.close()
