"""The servers a person added: a name, a base URL and an optional CA file each.

Kept in one JSON file (``AppPaths.servers_file``), read with ``core.bounded_files`` like every
data file and written atomically. The API keys are not in it (``core.servers.keys``).
"""

from __future__ import annotations

import json
import os
import re
import tempfile
from contextlib import suppress
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ponder.core.bounded_files import UnreadableFileError, read_json
from ponder.core.phrases import QT_TRANSLATE_NOOP
from ponder.core.servers.addresses import ServerAddressError, normalize_base_url
from ponder.core.ways_out import COMMAND_LINE, WaysOut

_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$")
FORMAT_VERSION = 1


class ServerRegistryError(ValueError):
    """The registry cannot do what was asked (bad name, unknown server, unreadable file)."""


@dataclass(frozen=True, slots=True)
class ServerEntry:
    """One configured server. ``ca_file``: a PEM bundle that signs its TLS certificate, for
    servers with a private certificate authority (checked in addition to nothing: it replaces
    the system's trust store for this server only). ``has_key`` says whether a key is stored."""

    name: str
    base_url: str
    ca_file: str | None = None
    has_key: bool = False

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "base_url": self.base_url,
            "ca_file": self.ca_file,
            "has_key": self.has_key,
        }


def check_name(name: str) -> str:
    """``name`` if it can name a server (letters, digits, ``.``, ``_``, ``-``; 64 at most)."""
    if not _NAME.match(name):
        raise ServerRegistryError(
            QT_TRANSLATE_NOOP(
                "Servers",
                "{name!r} cannot name a server: use letters, digits, '.', '_' or '-' (at "
                "most 64, starting with a letter or digit)",
            ).format(name=name)
        )
    return name


def _entry(raw: Any, source: Path) -> ServerEntry:
    if not isinstance(raw, dict):
        raise ServerRegistryError(
            QT_TRANSLATE_NOOP(
                "Servers",
                "{source}: a server entry is not a table",
            ).format(source=source)
        )
    try:
        name = check_name(str(raw["name"]))
        base_url = normalize_base_url(str(raw["base_url"]))
    except KeyError as exc:
        raise ServerRegistryError(
            QT_TRANSLATE_NOOP(
                "Servers",
                "{source}: a server entry has no {field!r}",
            ).format(source=source, field=exc.args[0])
        ) from None
    except ServerAddressError as exc:
        raise ServerRegistryError(
            QT_TRANSLATE_NOOP(
                "Servers",
                "{source}: {exc}",
            ).format(source=source, exc=exc)
        ) from None
    ca_file = raw.get("ca_file")
    return ServerEntry(
        name, base_url, str(ca_file) if ca_file else None, bool(raw.get("has_key", False))
    )


class ServerRegistry:
    """The registry file at ``path``. Every method reads the file afresh (another Ponder
    window or the CLI may have changed it). Thread: any (no state is kept)."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def entries(self) -> list[ServerEntry]:
        """The servers, in the order they were added; none when the file does not exist."""
        try:
            data = read_json(self.path, max_bytes=1 << 20)
        except FileNotFoundError:
            return []
        except UnreadableFileError as exc:
            raise ServerRegistryError(str(exc)) from None
        if not isinstance(data, dict) or not isinstance(data.get("servers"), list):
            raise ServerRegistryError(
                QT_TRANSLATE_NOOP(
                    "Servers",
                    "{path} is not a Ponder server list",
                ).format(path=self.path)
            )
        return [_entry(raw, self.path) for raw in data["servers"]]

    def get(self, name: str, ways_out: WaysOut = COMMAND_LINE) -> ServerEntry:
        for entry in self.entries():
            if entry.name == name:
                return entry
        known = ", ".join(e.name for e in self.entries()) or "none yet"
        raise ServerRegistryError(
            QT_TRANSLATE_NOOP(
                "Servers",
                "no server named {name!r} (configured: {known}; {add_server})",
            ).format(name=name, known=known, add_server=ways_out.add_server)
        )

    def find(self, name_or_url: str) -> ServerEntry | None:
        """The entry named ``name_or_url``, or whose base URL it is; None when neither."""
        entries = self.entries()
        for entry in entries:
            if entry.name == name_or_url:
                return entry
        try:
            url = normalize_base_url(name_or_url)
        except ServerAddressError:
            return None
        return next((e for e in entries if e.base_url == url), None)

    def add(self, entry: ServerEntry, *, replace: bool = False) -> ServerEntry:
        """Adds (or with ``replace`` updates) a server; the URL is normalised first."""
        check_name(entry.name)
        try:
            entry = ServerEntry(
                entry.name, normalize_base_url(entry.base_url), entry.ca_file, entry.has_key
            )
        except ServerAddressError as exc:
            raise ServerRegistryError(str(exc)) from None
        if entry.ca_file and not Path(entry.ca_file).is_file():
            raise ServerRegistryError(
                QT_TRANSLATE_NOOP(
                    "Servers",
                    "no CA file at {ca_file}",
                ).format(ca_file=entry.ca_file)
            )
        entries = self.entries()
        if any(e.name == entry.name for e in entries) and not replace:
            raise ServerRegistryError(
                QT_TRANSLATE_NOOP(
                    "Servers",
                    "a server named {name!r} exists already",
                ).format(name=entry.name)
            )
        kept = [e for e in entries if e.name != entry.name]
        position = next((i for i, e in enumerate(entries) if e.name == entry.name), len(kept))
        kept.insert(position, entry)
        self._write(kept)
        return entry

    def remove(self, name: str) -> ServerEntry:
        entry = self.get(name)
        self._write([e for e in self.entries() if e.name != name])
        return entry

    def _write(self, entries: list[ServerEntry]) -> None:
        text = json.dumps(
            {"version": FORMAT_VERSION, "servers": [e.to_dict() for e in entries]}, indent=2
        )
        temp: str | None = None
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            fd, temp = tempfile.mkstemp(
                prefix=f".{self.path.name}.", suffix=".tmp", dir=self.path.parent
            )
            with os.fdopen(fd, "w", encoding="utf-8") as file:
                file.write(text + "\n")
                file.flush()
                os.fsync(file.fileno())
            os.replace(temp, self.path)
            temp = None
        except OSError as exc:
            raise ServerRegistryError(
                QT_TRANSLATE_NOOP(
                    "Servers",
                    "could not save the server list to {path}: {problem}; it is unchanged",
                ).format(path=self.path, problem=exc.strerror or exc)
            ) from None
        finally:
            if temp is not None:
                with suppress(OSError):
                    os.unlink(temp)
