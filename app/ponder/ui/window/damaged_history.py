"""The dialog that answers a damaged conversation history at start-up.

It offers the ways forward ``ponder.core.storage.recovery`` holds: read what can be read
(read-only), recover into a new file, restore the newest backup, start a new history, or
quit. Whatever the choice, the damaged file is kept.

Thread: GUI thread (modal dialogs, before the main window exists).
"""

from __future__ import annotations

import logging
from enum import Enum
from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QAbstractButton, QMessageBox, QPushButton, QWidget

from ponder.core.storage import recovery
from ponder.core.storage.backups import Backups
from ponder.core.storage.damage import DatabaseDamagedError
from ponder.ui.translations import QT_TRANSLATE_NOOP

log = logging.getLogger(__name__)

# Marked for translation here, translated where they are shown.
TITLE = QT_TRANSLATE_NOOP("DamagedHistory", "Your conversation history is damaged")


class HistoryChoice(Enum):
    READ_ONLY = QT_TRANSLATE_NOOP("DamagedHistory", "Open read-only")
    RECOVER = QT_TRANSLATE_NOOP("DamagedHistory", "Recover into a new file")
    RESTORE = QT_TRANSLATE_NOOP("DamagedHistory", "Restore the last backup")
    START_FRESH = QT_TRANSLATE_NOOP("DamagedHistory", "Start a new history")
    QUIT = QT_TRANSLATE_NOOP("DamagedHistory", "Quit")


def ask_what_to_do(
    error: DatabaseDamagedError, latest_backup: Path | None, parent: QWidget | None = None
) -> HistoryChoice:
    """Asks the user; the choice (QUIT if the dialog is closed)."""
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle(QCoreApplication.translate("DamagedHistory", TITLE))
    box.setText(
        QCoreApplication.translate(
            "DamagedHistory",
            "Ponder cannot read all of your conversation history ({path}): the file is damaged. "
            "Whatever you choose, the damaged file is kept.",
        ).format(path=error.path)
    )
    lines = [
        QCoreApplication.translate(
            "DamagedHistory",
            "Open read-only: see what can still be read; nothing can be saved this session.",
        ),
        QCoreApplication.translate(
            "DamagedHistory",
            "Recover into a new file: copy everything readable into a new history and continue.",
        ),
    ]
    if latest_backup is not None:
        lines.append(
            QCoreApplication.translate(
                "DamagedHistory", "Restore the last backup: go back to {name}."
            ).format(name=latest_backup.name)
        )
    lines.append(
        QCoreApplication.translate(
            "DamagedHistory", "Start a new history: begin empty; the old file stays beside it."
        )
    )
    box.setInformativeText("\n".join(lines))
    box.setDetailedText(str(error))
    buttons: dict[QAbstractButton, HistoryChoice] = {}
    recover: QPushButton | None = None
    for choice in HistoryChoice:
        if choice is HistoryChoice.RESTORE and latest_backup is None:
            continue
        role = (
            QMessageBox.ButtonRole.RejectRole
            if choice is HistoryChoice.QUIT
            else QMessageBox.ButtonRole.AcceptRole
        )
        button = box.addButton(QCoreApplication.translate("DamagedHistory", choice.value), role)
        buttons[button] = choice
        if choice is HistoryChoice.RECOVER:
            recover = button
    if recover is not None:
        box.setDefaultButton(recover)
    box.exec()
    return buttons.get(box.clickedButton(), HistoryChoice.QUIT)


def resolve_damaged_history(
    error: DatabaseDamagedError, backups_folder: Path, parent: QWidget | None = None
) -> bool | None:
    """Asks what to do and does it. Returns whether to open the history read-only next, or
    None to quit."""
    latest = Backups(backups_folder).latest()
    choice = ask_what_to_do(error, latest, parent)
    path = error.path
    try:
        if choice is HistoryChoice.QUIT:
            return None
        if choice is HistoryChoice.READ_ONLY:
            return True
        if choice is HistoryChoice.RECOVER:
            report = recovery.recover(path)
            QMessageBox.information(
                parent,
                QCoreApplication.translate("DamagedHistory", "Conversation history recovered"),
                report.summary(),
            )
        elif choice is HistoryChoice.RESTORE and latest is not None:
            kept = recovery.restore_backup(path, latest)
            QMessageBox.information(
                parent,
                QCoreApplication.translate("DamagedHistory", "Backup restored"),
                QCoreApplication.translate(
                    "DamagedHistory", "Restored {name}. The damaged file is kept as {kept}."
                ).format(name=latest.name, kept=kept),
            )
        elif choice is HistoryChoice.START_FRESH:
            kept = recovery.start_fresh(path)
            QMessageBox.information(
                parent,
                QCoreApplication.translate("DamagedHistory", "New history"),
                QCoreApplication.translate(
                    "DamagedHistory", "Starting a new history. The old file is kept as {kept}."
                ).format(kept=kept),
            )
    except OSError as exc:
        log.exception("could not act on the damaged history")
        QMessageBox.critical(
            parent,
            TITLE,
            QCoreApplication.translate(
                "DamagedHistory",
                "Could not do that: {problem}. Nothing was deleted; check that the folder "
                "{parent} is writable and has free space, then start Ponder again.",
            ).format(problem=exc.strerror or exc, parent=path.parent),
        )
        return None
    return False
