"""Icons: one set (Phosphor), by name, recoloured when the theme changes at run time."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from app_driving import AppFactory
from PySide6.QtCore import QSize
from PySide6.QtGui import QColor, QFont, QFontDatabase, QIcon, QImage, QPalette
from PySide6.QtWidgets import QApplication, QStyleFactory
from pytestqt.qtbot import QtBot

from ponder.core.settings import Settings
from ponder.ui.chat.composer import Composer
from ponder.ui.theme.apply import SystemLook, apply_theme
from ponder.ui.theme.icons import (
    GLYPHS,
    ICON_SET,
    fixed_icon,
    glyph_file,
    glyph_name,
    icon,
    icon_font,
)
from ponder.ui.theme.tokens import DARK, LIGHT

APP = Path(__file__).resolve().parents[3] / "app" / "ponder"


@pytest.fixture
def restore_look(qapp: QApplication) -> Iterator[SystemLook]:
    saved = (qapp.style().name(), QPalette(qapp.palette()), qapp.styleSheet(), QFont(qapp.font()))
    yield SystemLook(qapp)
    qapp.setStyle(QStyleFactory.create(saved[0]))
    qapp.setPalette(saved[1])
    qapp.setStyleSheet(saved[2])
    qapp.setFont(saved[3])


def ink(image: QImage, opacity: int = 255) -> set[str]:
    """The colours of the icon's pixels at least ``opacity`` opaque."""
    return {
        image.pixelColor(x, y).name()
        for x in range(image.width())
        for y in range(image.height())
        if image.pixelColor(x, y).alpha() >= opacity
    }


def test_every_icon_comes_from_one_set_and_draws(qapp: QApplication) -> None:
    for name in GLYPHS:
        assert glyph_name(name).startswith(f"{ICON_SET}.")
        assert not icon(name).pixmap(QSize(16, 16)).isNull(), name
    charmap = icon_font().charmap[ICON_SET]
    assert set(GLYPHS.values()) <= set(charmap), set(GLYPHS.values()) - set(charmap)
    assert icon_font() is icon_font()  # one per application


def test_the_window_loads_only_the_phosphor_font(make_app: AppFactory) -> None:
    """qtawesome's icon() loaded all twelve of its fonts (~10 MB of memory) for the one set
    Ponder draws from."""
    app = make_app(load=False)
    app.window.grab()  # every icon on show painted
    assert set(icon_font().fontname) == {ICON_SET}
    families = QFontDatabase.families()
    assert "Phosphor" in families
    others = ("Font Awesome", "Material Design", "elusiveicons", "remixicon", "codicon")
    assert not [f for f in families if f.startswith(others)], families


def test_an_unknown_icon_or_role_is_a_clear_error(qapp: QApplication) -> None:
    with pytest.raises(KeyError, match="no icon named 'sned'"):
        icon("sned")
    with pytest.raises(KeyError, match="no icon colour role 'loud'"):
        icon("send", "loud")


def test_no_other_icon_set_is_used_in_the_app() -> None:
    """Icons are asked for by name through ponder.ui.theme.icons, never from qtawesome or a
    second set directly."""
    for path in APP.rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        if path.name != "icons.py":
            assert "qtawesome" not in text and "qta." not in text, path
        assert "QStyle.StandardPixmap" not in text, path  # no stock Qt icons either


def test_switching_the_theme_recolours_icons(
    qapp: QApplication, qtbot: QtBot, restore_look: SystemLook
) -> None:
    composer = Composer(Settings())
    qtbot.addWidget(composer)
    regenerate, send = composer.regenerate_button.icon(), composer.send_button.icon()
    apply_theme(qapp, Settings(theme="light"), restore_look)  # type: ignore[arg-type]
    light = ink(regenerate.pixmap(QSize(32, 32)).toImage())
    on_accent = ink(send.pixmap(QSize(32, 32)).toImage())
    apply_theme(qapp, Settings(theme="dark"), restore_look)  # type: ignore[arg-type]
    dark = ink(regenerate.pixmap(QSize(32, 32)).toImage())
    assert light == {LIGHT.text} and dark == {DARK.text}
    assert on_accent == {LIGHT.accent_text}


def test_under_the_system_look_the_send_icon_takes_the_button_text_colour(
    qapp: QApplication, qtbot: QtBot, restore_look: SystemLook
) -> None:
    """ "system" keeps the platform's buttons (not filled with the accent colour): an icon
    meant for the accent would be white on a light button."""
    composer = Composer(Settings())
    qtbot.addWidget(composer)
    apply_theme(qapp, Settings(theme="system"), restore_look)  # type: ignore[arg-type]
    text = qapp.palette().color(QPalette.ColorRole.ButtonText).name()
    assert ink(composer.send_button.icon().pixmap(QSize(32, 32)).toImage()) == {text}


def test_a_disabled_icon_is_drawn_muted(qapp: QApplication, restore_look: SystemLook) -> None:
    apply_theme(qapp, Settings(theme="dark"), restore_look)  # type: ignore[arg-type]
    image = icon("copy").pixmap(QSize(32, 32), QIcon.Mode.Disabled).toImage()
    assert ink(image) == {DARK.muted}


def test_arrow_images_for_the_sheet_are_written_once(qapp: QApplication, tmp_path: Path) -> None:
    first = glyph_file("arrow_down", "#123456", tmp_path)
    stamp = first.stat().st_mtime_ns
    assert glyph_file("arrow_down", "#123456", tmp_path) == first
    assert first.stat().st_mtime_ns == stamp
    assert first.with_name(f"{first.stem}@2x.png").is_file()
    image = QImage(str(first))
    assert image.width() == 12
    drawn = [QColor(name) for name in ink(image, 128)]
    assert drawn, "the arrow draws nothing"
    # In its colour (give or take the rounding of half-transparent edges).
    assert all(
        max(abs(c.red() - 0x12), abs(c.green() - 0x34), abs(c.blue() - 0x56)) <= 3 for c in drawn
    )


def test_presenter_mode_draws_its_icons_in_its_own_white(make_app: AppFactory) -> None:
    """Presenter mode is black whatever the theme: its panel's close icon is white, not the
    light theme's dark text colour (which would vanish on black)."""
    from ponder.ui.teaching.presenter import _COLOURS, PresenterView

    app = make_app(load=False)
    app.settings.update_fields(theme="light")
    presenter = PresenterView(app.controller, app.renderer, app.window)
    white = QColor(_COLOURS[QPalette.ColorRole.WindowText]).name()
    for button in (presenter.panel.close_button, presenter.panel.answer_now):
        assert ink(button.icon().pixmap(QSize(32, 32)).toImage()) == {white}
    assert fixed_icon("close", white).pixmap(QSize(8, 8)).width() == 8
    presenter.deleteLater()
