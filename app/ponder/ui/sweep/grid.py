"""The sweep's grid: a row per problem, a column per budget, filling in as the runs finish.

Each cell shows whether the answer was right (✓, ✗, or · when the problem has no key), the
answer Ponder read from it, and the thinking tokens and seconds it took; the cell under way
shows its live token count. Two rows at the foot give each budget's accuracy and mean
thinking tokens: the test-time-scaling table.

Thread: GUI thread.
"""

from __future__ import annotations

import html

from PySide6.QtCore import QCoreApplication, Qt, QTimer, Signal
from PySide6.QtGui import QBrush, QColor, QPalette, QResizeEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

from ponder.core.teaching.sweep import SweepCell, SweepResult
from ponder.core.trace import tokens_text
from ponder.ui.theme.tokens import colours_for
from ponder.ui.translations import QT_TRANSLATE_NOOP, shown

ROLE_KEY = Qt.ItemDataRole.UserRole + 1  # (problem id, budget) of a result cell
FOOT_ROWS = (
    QT_TRANSLATE_NOOP("SweepGrid", "accuracy"),
    QT_TRANSLATE_NOOP("SweepGrid", "thinking tokens (mean)"),
)


NBSP = "\u00a0"


def _tr(text: str) -> str:
    return QCoreApplication.translate("SweepGrid", text)


def cell_text(cell: SweepCell) -> str:
    """Two lines: the verdict and the answer read, then tokens and time."""
    mark = {True: "✓", False: "✗", None: "·"}[cell.correct]
    if cell.error:
        return QCoreApplication.translate("SweepGrid", "⚠ error") + (
            f"\n{shown(tokens_text(cell.thinking_tokens))}"
        )
    answer = (
        cell.extracted
        or " ".join(cell.answer.split())[:18]
        or QCoreApplication.translate("SweepGrid", "no answer")
    )
    # A narrow column wraps the second line between its parts, never inside "160 tokens"
    # or "1.2 s" (no-break spaces).
    tokens = shown(tokens_text(cell.thinking_tokens)).replace(" ", NBSP)
    return f"{mark} {answer}\n{tokens} · {cell.seconds:.1f}{NBSP}s"


_VERDICTS = {
    True: QT_TRANSLATE_NOOP("SweepGrid", "Correct"),
    False: QT_TRANSLATE_NOOP("SweepGrid", "Wrong"),
    None: QT_TRANSLATE_NOOP("SweepGrid", "Not judged (no key)"),
}
_MARKED_VERDICTS = {
    True: QT_TRANSLATE_NOOP("SweepGrid", "✓ correct"),
    False: QT_TRANSLATE_NOOP("SweepGrid", "✗ wrong"),
    None: QT_TRANSLATE_NOOP("SweepGrid", "not judged (no key)"),
}


def cell_tooltip(cell: SweepCell) -> str:
    lines = [
        _tr(_VERDICTS[cell.correct]),
        QCoreApplication.translate("SweepGrid", "Answer read: {answer}").format(
            answer=cell.extracted or "—"
        ),
        QCoreApplication.translate("SweepGrid", "Thinking: {thinking}; answer: {answer}").format(
            thinking=shown(tokens_text(cell.thinking_tokens)),
            answer=shown(tokens_text(cell.answer_tokens)),
        ),
        QCoreApplication.translate("SweepGrid", "Ponder stepped in {n}×").format(
            n=cell.interventions
        )
        if cell.interventions
        else "",
        QCoreApplication.translate("SweepGrid", "Ended: {reason}").format(reason=cell.done_reason),
        QCoreApplication.translate("SweepGrid", "Error: {error}").format(error=cell.error)
        if cell.error
        else "",
        QCoreApplication.translate("SweepGrid", "Click to read the thinking and the answer."),
    ]
    return "\n".join(line for line in lines if line)


