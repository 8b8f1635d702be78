"""The small borderless buttons of the window (message actions, ‹ › and the settings icon).

Thread: GUI thread.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QToolButton


def flat_button(
    text: str,
    tip: str = "",
    name: str = "",
    icon: QIcon | None = None,
    *,
    icon_only: bool = False,
) -> QToolButton:
    """A borderless button that raises on hover; ``name`` is its style-sheet object name.

    With an ``icon`` (ponder.ui.theme.icons) the icon goes beside the text; ``icon_only`` (or
    no text) shows the icon alone: the text stays the button's text and accessible name (for
    screen readers and Alt-less keyboard users) and heads its tooltip."""
    button = QToolButton()
    button.setText(text)
    button.setToolTip(tip)
    if icon is not None:
        button.setIcon(icon)
        if text and not icon_only:
            button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        else:
            button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonIconOnly)
            button.setAccessibleName(text or tip)
            if text and tip:
                button.setToolTip(f"{text}\n{tip}")
    button.setAutoRaise(True)
    button.setCursor(Qt.CursorShape.PointingHandCursor)
    if name:
        button.setObjectName(name)
    return button
