"""The sweep chart: its geometry (pure), its ticks, and what it actually paints in both themes.

Screenshots go to /tmp/sweep_chart_light.png, /tmp/sweep_chart_dark.png and
/tmp/sweep_chart_large.png (one sweep), /tmp/sweep_compare_light.png, /tmp/sweep_compare_dark.png
and /tmp/sweep_compare_large.png (two sweeps) for a look; the assertions read the pixels.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QRectF
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QImage, QPalette
from PySide6.QtWidgets import QApplication, QStyleFactory
from pytestqt.qtbot import QtBot

from ponder.core.settings import Settings
from ponder.core.teaching.sweep import BudgetSummary
from ponder.ui.sweep.chart import SweepChart, chart_layout, nice_ticks
from ponder.ui.sweep.chart_layout import comparison_layout, legend_layout, line_runs
from ponder.ui.theme.apply import SystemLook, apply_theme

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
    # Not run yet: a low stub on the baseline, well under the first tick (25 %), so it cannot
    # read as a full bar (a full-height placeholder looked like 100 %).
    assert unrun.placeholder is not None
    assert unrun.placeholder.bottom() == pytest.approx(PLOT.bottom())
    assert 0 < unrun.placeholder.height() < 0.1 * PLOT.height()


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


# Two sweeps to compare, say one problem set on a 1.5B and a 7B model. B never ran
# "unlimited"; A has no "wait2", which B has queued but not run.
SWEEP_A = [
    row("off", 1, 8, 0.0),
    row("256", 3, 8, 231.5),
    row("1024", 4, 8, 688.0),
    row("unlimited", 4, 8, 913.25),
    row("wait1", 5, 8, 1342.0),
]
SWEEP_B = [
    row("off", 2, 8, 0.0),
    row("256", 4, 8, 250.0),
    row("1024", 6, 8, 790.0),
    row("wait1", 8, 8, 1650.0),
    row("wait2", 0, 0, 0.0, runs=0),
]


def test_comparison_pairs_sit_in_their_slots_a_left_of_b() -> None:
    layout = comparison_layout(SWEEP_A, SWEEP_B, PLOT)
    assert [p.label for p in layout.pairs] == ["off", "256", "1024", "unlimited", "wait1", "wait2"]
    assert [p.slot.left() for p in layout.pairs] == pytest.approx([50, 150, 250, 350, 450, 550])
    for pair in layout.pairs[:3] + layout.pairs[4:5]:  # both sweeps judged these
        assert pair.a is not None and pair.b is not None
        a, b = pair.a.bar, pair.b.bar
        assert a is not None and b is not None
        assert pair.slot.contains(a) and pair.slot.contains(b), pair.label
        assert a.right() < b.left(), pair.label
        assert a.width() == pytest.approx(b.width())
        # The pair reads as a group: its own gap is well under the gap to the next pair.
        assert b.left() - a.right() < (pair.slot.right() - b.right()) / 2
        # Each label's lane is centred on its bar and the two lanes do not overlap.
        assert pair.a.slot.center().x() == pytest.approx(a.center().x())
        assert pair.b.slot.center().x() == pytest.approx(b.center().x())
        assert pair.a.slot.right() <= pair.b.slot.left() + 1e-9
    # Heights are accuracy × the plot's 300 px, for either sweep: 1/8 is 37.5 px, 8/8 all 300.
    heights = {
        (p.label, which): c.bar.height()
        for p in layout.pairs
        for which, c in (("A", p.a), ("B", p.b))
        if c is not None and c.bar is not None
    }
    assert heights == pytest.approx(
        {("off", "A"): 37.5, ("256", "A"): 112.5, ("1024", "A"): 150.0, ("unlimited", "A"): 150.0,
         ("wait1", "A"): 187.5, ("off", "B"): 75.0, ("256", "B"): 150.0, ("1024", "B"): 225.0,
         ("wait1", "B"): 300.0}
    )  # fmt: skip
    wait1 = layout.pairs[4]
    assert wait1.a is not None and wait1.b is not None and wait1.b.bar is not None
    assert wait1.b.bar.top() == pytest.approx(PLOT.top())
    assert wait1.b.bar.bottom() == pytest.approx(PLOT.bottom())
    assert (wait1.a.value_text, wait1.a.count_text) == ("62%", "5/8")
    assert (wait1.b.value_text, wait1.b.count_text) == ("100%", "8/8")


def test_comparison_budget_missing_from_one_sweep_draws_nothing_for_it() -> None:
    layout = comparison_layout(SWEEP_A, SWEEP_B, PLOT)
    unlimited, wait2 = layout.pairs[3], layout.pairs[5]
    assert unlimited.b is None and unlimited.a is not None and unlimited.a.bar is not None
    assert wait2.a is None
    assert wait2.b is not None and wait2.b.bar is None and wait2.b.point is None
    assert wait2.b.placeholder is not None  # queued on B, not run yet: B's faint placeholder
    assert [c.label for c in layout.columns(0)] == ["off", "256", "1024", "unlimited", "wait1"]
    assert [c.label for c in layout.columns(1)] == ["off", "256", "1024", "wait1", "wait2"]


def test_comparison_budgets_are_the_union_in_order_of_first_appearance() -> None:
    rows_a = [row("256", 1, 2, 10), row("1024", 2, 2, 20)]
    rows_b = [row("4096", 2, 2, 40), row("256", 0, 2, 5), row("off", 0, 2, 0)]
    layout = comparison_layout(rows_a, rows_b, PLOT)
    assert [p.label for p in layout.pairs] == ["256", "1024", "4096", "off"]
    assert [(p.a is not None, p.b is not None) for p in layout.pairs] == [
        (True, True),
        (True, False),
        (False, True),
        (False, True),
    ]
    # B's 256 (0 of 2) is a zero-height bar in 256's slot, right of A's.
    b_256 = layout.pairs[0].b
    assert b_256 is not None and b_256.bar is not None and b_256.bar.height() == 0
    assert layout.pairs[0].slot.contains(b_256.bar.center())


def test_comparison_lines_share_one_token_axis_that_covers_both() -> None:
    layout = comparison_layout(SWEEP_A, SWEEP_B, PLOT)
    # B reaches 1650 tokens, past A's 1342: the axis goes to 2000 for both.
    assert [label for label, _ in layout.token_ticks] == ["0", "500", "1,000", "1,500", "2,000"]
    assert layout.token_ticks[-1][1] == pytest.approx(PLOT.top())
    for which, rows in ((0, SWEEP_A), (1, SWEEP_B)):
        columns = layout.columns(which)
        points = [c.point for c in columns if c.point is not None]
        assert len(points) == sum(1 for r in rows if r.runs)
        xs = [p.x() for p in points]
        assert xs == sorted(xs) and len(set(xs)) == len(xs)
        expected = [PLOT.bottom() - r.mean_thinking_tokens / 2000 * 300 for r in rows if r.runs]
        assert [p.y() for p in points] == pytest.approx(expected)
        for column in columns:  # each point stands over its own sweep's bar
            if column.point is not None and column.bar is not None:
                assert column.point.x() == pytest.approx(column.bar.center().x())
    # A's line runs through all five budgets; B's breaks at "unlimited", which B never ran,
    # rather than bridge it as if it had (and "wait2", not run yet, has no point).
    assert [len(run) for run in line_runs(layout.sweep(0))] == [5]
    b_runs = line_runs(layout.sweep(1))
    assert [len(run) for run in b_runs] == [3, 1]
    assert b_runs[1][0].x() > layout.pairs[3].slot.right()  # the piece after the gap
    # The other way round the axis is the same: it does not depend on which sweep is A.
    swapped = comparison_layout(SWEEP_B, SWEEP_A, PLOT)
    assert swapped.token_ticks == layout.token_ticks


def test_legend_names_each_sweep_and_elides_long_labels(qtbot: QtBot) -> None:
    chart = SweepChart()
    qtbot.addWidget(chart)
    chart.resize(chart.sizeHint())
    chart.set_comparison(SWEEP_A, SWEEP_B, "Qwen-1.5B", "Qwen-7B", title="GSM8K")
    assert chart.legend_texts() == [
        "A: Qwen-1.5B — accuracy",
        "A: thinking tokens",
        "B: Qwen-7B — accuracy",
        "B: thinking tokens",
    ]
    long_a = "DeepSeek-R1-Distill-Qwen-1.5B-Q4_K_M-with-a-very-long-file-name"
    chart.set_comparison(SWEEP_A, SWEEP_B, long_a, "Qwen-7B")
    chart.resize(chart.minimumSizeHint())
    shown = chart.legend_texts()
    assert shown[0].startswith("A: DeepSeek") and shown[0].endswith("… — accuracy")
    assert shown[2] == "B: Qwen-7B — accuracy"
    # Nothing overlaps and nothing runs off the chart's right edge.
    metrics = QFontMetricsF(chart.font())
    entries, _title_room = legend_layout(chart.width(), metrics, 20, 1.0, (long_a, "Qwen-7B"))
    for bar_entry, line_entry in (entries[0:2], entries[2:4]):
        assert bar_entry.at.y() == line_entry.at.y()
        assert bar_entry.text_x + metrics.horizontalAdvance(bar_entry.text) < line_entry.at.x()
        assert line_entry.text_x + metrics.horizontalAdvance(line_entry.text) <= chart.width()
    assert entries[1].at.x() == entries[3].at.x()  # the line entries line up
    assert entries[0].at.y() < entries[2].at.y()  # a row per sweep
    # Back to one sweep: its own legend again.
    chart.set_summary(SWEEP)
    assert chart.legend_texts() == ["Accuracy", "Thinking tokens"]


def luma(colour: QColor) -> float:
    """The colour's brightness as a greyscale print or display shows it (Rec. 601)."""
    return 0.299 * colour.red() + 0.587 * colour.green() + 0.114 * colour.blue()


