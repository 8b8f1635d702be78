"""The inference servers the window knows: the list, what each probe found, what failed.

``ServerLibrary`` asks ``ServerTasks`` (on its own thread) for the work and keeps the answers
for the Servers page and the model bar. A server's models are known only once it has been
probed: the library probes every listed server once when it is first read (the person added
them; nothing else is contacted), and again when the person asks (Check).

Thread: GUI thread.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from ponder.core.servers.probe import ServerInfo
from ponder.core.servers.reference import ServerModelRef
from ponder.core.servers.registry import ServerEntry
from ponder.ui.models.server_tasks import NewServer, ServerTasks


class ServerLibrary(QObject):
    """``changed`` after any answer; ``add_finished(name, message)``: the add of ``name``
    ended (``message`` empty when it worked, else why not); ``problem``: the list itself
    could not be read or written."""

    changed = Signal()
    add_finished = Signal(str, str)
    problem = Signal(str)
    # To the worker's slots (queued: they run on its thread).
    _list = Signal()
    _probe = Signal(str)
    _add = Signal(object)
    _remove = Signal(str)

    def __init__(self, tasks: ServerTasks, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.entries: list[ServerEntry] = []
        self.info: dict[str, ServerInfo] = {}
        self.errors: dict[str, str] = {}
        self.checking: set[str] = set()  # names being probed
        self.adding: str | None = None  # the name being added
        self.listed_once = False
        self._list.connect(tasks.list_servers)
        self._probe.connect(tasks.probe)
        self._add.connect(tasks.add)
        self._remove.connect(tasks.remove)
        tasks.listed.connect(self._on_listed)
        tasks.probed.connect(self._on_probed)
        tasks.probe_failed.connect(self._on_probe_failed)
        tasks.added.connect(self._on_added)
        tasks.add_failed.connect(self._on_add_failed)
        tasks.removed.connect(self._on_removed)
        tasks.failed.connect(self.problem)

    # ----- asking ------------------------------------------------------------------------------

    def refresh(self) -> None:
        """Reads the list again (the first time, every server on it is then probed)."""
        self._list.emit()

    def check(self, name: str) -> None:
        """Probes ``name`` again: software, version, models, or why it cannot be reached."""
        if name not in self.checking:
            self.checking.add(name)
            self.changed.emit()
            self._probe.emit(name)

    def add(self, new: NewServer) -> None:
        """Checks and adds a server; ``add_finished`` says how it went."""
        self.adding = new.name
        self.changed.emit()
        self._add.emit(new)

    def remove(self, name: str) -> None:
        self._remove.emit(name)

    # ----- reading -----------------------------------------------------------------------------

    def models(self) -> list[ServerModelRef]:
        """Every model of every server probed so far, in the list's order."""
        return [
            ServerModelRef(entry.name, model.id)
            for entry in self.entries
            if entry.name in self.info
            for model in self.info[entry.name].models
        ]

    def entry(self, name: str) -> ServerEntry | None:
        return next((e for e in self.entries if e.name == name), None)

    # ----- answers -----------------------------------------------------------------------------

    def _on_listed(self, entries: list[ServerEntry]) -> None:
        first = not self.listed_once
        self.entries = list(entries)
        self.listed_once = True
        names = {e.name for e in entries}
        for table in (self.info, self.errors):
            for name in [n for n in table if n not in names]:
                del table[name]
        self.changed.emit()
        if first:
            for entry in entries:
                self.check(entry.name)

    def _on_probed(self, name: str, info: ServerInfo) -> None:
        self.checking.discard(name)
        self.info[name] = info
        self.errors.pop(name, None)
        self.changed.emit()

    def _on_probe_failed(self, name: str, message: str) -> None:
        self.checking.discard(name)
        self.info.pop(name, None)
        self.errors[name] = message
        self.changed.emit()

    def _on_added(self, entry: ServerEntry, info: ServerInfo) -> None:
        self.adding = None
        self.info[entry.name] = info
        self.errors.pop(entry.name, None)
        if self.entry(entry.name) is None:
            self.entries.append(entry)
        self.changed.emit()
        self.add_finished.emit(entry.name, "")

    def _on_add_failed(self, name: str, message: str) -> None:
        self.adding = None
        self.changed.emit()
        self.add_finished.emit(name, message)

    def _on_removed(self, name: str) -> None:
        self.entries = [e for e in self.entries if e.name != name]
        self.info.pop(name, None)
        self.errors.pop(name, None)
        self.changed.emit()
