"""Where the sweep chart puts things: ticks, bars, placeholders, line points and the legend.

``chart_layout`` places one sweep (a bar per budget); ``comparison_layout`` places two sweeps
side by side (a pair of bars per budget, A left of B) on shared axes. Neither paints: the
widget in ``sweep_chart`` draws what they return, and the tests check the geometry directly.
``legend_layout`` places the legend's entries. Plain functions of their arguments (fonts come
in as metrics); they paint nothing.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication, QPointF, QRectF, Qt
from PySide6.QtGui import QFontMetricsF

from ponder.core.teaching.sweep import BudgetSummary

ACCURACY_TICKS = (0.0, 0.25, 0.5, 0.75, 1.0)
BAR_FRACTION = 0.56  # of a budget's slot; the rest keeps neighbouring bars apart
# A budget not run yet: a low dashed stub on the baseline (a full-height one read as 100 %).
PLACEHOLDER_FRACTION = 0.04  # of the plot's height
# A comparison's pair of bars fills more of the slot than one bar does (two bars need the room)
# but keeps a clear gap between budgets so each pair reads as a group; the pair's own gap is
# much smaller than that.
PAIR_FRACTION = 0.8
PAIR_GAP_FRACTION = 0.04
SWEEP_LETTERS = ("A", "B")  # how the legend tells a comparison's two sweeps apart


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


def token_ticks_for(*sweeps: Sequence[BudgetSummary]) -> list[float]:
    """The thinking-tokens axis that holds every measured mean in ``sweeps``."""
    top = max((r.mean_thinking_tokens for rows in sweeps for r in rows if r.runs), default=0.0)
    return nice_ticks(top)


@dataclass(frozen=True, slots=True)
class Column:
    """One budget's slot. ``bar`` is None when nothing was judged; ``placeholder`` is set
    (and ``bar`` None) when the budget has not run; ``point`` is None when not measured.
    In a comparison, ``slot`` is the sweep's lane: its half of the pair, centred on its bar,
    so the bar's label may use the lane's width without touching the other sweep's."""

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


@dataclass(frozen=True, slots=True)
class Pair:
    """One budget's slot in a comparison: sweep A's column and sweep B's, either None when
    that sweep has no such budget."""

    label: str
    slot: QRectF
    a: Column | None
    b: Column | None


@dataclass(frozen=True, slots=True)
class ComparisonLayout:
    """Where everything goes for two sweeps on shared axes inside ``plot``."""

    plot: QRectF
    pairs: list[Pair]
    accuracy_ticks: list[tuple[str, float]]  # (label, y)
    token_ticks: list[tuple[str, float]]  # (label, y), one scale for both sweeps

    def sweep(self, which: int) -> list[Column | None]:
        """Sweep A's (``which`` 0) or B's (1) column per budget; None where it has none."""
        return [p.a if which == 0 else p.b for p in self.pairs]

    def columns(self, which: int) -> list[Column]:
        """Sweep A's (``which`` 0) or B's (1) columns, in budget order, skipping its gaps."""
        return [c for c in self.sweep(which) if c is not None]


def line_runs(columns: Sequence[Column | None]) -> list[list[QPointF]]:
    """The tokens line's pieces: the measured points in budget order, broken where the sweep
    has no such budget (None), so the line never bridges a budget that sweep did not run. A
    budget it has but has not measured yet is stepped over, as in a single sweep."""
    runs: list[list[QPointF]] = [[]]
    for column in columns:
        if column is None:
            runs.append([])
        elif column.point is not None:
            runs[-1].append(column.point)
    return [run for run in runs if run]


def _column(row: BudgetSummary, lane: QRectF, bar_width: float, token_top: float) -> Column:
    """``row``'s bar (``bar_width`` wide, centred in ``lane``), placeholder and point."""
    plot_bottom = lane.bottom()
    left = lane.center().x() - bar_width / 2
    bar = placeholder = point = None
    value_text = count_text = ""
    if row.runs == 0:
        height = lane.height() * PLACEHOLDER_FRACTION
        placeholder = QRectF(left, plot_bottom - height, bar_width, height)
    else:
        y = plot_bottom - row.mean_thinking_tokens / token_top * lane.height()
        point = QPointF(lane.center().x(), y)
        value_text = "—"
        if row.accuracy is not None:
            top = plot_bottom - row.accuracy * lane.height()
            bar = QRectF(left, top, bar_width, plot_bottom - top)
            value_text = f"{row.accuracy:.0%}"
            count_text = f"{row.correct}/{row.judged}"
    return Column(row.budget, lane, bar, placeholder, point, value_text, count_text)


Ticks = list[tuple[str, float]]  # (label, y)


def _ticks(plot: QRectF, tokens: list[float]) -> tuple[Ticks, Ticks]:
    """The accuracy ticks and the thinking-token ticks at their heights in ``plot``."""

    def y_of(fraction: float) -> float:
        return plot.bottom() - fraction * plot.height()

    accuracy = [(f"{t:.0%}", y_of(t)) for t in ACCURACY_TICKS]
    return accuracy, [(tick_text(t), y_of(t / tokens[-1])) for t in tokens]