def check_painted_comparison(chart: SweepChart) -> None:
    image = chart.grab().toImage()
    layout = chart.current_comparison_layout()
    assert layout is not None
    looks = (chart.sweep_look(0), chart.sweep_look(1))
    assert looks[0].bar.rgb() != looks[1].bar.rgb()
    for pair in layout.pairs:
        for which, column in enumerate((pair.a, pair.b)):
            look, other = looks[which], looks[1 - which]
            if column is None:
                # This sweep has no such budget: not one pixel of its bar colour in its lane.
                half = pair.slot.width() / 2
                lane = pair.slot.adjusted(half if which else 0, 0, 0 if which else -half, 0)
                assert colour_share(image, lane, look.bar) == 0.0, (pair.label, which)
                continue
            if column.bar is not None and column.bar.height() > 4:
                assert colour_share(image, column.bar, look.bar) > 0.6, (pair.label, which)
                assert colour_share(image, column.bar, other.bar) == 0.0, (pair.label, which)
                if look.hatch is not None:  # B's bars are hatched (apart in greyscale too)
                    assert colour_share(image, column.bar, look.hatch) > 0.04, pair.label
            if column.point is not None:  # the marker's middle is the line's colour
                ratio = image.devicePixelRatio()
                x, y = int(column.point.x() * ratio), int(column.point.y() * ratio)
                assert image.pixelColor(x, y).rgb() == look.line.rgb(), (pair.label, which)
    # Both legend swatches are in the header, with the title's text.
    header = QRectF(0, 0, chart.width(), layout.plot.top())
    for look in looks:
        assert colour_share(image, header, look.bar) > 0.0005
    text = chart.palette().color(QPalette.ColorRole.WindowText)
    assert colour_share(image, header, text) > 0.002


