"""Ponder's icons: one set (Phosphor, through qtawesome), named by what they do.

``icon("send", "on_accent")`` gives a QIcon drawn from the Phosphor font in a colour taken from
the application palette *when it is painted*, so every icon follows a theme change (apply.py
sets the palette) without anyone keeping a list of buttons to recolour.

Thread: GUI thread.
"""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import QRect, QSize, Qt
from PySide6.QtGui import QGuiApplication, QIcon, QIconEngine, QPainter, QPalette, QPixmap

# qtawesome draws through qtpy, which would take PyQt5 if it found it first: Ponder is PySide6.
os.environ.setdefault("QT_API", "pyside6")
from qtawesome import IconicFont

ICON_SET = "ph"  # Phosphor, regular weight: the only set Ponder draws icons from
# The Phosphor font and its charmap as qtawesome 1.4.2 ships them (pinned in pyproject.toml).
# qtawesome's own icon() loads all twelve of its fonts (~10 MB of memory) into one
# module-level instance; an ``IconicFont`` of Ponder's own loads only this one.
_FONT = (ICON_SET, "phosphor-1.3.0.ttf", "phosphor-charmap-1.3.0.json")
_FONT_ATTRIBUTE = "_ponder_icon_font"


def icon_font() -> IconicFont:
    """The application's Phosphor font (made on first use, owned by the application: it
    goes with it, and a new application makes its own)."""
    app = QGuiApplication.instance()
    if app is None:
        raise RuntimeError("icons need a running QApplication")
    # Held by the application's Python object, not as its Qt child: a Qt child is deleted
    # with the QApplication while Python still holds the icons it made, and collecting those
    # at exit crashed the process (a segfault in about one exit in three).
    font = getattr(app, _FONT_ATTRIBUTE, None)
    if not isinstance(font, IconicFont):
        font = IconicFont(_FONT)
        setattr(app, _FONT_ATTRIBUTE, font)
    return font


# What each icon means -> its Phosphor glyph.
GLYPHS: dict[str, str] = {
    "new": "plus",
    "send": "paper-plane-right",
    "stop": "stop",
    "answer_now": "fast-forward",
    "settings": "gear-six",
    "copy": "copy",
    "regenerate": "arrows-clockwise",
    "edit": "pencil-simple",
    "delete": "trash",
    "more": "dots-three",
    "think_longer": "brain",
    "search": "magnifying-glass",
    "close": "x",
    "previous": "caret-left",
    "next": "caret-right",
    "installed": "hard-drives",
    "catalog": "books",
    "servers": "cloud",
    "download": "download-simple",
    "arrow_down": "caret-down",
    "arrow_up": "caret-up",
    "check": "check-bold",
}

# Colour roles an icon can take, as palette roles (apply.py fills the palette from the tokens).
_ROLES: dict[str, QPalette.ColorRole] = {
    "text": QPalette.ColorRole.ButtonText,
    "muted": QPalette.ColorRole.PlaceholderText,
    "on_accent": QPalette.ColorRole.HighlightedText,
}


def glyph_name(name: str) -> str:
    """The qtawesome name of an icon (``"send"`` -> ``"ph.paper-plane-right"``)."""
    try:
        return f"{ICON_SET}.{GLYPHS[name]}"
    except KeyError:
        raise KeyError(f"no icon named {name!r}; known: {', '.join(sorted(GLYPHS))}") from None


# Set on the application by apply.py: whether primary buttons are filled with the accent
# colour (Ponder's light and dark looks). Under "system" they are the platform's own buttons,
# so an "on_accent" icon takes the button text's colour instead.
FILLED_PRIMARY = "ponderFilledPrimary"


def icon_colour(role: str) -> str:
    """The colour an icon of ``role`` is drawn in now, from the application palette."""
    if role not in _ROLES:
        raise KeyError(f"no icon colour role {role!r}; known: {', '.join(_ROLES)}")
    app = QGuiApplication.instance()
    if role == "on_accent" and not (app is not None and app.property(FILLED_PRIMARY)):
        role = "text"
    return QGuiApplication.palette().color(_ROLES[role]).name()


class _ThemedIconEngine(QIconEngine):
    """Draws a glyph in the palette's colour for its role at paint time."""

    def __init__(self, glyph: str, role: str) -> None:
        super().__init__()
        self._glyph = glyph
        self._role = role

    def _current(self) -> QIcon:
        palette = QGuiApplication.palette()
        disabled = palette.color(QPalette.ColorGroup.Disabled, QPalette.ColorRole.ButtonText)
        # qtawesome keeps one icon per glyph and colours: a theme change makes a new one once.
        return icon_font().icon(
            self._glyph, color=icon_colour(self._role), color_disabled=disabled.name()
        )

    def paint(self, painter: QPainter, rect: QRect, mode: QIcon.Mode, state: QIcon.State) -> None:
        self._current().paint(painter, rect, Qt.AlignmentFlag.AlignCenter, mode, state)

    def pixmap(self, size: QSize, mode: QIcon.Mode, state: QIcon.State) -> QPixmap:
        return self._current().pixmap(size, mode, state)

    def clone(self) -> QIconEngine:
        return _ThemedIconEngine(self._glyph, self._role)


def icon(name: str, role: str = "text") -> QIcon:
    """The icon ``name`` (a key of GLYPHS) in the colour of ``role`` ("text", "muted",
    "on_accent": on a primary button), following theme changes."""
    icon_colour(role)  # an unknown role fails here, not at the first paint
    return QIcon(_ThemedIconEngine(glyph_name(name), role))


def fixed_icon(name: str, colour: str) -> QIcon:
    """The icon ``name`` always in ``colour``: for a window with colours of its own whatever
    the theme (presenter mode's black), where the application palette does not apply."""
    return icon_font().icon(glyph_name(name), color=colour)


def glyph_file(name: str, colour: str, folder: Path, size: int = 12) -> Path:
    """The icon ``name`` in ``colour`` as a PNG in ``folder`` (written once), for the style
    sheet's ``image: url(...)`` — the combo box and spin box arrows. A ``@2x`` twin goes beside
    it for high-DPI screens. The colour is in the name: a theme change gets new files."""
    path = folder / f"{GLYPHS[name]}-{colour.lstrip('#')}.png"
    if not path.exists():
        drawn = icon_font().icon(glyph_name(name), color=colour)
        for scale, target in ((1, path), (2, path.with_name(f"{path.stem}@2x.png"))):
            if not drawn.pixmap(QSize(size * scale, size * scale)).save(str(target)):
                raise OSError(f"could not write {target}")
    return path