def chart_layout(rows: Sequence[BudgetSummary], plot: QRectF) -> ChartLayout:
    """Bars, placeholders and line points for ``rows`` in the plot area ``plot``."""
    tokens = token_ticks_for(rows)
    width = plot.width() / max(len(rows), 1)
    columns = []
    for i, row in enumerate(rows):
        slot = QRectF(plot.left() + i * width, plot.top(), width, plot.height())
        columns.append(_column(row, slot, width * BAR_FRACTION, tokens[-1]))
    accuracy_ticks, token_ticks = _ticks(plot, tokens)
    return ChartLayout(plot, columns, accuracy_ticks, token_ticks)


def comparison_layout(
    rows_a: Sequence[BudgetSummary], rows_b: Sequence[BudgetSummary], plot: QRectF
) -> ComparisonLayout:
    """A pair of bars per budget for two sweeps in ``plot``: the budgets are the union of
    both sweeps' in order of first appearance (A's first); one token scale covers both."""
    by_budget_a = {r.budget: r for r in reversed(rows_a)}  # reversed: the first one wins
    by_budget_b = {r.budget: r for r in reversed(rows_b)}
    budgets = list(dict.fromkeys([r.budget for r in rows_a] + [r.budget for r in rows_b]))
    tokens = token_ticks_for(rows_a, rows_b)
    width = plot.width() / max(len(budgets), 1)
    gap = width * PAIR_GAP_FRACTION
    bar_width = (width * PAIR_FRACTION - gap) / 2
    lane_width = bar_width + gap  # bar centre to bar centre: A's lane and B's meet mid-slot
    pairs = []
    for i, budget in enumerate(budgets):
        slot = QRectF(plot.left() + i * width, plot.top(), width, plot.height())
        middle = slot.center().x()
        lane_a = QRectF(middle - lane_width, plot.top(), lane_width, plot.height())
        lane_b = QRectF(middle, plot.top(), lane_width, plot.height())
        row_a, row_b = by_budget_a.get(budget), by_budget_b.get(budget)
        a = _column(row_a, lane_a, bar_width, tokens[-1]) if row_a is not None else None
        b = _column(row_b, lane_b, bar_width, tokens[-1]) if row_b is not None else None
        pairs.append(Pair(budget, slot, a, b))
    accuracy_ticks, token_ticks = _ticks(plot, tokens)
    return ComparisonLayout(plot, pairs, accuracy_ticks, token_ticks)


@dataclass(frozen=True, slots=True)
class LegendEntry:
    """One legend entry: its mark (a bar swatch, or a line with its dot) starts at ``at``, its
    text at ``text_x``, both centred on ``at.y()``. ``sweep`` is 0 (A) or 1 (B) in a
    comparison, None for a single sweep."""

    at: QPointF
    text_x: float
    text: str
    sweep: int | None
    is_bar: bool


def legend_layout(
    width: float,
    metrics: QFontMetricsF,
    title_height: float,
    scale: float,
    labels: tuple[str, str] | None,
) -> tuple[list[LegendEntry], float]:
    """The legend's entries for a chart ``width`` wide whose legend text has ``metrics``, and
    the width left for the title. One sweep's legend (``labels`` None) sits right of the
    title; a comparison's is a row per sweep under it, each sweep named by its label (elided
    to fit the width), the two line entries aligned."""
    pad, gap = 8 * scale, 14 * scale
    mark = metrics.height() * 0.7 * 1.6 + 6 * scale  # a mark and the space after it
    entries: list[LegendEntry] = []
    if labels is None:
        texts = [
            (QCoreApplication.translate("SweepChart", "Accuracy"), True),
            (QCoreApplication.translate("SweepChart", "Thinking tokens"), False),
        ]
        legend_width = sum(mark + metrics.horizontalAdvance(t) + gap for t, _ in texts)
        x = width - pad - legend_width
        for text, is_bar in texts:
            entries.append(
                LegendEntry(QPointF(x, pad + title_height / 2), x + mark, text, None, is_bar)
            )
            x += mark + metrics.horizontalAdvance(text) + gap
        return entries, width - 3 * pad - legend_width
    line_text = QCoreApplication.translate("SweepChart", "{letter}: thinking tokens")
    bar_text = QCoreApplication.translate("SweepChart", "{letter}: {label} — accuracy")
    line_texts = [line_text.format(letter=letter) for letter in SWEEP_LETTERS]
    fixed = metrics.horizontalAdvance(line_texts[0] + bar_text.format(letter="A", label=""))
    room = width - 2 * pad - 2 * mark - gap - fixed
    bar_texts = [
        bar_text.format(
            letter=letter, label=metrics.elidedText(label, Qt.TextElideMode.ElideRight, room)
        )
        for letter, label in zip(SWEEP_LETTERS, labels, strict=True)
    ]
    line_x = pad + mark + max(metrics.horizontalAdvance(t) for t in bar_texts) + gap
    for i, (bar_text, line_text) in enumerate(zip(bar_texts, line_texts, strict=True)):
        y = pad + title_height + (i + 0.5) * metrics.height()
        entries.append(LegendEntry(QPointF(pad, y), pad + mark, bar_text, i, True))
        entries.append(LegendEntry(QPointF(line_x, y), line_x + mark, line_text, i, False))
    return entries, width - 2 * pad
