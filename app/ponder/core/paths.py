"""Where Ponder keeps its files.

Everything comes from platformdirs (config, data, cache, logs); the one environment variable
``PONDER_HOME`` relocates all of it under one folder (tests use it for isolation).
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import platformdirs

APP_NAME = "Ponder"
HOME_ENV = "PONDER_HOME"


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
    def database(self) -> Path:
        return self.data / "conversations.sqlite3"

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
        for path in (self.config, self.data, self.cache, self.logs, self.models):
            path.mkdir(parents=True, exist_ok=True)
        return self
