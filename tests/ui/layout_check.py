"""What a person would see cut off in a window, found from its widgets: the one checker the
screen-size tests run on every window and dialog (#13 item 3).

``clipped_things(window)`` lists, in words, each visible widget that lies partly outside its
parent (outside a scroll area's viewport is scrolling, not clipping), each label whose text
is wider or taller than the label (a wrapped label shorter than its wrapped text; a label
that elides itself is fine), and each button narrower than its text. ``off_screen(window)``
says whether the window's frame leaves the screen's available area.
"""

from __future__ import annotations

from PySide6.QtCore import QRect
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractScrollArea,
    QCheckBox,
    QLabel,
    QPushButton,
    QRadioButton,
    QTabBar,
    QToolButton,
    QWidget,
)

from ponder.ui.elided_label import ElidedLabel

SLACK = 2  # pixels of rounding between a size hint and the geometry a layout gives


def _name(widget: QWidget) -> str:
    text = ""
    if isinstance(widget, QLabel | QAbstractButton):
        text = widget.text().replace("\n", " ")[:60]
    return f"{type(widget).__name__}({widget.objectName() or ''}{': ' if text else ''}{text})"


def _scrolled(widget: QWidget) -> bool:
    """Whether the widget sits in a scroll area's viewport (or is a tab bar, which scrolls
    its own tabs), where being partly outside is how scrolling works."""
    parent = widget.parentWidget()
    while parent is not None:
        grand = parent.parentWidget()
        if isinstance(grand, QAbstractScrollArea) and parent is grand.viewport():
            return True
        if isinstance(parent, QTabBar):
            return True
        parent = grand
    return False


def _label_clipped(label: QLabel) -> str | None:
    if isinstance(label, ElidedLabel) or not label.text() or label.pixmap() is not None:
        return None
    if label.wordWrap():
        needed = label.heightForWidth(label.width())
        if label.height() + SLACK < needed:
            return f"{_name(label)} is {label.height()} px tall, its text needs {needed}"
        return None
    hint = label.sizeHint()
    if label.width() + SLACK < hint.width() or label.height() + SLACK < hint.height():
        return (
            f"{_name(label)} is {label.width()}×{label.height()} px, its text needs "
            f"{hint.width()}×{hint.height()}"
        )
    return None


def _button_clipped(button: QAbstractButton) -> str | None:
    if not button.text() or not isinstance(
        button, QPushButton | QToolButton | QCheckBox | QRadioButton
    ):
        return None
    if button.layout() is not None:  # a card whose labels say it (checked as labels)
        return None
    hint = button.minimumSizeHint()
    if button.width() + SLACK < hint.width():
        return f"{_name(button)} is {button.width()} px wide, its text needs {hint.width()}"
    return None


def clipped_things(window: QWidget) -> list[str]:
    """Everything visible in ``window`` that is cut off (see the module docstring)."""
    problems: list[str] = []
    for widget in window.findChildren(QWidget):
        if not widget.isVisible() or widget.window() is not window:
            continue  # hidden, or in a window of its own (a dialog the window owns)
        if widget.width() == 0 or widget.height() == 0:
            continue  # nothing shown
        parent = widget.parentWidget()
        if parent is not None and not _scrolled(widget):
            inside = parent.rect().adjusted(-SLACK, -SLACK, SLACK, SLACK)
            if not inside.contains(widget.geometry()):
                g = widget.geometry()
                problems.append(
                    f"{_name(widget)} at {g.x()},{g.y()} {g.width()}×{g.height()} leaves "
                    f"{_name(parent)} ({parent.width()}×{parent.height()})"
                )
        if _scrolled(widget):
            continue  # scrolled into view when needed
        if isinstance(widget, QLabel):
            problem = _label_clipped(widget)
        elif isinstance(widget, QAbstractButton):
            problem = _button_clipped(widget)
        else:
            problem = None
        if problem:
            problems.append(problem)
    return problems


def off_screen(window: QWidget, available: QRect) -> bool:
    """Whether the window's frame (title bar and borders included) leaves ``available``."""
    return not available.contains(window.frameGeometry())


__all__ = ["clipped_things", "off_screen"]
