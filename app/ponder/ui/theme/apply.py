"""Light, dark or the system's look, and the font size, applied to the whole application.

"system" keeps the platform's style and palette (and follows it when it changes); only the
chat's shape comes from Ponder's sheet. "light" and "dark" use the Fusion style with a palette
and a style sheet made from the tokens (tokens.py), so they look the same everywhere —
including offscreen, where there is no system theme to follow.

Thread: GUI thread.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import QTemporaryDir
from PySide6.QtGui import QColor, QFont, QPalette
from PySide6.QtWidgets import QApplication, QStyleFactory, QWidget

from ponder.core.settings import Settings
from ponder.ui.theme.icons import FILLED_PRIMARY, glyph_file
from ponder.ui.theme.style_sheet import Arrows, chat_sheet, designed_sheet
from ponder.ui.theme.tokens import Colours, TypeScale, colours_for


def set_kind(widget: QWidget, kind: str) -> None:
    """Marks a label as a plain hint ("note") or an error ("error") for the style sheet, and
    has it drawn again (Qt reads a property when a widget is polished)."""
    mark(widget, "kind", kind)


def mark(widget: QWidget, name: str, value: object) -> None:
    """Sets a property the style sheet selects on (``[name="value"]``) and repolishes."""
    if widget.property(name) == value:
        return
    widget.setProperty(name, value)
    widget.style().unpolish(widget)
    widget.style().polish(widget)


def is_dark(app: QApplication) -> bool:
    return app.palette().color(QPalette.ColorRole.Base).lightness() < 128


def theme_colours(palette: QPalette) -> Colours:
    """The token colours for the look in ``palette`` (dark or light), for code that paints or
    writes HTML itself."""
    return colours_for(palette.color(QPalette.ColorRole.Base).lightness() < 128)


class SystemLook:
    """The style and font Qt picked at start-up: what "system" goes back to; and a folder,
    for as long as the app runs, for the images the style sheet names (the arrows)."""

    def __init__(self, app: QApplication) -> None:
        self.style = app.style().name()
        self.font = QFont(app.font())
        self.files = QTemporaryDir()
        if not self.files.isValid():
            raise OSError(f"no temporary folder for the theme: {self.files.errorString()}")


def palette_for(colours: Colours) -> QPalette:
    """A Fusion palette from the token colours."""
    role = QPalette.ColorRole
    palette = QPalette()
    for qt_role, colour in (
        (role.Window, colours.window),
        (role.WindowText, colours.text),
        (role.Base, colours.surface),
        (role.AlternateBase, colours.window),
        (role.Text, colours.text),
        (role.Button, colours.raised),
        (role.ButtonText, colours.text),
        (role.Highlight, colours.accent),
        (role.HighlightedText, colours.accent_text),
        (role.ToolTipBase, colours.tooltip),
        (role.ToolTipText, colours.tooltip_text),
        (role.PlaceholderText, colours.muted),
        (role.Link, colours.link),
        (role.Mid, colours.border),
        (role.Midlight, colours.border),
        (role.Light, colours.raised),
        (role.Dark, colours.border_strong),
    ):
        palette.setColor(qt_role, QColor(colour))
    for qt_role in (role.Text, role.ButtonText, role.WindowText):
        palette.setColor(QPalette.ColorGroup.Disabled, qt_role, QColor(colours.muted))
    return palette


def apply_theme(app: QApplication, settings: Settings, system: SystemLook) -> None:
    """Applies ``settings.theme`` and ``settings.font_size`` to every widget: the style,
    the palette and the style sheet, once."""
    if settings.theme == "system":
        style = QStyleFactory.create(system.style)
        if style is not None:
            app.setStyle(style)
        app.setPalette(app.style().standardPalette())
    else:
        app.setStyle(QStyleFactory.create("Fusion"))
        app.setPalette(palette_for(colours_for(settings.theme == "dark")))
    font = QFont(system.font)
    if settings.font_size:
        font.setPointSize(settings.font_size)
    app.setFont(font)
    app.setProperty(FILLED_PRIMARY, settings.theme != "system")
    body = font.pointSizeF() if font.pointSizeF() > 0 else 10.0
    type_scale = TypeScale.from_body(body)
    if settings.theme == "system":
        # The platform's own colours where the chat's shape meets them.
        palette = app.palette()
        colours = replace(
            theme_colours(palette),
            surface=palette.color(QPalette.ColorRole.Base).name(),
            text=palette.color(QPalette.ColorRole.Text).name(),
            muted=palette.color(QPalette.ColorRole.PlaceholderText).name(),
        )
        app.setStyleSheet(chat_sheet(colours, type_scale))
    else:
        colours = colours_for(settings.theme == "dark")
        folder = Path(system.files.path())
        arrows = Arrows(
            down=glyph_file("arrow_down", colours.muted, folder),
            up=glyph_file("arrow_up", colours.muted, folder),
            check=glyph_file("check", colours.accent_text, folder),
        )
        app.setStyleSheet(designed_sheet(colours, type_scale, arrows))
