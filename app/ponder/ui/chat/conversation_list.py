"""The conversations on the left: search, new, rename, delete.

The widget only shows what it is given and says what the user asked for; the window reads
and edits the database through the controller.

Thread: GUI thread.
"""

from __future__ import annotations

import time

from PySide6.QtCore import QPoint, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMenu,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ponder.core.storage.store import SearchHit

_ID_ROLE = Qt.ItemDataRole.UserRole


def _age(timestamp: float, now: float) -> str:
    seconds = max(0.0, now - timestamp)
    if seconds < 60:
        return "just now"
    if seconds < 3600:
        return f"{int(seconds // 60)} min ago"
    if seconds < 86400:
        return f"{int(seconds // 3600)} h ago"
    return time.strftime("%d %b %Y", time.localtime(timestamp))


class ConversationList(QWidget):
    """Search box, "New conversation" and the list (most recent first)."""

    search_changed = Signal(str)
    conversation_selected = Signal(int)
    new_requested = Signal()
    rename_requested = Signal(int, str)  # id, new title
    delete_requested = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("conversationList")
        self.search = QLineEdit()
        self.search.setPlaceholderText("Search conversations")
        self.search.setClearButtonEnabled(True)
        self.new_button = QPushButton("New conversation")
        self.new_button.setObjectName("newConversation")
        self.new_button.setToolTip("Start a new conversation (Ctrl+N)")
        self.new_button.clicked.connect(self.new_requested)
        self.list = QListWidget()
        self.list.setObjectName("conversationItems")
        self.list.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.list.customContextMenuRequested.connect(self._menu)
        self.list.itemActivated.connect(self._activated)
        self.list.itemClicked.connect(self._activated)
        self.list.itemChanged.connect(self._renamed)
        self.list.setEditTriggers(QListWidget.EditTrigger.EditKeyPressed)
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.list.setUniformItemSizes(True)
        self.setMinimumWidth(180)
        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(200)
        self._debounce.timeout.connect(lambda: self.search_changed.emit(self.search.text()))
        self.search.textChanged.connect(lambda _text: self._debounce.start())
        top = QHBoxLayout()
        top.addWidget(self.new_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 4, 8)
        layout.addLayout(top)
        layout.addWidget(self.search)
        layout.addWidget(self.list, 1)
        self._filling = False
        self._current: int | None = None

    def show_hits(self, hits: list[SearchHit], current: int | None) -> None:
        """Fills the list; ``current`` stays selected if it is in it."""
        self._filling = True
        self._current = current
        self.list.clear()
        now = time.time()
        for hit in hits:
            conversation = hit.conversation
            title = conversation.title or "Untitled"
            item = QListWidgetItem(title)
            item.setData(_ID_ROLE, conversation.id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsEditable)
            tip = f"{title}\n{_age(conversation.updated_at, now)}"
            if hit.snippet:
                tip += f"\n…{hit.snippet}…"
            item.setToolTip(tip)
            self.list.addItem(item)
            if conversation.id == current:
                item.setSelected(True)
                self.list.setCurrentItem(item)
        self._filling = False

    def select(self, conversation_id: int | None) -> None:
        self._current = conversation_id
        for row in range(self.list.count()):
            item = self.list.item(row)
            if item.data(_ID_ROLE) == conversation_id:
                self.list.setCurrentItem(item)
                return
        self.list.clearSelection()

    def current_id(self) -> int | None:
        item = self.list.currentItem()
        return int(item.data(_ID_ROLE)) if item is not None else None

    def start_rename(self, conversation_id: int | None = None) -> None:
        """Lets the user type a new title in place."""
        target = conversation_id if conversation_id is not None else self.current_id()
        for row in range(self.list.count()):
            item = self.list.item(row)
            if item.data(_ID_ROLE) == target:
                self.list.editItem(item)
                return

    def _activated(self, item: QListWidgetItem) -> None:
        conversation_id = int(item.data(_ID_ROLE))
        if conversation_id != self._current:
            self._current = conversation_id
            self.conversation_selected.emit(conversation_id)

    def _renamed(self, item: QListWidgetItem) -> None:
        if not self._filling:
            title = item.text().strip()
            if title:
                self.rename_requested.emit(int(item.data(_ID_ROLE)), title)

    def _menu(self, point: QPoint) -> None:
        item = self.list.itemAt(point)
        if item is None:
            return
        conversation_id = int(item.data(_ID_ROLE))
        menu = QMenu(self)
        menu.addAction("Rename", lambda: self.list.editItem(item))
        menu.addAction("Delete…", lambda: self.delete_requested.emit(conversation_id))
        menu.exec(self.list.viewport().mapToGlobal(point))
