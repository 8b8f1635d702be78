"""Where Ponder keeps its files.

Everything comes from platformdirs (config, data, cache, logs); the one environment variable
``PONDER_HOME`` relocates all of it under one folder (tests use it for isolation).
"""

from __future__ import annotations

import errno
import os
from dataclasses import dataclass
from pathlib import Path

import platformdirs

from ponder.core.phrases import QT_TRANSLATE_NOOP

APP_NAME = "Ponder"
HOME_ENV = "PONDER_HOME"


class DataFolderError(Exception):
    """A folder Ponder keeps its files in cannot be made; the message is for the user."""


@dataclass(frozen=True, slots=True)
class AppPaths:
    config: Path
    data: Path
    cache: Path
    logs: Path

    @property
    def models(self) -> Path:
        return self.data / "models"

    @property
    def sweeps(self) -> Path:
        """The budget sweeps' JSON files (``core.teaching.sweep_files``)."""
        return self.data / "sweeps"

    @property
    def database(self) -> Path:
        return self.data / "conversations.sqlite3"

    @property
    def backups(self) -> Path:
        """Rolling copies of the conversation database (``storage.backups``)."""
        return self.data / "backups"

    @property
    def servers_file(self) -> Path:
        """The inference servers the person added (``core.servers.registry``)."""
        return self.data / "servers.json"

    @property
    def server_keys_file(self) -> Path:
        """Servers' API keys where no OS keyring exists (``core.servers.keys``), mode 0600."""
        return self.data / "server-keys.json"

    @property
    def settings_file(self) -> Path:
        return self.config / "settings.json"

    @classmethod
    def from_environment(cls, environ: dict[str, str] | None = None) -> AppPaths:
        env = os.environ if environ is None else environ
        home = env.get(HOME_ENV)
        if home:
            root = Path(home).expanduser()
            return cls(root / "config", root / "data", root / "cache", root / "logs")
        dirs = platformdirs.PlatformDirs(APP_NAME, appauthor=False)
        return cls(
            Path(dirs.user_config_dir),
            Path(dirs.user_data_dir),
            Path(dirs.user_cache_dir),
            Path(dirs.user_log_dir),
        )

    def ensure(self) -> AppPaths:
        """Makes the folders; raises ``DataFolderError`` (written for the user) if it cannot."""
        for path in (self.config, self.data, self.cache, self.logs, self.models):
            try:
                path.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise DataFolderError(folder_problem(path, exc)) from exc
        return self


def folder_problem(path: Path, exc: OSError) -> str:
    """Why the folder ``path`` could not be made, and what to do, for the user."""
    reason = exc.strerror or str(exc)
    if exc.errno in (errno.ENOSPC, errno.EDQUOT):
        return QT_TRANSLATE_NOOP(
            "Paths",
            "Could not create the folder {path}: the disk is full ({reason}). Free some space, "
            "then start Ponder again.",
        ).format(path=path, reason=reason)
    if exc.errno == errno.ENOTDIR or (exc.errno == errno.EEXIST and not path.is_dir()):
        return QT_TRANSLATE_NOOP(
            "Paths",
            "Could not create the folder {path}: a file is in the way ({reason}). Move that "
            "file, or set {variable} to a folder Ponder may use, then start Ponder again.",
        ).format(path=path, reason=reason, variable=HOME_ENV)
    return QT_TRANSLATE_NOOP(
        "Paths",
        "Could not create the folder {path}: {reason}. Make sure you may write there (or set "
        "{variable} to a folder you may write in), then start Ponder again.",
    ).format(path=path, reason=reason, variable=HOME_ENV)
