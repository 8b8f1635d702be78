"""The conversations on the left: search, new, rename, delete, settings.

Empty states say what the list is (before the first conversation) and that a search found
nothing (Esc clears it). The keyboard moves from the search into the list (↓) and back (↑ on
the first row); ``step`` moves between conversations (the window's Ctrl+↑/↓).

The widget only shows what it is given and says what the user asked for; the window reads
and edits the database through the controller.

Thread: GUI thread.
"""

from __future__ import annotations

import time

from PySide6.QtCore import (
    QCoreApplication,
    QDateTime,
    QEvent,
    QLocale,
    QObject,
    QPoint,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMenu,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ponder.core.storage.store import SearchHit
from ponder.ui.theme.icons import icon

_ID_ROLE = Qt.ItemDataRole.UserRole


def _age(timestamp: float, now: float) -> str:
    seconds = max(0.0, now - timestamp)
    if seconds < 60:
        return QCoreApplication.translate("ConversationList", "just now")
    if seconds < 3600:
        return QCoreApplication.translate("ConversationList", "{n} min ago").format(
            n=int(seconds // 60)
        )
    if seconds < 86400:
        return QCoreApplication.translate("ConversationList", "{n} h ago").format(
            n=int(seconds // 3600)
        )
    # The date in the window's language ("06 Dec 2026", "06. Dez. 2026").
    return QLocale().toString(QDateTime.fromSecsSinceEpoch(int(timestamp)).date(), "dd MMM yyyy")


class ConversationList(QWidget):
    """Search box, "New conversation" and the list (most recent first)."""

    search_changed = Signal(str)
    conversation_selected = Signal(int)
    new_requested = Signal()
    rename_requested = Signal(int, str)  # id, new title
    delete_requested = Signal(int)
    settings_requested = Signal(int)  # id: edit that conversation's own settings

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("conversationList")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground)  # the sidebar's own surface
        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("Search conversations"))
        self.search.setClearButtonEnabled(True)
        self.search.addAction(icon("search", "muted"), QLineEdit.ActionPosition.LeadingPosition)
        self.new_button = QPushButton(icon("new"), self.tr("New conversation"))
        self.new_button.setObjectName("newConversation")
        self.new_button.setToolTip(self.tr("Start a new conversation (Ctrl+N)"))
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
        self.search.installEventFilter(self)
        self.list.installEventFilter(self)
        self.empty = QLabel()
        self.empty.setObjectName("listEmpty")
        self.empty.setWordWrap(True)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.empty.setVisible(False)
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
        layout.addWidget(self.empty, 1)  # in the list's place while the list is empty
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
        self._show_empty(not hits)

    def _show_empty(self, empty: bool) -> None:
        query = self.search.text().strip()
        if not empty:
            text = ""
        elif query:
            text = self.tr("No matches for “{0}”.\nEsc clears the search.").format(query)
        else:
            text = self.tr(
                "Your conversations appear here, newest first: each keeps the model's thinking "
                "beside its answers. Search finds words in both."
            )
        self.empty.setText(text)
        self.empty.setVisible(bool(text))
        self.list.setVisible(not text)

    # ----- keyboard ------------------------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        kind = event.type()
        if kind not in (QEvent.Type.KeyPress, QEvent.Type.ShortcutOverride):
            return False
        assert isinstance(event, QKeyEvent)
        key = event.key()
        plain = event.modifiers() == Qt.KeyboardModifier.NoModifier
        if watched is self.search and key == Qt.Key.Key_Escape and self.search.text():
            # Esc clears the search before it reaches the window (where it means Stop).
            if kind == QEvent.Type.ShortcutOverride:
                event.accept()
            else:
                self.search.clear()
            return kind == QEvent.Type.KeyPress
        if kind != QEvent.Type.KeyPress or not plain:
            return False
        if watched is self.search and key == Qt.Key.Key_Down and self.list.count():
            self.list.setFocus(Qt.FocusReason.TabFocusReason)
            if self.list.currentRow() < 0:
                self.list.setCurrentRow(0)
            return True
        if watched is self.list and key == Qt.Key.Key_Up and self.list.currentRow() <= 0:
            self.search.setFocus(Qt.FocusReason.BacktabFocusReason)
            return True
        return False

    def step(self, delta: int) -> None:
        """Opens the conversation ``delta`` rows below (above, if negative) the open one."""
        count = self.list.count()
        if not count:
            return
        rows = [r for r in range(count) if self.list.item(r).data(_ID_ROLE) == self._current]
        # None open (a new conversation): the first, or the last going up.
        start = rows[0] if rows else (-1 if delta > 0 else count)
        row = max(0, min(count - 1, start + delta))
        item = self.list.item(row)
        self.list.setCurrentItem(item)
        self._activated(item)

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
        menu.addAction(self.tr("Rename"), lambda: self.list.editItem(item))
        menu.addAction(self.tr("Settings…"), lambda: self.settings_requested.emit(conversation_id))
        menu.addAction(self.tr("Delete…"), lambda: self.delete_requested.emit(conversation_id))
        menu.exec(self.list.viewport().mapToGlobal(point))