def cell_detail_html(result: SweepResult, problem_id: str, budget: str) -> str:
    """One run of the sweep for the detail pane: question, key, verdict, figures, the
    model's thinking and answer ("" when that run is not in ``result``)."""
    cell = result.cell(problem_id, budget)
    problem = next((p for p in result.problems if p.id == problem_id), None)
    if cell is None or problem is None:
        return ""
    verdict = _tr(_MARKED_VERDICTS[cell.correct])
    e = html.escape
    none = QCoreApplication.translate("SweepGrid", "(none)")
    return (
        "<h3>"
        + QCoreApplication.translate("SweepGrid", "{problem} at budget {budget}").format(
            problem=e(problem_id), budget=e(budget)
        )
        + "</h3><p>"
        + QCoreApplication.translate(
            "SweepGrid",
            "<b>Question:</b> {question}</p><p><b>Key:</b> {key} · <b>Read:</b> {read} · {verdict}",
        ).format(
            question=e(problem.question),
            key=e(problem.answer) or "—",
            read=e(cell.extracted or "—"),
            verdict=verdict,
        )
        + "</p><p>"
        + QCoreApplication.translate(
            "SweepGrid",
            "{thinking} thinking tokens · {answer} answer tokens · {seconds:.1f} s · "
            "ended: {reason}",
        ).format(
            thinking=cell.thinking_tokens,
            answer=cell.answer_tokens,
            seconds=cell.seconds,
            reason=e(cell.done_reason),
        )
        + "</p>"
        + (
            "<p>"
            + QCoreApplication.translate("SweepGrid", "<b>Error:</b> {error}").format(
                error=e(cell.error)
            )
            + "</p>"
            if cell.error
            else ""
        )
        + "<h4>"
        + QCoreApplication.translate("SweepGrid", "Thinking")
        + "</h4>"
        f"<p style='white-space: pre-wrap; color: gray'>{e(cell.thinking) or none}</p><h4>"
        + QCoreApplication.translate("SweepGrid", "Answer")
        + f"</h4><p style='white-space: pre-wrap'>{e(cell.answer) or none}</p>"
    )


