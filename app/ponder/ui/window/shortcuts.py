"""Help → Keyboard shortcuts: every shortcut of the window, read from its own actions.

The list is built from the QActions of the menu bar (grouped by menu) and the QShortcuts the
window holds, at the moment it opens: a shortcut added or changed anywhere appears here as it
is, and one that no longer exists cannot linger.

Thread: GUI thread.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QAction, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QMainWindow,
    QMenu,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)


def _name(text: str) -> str:
    """A menu text as a person reads it: no mnemonic '&', no trailing '…'."""
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&").rstrip("…").strip()


def _keys(sequences: list[QKeySequence]) -> str:
    return ", ".join(
        s.toString(QKeySequence.SequenceFormat.NativeText) for s in sequences if not s.isEmpty()
    )


def window_shortcuts(window: QMainWindow) -> list[tuple[str, str, str]]:
    """(group, what it does, keys) for every shortcut of ``window``: its menus' actions, then
    the QShortcuts it holds (named by their ``whatsThis``). Each action once (the first menu
    that lists it)."""
    rows: list[tuple[str, str, str]] = []
    seen: set[int] = set()
    for menu_action in window.menuBar().actions():
        menu = menu_action.menu()
        if not isinstance(menu, QMenu):
            continue
        group = _name(menu.title())
        for action in menu.actions():
            keys = _keys(action.shortcuts())
            if keys and id(action) not in seen:
                seen.add(id(action))
                rows.append((group, _name(action.text()), keys))
    for action in window.findChildren(QAction):
        keys = _keys(action.shortcuts())
        if keys and id(action) not in seen and action.text():
            seen.add(id(action))
            rows.append(
                (
                    QCoreApplication.translate("ShortcutsDialog", "Window"),
                    _name(action.text()),
                    keys,
                )
            )
    for shortcut in window.findChildren(QShortcut):
        keys = _keys([shortcut.key()])
        if keys and shortcut.isEnabled():
            what = shortcut.whatsThis() or shortcut.objectName() or keys
            rows.append((QCoreApplication.translate("ShortcutsDialog", "Window"), what, keys))
    return rows


class ShortcutsDialog(QDialog):
    """The shortcuts of ``window`` in a two-column list, grouped as its menus are."""

    def __init__(self, window: QMainWindow, parent: QWidget | None = None) -> None:
        super().__init__(parent or window)
        self.setObjectName("shortcutsDialog")
        self.setWindowTitle(self.tr("Keyboard shortcuts"))
        self.tree = QTreeWidget()
        self.tree.setColumnCount(2)
        self.tree.setHeaderLabels([self.tr("Action"), self.tr("Keys")])
        self.tree.setRootIsDecorated(False)
        self.tree.header().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.tree.header().setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        groups: dict[str, QTreeWidgetItem] = {}
        for group, what, keys in window_shortcuts(window):
            parent_item = groups.get(group)
            if parent_item is None:
                parent_item = groups[group] = QTreeWidgetItem(self.tree, [group])
                font = parent_item.font(0)
                font.setBold(True)
                parent_item.setFont(0, font)
                parent_item.setFirstColumnSpanned(True)
            QTreeWidgetItem(parent_item, [what, keys])
        self.tree.expandAll()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tree)
        layout.addWidget(buttons)
        self.resize(460, 560)

    def rows(self) -> list[tuple[str, str]]:
        """(action, keys) as listed, in order."""
        found = []
        for g in range(self.tree.topLevelItemCount()):
            group = self.tree.topLevelItem(g)
            assert group is not None
            for i in range(group.childCount()):
                child = group.child(i)
                assert child is not None
                found.append((child.text(0), child.text(1)))
        return found
