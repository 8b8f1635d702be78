"""The sweep chart: its geometry (pure), its ticks, and what it actually paints in both themes.

Screenshots go to /tmp/sweep_chart_light.png, /tmp/sweep_chart_dark.png and
/tmp/sweep_chart_large.png for a look; the assertions read the pixels themselves.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QRectF
from PySide6.QtGui import QColor, QFont, QImage, QPalette
from PySide6.QtWidgets import QApplication, QStyleFactory
from pytestqt.qtbot import QtBot

from ponder.core.settings import Settings
from ponder.core.sweep import BudgetSummary
from ponder.ui.sweep_chart import SweepChart, chart_layout, nice_ticks
from ponder.ui.theme import SystemLook, apply_theme

PLOT = QRectF(50, 40, 600, 300)


def row(budget: str, correct: int, judged: int, tokens: float, runs: int = 8) -> BudgetSummary:
    return BudgetSummary(
        budget=budget,
        runs=runs,
        judged=judged,
        correct=correct,
        accuracy=correct / judged if judged else None,
        mean_thinking_tokens=tokens,
        mean_seconds=tokens / 40,
    )


# A sweep part-way through: "off" got nothing right, wait2 has not run yet.
SWEEP = [
    row("off", 0, 8, 0.0),
    row("256", 3, 8, 231.5),
    row("1024", 5, 8, 688.0),
    row("unlimited", 6, 8, 913.25),
    row("wait1", 8, 8, 1342.0),
    row("wait2", 0, 0, 0.0, runs=0),
]


@pytest.mark.parametrize(
    ("top", "ticks"),
    [
        (913, [0, 250, 500, 750, 1000]),
        (1000, [0, 250, 500, 750, 1000]),
        (4100, [0, 2000, 4000, 6000]),
        (7, [0, 2, 4, 6, 8]),
        (0, [0, 1]),
        (0.4, [0, 1]),
    ],
)
def test_nice_ticks_are_round_and_reach_the_maximum(top: float, ticks: list[float]) -> None:
    assert nice_ticks(top) == ticks


def test_bars_are_proportional_to_accuracy_and_full_marks_reach_the_top() -> None:
    rows = [row("a", 8, 8, 100), row("b", 4, 8, 200), row("c", 2, 8, 50), row("d", 0, 8, 10)]
    columns = chart_layout(rows, PLOT).columns
    bars = [c.bar for c in columns]
    assert all(bar is not None for bar in bars)
    assert bars[0] is not None and bars[0].top() == pytest.approx(PLOT.top())
    heights = [bar.height() for bar in bars if bar is not None]
    assert heights == pytest.approx([300, 150, 75, 0])
    assert all(bar.bottom() == pytest.approx(PLOT.bottom()) for bar in bars if bar is not None)
    assert [c.value_text for c in columns] == ["100%", "50%", "25%", "0%"]
    assert [c.count_text for c in columns] == ["8/8", "4/8", "2/8", "0/8"]
    # Bars sit inside their own slots, slots side by side in budget order.
    for column in columns:
        assert column.bar is not None and column.slot.contains(column.bar.center())
    assert [c.slot.left() for c in columns] == pytest.approx([50, 200, 350, 500])


def test_unjudged_budget_has_no_bar_and_unrun_budget_has_no_point() -> None:
    rows = [row("off", 1, 4, 0), row("256", 0, 0, 250), row("1024", 0, 0, 0, runs=0)]
    judged, unjudged, unrun = chart_layout(rows, PLOT).columns
    assert judged.bar is not None and judged.placeholder is None
    assert unjudged.bar is None and unjudged.placeholder is None
    assert (unjudged.value_text, unjudged.count_text) == ("—", "")
    assert unjudged.point is not None
    assert unrun.bar is None and unrun.point is None and unrun.value_text == ""
    assert unrun.placeholder is not None and unrun.placeholder.height() == pytest.approx(300)


def test_points_go_in_budget_order_and_more_tokens_is_higher() -> None:
    layout = chart_layout(SWEEP, PLOT)
    points = [c.point for c in layout.columns]
    assert points[-1] is None  # wait2 has not run
    measured = [p for p in points if p is not None]
    xs = [p.x() for p in measured]
    assert xs == sorted(xs) and len(set(xs)) == len(xs)
    ys = [p.y() for p in measured]
    assert ys == sorted(ys, reverse=True)  # tokens grow along SWEEP, so y shrinks
    assert ys[0] == pytest.approx(PLOT.bottom())  # "off": no thinking
    # 1342 tokens on an axis that ends at 1500.
    assert ys[-1] == pytest.approx(PLOT.bottom() - 1342 / 1500 * PLOT.height())
    assert [label for label, _ in layout.token_ticks] == ["0", "500", "1,000", "1,500"]
    assert layout.token_ticks[-1][1] == pytest.approx(PLOT.top())
    assert [y for _, y in layout.accuracy_ticks] == pytest.approx([340, 265, 190, 115, 40])


@pytest.fixture
def theme(qapp: QApplication, request: pytest.FixtureRequest) -> Iterator[str]:
    """Applies the theme named by the test's parameter; puts the application's look back."""
    name: str = request.param
    saved = (qapp.style().name(), QPalette(qapp.palette()), qapp.styleSheet(), QFont(qapp.font()))
    apply_theme(qapp, Settings(theme=name), SystemLook(qapp))  # type: ignore[arg-type]
    yield name
    qapp.setStyle(QStyleFactory.create(saved[0]))
    qapp.setPalette(saved[1])
    qapp.setStyleSheet(saved[2])
    qapp.setFont(saved[3])


def colour_share(image: QImage, rect: QRectF, colour: QColor) -> float:
    """The share of ``rect``'s pixels (in widget coordinates) that are exactly ``colour``."""
    ratio = image.devicePixelRatio()
    left, top = int(rect.left() * ratio) + 1, int(rect.top() * ratio) + 1
    right, bottom = int(rect.right() * ratio) - 1, int(rect.bottom() * ratio) - 1
    pixels = [(x, y) for x in range(left, right) for y in range(top, bottom)]
    if not pixels:
        return 0.0
    hits = sum(1 for x, y in pixels if image.pixelColor(x, y).rgb() == colour.rgb())
    return hits / len(pixels)