@pytest.mark.parametrize("theme", ["light", "dark"], indirect=True)
def test_comparison_paints_each_sweep_in_its_own_colour(qtbot: QtBot, theme: str) -> None:
    chart = SweepChart()
    qtbot.addWidget(chart)
    chart.set_comparison(
        SWEEP_A,
        SWEEP_B,
        "DeepSeek-R1-Distill-Qwen-1.5B",
        "DeepSeek-R1-Distill-Qwen-7B",
        title="Budget sweep: GSM8K sample (8 problems)",
    )
    chart.resize(chart.sizeHint())
    check_painted_comparison(chart)
    chart.grab().save(f"/tmp/sweep_compare_{theme}.png")
    # The two sweeps differ in lightness too, not only in hue: apart in greyscale (luma).
    a, b = chart.sweep_look(0).bar, chart.sweep_look(1).bar
    assert abs(luma(a) - luma(b)) > 50


@pytest.mark.parametrize("theme", ["dark"], indirect=True)
def test_comparison_in_large_mode(qtbot: QtBot, theme: str) -> None:
    chart = SweepChart()
    qtbot.addWidget(chart)
    chart.set_comparison(SWEEP_A, SWEEP_B, "Qwen-1.5B", "Qwen-7B", title="Bigger thinks better")
    chart.resize(1280, 720)
    small = chart.current_comparison_layout()
    chart.set_large(True)
    large = chart.current_comparison_layout()
    assert small is not None and large is not None
    assert large.plot.top() > small.plot.top()  # more room for larger legend rows
    check_painted_comparison(chart)
    chart.grab().save("/tmp/sweep_compare_large.png")


def test_set_summary_leaves_the_comparison_and_clear_empties_both(qtbot: QtBot) -> None:
    chart = SweepChart()
    qtbot.addWidget(chart)
    chart.resize(chart.sizeHint())
    chart.set_comparison(SWEEP_A, SWEEP_B, "A", "B")
    compared = chart.current_comparison_layout()
    assert compared is not None and len(compared.pairs) == 6
    assert chart.current_layout().columns == []
    chart.set_summary(SWEEP)
    assert chart.current_comparison_layout() is None
    assert len(chart.current_layout().columns) == 6
    chart.set_comparison(SWEEP_A, SWEEP_B, "A", "B")
    chart.clear()
    assert chart.current_comparison_layout() is None
    assert chart.current_layout().columns == []
    image = chart.grab().toImage()
    for which in (0, 1):
        share = colour_share(image, QRectF(chart.rect()), chart.sweep_look(which).bar)
        assert share == 0.0
