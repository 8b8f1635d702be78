"""The sweep as a chart: accuracy per thinking budget as bars, mean thinking tokens as a line.

This is the test-time-scaling curve a teacher puts on the projector ("thinking longer helps"):
one slot per budget in sweep order, accuracy (0–100 %) on the left axis, mean thinking tokens
on the right. Budgets not run yet show a faint placeholder, so the class watches the chart
fill in. Drawn with QPainter because we ship PySide6-Essentials (no QtCharts). The geometry
lives in ``chart_layout`` (pure, testable); ``paintEvent`` only draws what it returns.

Thread: GUI thread.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter, QPaintEvent, QPalette, QPen
from PySide6.QtWidgets import QWidget

from ponder.core.sweep import BudgetSummary

ACCURACY_TICKS = (0.0, 0.25, 0.5, 0.75, 1.0)
BAR_FRACTION = 0.56  # of a budget's slot; the rest keeps neighbouring bars apart
LARGE_SCALE = 1.7  # presenter fonts, read from the back of a classroom at 1280×720
LEFT = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
CENTRE = Qt.AlignmentFlag.AlignCenter


def nice_ticks(max_value: float, intervals: int = 4) -> list[float]:
    """Round ticks from 0 up to at least ``max_value``: steps of 1, 2, 2.5 or 5 × 10^k, at
    least 1 (tokens are whole), e.g. 913 -> 0, 250, 500, 750, 1000."""
    raw = max(max_value, 1.0) / intervals
    magnitude = 10 ** math.floor(math.log10(raw))
    step = next(m * magnitude for m in (1, 2, 2.5, 5, 10) if m * magnitude >= raw)
    step = max(step, 1.0)
    count = max(1, math.ceil(max_value / step - 1e-9))
    return [i * step for i in range(count + 1)]


def tick_text(value: float) -> str:
    return f"{value:,.0f}" if value == int(value) else f"{value:g}"


@dataclass(frozen=True, slots=True)
class Column:
    """One budget's slot. ``bar`` is None when nothing was judged; ``placeholder`` is set
    (and ``bar`` None) when the budget has not run; ``point`` is None when not measured."""

    label: str
    slot: QRectF
    bar: QRectF | None
    placeholder: QRectF | None
    point: QPointF | None
    value_text: str  # "75%", "—" (nothing judged) or "" (not run)
    count_text: str  # "6/8" (correct/judged) or ""


@dataclass(frozen=True, slots=True)
class ChartLayout:
    """Where everything goes inside ``plot`` (the area between the axes)."""

    plot: QRectF
    columns: list[Column]
    accuracy_ticks: list[tuple[str, float]]  # (label, y)
    token_ticks: list[tuple[str, float]]  # (label, y)


def chart_layout(rows: Sequence[BudgetSummary], plot: QRectF) -> ChartLayout:
    """Bars, placeholders and line points for ``rows`` in the plot area ``plot``."""
    tokens = nice_ticks(max((r.mean_thinking_tokens for r in rows if r.runs), default=0.0))

    def y_of(fraction: float) -> float:
        return plot.bottom() - fraction * plot.height()

    width = plot.width() / max(len(rows), 1)
    columns: list[Column] = []
    for i, row in enumerate(rows):
        slot = QRectF(plot.left() + i * width, plot.top(), width, plot.height())
        bar_width = width * BAR_FRACTION
        left = slot.center().x() - bar_width / 2
        bar = placeholder = point = None
        value_text = count_text = ""
        if row.runs == 0:
            placeholder = QRectF(left, plot.top(), bar_width, plot.height())
        else:
            fraction = row.mean_thinking_tokens / tokens[-1]
            point = QPointF(slot.center().x(), y_of(fraction))
            value_text = "—"
            if row.accuracy is not None:
                top = y_of(row.accuracy)
                bar = QRectF(left, top, bar_width, plot.bottom() - top)
                value_text = f"{row.accuracy:.0%}"
                count_text = f"{row.correct}/{row.judged}"
        columns.append(Column(row.budget, slot, bar, placeholder, point, value_text, count_text))
    return ChartLayout(
        plot=plot,
        columns=columns,
        accuracy_ticks=[(f"{t:.0%}", y_of(t)) for t in ACCURACY_TICKS],
        token_ticks=[(tick_text(t), y_of(t / tokens[-1])) for t in tokens],
    )


class SweepChart(QWidget):
    """Draws a sweep's per-budget summary; ``set_summary`` again as the sweep fills in."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("sweepChart")
        self._rows: list[BudgetSummary] = []
        self._title = ""
        self._scale = 1.0

    def set_summary(self, rows: Sequence[BudgetSummary], title: str = "") -> None:
        self._rows = list(rows)
        self._title = title
        self.update()

    def clear(self) -> None:
        self.set_summary([])

    def set_large(self, large: bool) -> None:
        """Bigger type and thicker lines, for presenting."""
        self._scale = LARGE_SCALE if large else 1.0
        self.updateGeometry()
        self.update()

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt's name)
        return QSize(int(640 * self._scale), int(400 * self._scale))

    def minimumSizeHint(self) -> QSize:  # noqa: N802 (Qt's name)
        return QSize(int(360 * self._scale), int(240 * self._scale))

    # Colours: text and gridlines follow the palette; the bar blue and the line orange are
    # picked per light/dark background so both stay readable on either (and on presenter black).
    def is_dark(self) -> bool:
        return self.palette().color(QPalette.ColorRole.Window).lightness() < 128

    def bar_colour(self) -> QColor:
        return QColor("#5b9bf0" if self.is_dark() else "#3a78d0")

    def line_colour(self) -> QColor:
        return QColor("#f5a340" if self.is_dark() else "#d0640f")

    def _font(self, factor: float = 1.0, bold: bool = False) -> QFont:
        font = QFont(self.font())
        font.setPointSizeF(font.pointSizeF() * self._scale * factor)
        font.setBold(bold)
        return font

    def _plot_rect(self) -> QRectF:
        """The widget's rect less room for the title/legend row, bar labels, tick labels,
        the rotated axis titles and the budget labels."""
        tick, pad = QFontMetricsF(self._font()), 8 * self._scale
        heights = [
            QFontMetricsF(self._font(*f)).height() for f in ((1.2, True), (1, True), (0.85,))
        ]
        tokens = nice_ticks(max((r.mean_thinking_tokens for r in self._rows if r.runs), default=0))
        widest_token = max(tick.horizontalAdvance(tick_text(t)) for t in tokens)
        left = 3 * pad + tick.height() + tick.horizontalAdvance("100%")
        right = 3 * pad + tick.height() + widest_token
        top = 2.5 * pad + sum(heights)
        return QRectF(self.rect()).adjusted(left, top, -right, -(1.5 * pad + tick.height()))

    def current_layout(self) -> ChartLayout:
        """The layout at the widget's present size (what ``paintEvent`` draws)."""
        return chart_layout(self._rows, self._plot_rect())

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 (Qt's name)
        palette = self.palette()
        text = palette.color(QPalette.ColorRole.WindowText)
        muted = palette.color(QPalette.ColorRole.PlaceholderText)
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        painter.fillRect(self.rect(), palette.color(QPalette.ColorRole.Window))
        layout = self.current_layout()
        plot = layout.plot
        self._draw_header(painter, text)
        if not self._rows:
            painter.setFont(self._font())
            painter.setPen(muted)
            painter.drawText(QRectF(self.rect()), CENTRE, "The chart fills in as the sweep runs.")
            painter.end()
            return
        s = self._scale
        tick = QFontMetricsF(self._font())
        painter.setFont(self._font())
        # Gridlines and tick labels: accuracy on the left, thinking tokens on the right.
        for label, y in layout.accuracy_ticks:
            painter.setPen(QPen(palette.color(QPalette.ColorRole.Mid), 1))
            painter.drawLine(QPointF(plot.left(), y), QPointF(plot.right(), y))
            painter.setPen(text)
            box = QRectF(0, y - tick.height() / 2, plot.left() - 6 * s, tick.height())
            painter.drawText(box, RIGHT, label)
        painter.setPen(self.line_colour())
        for label, y in layout.token_ticks:
            box = QRectF(plot.right() + 6 * s, y - tick.height() / 2, 200 * s, tick.height())
            painter.drawText(box, LEFT, label)
        self._draw_axis_title(painter, "accuracy", 8 * s, text)
        right_title_x = self.width() - 8 * s - tick.height()
        self._draw_axis_title(painter, "thinking tokens", right_title_x, self.line_colour())
        # Bars, placeholders (faint, dashed: the budgets still to come), budget names.
        faint = QColor(self.bar_colour())
        faint.setAlpha(40)
        for column in layout.columns:
            if column.bar is not None and column.bar.height() > 0:
                painter.fillRect(column.bar, self.bar_colour())
            if column.placeholder is not None:
                painter.fillRect(column.placeholder, faint)
                painter.setPen(QPen(muted, 1, Qt.PenStyle.DashLine))
                painter.setBrush(Qt.BrushStyle.NoBrush)
                painter.drawRect(column.placeholder)
            painter.setPen(text)
            name_box = QRectF(
                column.slot.left(), plot.bottom() + 4 * s, column.slot.width(), tick.height()
            )
            elide = Qt.TextElideMode.ElideRight
            painter.drawText(
                name_box, CENTRE, tick.elidedText(column.label, elide, column.slot.width() - 4)
            )
        painter.setPen(QPen(text, 1.5 * s))
        painter.drawLine(plot.bottomLeft(), plot.bottomRight())
        # The line under the bar labels (their backing keeps them readable), the dots on top
        # (no measured point may hide behind a label).
        self._draw_line(painter, layout, dots=False)
        self._draw_bar_labels(painter, layout, text, muted)
        self._draw_line(painter, layout, dots=True)
        painter.end()

    def _draw_line(self, painter: QPainter, layout: ChartLayout, dots: bool) -> None:
        """The tokens line through the measured points in budget order, or its dots."""
        points = [c.point for c in layout.columns if c.point is not None]
        if dots:
            painter.setBrush(self.line_colour())
            painter.setPen(QPen(self.palette().color(QPalette.ColorRole.Window), 1.5 * self._scale))
            radius = 4.5 * self._scale
            for point in points:
                painter.drawEllipse(point, radius, radius)
        else:
            painter.setPen(QPen(self.line_colour(), 2.5 * self._scale))
            painter.drawPolyline(points)

    def _draw_bar_labels(
        self, painter: QPainter, layout: ChartLayout, text: QColor, muted: QColor
    ) -> None:
        """Percentage over "k/n" above each bar, on a backing of the window colour so the
        tokens line passing behind them cannot make them unreadable."""
        # Narrow slots (many budgets, a small window) shrink the labels so neighbours never
        # overlap, down to a size still legible.
        bold = QFontMetricsF(self._font(bold=True))
        widest = max(bold.horizontalAdvance(c.value_text) for c in layout.columns)
        room = layout.columns[0].slot.width() - 6 * self._scale
        fit = max(0.6, min(1.0, room / max(widest, 1.0)))
        value_font, count_font = self._font(fit, bold=True), self._font(0.85 * fit)
        value_m, count_m = QFontMetricsF(value_font), QFontMetricsF(count_font)
        value_h, count_h = value_m.height(), count_m.height()
        backing = QColor(self.palette().color(QPalette.ColorRole.Window))
        backing.setAlpha(210)
        radius = 6 * self._scale
        header = 2 * 8 * self._scale + QFontMetricsF(self._font(1.2, True)).height()
        for column in layout.columns:
            if not column.value_text:
                continue
            bottom = column.bar.top() if column.bar is not None else layout.plot.bottom()
            height = 2 * self._scale + value_h + (count_h if column.count_text else 0)
            # A dot inside the label (the "off" budget's 0 tokens sit on a 0 % bar) lifts
            # the label above the dot, but not into the title row.
            point = column.point
            if point is not None and bottom - height - radius < point.y() < bottom + radius:
                bottom = max(point.y() - radius - 2, header + height)
            top = bottom - height
            advances = (
                value_m.horizontalAdvance(column.value_text),
                count_m.horizontalAdvance(column.count_text),
            )
            width = max(advances) + 8 * self._scale
            x = column.slot.center().x() - width / 2
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(backing)
            painter.drawRoundedRect(QRectF(x, top, width, bottom - top - 1), 4, 4)
            painter.setFont(value_font)
            painter.setPen(text)
            painter.drawText(QRectF(x, top, width, value_h), CENTRE, column.value_text)
            painter.setFont(count_font)
            painter.setPen(muted)
            painter.drawText(QRectF(x, top + value_h, width, count_h), CENTRE, column.count_text)

    def _draw_axis_title(self, painter: QPainter, title: str, x: float, colour: QColor) -> None:
        """``title`` turned a quarter left, its top at ``x``, centred on the plot's height."""
        plot = self._plot_rect()
        painter.save()
        painter.setPen(colour)
        painter.setFont(self._font())
        painter.translate(x, plot.center().y())
        painter.rotate(-90)
        box = QRectF(-plot.height() / 2, 0, plot.height(), painter.fontMetrics().height())
        painter.drawText(box, CENTRE, title)
        painter.restore()

    def _draw_header(self, painter: QPainter, text: QColor) -> None:
        """The title on the left and the legend (a bar swatch, a line with a dot) on the right."""
        s = self._scale
        pad = 8 * s
        font = self._font()
        metrics = QFontMetricsF(font)
        row_h = QFontMetricsF(self._font(1.2, True)).height()
        swatch = metrics.height() * 0.7
        items = [("Accuracy", True), ("Thinking tokens", False)]
        legend_w = sum(
            swatch * 1.6 + 6 * s + metrics.horizontalAdvance(t) + 14 * s for t, _ in items
        )
        x = self.width() - pad - legend_w
        cy = pad + row_h / 2
        painter.setFont(font)
        for label, is_bar in items:
            if is_bar:
                painter.fillRect(
                    QRectF(x + swatch * 0.3, cy - swatch / 2, swatch, swatch), self.bar_colour()
                )
            else:
                painter.setPen(QPen(self.line_colour(), 2.5 * s))
                painter.drawLine(QPointF(x, cy), QPointF(x + swatch * 1.6, cy))
                painter.setBrush(self.line_colour())
                painter.setPen(Qt.PenStyle.NoPen)
                painter.drawEllipse(QPointF(x + swatch * 0.8, cy), 4 * s, 4 * s)
            x += swatch * 1.6 + 6 * s
            painter.setPen(text)
            box = QRectF(x, cy - row_h / 2, metrics.horizontalAdvance(label) + 2, row_h)
            painter.drawText(box, LEFT, label)
            x += metrics.horizontalAdvance(label) + 14 * s
        if self._title:
            title_font = self._font(1.2, True)
            room = self.width() - 3 * pad - legend_w
            shown = QFontMetricsF(title_font).elidedText(
                self._title, Qt.TextElideMode.ElideRight, room
            )
            painter.setFont(title_font)
            painter.setPen(text)
            painter.drawText(QRectF(pad, pad, room, row_h), LEFT, shown)
