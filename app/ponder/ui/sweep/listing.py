"""The list of sweeps in the Budget sweep window: this session's (waiting, running, finished),
then the ones saved earlier. Each item's key is ``("queue", id)`` or ``("file", path)``.

Thread: GUI thread.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QListWidget, QListWidgetItem, QWidget

from ponder.core.teaching.sweep_files import saved_label
from ponder.ui.sweep.queue import QueuedSweep

SweepKey = tuple[str, object]  # ("queue", sweep id) or ("file", path as str)
ROLE_KEY = Qt.ItemDataRole.UserRole + 1
STATE_MARK = {"queued": "⏳", "running": "▶", "done": "✓", "cancelled": "■", "failed": "⚠"}


class SweepList(QListWidget):
    """``key_chosen(key)`` when the user picks a sweep."""

    key_chosen = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("sweepList")
        self.currentItemChanged.connect(self._changed)

    def fill(self, sweeps: list[QueuedSweep], saved: list[Path]) -> None:
        """The session's sweeps, then the ``saved`` files (``SweepFolder.saved``) that are
        not among them."""
        self.blockSignals(True)
        self.clear()
        in_session = set()
        for queued in sweeps:
            item = QListWidgetItem()
            item.setData(ROLE_KEY, ("queue", queued.id))
            _label(item, queued)
            self.addItem(item)
            if queued.path is not None:
                in_session.add(str(queued.path))
        for path in saved:
            if str(path) in in_session:
                continue
            item = QListWidgetItem(f"Saved: {saved_label(path)}")
            item.setToolTip(self.tr("Saved in {path}").format(path=path))
            item.setData(ROLE_KEY, ("file", str(path)))
            self.addItem(item)
        self.blockSignals(False)

    def entries(self) -> list[tuple[str, SweepKey]]:
        """(first line of the text, key) of every item, in order."""
        return [
            (self.item(row).text().split("\n")[0], tuple(self.item(row).data(ROLE_KEY)))
            for row in range(self.count())
        ]

    def relabel(self, queued: QueuedSweep) -> None:
        """Redraws a session sweep's item (its state and progress)."""
        for row in range(self.count()):
            item = self.item(row)
            if item.data(ROLE_KEY) == ("queue", queued.id):
                _label(item, queued)

    def select_key(self, key: SweepKey | None) -> None:
        """Makes ``key``'s item the current one, quietly (no ``key_chosen``)."""
        for row in range(self.count()):
            item = self.item(row)
            if item.data(ROLE_KEY) == key:
                self.blockSignals(True)
                self.setCurrentItem(item)
                self.blockSignals(False)
                return

    def _changed(self, item: QListWidgetItem | None, _previous: object = None) -> None:
        if item is not None:
            self.key_chosen.emit(tuple(item.data(ROLE_KEY)))


def _label(item: QListWidgetItem, queued: QueuedSweep) -> None:
    item.setText(f"{STATE_MARK[queued.state]} {queued.title}\n    {queued.status_text}")
    item.setToolTip(queued.message or queued.status_text)
