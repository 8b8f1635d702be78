"""A model on a configured server, named the way the app picks, remembers and loads it.

The window treats a server's model like a model file: the model bar lists it, the engine
loads it, a conversation remembers it. One string names it everywhere — ``server:NAME/MODEL``
(the registry's name for the server, then the model's id there, which may hold ``/`` or
``:``; a server's name holds neither). It is what ``LoadRequest.model_path`` carries for such a
model, and what a conversation keeps in ``model_id``. It never holds the key: ``connect``
fetches that from the key store when the engine is about to use the server.

A reply's record (and a sweep's) names a server model by its *identity* instead: the model,
the server, its address, its software and version — what the reproducibility card shows
(``identity``; ``shown_model_name`` reads it back, as it reads a file's path, for the views).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import PurePath

from ponder.core.servers.connection import ServerConnection
from ponder.core.servers.keys import KeyStore
from ponder.core.servers.registry import ServerEntry, ServerRegistry
from ponder.core.ways_out import COMMAND_LINE, WaysOut

PREFIX = "server:"


@dataclass(frozen=True, slots=True)
class ServerModelRef:
    """``model`` (its id on the server) on the server the registry calls ``server``."""

    server: str
    model: str

    @property
    def id(self) -> str:
        """``server:NAME/MODEL``: what the app stores and passes around."""
        return f"{PREFIX}{self.server}/{self.model}"

    @property
    def model_name(self) -> str:
        """The model's id, short: llama-server names its model by the file it loaded (a
        whole path), and the file's name is enough to know it."""
        return short_model_name(self.model)

    @property
    def label(self) -> str:
        """The model and its server, as the model bar shows them."""
        return f"{self.model_name} · {self.server}"

    @classmethod
    def parse(cls, text: str | None) -> ServerModelRef | None:
        """The reference ``text`` holds, or None when it names no server model (a file)."""
        if not text or not text.startswith(PREFIX):
            return None
        server, slash, model = text[len(PREFIX) :].partition("/")
        if not slash or not server or not model:
            return None
        return cls(server, model)


def short_model_name(model_id: str) -> str:
    """``model_id`` as people know it: a path to a GGUF file by the file's name without
    folders or ``.gguf``; anything else as it is (``Qwen/Qwen3-8B`` on vLLM names the
    repository, which is the model's name)."""
    if model_id.lower().endswith(".gguf"):
        return model_id.replace("\\", "/").rsplit("/", 1)[-1][: -len(".gguf")]
    return model_id


def identity(model: str, label: str, base_url: str, software: str) -> str:
    """A server model as a record names it: ``MODEL on NAME at URL (SOFTWARE VERSION)`` (no
    ``NAME at`` for an address given without a name). Never the key."""
    where = f"{label} at {base_url}" if label else base_url
    return f"{model} on {where} ({software})"


_IDENTITY = re.compile(
    r"^(?P<model>.+?) on (?:(?P<label>\S+) at )?(?P<url>https?://\S+) \((?P<software>.*)\)$"
)


def is_server_record(record: str | None) -> bool:
    """Whether a record's model ran on a server (its identity), not from a file here."""
    return bool(record) and _IDENTITY.match(record or "") is not None


def recorded_model_name(record: str) -> str:
    """A record's model for a card: a server model's identity whole (model, server, address,
    software); a file's name without the folders it sat in on one computer."""
    if _IDENTITY.match(record) is not None:
        return record
    return PurePath(record.replace("\\", "/")).name


def shown_model_name(record: str | None) -> str:
    """A record's model in a few words, for a title, a legend or under a reply: a file's name
    without its folders or ``.gguf``; a server model's short name and server. "" when none
    is recorded."""
    if not record:
        return ""
    found = _IDENTITY.match(record)
    if found is not None:
        server = found["label"] or found["url"].split("://", 1)[1]
        return f"{short_model_name(found['model'])} · {server}"
    name = recorded_model_name(record)
    return name[: -len(".gguf")] if name.lower().endswith(".gguf") else name


def connection_for(
    entry: ServerEntry, keys: KeyStore, ways_out: WaysOut = COMMAND_LINE
) -> ServerConnection:
    """The connection to a registered server, with its key when one is stored
    (``KeyStoreError`` when the store cannot give it); its faults advise ``ways_out``."""
    key = keys.get(entry.name) if entry.has_key else None
    return ServerConnection(entry.base_url, entry.name, entry.ca_file, key, ways_out)


def connect(
    ref: ServerModelRef,
    registry: ServerRegistry,
    keys: KeyStore,
    ways_out: WaysOut = COMMAND_LINE,
) -> ServerConnection:
    """The connection to the server ``ref`` names (``ServerRegistryError`` when it is no longer
    registered, ``KeyStoreError`` when its key cannot be read)."""
    return connection_for(registry.get(ref.server, ways_out), keys, ways_out)
