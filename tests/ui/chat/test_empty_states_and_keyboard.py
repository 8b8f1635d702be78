"""The window without a model turn: empty states that help (suggestions, a first-run list,
"no matches" that Esc clears), the keyboard (search ↔ list, Ctrl+↑/↓, the shortcut list built
from the window's own actions), focus rings in the dark theme, answers set at a reading width
and bubbles that hug short messages."""

from __future__ import annotations

from app_driving import AppFactory
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QColor, QKeySequence
from PySide6.QtWidgets import QApplication, QPushButton, QVBoxLayout, QWidget
from pytestqt.qtbot import QtBot

from ponder.ui.answer.markdown import MarkdownRenderer
from ponder.ui.answer.view import reading_width
from ponder.ui.chat.messages import AssistantMessageWidget, UserMessageWidget
from ponder.ui.theme.tokens import DARK
from ponder.ui.window.shortcuts import ShortcutsDialog


def _titles(app: object) -> list[str]:
    items = app.window.conversations.list  # type: ignore[attr-defined]
    return [items.item(row).text() for row in range(items.count())]


def test_a_new_conversation_offers_suggestions_and_one_sets_thinking_off(
    qtbot: QtBot, make_app: AppFactory
) -> None:
    app = make_app(load=False)
    window = app.window
    window.new_conversation()
    panel = window.view.suggestions
    assert panel.isVisibleTo(window.view) and panel.hint.text().startswith("Ask something")
    assert len(panel.buttons) >= 3
    window.composer.budget.select("standard")
    off = next(b for b in panel.buttons if b.accessibleName().startswith("Thinking off, then on"))
    off.click()
    assert "strawberry" in window.composer.editor.toPlainText()
    assert window.composer.budget.preset.currentData() == "off"
    other = next(b for b in panel.buttons if b.accessibleName().startswith("Check some"))
    other.click()  # a suggestion without a budget leaves the budget as it is
    assert window.composer.editor.toPlainText() == "What is 17 × 24? Show each step."
    assert window.composer.budget.preset.currentData() == "off"
    assert not app.controller.busy  # a suggestion fills the composer; it never sends


def test_first_run_list_says_what_it_is_and_search_says_no_matches(
    qtbot: QtBot, make_app: AppFactory
) -> None:
    app = make_app(load=False)
    sidebar = app.window.conversations
    assert sidebar.empty.isVisibleTo(sidebar) and not sidebar.list.isVisibleTo(sidebar)
    assert "Your conversations appear here" in sidebar.empty.text()
    app.store.create_conversation("Fractions")
    app.window.refresh_conversations()
    assert not sidebar.empty.isVisibleTo(sidebar) and sidebar.list.isVisibleTo(sidebar)
    sidebar.search.setFocus()
    qtbot.keyClicks(sidebar.search, "zebra")
    qtbot.waitUntil(lambda: "No matches for “zebra”" in sidebar.empty.text())
    assert sidebar.empty.isVisibleTo(sidebar) and "Esc clears the search" in sidebar.empty.text()
    qtbot.keyClick(sidebar.search, Qt.Key.Key_Escape)
    assert sidebar.search.text() == ""
    qtbot.waitUntil(lambda: _titles(app) == ["Fractions"])
    assert not sidebar.empty.isVisibleTo(sidebar)


def test_arrow_keys_and_ctrl_arrows_move_between_search_list_and_conversations(
    qtbot: QtBot, make_app: AppFactory
) -> None:
    app = make_app(load=False)
    window = app.window
    ids = [app.store.create_conversation(title).id for title in ("One", "Two", "Three")]
    window.refresh_conversations()
    window.show()
    window.activateWindow()
    sidebar = window.conversations
    sidebar.search.setFocus()
    qtbot.waitUntil(sidebar.search.hasFocus)
    qtbot.keyClick(sidebar.search, Qt.Key.Key_Down)
    assert sidebar.list.hasFocus() and sidebar.list.currentRow() == 0
    qtbot.keyClick(sidebar.list, Qt.Key.Key_Up)
    assert sidebar.search.hasFocus()
    # Ctrl+↓ / Ctrl+↑ open the next / previous conversation (newest first).
    actions = window.menu_actions
    assert actions.next_conversation.shortcut() == QKeySequence("Ctrl+Down")
    assert actions.previous_conversation.shortcut() == QKeySequence("Ctrl+Up")
    actions.next_conversation.trigger()
    assert app.controller.conversation_id == ids[2]
    actions.next_conversation.trigger()
    assert app.controller.conversation_id == ids[1]
    actions.previous_conversation.trigger()
    assert app.controller.conversation_id == ids[2]


