"""Every window and dialog on the screen it opens on: sizes and positions clamped to the
screen's available geometry, and splitter sizes kept as proportions.

One owner for "fits the screen": each top-level window or dialog sizes itself through
``initial_size`` (its preferred size, or less on a small screen, where the main window opens
maximised: ``show_main_window``), is fitted again each time it is shown, and a restored window
passes through ``fit_to_screen``; a splitter's saved sizes are ``proportions`` and come back with
``apply_proportions``, so a layout saved on a 1920-pixel screen opens sensibly on a 1024-pixel
one.

Thread: GUI thread.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QEvent, QObject, QRect, QSize, Qt, QTimer
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QSplitter, QWidget


def available_geometry(widget: QWidget) -> QRect:
    """The part of the widget's screen (or the primary screen) that windows may use: the
    screen less its task bars and docks."""
    screen = widget.screen() or QGuiApplication.primaryScreen()
    return screen.availableGeometry()


def _frame_extra(widget: QWidget) -> QSize:
    """What the window manager's frame adds to the widget's size (nothing before it is shown)."""
    if not widget.isVisible():
        return QSize(0, 0)
    frame, inner = widget.frameGeometry(), widget.geometry()
    return QSize(max(0, frame.width() - inner.width()), max(0, frame.height() - inner.height()))


def fitted(rect: QRect, available: QRect) -> QRect:
    """``rect`` no larger than ``available`` and moved inside it (the top-left corner wins
    when it cannot all fit, so a title bar is never off the top of the screen)."""
    width = min(rect.width(), available.width())
    height = min(rect.height(), available.height())
    x = min(max(rect.x(), available.left()), available.left() + available.width() - width)
    y = min(max(rect.y(), available.top()), available.top() + available.height() - height)
    return QRect(x, y, width, height)


# Room for a window manager's title bar and borders, which are not known before a window is
# first shown: a window that must shrink to fit is made this much smaller than the screen.
FRAME_ALLOWANCE = QSize(8, 40)


def initial_size(widget: QWidget, width: int, height: int, available: QRect | None = None) -> bool:
    """Resizes a new window or dialog to ``width`` × ``height``; on a screen too small for
    that (``available``: the screen's usable area; None: the widget's screen), to what fits
    with its frame. Where it goes is left to the window manager (or, for a dialog, to Qt,
    which centres it over its parent): a position given before the window is framed put the
    client area at the top of the screen and its title bar above it, out of reach. Once it
    is shown (and framed), ``fit_to_screen`` keeps it whole on the screen. Returns whether
    the preferred size fitted (False: a window that is the screen's main one opens
    maximised, ``show_main_window``)."""
    area = available if available is not None else available_geometry(widget)
    room = QSize(
        max(1, area.width() - FRAME_ALLOWANCE.width()),
        max(1, area.height() - FRAME_ALLOWANCE.height()),
    )
    # With its frame: a 1280 × 720 window on a 1280 × 720 screen put its bottom row of
    # buttons under the screen's edge once the window manager added the title bar.
    fits = width <= room.width() and height <= room.height()
    size = (
        QSize(width, height)
        if fits
        else QSize(min(width, room.width()), min(height, room.height()))
    )
    widget.resize(size)
    if widget.findChild(_FitOnShow) is None:
        _FitOnShow(widget)
    return fits


def show_main_window(window: QWidget, *, maximised: bool) -> None:
    """Shows the app's main window: maximised where its preferred size did not fit the
    screen (``initial_size`` said so) and no size of the person's own was restored; else
    as it is."""
    if maximised and not window.isMaximized():
        window.showMaximized()
    else:
        window.show()


class _FitOnShow(QObject):
    """Fits its window to the screen each time the window is shown, once the window manager
    has framed it (the next turn of the event loop)."""

    def __init__(self, window: QWidget) -> None:
        super().__init__(window)
        self.setObjectName("fitOnShow")
        self._window = window
        window.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        if watched is self._window and event.type() == QEvent.Type.Show:
            QTimer.singleShot(0, self, self._fit)
        return False

    def _fit(self) -> None:
        if self._window.isVisible():
            fit_to_screen(self._window)


def fit_to_screen(widget: QWidget, available: QRect | None = None) -> None:
    """Clamps a top-level widget (a restored window, a dialog about to show) so that it and
    its frame lie within the available screen: a geometry saved on a larger screen, or one
    that grew with its contents, never hides the composer or a dialog's buttons."""
    area = available if available is not None else available_geometry(widget)
    if not widget.testAttribute(Qt.WidgetAttribute.WA_Resized):
        widget.adjustSize()  # what show() would do: its size from its contents
    extra = _frame_extra(widget)
    inner = QRect(
        area.x(),
        area.y(),
        max(1, area.width() - extra.width()),
        max(1, area.height() - extra.height()),
    )
    rect = fitted(widget.geometry(), inner)
    if widget.isMaximized() or widget.isFullScreen():
        return
    if rect.size() != widget.size():
        widget.resize(rect.size())
    if widget.isVisible() and rect.topLeft() != widget.geometry().topLeft():
        widget.move(rect.topLeft() - (widget.geometry().topLeft() - widget.pos()))


def proportions(splitter: QSplitter) -> list[float]:
    """The splitter's sizes as fractions of their sum (what a layout saves)."""
    sizes = splitter.sizes()
    total = sum(sizes)
    return [size / total for size in sizes] if total > 0 else []


def apply_proportions(splitter: QSplitter, fractions: Sequence[float]) -> bool:
    """Sets the splitter's sizes from saved fractions of its current width (or height);
    returns False, changing nothing, when they do not fit this splitter."""
    if len(fractions) != splitter.count() or any(f < 0 for f in fractions):
        return False
    total_fraction = sum(fractions)
    if total_fraction <= 0:
        return False
    total = sum(splitter.sizes()) or (
        splitter.width() if splitter.orientation().name == "Horizontal" else splitter.height()
    )
    splitter.setSizes([round(total * f / total_fraction) for f in fractions])
    return True


def splitter_text(splitter: QSplitter) -> str:
    """The splitter's proportions as settings text ("0.2000,0.4700,0.3300")."""
    return ",".join(f"{fraction:.4f}" for fraction in proportions(splitter))


def parse_splitter_text(text: str | None) -> list[float] | None:
    """The fractions of ``splitter_text``; None for anything else (an older Qt saveState, a
    hand-edited value), so a bad setting falls back to the default layout and loses nothing."""
    if not text:
        return None
    try:
        fractions = [float(part) for part in text.split(",")]
    except ValueError:
        return None
    if not fractions or any(not 0.0 <= f <= 1.0 for f in fractions) or sum(fractions) <= 0:
        return None
    return fractions


__all__ = [
    "apply_proportions",
    "available_geometry",
    "fit_to_screen",
    "fitted",
    "initial_size",
    "parse_splitter_text",
    "proportions",
    "show_main_window",
    "splitter_text",
]
