"""What the app shows when the load policy refuses a model that cannot fit: the reason, in
the same words as ``ponder ask``, and a "Load anyway" button (the command line's ``--force``).

Thread: GUI thread.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QMessageBox, QWidget

from ponder.core.models.load_policy import ModelTooLarge


def offer_load_anyway(
    parent: QWidget, refusal: ModelTooLarge, load_anyway: Callable[[], object]
) -> QMessageBox:
    """Opens (window-modal, not blocking) the refusal; "Load anyway" calls ``load_anyway``."""
    box = QMessageBox(
        QMessageBox.Icon.Warning,
        QCoreApplication.translate("Refusal", "Model too large"),
        str(refusal),
        parent=parent,
    )
    box.setInformativeText(
        QCoreApplication.translate(
            "Refusal",
            "The context size is in Settings. Loading it anyway may fail, or make this computer "
            "very slow while the model runs.",
        )
    )
    anyway = box.addButton(
        QCoreApplication.translate("Refusal", "Load anyway"), QMessageBox.ButtonRole.AcceptRole
    )
    box.setDefaultButton(box.addButton(QMessageBox.StandardButton.Cancel))
    anyway.clicked.connect(load_anyway)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.open()
    return box
