"""A one-line label that gives up width gracefully: when its text is wider than the room it
has, it draws a shorter form of it (if it was given one) or the text cut with "…", and shows
the whole text as its tooltip, instead of making its window wider (a plain QLabel's minimum
width is its whole text).

Thread: GUI thread.
"""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QPainter, QPaintEvent, QResizeEvent
from PySide6.QtWidgets import QLabel, QWidget

MINIMUM_CHARACTERS = 6  # the narrowest it goes without a short form: a few characters and "…"


class ElidedLabel(QLabel):
    """A plain-text, one-line QLabel that shortens itself (see the module docstring): a layout
    gives it its whole text's width when there is room, and as little as its short form (or a
    few characters) when there is not. A ``toolTip`` set by the caller wins over the
    automatic one."""

    def __init__(self, text: str = "", parent: QWidget | None = None) -> None:
        super().__init__(text, parent)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self._short = ""
        self._own_tip = ""

    def set_texts(self, text: str, short: str) -> None:
        """``text``, or ``short`` where ``text`` does not fit (``short`` is never cut
        short of its own width: it is the label's minimum)."""
        self.setText(text)
        self._short = short
        self.updateGeometry()
        self._update_tip()
        self.update()

    def minimumSizeHint(self) -> QSize:  # noqa: N802 (Qt's name)
        metrics = self.fontMetrics()
        smallest = (
            metrics.horizontalAdvance(self._short)
            if self._short
            else metrics.horizontalAdvance("x" * MINIMUM_CHARACTERS + "…")
        )
        margins = self.contentsMargins()
        width = min(smallest + margins.left() + margins.right(), super().sizeHint().width())
        return QSize(width, super().minimumSizeHint().height())

    def setToolTip(self, tip: str) -> None:  # noqa: N802 (Qt's name)
        self._own_tip = tip
        super().setToolTip(tip)
        self._update_tip()

    def setText(self, text: str) -> None:  # noqa: N802 (Qt's name)
        self._short = ""
        super().setText(text)
        self._update_tip()

    @property
    def elided(self) -> bool:
        """Whether less than the whole text is drawn at the present width."""
        return self.shown_text() != self.text()

    def shown_text(self) -> str:
        """The text as drawn at the present width."""
        metrics = self.fontMetrics()
        room = self.contentsRect().width()
        if metrics.horizontalAdvance(self.text()) <= room:
            return self.text()
        if self._short and metrics.horizontalAdvance(self._short) <= room:
            return self._short
        return metrics.elidedText(self._short or self.text(), Qt.TextElideMode.ElideRight, room)

    def _update_tip(self) -> None:
        if self._own_tip:
            return
        wanted = self.text() if self.elided else ""
        if wanted != self.toolTip():
            QLabel.setToolTip(self, wanted)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 (Qt's name)
        super().resizeEvent(event)
        self._update_tip()

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 (Qt's name)
        painter = QPainter(self)
        self.style().drawItemText(
            painter,
            self.contentsRect(),
            int(self.alignment() | Qt.AlignmentFlag.AlignVCenter),
            self.palette(),
            self.isEnabled(),
            self.shown_text(),
            self.foregroundRole(),
        )


__all__ = ["ElidedLabel"]
