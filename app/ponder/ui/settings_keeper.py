"""The settings while the app runs: the current ``Settings`` and saving them.

Widgets never write files: they hand new settings to the keeper, which saves them (a small
atomic write, on the user's action) and tells everyone that they changed.

Thread: GUI thread.
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QObject, Signal

from ponder.core.settings import Settings, SettingsError, load_settings, save_settings
from ponder.ui.translations import shown

log = logging.getLogger(__name__)


class SettingsKeeper(QObject):
    """Holds the settings; ``update`` saves and announces a change."""

    changed = Signal(object, object)  # new Settings, old Settings
    save_failed = Signal(str)

    def __init__(self, path: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.path = path
        self.settings = load_settings(path)

    def update(self, settings: Settings) -> None:
        """Saves ``settings`` (if they differ) and emits ``changed``."""
        old = self.settings
        if settings == old:
            return
        self.settings = settings
        try:
            save_settings(settings, self.path)
        except SettingsError as exc:
            self.save_failed.emit(shown(exc))
        self.changed.emit(settings, old)

    def update_fields(self, **changes: object) -> None:
        self.update(self.settings.replace(**changes))
