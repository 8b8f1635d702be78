"""Servers' API keys: in the OS keyring where one exists, else in a file only the user reads.

A key is a secret: it is stored here and read back only to build the ``Authorization`` header
(``core.servers.connection``). It is never written to the registry, a log, an error message,
an export or the reproducibility card. ``KeyStore.where`` says in words where keys are kept.

The keyring is the ``keyring`` package's default backend when that backend is a real one
(Secret Service, macOS Keychain, Windows Credential Locker); a machine without one (a headless
Linux box, a CI runner) gets the file ``AppPaths.server_keys_file``, created with mode 0600
and put back to 0600 whenever it is written.
"""

from __future__ import annotations

import json
import os
import stat
import tempfile
from contextlib import suppress
from pathlib import Path
from typing import Any

from ponder.core.bounded_files import UnreadableFileError, read_json
from ponder.core.phrases import QT_TRANSLATE_NOOP

SERVICE = "Ponder inference servers"


class KeyStoreError(RuntimeError):
    """A key could not be stored or read; the message names no key."""


def system_keyring() -> Any | None:
    """The OS keyring backend of the ``keyring`` package, or None when there is no usable one
    (the package is missing, or only its "fail"/"null" backends are available)."""
    try:
        import keyring
        from keyring.backends import fail
    except ImportError:
        return None
    try:
        backend = keyring.get_keyring()
    except Exception:  # a broken backend configuration is "no keyring", not a crash
        return None
    if isinstance(backend, fail.Keyring) or getattr(backend, "priority", 0) <= 0:
        return None
    if type(backend).__module__.startswith("keyring.backends.null"):
        return None
    return backend


class KeyStore:
    """Where servers' keys live. ``backend``: a keyring backend object (``set_password``,
    ``get_password``, ``delete_password``), or None for the private file ``file``.
    Use ``KeyStore.default(file)`` to pick the OS keyring when there is one."""

    def __init__(self, file: Path, backend: Any | None = None) -> None:
        self.file = file
        self.backend = backend

    @classmethod
    def default(cls, file: Path) -> KeyStore:
        return cls(file, system_keyring())

    @property
    def where(self) -> str:
        if self.backend is not None:
            return QT_TRANSLATE_NOOP("Servers", "the system keyring ({kind})").format(
                kind=type(self.backend).__name__
            )
        return QT_TRANSLATE_NOOP("Servers", "{file} (readable by you only)").format(file=self.file)

    def set(self, server: str, key: str) -> None:
        if not key or any(c in key for c in "\r\n"):
            raise KeyStoreError(
                QT_TRANSLATE_NOOP(
                    "Servers",
                    "an API key must be one line of text",
                )
            )
        if self.backend is not None:
            try:
                self.backend.set_password(SERVICE, server, key)
            except Exception as exc:
                raise KeyStoreError(
                    QT_TRANSLATE_NOOP(
                        "Servers",
                        "the system keyring refused to store the key for {server!r} ({kind})",
                    ).format(server=server, kind=type(exc).__name__)
                ) from None
            return
        keys = self._read_file()
        keys[server] = key
        self._write_file(keys)

    def get(self, server: str) -> str | None:
        if self.backend is not None:
            try:
                value = self.backend.get_password(SERVICE, server)
            except Exception as exc:
                raise KeyStoreError(
                    QT_TRANSLATE_NOOP(
                        "Servers",
                        "the system keyring could not give the key for {server!r} ({kind})",
                    ).format(server=server, kind=type(exc).__name__)
                ) from None
            return str(value) if value else None
        return self._read_file().get(server)

    def delete(self, server: str) -> None:
        """Forgets the key of ``server``; nothing happens when none is stored."""
        if self.backend is not None:
            with suppress(Exception):  # keyring raises PasswordDeleteError when there is none
                self.backend.delete_password(SERVICE, server)
            return
        keys = self._read_file()
        if keys.pop(server, None) is not None:
            self._write_file(keys)

    # ----- the private file ---------------------------------------------------------------------

    def _read_file(self) -> dict[str, str]:
        try:
            data = read_json(self.file, max_bytes=256 * 1024)
        except FileNotFoundError:
            return {}
        except UnreadableFileError:
            # The message could quote the file; say only which file is damaged.
            raise KeyStoreError(
                QT_TRANSLATE_NOOP(
                    "Servers",
                    "the key file {file} is damaged; remove it and add the keys again",
                ).format(file=self.file)
            ) from None
        if not isinstance(data, dict) or not all(
            isinstance(k, str) and isinstance(v, str) for k, v in data.items()
        ):
            raise KeyStoreError(
                QT_TRANSLATE_NOOP(
                    "Servers",
                    "the key file {file} is not a Ponder key file",
                ).format(file=self.file)
            )
        return dict(data)

    def _write_file(self, keys: dict[str, str]) -> None:
        temp: str | None = None
        try:
            self.file.parent.mkdir(parents=True, exist_ok=True)
            # mkstemp creates the file with mode 0600: the key is never readable by others,
            # not even for a moment.
            fd, temp = tempfile.mkstemp(
                prefix=f".{self.file.name}.", suffix=".tmp", dir=self.file.parent
            )
            with os.fdopen(fd, "w", encoding="utf-8") as handle:
                json.dump(keys, handle)
                handle.flush()
                os.fsync(handle.fileno())
            os.chmod(temp, stat.S_IRUSR | stat.S_IWUSR)
            os.replace(temp, self.file)
            temp = None
        except OSError as exc:
            raise KeyStoreError(
                QT_TRANSLATE_NOOP(
                    "Servers",
                    "could not save the key file {file}: {problem}",
                ).format(file=self.file, problem=exc.strerror or type(exc).__name__)
            ) from None
        finally:
            if temp is not None:
                with suppress(OSError):
                    os.unlink(temp)
