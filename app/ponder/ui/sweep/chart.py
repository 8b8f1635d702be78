"""The sweep as a chart: accuracy per thinking budget as bars, mean thinking tokens as a line.

This is the test-time-scaling curve a teacher puts on the projector ("thinking longer helps"):
one slot per budget in sweep order, accuracy (0–100 %) on the left axis, mean thinking tokens
on the right. Budgets not run yet show a low stub on the baseline, so the class watches the chart
fill in. ``set_comparison`` shows two sweeps at once (the same problems on a small and a big
model, say): a pair of bars per budget and a tokens line per sweep, on shared axes. Drawn with
QPainter because we ship PySide6-Essentials (no QtCharts). The geometry lives in
``sweep_chart_layout`` (pure, testable); ``paintEvent`` only draws what it returns.

Thread: GUI thread.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QFontMetricsF,
    QPainter,
    QPaintEvent,
    QPalette,
    QPen,
)
from PySide6.QtWidgets import QWidget

from ponder.core.teaching.sweep import BudgetSummary
from ponder.ui.sweep.chart_layout import (
    ChartLayout,
    Column,
    ComparisonLayout,
    LegendEntry,
    chart_layout,
    comparison_layout,
    legend_layout,
    line_runs,
    nice_ticks,
    tick_text,
    token_ticks_for,
)

# The layout's names stay importable from here, where the chart's callers have found them.
__all__ = ["ChartLayout", "Column", "SeriesLook", "SweepChart", "chart_layout", "nice_ticks"]


LARGE_SCALE = 1.7  # presenter fonts, read from the back of a classroom at 1280×720
LEFT = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
CENTRE = Qt.AlignmentFlag.AlignCenter
Rows = Sequence[BudgetSummary]  # one sweep's summary, a row per budget
# A comparison's (bar, hatch, line) colours for sweeps A and B, on a light window (False) and a
# dark one (True). Lines are a step further from the background than their bars, so a line
# still shows where it crosses its own sweep's bar.
PAIR_COLOURS = {
    False: (("#2f6cc0", "", "#1b4f9c"), ("#f4ad5c", "#b5610f", "#c4590a")),
    True: (("#3f7fd6", "", "#8cbcff"), ("#f0a850", "#a8601c", "#ffc27a")),
}


@dataclass(frozen=True, slots=True)
class SeriesLook:
    """How one sweep is drawn. A comparison's two sweeps differ in hue (blue and orange, apart
    for the common colour-blindnesses), in lightness, in fill (B's bars are hatched) and in
    line (solid with dots, dashed with squares), so they stay apart in greyscale too."""

    bar: QColor
    hatch: QColor | None
    line: QColor
    dash: Qt.PenStyle
    square: bool
    halo: bool  # a window-coloured edge round the line, to read over a bar of its own hue


class SweepChart(QWidget):
    """Draws a sweep's per-budget summary (``set_summary``, again as the sweep fills in), or
    two sweeps side by side (``set_comparison``)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("sweepChart")
        self._rows: list[BudgetSummary] = []
        self._compare: tuple[list[BudgetSummary], list[BudgetSummary]] | None = None
        self._labels = ("", "")
        self._title = ""
        self._scale = 1.0

    def set_summary(self, rows: Rows, title: str = "") -> None:
        """One sweep (leaves comparison mode)."""
        self._rows = list(rows)
        self._compare = None
        self._title = title
        self.update()

    def set_comparison(
        self, rows_a: Rows, rows_b: Rows, label_a: str, label_b: str, title: str = ""
    ) -> None:
        """Two sweeps over the same budgets (say one problem set on two models), named in the
        legend by ``label_a`` and ``label_b``; again as they fill in."""
        self._rows = []
        self._compare = (list(rows_a), list(rows_b))
        self._labels = (label_a, label_b)
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

    def sweep_look(self, which: int) -> SeriesLook:
        """How a comparison draws sweep A (``which`` 0: a deep blue, solid, dots) or B (1: a
        light orange, hatched, dashed, squares)."""
        bar, hatch, line = PAIR_COLOURS[self.is_dark()][which]
        dash = Qt.PenStyle.DashLine if which else Qt.PenStyle.SolidLine
        hatch_colour = QColor(hatch) if hatch else None
        return SeriesLook(QColor(bar), hatch_colour, QColor(line), dash, which == 1, True)

    def _single_look(self) -> SeriesLook:
        solid = Qt.PenStyle.SolidLine
        return SeriesLook(self.bar_colour(), None, self.line_colour(), solid, False, False)

    def _font(self, factor: float = 1.0, bold: bool = False) -> QFont:
        font = QFont(self.font())
        font.setPointSizeF(font.pointSizeF() * self._scale * factor)
        font.setBold(bold)
        return font

    def _header_height(self) -> float:
        """The title row and, in a comparison, a legend row per sweep, with padding."""
        pad = 8 * self._scale
        title = QFontMetricsF(self._font(1.2, True)).height()
        legend = 2 * QFontMetricsF(self._font()).height() if self._compare is not None else 0
        return 2 * pad + title + legend

    def _plot_rect(self) -> QRectF:
        """The widget's rect less room for the title/legend rows, bar labels, tick labels,
        the rotated axis titles and the budget labels."""
        tick, pad = QFontMetricsF(self._font()), 8 * self._scale
        labels = [QFontMetricsF(self._font(*f)).height() for f in ((1, True), (0.85,))]
        tokens = token_ticks_for(*(self._compare or [self._rows]))
        widest_token = max(tick.horizontalAdvance(tick_text(t)) for t in tokens)
        left = 3 * pad + tick.height() + tick.horizontalAdvance("100%")
        right = 3 * pad + tick.height() + widest_token
        top = self._header_height() + pad / 2 + sum(labels)
        return QRectF(self.rect()).adjusted(left, top, -right, -(1.5 * pad + tick.height()))

    def current_layout(self) -> ChartLayout:
        """The single-sweep layout at the widget's present size (what ``paintEvent`` draws
        outside a comparison; no columns during one)."""
        return chart_layout(self._rows, self._plot_rect())

    def current_comparison_layout(self) -> ComparisonLayout | None:
        """The comparison's layout at the widget's present size; None outside a comparison."""
        if self._compare is None:
            return None
        return comparison_layout(*self._compare, self._plot_rect())

    def legend_texts(self) -> list[str]:
        """The legend's entries as painted at the present width (elided where long)."""
        return [entry.text for entry in self._legend()[0]]

    def _legend(self) -> tuple[list[LegendEntry], float]:
        metrics, title = QFontMetricsF(self._font()), QFontMetricsF(self._font(1.2, True))
        labels = self._labels if self._compare is not None else None
        return legend_layout(self.width(), metrics, title.height(), self._scale, labels)

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 (Qt's name)
        palette = self.palette()
        text = palette.color(QPalette.ColorRole.WindowText)
        muted = palette.color(QPalette.ColorRole.PlaceholderText)
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        painter.fillRect(self.rect(), palette.color(QPalette.ColorRole.Window))
        self._draw_header(painter, text)
        compared, layout = self.current_comparison_layout(), self.current_layout()
        if compared is not None:
            series = [(compared.sweep(i), self.sweep_look(i)) for i in (0, 1)]
            names = [(p.label, p.slot) for p in compared.pairs]
            axis_colour = text  # two lines of two colours share this axis
        else:
            single: list[Column | None] = list(layout.columns)
            series = [(single, self._single_look())]
            names = [(c.label, c.slot) for c in layout.columns]
            axis_colour = self.line_colour()
        axes: ChartLayout | ComparisonLayout = layout if compared is None else compared
        plot = axes.plot
        if not names:
            painter.setFont(self._font())
            painter.setPen(muted)
            painter.drawText(
                QRectF(self.rect()), CENTRE, self.tr("The chart fills in as the sweep runs.")
            )
            painter.end()
            return
        s = self._scale
        tick = QFontMetricsF(self._font())
        painter.setFont(self._font())
        # Gridlines and tick labels: accuracy on the left, thinking tokens on the right.
        for label, y in axes.accuracy_ticks:
            painter.setPen(QPen(palette.color(QPalette.ColorRole.Mid), 1))
            painter.drawLine(QPointF(plot.left(), y), QPointF(plot.right(), y))
            painter.setPen(text)
            box = QRectF(0, y - tick.height() / 2, plot.left() - 6 * s, tick.height())
            painter.drawText(box, RIGHT, label)
        painter.setPen(axis_colour)
        for label, y in axes.token_ticks:
            box = QRectF(plot.right() + 6 * s, y - tick.height() / 2, 200 * s, tick.height())
            painter.drawText(box, LEFT, label)
        self._draw_axis_title(painter, self.tr("accuracy"), 8 * s, text)
        right_title_x = self.width() - 8 * s - tick.height()
        self._draw_axis_title(painter, self.tr("thinking tokens"), right_title_x, axis_colour)
        for columns, look in series:
            self._draw_bars(painter, [c for c in columns if c is not None], look, muted)
        painter.setPen(text)
        for label, slot in names:
            name_box = QRectF(slot.left(), plot.bottom() + 4 * s, slot.width(), tick.height())
            elide = Qt.TextElideMode.ElideRight
            painter.drawText(name_box, CENTRE, tick.elidedText(label, elide, slot.width() - 4))
        painter.setPen(QPen(text, 1.5 * s))
        painter.drawLine(plot.bottomLeft(), plot.bottomRight())
        # The lines under the bar labels (their backing keeps them readable), the dots on top
        # (no measured point may hide behind a label).
        for columns, look in series:
            self._draw_line(painter, columns, look)
        labelled = [c for columns, _ in series for c in columns if c is not None]
        self._draw_bar_labels(painter, labelled, text, muted)
        for columns, look in series:
            for point in (p for run in line_runs(columns) for p in run):
                self._draw_marker(painter, point, look, 4.5 * s)
        painter.end()

    def _draw_bars(
        self, painter: QPainter, columns: list[Column], look: SeriesLook, muted: QColor
    ) -> None:
        """Bars (hatched where the look says so) and placeholders (faint, dashed: the budgets
        still to come)."""
        faint = QColor(look.bar)
        faint.setAlpha(40)
        for column in columns:
            if column.bar is not None and column.bar.height() > 0:
                self._fill_bar(painter, column.bar, look)
            if column.placeholder is not None:
                painter.fillRect(column.placeholder, faint)
                painter.setPen(QPen(muted, 1, Qt.PenStyle.DashLine))
                painter.setBrush(Qt.BrushStyle.NoBrush)
                painter.drawRect(column.placeholder)

    def _fill_bar(self, painter: QPainter, rect: QRectF, look: SeriesLook) -> None:
        painter.fillRect(rect, look.bar)
        if look.hatch is not None:
            painter.fillRect(rect, QBrush(look.hatch, Qt.BrushStyle.BDiagPattern))

    def _draw_line(self, painter: QPainter, columns: list[Column | None], look: SeriesLook) -> None:
        """The tokens line through the measured points in budget order (see ``line_runs``)."""
        width, halo_width = 2.5 * self._scale, 5.5 * self._scale
        pens = [QPen(look.line, width, look.dash)]
        if look.halo:
            pens.insert(0, QPen(self.palette().color(QPalette.ColorRole.Window), halo_width))
            if look.dash != Qt.PenStyle.SolidLine:
                # Qt measures dashes in pen widths: the same pattern, rescaled, keeps the wider
                # halo's gaps where the line's are, so a gap shows the bar, not a dark dash.
                pens[0].setDashPattern([d * width / halo_width for d in (4.0, 2.0)])
        for pen in pens:
            pen.setCapStyle(Qt.PenCapStyle.FlatCap)
            painter.setPen(pen)
            for points in line_runs(columns):
                painter.drawPolyline(points)

    def _draw_marker(self, painter: QPainter, point: QPointF, look: SeriesLook, r: float) -> None:
        """A measured point: a dot, or a square for a comparison's sweep B, edged in the
        window colour so it stands off the line and the bars."""
        painter.setBrush(look.line)
        painter.setPen(QPen(self.palette().color(QPalette.ColorRole.Window), 1.5 * self._scale))
        if look.square:
            painter.drawRect(QRectF(point.x() - r, point.y() - r, 2 * r, 2 * r))
        else:
            painter.drawEllipse(point, r, r)

    def _draw_bar_labels(
        self, painter: QPainter, columns: list[Column], text: QColor, muted: QColor
    ) -> None:
        """Percentage over "k/n" above each bar, on a backing of the window colour so the
        tokens lines passing behind them cannot make them unreadable."""
        # Narrow slots (many budgets, a small window, a comparison's pairs) shrink the labels
        # so neighbours never overlap, down to a size still legible.
        bold = QFontMetricsF(self._font(bold=True))
        widest = max(bold.horizontalAdvance(c.value_text) for c in columns)
        room = columns[0].slot.width() - 6 * self._scale
        fit = max(0.6, min(1.0, room / max(widest, 1.0)))
        value_font, count_font = self._font(fit, bold=True), self._font(0.85 * fit)
        value_m, count_m = QFontMetricsF(value_font), QFontMetricsF(count_font)
        value_h, count_h = value_m.height(), count_m.height()
        backing = QColor(self.palette().color(QPalette.ColorRole.Window))
        backing.setAlpha(210)
        radius = 6 * self._scale
        header = self._header_height()
        for column in columns:
            if not column.value_text:
                continue
            bottom = column.bar.top() if column.bar is not None else column.slot.bottom()
            height = 2 * self._scale + value_h + (count_h if column.count_text else 0)
            # A dot inside the label (the "off" budget's 0 tokens sit on a 0 % bar) lifts
            # the label above the dot, but not into the title and legend rows.
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
        """The title and the legend (a bar swatch; a line with its dot or square)."""
        s = self._scale
        metrics = QFontMetricsF(self._font())
        title_font = self._font(1.2, True)
        title_h, swatch = QFontMetricsF(title_font).height(), metrics.height() * 0.7
        entries, title_room = self._legend()
        painter.setFont(self._font())
        for entry in entries:
            x, cy, label = entry.at.x(), entry.at.y(), entry.text
            look = self._single_look() if entry.sweep is None else self.sweep_look(entry.sweep)
            if entry.is_bar:
                swatch_rect = QRectF(x + swatch * 0.3, cy - swatch / 2, swatch, swatch)
                self._fill_bar(painter, swatch_rect, look)
            else:
                painter.setPen(QPen(look.line, 2.5 * s, look.dash))
                painter.drawLine(QPointF(x, cy), QPointF(x + swatch * 1.6, cy))
                self._draw_marker(painter, QPointF(x + swatch * 0.8, cy), look, 4 * s)
            painter.setPen(text)
            box = QRectF(
                entry.text_x, cy - title_h / 2, metrics.horizontalAdvance(label) + 2, title_h
            )
            painter.drawText(box, LEFT, label)
        if self._title:
            shown = QFontMetricsF(title_font).elidedText(
                self._title, Qt.TextElideMode.ElideRight, title_room
            )
            painter.setFont(title_font)
            painter.setPen(text)
            pad = 8 * s
            painter.drawText(QRectF(pad, pad, title_room, title_h), LEFT, shown)
