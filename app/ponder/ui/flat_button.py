"""The small borderless buttons of the window (message actions, ‹ › and ⚙).

Thread: GUI thread.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QToolButton


def flat_button(text: str, tip: str = "", name: str = "") -> QToolButton:
    """A borderless button that raises on hover; ``name`` is its style-sheet object name."""
    button = QToolButton()
    button.setText(text)
    button.setToolTip(tip)
    button.setAutoRaise(True)
    button.setCursor(Qt.CursorShape.PointingHandCursor)
    if name:
        button.setObjectName(name)
    return button
