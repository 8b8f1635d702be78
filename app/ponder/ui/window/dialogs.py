"""The dialogs the main window opens about models and settings: import, the model manager,
settings, About. Functions of the window (they read its library, controller and settings).

Thread: GUI thread.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QFileDialog

if TYPE_CHECKING:
    from ponder.ui.window.main_window import MainWindow


def download_recommended(window: MainWindow, entry: object, quant: object) -> None:
    """Starts the download the welcome page recommends and shows it in the manager."""
    from ponder.core.models.catalog import CatalogEntry, Quant

    assert isinstance(entry, CatalogEntry) and isinstance(quant, Quant)
    window.library.download(entry, quant)
    open_model_manager(window, catalog=True)


def import_model(window: MainWindow) -> None:
    path, _ = QFileDialog.getOpenFileName(
        window, "Import a model", str(Path.home()), "GGUF models (*.gguf);;All files (*)"
    )
    if path:
        window.library.import_file(path)
        window.statusBar().showMessage(f"Importing {Path(path).name}…")


def import_pack(window: MainWindow) -> None:
    """A model pack folder (made by `ponder pack export` on another computer, e.g. on a USB
    stick): its model is copied in, sha256-verified and validated."""
    folder = QFileDialog.getExistingDirectory(window, "Import a model pack", str(Path.home()))
    if folder:
        window.library.import_file(folder)
        window.statusBar().showMessage(f"Importing the pack in {folder}…")


def open_model_manager(window: MainWindow, catalog: bool = False) -> None:
    from ponder.ui.models.manager import ModelManagerDialog

    dialog = ModelManagerDialog(window.library, window.controller.model_path, window)
    if catalog:
        dialog.tabs.setCurrentIndex(1)
    dialog.use_requested.connect(window.use_model)
    dialog.exec()


def open_settings(window: MainWindow) -> None:
    """The settings dialog; the model is loaded again when a setting of the load changed."""
    from ponder.ui.window.settings_dialog import MODEL_FIELDS, SettingsDialog

    old = window.settings.settings
    dialog = SettingsDialog(old, window.paths, os.cpu_count() or 1, window)
    if dialog.exec() != SettingsDialog.DialogCode.Accepted:
        return
    new = dialog.result_settings()
    window.settings.update(new)
    reload = any(getattr(old, f) != getattr(new, f) for f in MODEL_FIELDS[:3])
    if reload and window.controller.model_path:
        window.use_model(window.controller.model_path)


def show_about(window: MainWindow) -> None:
    from ponder.ui.window.about import show_about as about

    about(window)