def test_the_shortcut_list_is_built_from_the_window_actions(
    qtbot: QtBot, make_app: AppFactory
) -> None:
    app = make_app(load=False)
    window = app.window
    rows = ShortcutsDialog(window).rows()
    native = QKeySequence.SequenceFormat.NativeText
    listed = dict(rows)
    for action in vars(window.menu_actions).values():
        assert isinstance(action, QAction)
        if not action.shortcut().isEmpty():
            name = action.text().replace("&", "").rstrip("…")
            assert listed.get(name, "").startswith(action.shortcut().toString(native)), name
    assert listed["Keyboard shortcuts"] == QKeySequence("Ctrl+/").toString(native)
    # A new shortcut appears, a changed one changes: the list cannot drift from the window.
    window.menu_actions.regenerate.setShortcut(QKeySequence("Ctrl+Shift+G"))
    extra = window.menuBar().actions()[0].menu().addAction("Brand new thing")  # type: ignore[union-attr]
    extra.setShortcut(QKeySequence("Ctrl+Alt+J"))
    listed = dict(ShortcutsDialog(window).rows())
    assert listed["Regenerate"] == QKeySequence("Ctrl+Shift+G").toString(native)
    assert listed["Brand new thing"] == QKeySequence("Ctrl+Alt+J").toString(native)
    assert "Keyboard shortcuts" in [a.text().replace("&", "") for a in _help_menu(window)]


def _help_menu(window: QWidget) -> list[QAction]:
    menu_bar = window.menuBar()  # type: ignore[attr-defined]
    help_menu = next(a.menu() for a in menu_bar.actions() if a.text() == "&Help")
    return list(help_menu.actions())


def test_the_dark_theme_draws_a_focus_ring(qtbot: QtBot, make_app: AppFactory) -> None:
    app = make_app(load=False)
    app.settings.update_fields(theme="dark")
    holder = QWidget()
    qtbot.addWidget(holder)
    layout = QVBoxLayout(holder)
    first, second = QPushButton("First"), QPushButton("Second")
    layout.addWidget(first)
    layout.addWidget(second)
    holder.show()
    holder.activateWindow()
    second.setFocus()
    qtbot.waitUntil(second.hasFocus)
    unfocused = first.grab().toImage()
    first.setFocus()
    qtbot.waitUntil(first.hasFocus)
    focused = first.grab().toImage()
    ring = QColor(DARK.focus)

    def ring_pixels(image: object) -> int:
        return sum(
            image.pixelColor(x, image.height() // 2) == ring  # type: ignore[attr-defined]
            for x in range(image.width())  # type: ignore[attr-defined]
        )

    assert ring_pixels(focused) >= 2 and ring_pixels(unfocused) == 0
    app.settings.update_fields(theme="light")


def test_answers_keep_a_reading_width_and_short_bubbles_hug_their_text(qapp: QApplication) -> None:
    renderer = MarkdownRenderer()
    answer = AssistantMessageWidget(renderer)
    width = reading_width(answer.answer)
    assert answer.column.maximumWidth() == width
    chars = width / answer.answer.fontMetrics().averageCharWidth()
    assert 70 <= chars <= 85
    answer.resize(2000, 400)
    answer.show()
    assert answer.column.width() <= width  # a wide window does not stretch the lines
    short, long = UserMessageWidget("hi", renderer), UserMessageWidget("word " * 80, renderer)
    for bubble in (short, long):
        bubble.resize(900, 200)
        bubble.show()
    assert short.bubble_box.width() < 120
    assert long.bubble_box.width() > 600  # a long message wraps at 4/5 of the row
    for widget in (answer, short, long):
        widget.close()
        widget.deleteLater()
