"""The style sheet: it parses in every theme, buttons in dialogs carry no stock icons, and the
primary button of each place is marked for it."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from app_driving import AppFactory
from PySide6.QtCore import QtMsgType, qInstallMessageHandler
from PySide6.QtGui import QColor, QFont, QImage, QPalette
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QGroupBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QMenu,
    QPlainTextEdit,
    QProgressBar,
    QProxyStyle,
    QPushButton,
    QSpinBox,
    QStyle,
    QStyleFactory,
    QTabWidget,
    QTextBrowser,
    QToolButton,
    QTreeWidget,
    QVBoxLayout,
    QWidget,
)
from pytestqt.qtbot import QtBot

from ponder.core.settings import Settings
from ponder.ui.chat.composer import Composer
from ponder.ui.theme.apply import SystemLook, apply_theme
from ponder.ui.theme.style_sheet import chat_sheet
from ponder.ui.theme.tokens import LIGHT, TypeScale


@contextmanager
def qt_warnings() -> Iterator[list[str]]:
    """Every message Qt logs (warnings and worse) while the block runs."""
    messages: list[str] = []

    def handler(kind: QtMsgType, _context: object, text: str) -> None:
        if kind != QtMsgType.QtDebugMsg:
            messages.append(text)

    previous = qInstallMessageHandler(handler)
    try:
        yield messages
    finally:
        qInstallMessageHandler(previous)


@pytest.fixture
def restore_look(qapp: QApplication) -> Iterator[None]:
    saved = (qapp.style().name(), QPalette(qapp.palette()), qapp.styleSheet(), QFont(qapp.font()))
    yield
    qapp.setStyle(QStyleFactory.create(saved[0]))
    qapp.setPalette(saved[1])
    qapp.setStyleSheet(saved[2])
    qapp.setFont(saved[3])


def every_kind_of_widget() -> QWidget:
    """One of each widget the sheet styles, shown so that Qt polishes (and parses) them."""
    holder = QWidget()
    layout = QVBoxLayout(holder)
    primary = QPushButton("Send")
    primary.setProperty("primary", True)
    tabs = QTabWidget()
    tabs.addTab(QWidget(), "One")
    tabs.addTab(QWidget(), "Two")
    group = QGroupBox("Group")
    combo = QComboBox()
    combo.addItems(["a", "b"])
    menu_button = QToolButton()
    menu_button.setMenu(QMenu(menu_button))
    menu_button.setPopupMode(QToolButton.ToolButtonPopupMode.MenuButtonPopup)
    hint = QLabel("hint")
    hint.setObjectName("hint")
    hint.setProperty("kind", "error")
    for widget in (
        primary, QPushButton("Other"), tabs, group, combo, menu_button, hint, QLineEdit(),
        QSpinBox(), QDoubleSpinBox(), QPlainTextEdit("text"), QTextBrowser(), QListWidget(),
        QTreeWidget(), QProgressBar(), QDialogButtonBox(QDialogButtonBox.StandardButton.Ok),
    ):  # fmt: skip
        layout.addWidget(widget)
    return holder


@pytest.mark.usefixtures("restore_look")
@pytest.mark.parametrize("theme", ["light", "dark", "system"])
def test_the_sheet_parses_in_every_theme(qapp: QApplication, qtbot: QtBot, theme: str) -> None:
    look = SystemLook(qapp)
    with qt_warnings() as warnings:
        apply_theme(qapp, Settings(theme=theme), look)  # type: ignore[arg-type]
        holder = every_kind_of_widget()
        qtbot.addWidget(holder)
        holder.show()
        qtbot.waitExposed(holder)
        holder.grab()
    assert not [w for w in warnings if "stylesheet" in w.lower() or "style sheet" in w.lower()]
    assert qapp.styleSheet()


@pytest.mark.usefixtures("restore_look")
def test_a_broken_sheet_would_be_caught(qapp: QApplication, qtbot: QtBot) -> None:
    """The check above hears Qt's parse warning (so a silent pass means a clean parse)."""
    with qt_warnings() as warnings:
        qapp.setStyleSheet("QPushButton { color: red; ")
        holder = every_kind_of_widget()
        qtbot.addWidget(holder)
        holder.show()
        holder.grab()
    assert any("parse" in w.lower() for w in warnings), warnings


class IconsOnDialogButtons(QProxyStyle):
    """A platform look that puts stock tick/cross icons on OK/Cancel (as some do)."""

    def styleHint(self, hint, option=None, widget=None, data=None):  # type: ignore[no-untyped-def]  # noqa: N802
        if hint == QStyle.StyleHint.SH_DialogButtonBox_ButtonsHaveIcons:
            return 1
        return super().styleHint(hint, option, widget, data)


def ok_cancel_icons(parent: QWidget | None = None) -> list[bool]:
    dialog = QDialog(parent)
    box = QDialogButtonBox(
        QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, dialog
    )
    QVBoxLayout(dialog).addWidget(box)
    icons = [not button.icon().isNull() for button in box.buttons()]
    dialog.deleteLater()
    return icons


