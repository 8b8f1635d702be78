"""Inference servers off the GUI thread: reading the server list, probing a server, adding
and removing one (with its key).

``ServerTasks`` is a worker (a QObject on its own QThread, as ``ModelTasks`` is for model
files): a probe may wait seconds for a host that does not answer, and the key store may ask
the desktop's keyring, so neither runs on the GUI thread. Every fault comes back as a message
written for the person (``core.servers.connection`` words them); none quotes the key.

Thread: ``ServerTasks`` lives on the server-tasks QThread; its slots run there, its signals
reach the GUI queued.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from pathlib import Path

from PySide6.QtCore import QObject, Signal, Slot

from ponder.core.servers.addresses import ServerAddressError, normalize_base_url
from ponder.core.servers.connection import ServerConnection, ServerFault
from ponder.core.servers.keys import KeyStore, KeyStoreError
from ponder.core.servers.probe import probe_server
from ponder.core.servers.reference import connection_for
from ponder.core.servers.registry import ServerEntry, ServerRegistry, ServerRegistryError
from ponder.core.ways_out import WINDOW
from ponder.ui.translations import shown

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class NewServer:
    """A server the person asked to add. ``key`` is kept out of ``repr`` (and so out of any
    log line that prints the request)."""

    name: str
    url: str
    ca_file: str | None = None
    key: str | None = field(default=None, repr=False)


class ServerTasks(QObject):
    """Server jobs (lives on the server-tasks QThread). ``registry``: the server list file;
    ``keys``: where keys are kept. ``timeout_s``: how long a probe waits for a server."""

    listed = Signal(list)  # list[ServerEntry]
    probed = Signal(str, object)  # name, ServerInfo
    probe_failed = Signal(str, str)  # name, message
    added = Signal(object, object)  # ServerEntry, ServerInfo
    add_failed = Signal(str, str)  # name, message
    removed = Signal(str)
    failed = Signal(str)  # the list itself could not be read or written

    def __init__(self, registry: ServerRegistry, keys: KeyStore, timeout_s: float = 10.0) -> None:
        super().__init__()
        self._registry = registry
        self._keys = keys
        self._timeout_s = timeout_s

    @Slot()
    def list_servers(self) -> None:
        try:
            self.listed.emit(self._registry.entries())
        except ServerRegistryError as exc:
            self.failed.emit(shown(exc))

    @Slot(str)
    def probe(self, name: str) -> None:
        """What the server ``name`` runs now and which models it offers."""
        try:
            connection = connection_for(self._registry.get(name, WINDOW), self._keys, WINDOW)
            info = probe_server(connection, timeout_s=self._timeout_s)
        except (ServerRegistryError, KeyStoreError, ServerFault) as exc:
            self.probe_failed.emit(name, _message(exc))
            return
        except Exception as exc:  # the page must not wait for an answer that never comes
            log.exception("checking the server %s failed", name)
            self.probe_failed.emit(name, f"Checking {name} failed: {type(exc).__name__}.")
            return
        self.probed.emit(name, info)

    @Slot(object)
    def add(self, new: NewServer) -> None:
        """Checks the server first (nothing is saved when it cannot be reached, refuses the
        key or is not an inference server), then saves it and its key."""
        try:
            url = normalize_base_url(new.url, WINDOW)
            if new.ca_file and not Path(new.ca_file).is_file():
                raise ServerRegistryError(f"no CA file at {new.ca_file}")
            if any(e.name == new.name for e in self._registry.entries()):
                raise ServerRegistryError(f"a server named {new.name!r} exists already")
            info = probe_server(
                ServerConnection(url, new.name, new.ca_file, new.key, WINDOW),
                timeout_s=self._timeout_s,
            )
            entry = self._registry.add(
                ServerEntry(new.name, url, new.ca_file, has_key=new.key is not None)
            )
        except (ServerAddressError, ServerRegistryError, ServerFault) as exc:
            self.add_failed.emit(new.name, _message(exc))
            return
        except Exception as exc:  # the page must not stay busy (the request's repr has no key)
            log.exception("adding the server %r failed", new)
            self.add_failed.emit(new.name, f"Adding {new.name} failed: {type(exc).__name__}.")
            return
        if new.key is not None:
            try:
                self._keys.set(entry.name, new.key)
            except KeyStoreError as exc:
                # The server without its key is of no use: take it off the list again.
                self._registry.remove(entry.name)
                self.add_failed.emit(new.name, shown(exc))
                return
        self.added.emit(entry, info)
        self.list_servers()

    @Slot(str)
    def remove(self, name: str) -> None:
        """Forgets the server and its key."""
        try:
            self._registry.remove(name)
            self._keys.delete(name)
        except (ServerRegistryError, KeyStoreError) as exc:
            self.failed.emit(shown(exc))
            return
        self.removed.emit(name)
        self.list_servers()


def _message(exc: Exception) -> str:
    """The fault in words for the window (a server fault begins with the server's name, kept
    as the person wrote it, and advises the window's ways out: ``WINDOW``; other messages get
    a capital)."""
    if isinstance(exc, ServerFault):
        return shown(exc.message)
    message = shown(exc)
    return message[:1].upper() + message[1:]