def check_painted_bars(chart: SweepChart) -> None:
    image = chart.grab().toImage()
    layout = chart.current_layout()
    for summary, column in zip(SWEEP, layout.columns, strict=True):
        if summary.accuracy:
            assert column.bar is not None
            # Most of the bar is bar colour (the tokens line crosses some of it).
            assert colour_share(image, column.bar, chart.bar_colour()) > 0.6, summary.budget
        else:
            # 0 %, nothing judged or not run: not one pixel of bar colour in the slot.
            strip = QRectF(
                column.slot.left(), layout.plot.top(), column.slot.width(), layout.plot.height()
            )
            assert colour_share(image, strip, chart.bar_colour()) == 0.0, summary.budget
    # The title's and labels' text is painted: text-coloured pixels above the plot.
    header = QRectF(0, 0, chart.width(), layout.plot.top())
    text = chart.palette().color(QPalette.ColorRole.WindowText)
    assert colour_share(image, header, text) > 0.002


@pytest.mark.parametrize("theme", ["light", "dark"], indirect=True)
def test_renders_bars_where_the_layout_puts_them(qtbot: QtBot, theme: str) -> None:
    chart = SweepChart()
    qtbot.addWidget(chart)
    chart.set_summary(SWEEP, title="Budget sweep: GSM8K sample (8 problems)")
    chart.resize(chart.sizeHint())
    check_painted_bars(chart)
    chart.grab().save(f"/tmp/sweep_chart_{theme}.png")
    background = chart.palette().color(QPalette.ColorRole.Window)
    assert chart.is_dark() == (theme == "dark") == (background.lightness() < 128)


@pytest.mark.parametrize("theme", ["dark"], indirect=True)
def test_large_mode_for_the_projector(qtbot: QtBot, theme: str) -> None:
    chart = SweepChart()
    qtbot.addWidget(chart)
    small = chart.sizeHint()
    chart.set_large(True)
    assert chart.sizeHint().width() > small.width()
    chart.set_summary(SWEEP, title="Thinking longer helps")
    chart.resize(1280, 720)
    check_painted_bars(chart)
    chart.grab().save("/tmp/sweep_chart_large.png")


def test_clear_empties_the_chart(qtbot: QtBot) -> None:
    chart = SweepChart()
    qtbot.addWidget(chart)
    chart.set_summary(SWEEP)
    chart.resize(chart.sizeHint())
    assert len(chart.current_layout().columns) == 6
    chart.clear()
    assert chart.current_layout().columns == []
    image = chart.grab().toImage()
    assert colour_share(image, chart.current_layout().plot, chart.bar_colour()) == 0.0