@pytest.mark.usefixtures("restore_look")
def test_dialog_buttons_carry_no_stock_icons_even_where_the_platform_adds_them(
    qapp: QApplication,
) -> None:
    qapp.setStyle(IconsOnDialogButtons(QStyleFactory.create("Fusion")))
    qapp.setStyleSheet("")
    assert ok_cancel_icons() == [True, True]  # the platform look really adds them
    # What "system" keeps of Ponder's sheet turns them off.
    qapp.setStyleSheet(chat_sheet(LIGHT, TypeScale.from_body(10)))
    assert ok_cancel_icons() == [False, False]


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_the_settings_dialog_s_buttons_have_no_icons(make_app: AppFactory, theme: str) -> None:
    from ponder.ui.window.settings_dialog import SettingsDialog

    app = make_app(load=False)
    app.settings.update_fields(theme=theme)
    dialog = SettingsDialog(app.settings.settings, app.paths, 2, app.window)
    boxes = dialog.findChildren(QDialogButtonBox)
    buttons = [button for box in boxes for button in box.buttons()]
    assert {box.standardButton(b) for box in boxes for b in box.buttons()} >= {
        QDialogButtonBox.StandardButton.Ok,
        QDialogButtonBox.StandardButton.Cancel,
    }
    assert all(button.icon().isNull() for button in buttons)
    dialog.deleteLater()
    app.settings.update_fields(theme="light")


def test_the_primary_buttons_are_marked(make_app: AppFactory, qtbot: QtBot) -> None:
    """Send, Download and Add server are the accent-coloured buttons of their places; the
    buttons beside them stay secondary."""
    from ponder.ui.models.manager import ModelManagerDialog

    composer = Composer(Settings())
    qtbot.addWidget(composer)
    assert composer.send_button.property("primary") is True
    assert not composer.regenerate_button.property("primary")
    assert not composer.stop_button.property("primary")
    app = make_app(load=False)
    dialog = ModelManagerDialog(app.library, None, app.window)
    assert dialog.download_button.property("primary") is True
    assert not dialog.pause_button.property("primary")
    assert dialog.servers_page is not None
    assert dialog.servers_page.add_button.property("primary") is True
    assert not dialog.servers_page.check_button.property("primary")
    dialog.deleteLater()


def test_the_primary_button_is_drawn_in_the_accent_colour(
    make_app: AppFactory, qtbot: QtBot
) -> None:
    from ponder.ui.theme.tokens import DARK

    app = make_app(load=False)
    for theme, colours in (("light", LIGHT), ("dark", DARK)):
        app.settings.update_fields(theme=theme)
        button = app.window.composer.send_button
        button.setVisible(True)
        image = button.grab().toImage()
        middle = image.pixelColor(image.width() - 6, image.height() // 2)
        assert middle.name() == colours.accent, theme
    app.settings.update_fields(theme="light")


def test_message_widgets_carry_no_style_sheet_of_their_own(qtbot: QtBot) -> None:
    """Widgets made while an answer streams only get names and properties the application
    sheet knows: a per-widget sheet would be parsed again for each message."""
    from ponder.ui.answer.markdown import MarkdownRenderer
    from ponder.ui.chat.messages import AssistantMessageWidget, UserMessageWidget

    renderer = MarkdownRenderer()
    for widget in (AssistantMessageWidget(renderer), UserMessageWidget("hi", renderer)):
        qtbot.addWidget(widget)
        children = widget.findChildren(QWidget)
        assert children and widget.styleSheet() == ""
        assert [child.objectName() for child in children if child.styleSheet()] == []


def test_the_composer_card_draws_the_focus_ring_while_its_box_has_the_keyboard(
    make_app: AppFactory, qtbot: QtBot
) -> None:
    from ponder.ui.theme.tokens import DARK

    app = make_app(load=False)
    app.settings.update_fields(theme="dark")
    composer = app.window.composer
    app.window.activateWindow()
    app.window.conversations.search.setFocus()
    qtbot.waitUntil(lambda: not composer.editor.hasFocus())
    assert not composer.card.property("focused")

    def edge(image: object) -> str:
        return image.pixelColor(0, image.height() // 2).name()  # type: ignore[attr-defined]

    assert edge(composer.card.grab().toImage()) == DARK.border
    composer.editor.setFocus()
    qtbot.waitUntil(composer.editor.hasFocus)
    assert composer.card.property("focused") is True
    assert edge(composer.card.grab().toImage()) == DARK.focus
    app.settings.update_fields(theme="light")


def _has_colour(image: QImage, colour: str, tolerance: int = 12) -> bool:
    want = QColor(colour)
    for y in range(image.height()):
        for x in range(image.width()):
            pixel = image.pixelColor(x, y)
            if (
                abs(pixel.red() - want.red()) <= tolerance
                and abs(pixel.green() - want.green()) <= tolerance
                and abs(pixel.blue() - want.blue()) <= tolerance
            ):
                return True
    return False


def test_check_boxes_show_their_edge_and_their_state_in_both_themes(
    make_app: AppFactory, qtbot: QtBot
) -> None:
    """Fusion's own check box edge all but vanished on the dark surface (the Settings dialog's
    'Speculative decoding' box read as nothing there): the edge takes the muted text colour,
    a checked box the accent."""
    from ponder.ui.theme.tokens import DARK

    app = make_app(load=False)
    for theme, colours in (("light", LIGHT), ("dark", DARK)):
        app.settings.update_fields(theme=theme)
        box = QCheckBox("Speculative decoding")
        qtbot.addWidget(box)
        box.show()
        box.setChecked(False)
        assert _has_colour(box.grab().toImage(), colours.muted), theme
        assert not _has_colour(box.grab().toImage(), colours.accent), theme
        box.setChecked(True)
        assert _has_colour(box.grab().toImage(), colours.accent), theme
    app.settings.update_fields(theme="light")
