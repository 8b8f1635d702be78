"""The dialogs the main window opens about models and settings: import, the model manager,
settings, About. Each function takes the collaborators it uses (the library, the settings,
the model in use, how to load one) and the widget to open over, not the window itself.

Thread: GUI thread.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QFileDialog, QWidget

from ponder.core.models.catalog import CatalogEntry, Quant
from ponder.core.paths import AppPaths
from ponder.ui.models.library import ModelLibrary
from ponder.ui.settings_keeper import SettingsKeeper

UseModel = Callable[[str], None]  # loads the model at this path (and remembers it)
ShowStatus = Callable[[str], None]  # a short message in the window's status bar


def download_recommended(
    parent: QWidget,
    library: ModelLibrary,
    entry: CatalogEntry,
    quant: Quant,
    *,
    current_model: str | None,
    use_model: UseModel,
) -> None:
    """Starts the download the welcome page recommends and shows it in the manager, its row
    selected (so its progress, or its error, is what the person sees)."""
    library.download(entry, quant)
    open_model_manager(
        parent, library, current_model, use_model, catalog=True, select=(entry.id, quant.name)
    )


def import_model(parent: QWidget, library: ModelLibrary, show_status: ShowStatus) -> None:
    path, _ = QFileDialog.getOpenFileName(
        parent,
        QCoreApplication.translate("Dialogs", "Import a model"),
        str(Path.home()),
        QCoreApplication.translate("Dialogs", "GGUF models (*.gguf);;All files (*)"),
    )
    if path:
        library.import_file(path)
        show_status(
            QCoreApplication.translate("Dialogs", "Importing {file}…").format(file=Path(path).name)
        )


def import_pack(parent: QWidget, library: ModelLibrary, show_status: ShowStatus) -> None:
    """A model pack folder (made by `ponder pack export` on another computer, e.g. on a USB
    stick): its model is copied in, sha256-verified and validated."""
    folder = QFileDialog.getExistingDirectory(
        parent, QCoreApplication.translate("Dialogs", "Import a model pack"), str(Path.home())
    )
    if folder:
        library.import_file(folder)
        show_status(
            QCoreApplication.translate("Dialogs", "Importing the pack in {folder}…").format(
                folder=folder
            )
        )


def open_model_manager(
    parent: QWidget,
    library: ModelLibrary,
    current_model: str | None,
    use_model: UseModel,
    *,
    catalog: bool = False,
    select: tuple[str, str] | None = None,
) -> None:
    """The model manager; ``catalog``: open on the catalog tab; ``select``: with this
    (catalog id, quant) selected."""
    from ponder.ui.models.manager import ModelManagerDialog

    dialog = ModelManagerDialog(library, current_model, parent)
    if catalog:
        dialog.tabs.setCurrentIndex(1)
    if select is not None:
        dialog.select_catalog(*select)
    dialog.use_requested.connect(use_model)
    dialog.exec()
    dialog.deleteLater()  # not left to the window's teardown at quit (see open_settings)


def open_settings(
    parent: QWidget,
    settings: SettingsKeeper,
    paths: AppPaths,
    *,
    current_model: str | None,
    use_model: UseModel,
) -> None:
    """The settings dialog; the model is loaded again when a setting of the load changed."""
    from ponder.ui.window.settings_dialog import RELOAD_FIELDS, SettingsDialog

    old = settings.settings
    dialog = SettingsDialog(old, paths, os.cpu_count() or 1, parent)
    accepted = dialog.exec() == SettingsDialog.DialogCode.Accepted
    new = dialog.result_settings()
    # Deleted now, not as a child of the window when Ponder quits: left until then, Qt
    # warned "QObject: shared QObject was deleted directly" on every quit after Settings.
    dialog.deleteLater()
    if not accepted:
        return
    settings.update(new)
    reload = any(getattr(old, f) != getattr(new, f) for f in RELOAD_FIELDS)
    if reload and current_model:
        use_model(current_model)


def show_about(parent: QWidget) -> None:
    from ponder.ui.window.about import show_about as about

    about(parent)