class SweepGrid(QTableWidget):
    """Shows one ``SweepResult`` (or a sweep as far as it got). ``cell_chosen`` carries the
    (problem id, budget) of a clicked result cell."""

    cell_chosen = Signal(str, str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("sweepGrid")
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setWordWrap(True)
        self.setAlternatingRowColors(False)
        self.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.horizontalHeader().setMinimumSectionSize(90)
        # Row heights are fitted once per sweep (every cell holds two lines): fitting them to
        # the contents on every change made each update of a filling grid cost ~12 ms.
        self.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.currentCellChanged.connect(self._current_changed)
        self.result: SweepResult | None = None
        self._shape: tuple[tuple[str, ...], tuple[str, ...]] | None = None
        self._drawn: dict[tuple[int, int], tuple[object, ...]] = {}
        self._fitted = False
        self._refit = QTimer(self)
        self._refit.setSingleShot(True)
        self._refit.setInterval(100)
        self._refit.timeout.connect(self.resizeRowsToContents)

    # ----- colours -----------------------------------------------------------------------------

    def _dark(self) -> bool:
        return self.palette().color(QPalette.ColorRole.Base).lightness() < 128

    def _verdict_brush(self, correct: bool | None, error: bool) -> QBrush:
        colours = colours_for(self._dark())
        if error:
            return QBrush(QColor(colours.note))
        if correct is True:
            return QBrush(QColor(colours.good))
        if correct is False:
            return QBrush(QColor(colours.bad))
        return QBrush()

    # ----- content -----------------------------------------------------------------------------

    def show_result(
        self,
        result: SweepResult | None,
        current: tuple[str, str] | None = None,
        tokens: int = 0,
        *,
        answering: bool = False,
    ) -> None:
        """Draws ``result``; ``current`` is the cell being generated (with ``tokens`` so far,
        thinking and answer; ``answering`` once it writes its answer)."""
        self.result = result
        if result is None:
            self._shape = None
            self._drawn = {}
            self.clearContents()
            self.setRowCount(0)
            self.setColumnCount(0)
            return
        problems, budgets = result.problems, result.budgets
        shape = (tuple(p.id for p in problems), tuple(budgets))
        if shape != self._shape:
            self._rebuild(result)
            self._shape = shape
        self.blockSignals(True)
        cells = {(c.problem_id, c.budget): c for c in result.cells}
        for row, problem in enumerate(problems):
            for column, budget in enumerate(budgets):
                key = (problem.id, budget)
                self._put(row, column, self._item(key, cells.get(key), current, tokens, answering))
        foot = len(problems)
        for column, summary in enumerate(result.summary()):
            accuracy = "—" if summary.accuracy is None else f"{summary.accuracy:.0%}"
            judged = f" ({summary.correct}/{summary.judged})" if summary.judged else ""
            self._put(foot, column, _foot_item(accuracy + judged))
            mean_tokens = f"{summary.mean_thinking_tokens:.0f}" if summary.runs else "—"
            self._put(foot + 1, column, _foot_item(mean_tokens))
        self.blockSignals(False)
        if not self._fitted:
            self.resizeRowsToContents()
            self._fitted = True

    def _rebuild(self, result: SweepResult) -> None:
        """A new sweep (or another shape): headers and an empty grid."""
        self.blockSignals(True)
        self.clearContents()
        self._drawn = {}
        self._fitted = False
        problems, budgets = result.problems, result.budgets
        self.setColumnCount(len(budgets))
        self.setRowCount(len(problems) + len(FOOT_ROWS))
        self.setHorizontalHeaderLabels(
            [self.tr("budget {n}").format(n=b) if b.isdigit() else b for b in budgets]
        )
        self.setVerticalHeaderLabels([p.id for p in problems] + [self.tr(r) for r in FOOT_ROWS])
        for row, problem in enumerate(problems):
            self.verticalHeaderItem(row).setToolTip(
                self.tr("{question}\n\nKey: {answer}").format(
                    question=problem.question, answer=problem.answer
                )
            )
        self.blockSignals(False)

    def _put(self, row: int, column: int, item: QTableWidgetItem) -> None:
        """Sets the item unless the one on show already looks the same (most updates of a
        filling grid change one cell)."""
        look = (
            item.text(),
            item.toolTip(),
            item.background().color().name(),
            item.background().style(),
            item.foreground().color().name(),
        )
        if self._drawn.get((row, column)) != look:
            self._drawn[(row, column)] = look
            self.setItem(row, column, item)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 (Qt's name)
        super().resizeEvent(event)
        self._refit.start()  # column widths changed: the two-line cells may wrap differently

    def _item(
        self,
        key: tuple[str, str],
        cell: SweepCell | None,
        current: tuple[str, str] | None,
        tokens: int,
        answering: bool,
    ) -> QTableWidgetItem:
        if cell is not None:
            item = QTableWidgetItem(cell_text(cell))
            item.setBackground(self._verdict_brush(cell.correct, bool(cell.error)))
            item.setToolTip(cell_tooltip(cell))
        elif current == key:
            doing = "answering…" if answering else "thinking…"
            item = QTableWidgetItem(f"{doing}\n{shown(tokens_text(tokens))}")
            item.setForeground(self.palette().color(QPalette.ColorRole.Link))
        else:
            item = QTableWidgetItem("·")
            item.setForeground(self.palette().color(QPalette.ColorRole.PlaceholderText))
        item.setData(ROLE_KEY, key)
        item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
        return item

    def _key_of(self, row: int, column: int) -> tuple[str, str] | None:
        item = self.item(row, column) if row >= 0 and column >= 0 else None
        key = item.data(ROLE_KEY) if item is not None else None
        return (str(key[0]), str(key[1])) if key else None

    def _select(self, problem_id: str, budget: str) -> None:
        for row in range(self.rowCount()):
            for column in range(self.columnCount()):
                if self._key_of(row, column) == (problem_id, budget):
                    self.setCurrentCell(row, column)
                    return

    def _current_changed(self, row: int, column: int, *_: int) -> None:
        key = self._key_of(row, column)
        if key is not None and self.result is not None and self.result.cell(*key) is not None:
            self.cell_chosen.emit(*key)


def _foot_item(text: str) -> QTableWidgetItem:
    item = QTableWidgetItem(text)
    item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
    font = item.font()
    font.setBold(True)
    item.setFont(font)
    item.setFlags(Qt.ItemFlag.ItemIsEnabled)
    return item
