"""The Budget sweep window: set up sweeps, watch the queue run, read the grid and the chart.

Left: the form (problems, budgets, sampling) and the list of sweeps — this session's, queued,
running and finished, then the ones saved earlier. Right: the chosen sweep's grid, its chart
of accuracy and thinking tokens per budget (the test-time-scaling curve) and, for a clicked
cell, the model's thinking and answer. The window follows the running sweep until the user
picks another. Export writes the chosen sweep as HTML (chart included), Markdown or PDF.

Thread: GUI thread.
"""

from __future__ import annotations

import html
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from ponder.core.export import sweep_html, sweep_markdown
from ponder.core.problems import ProblemSet
from ponder.core.request import Sampling
from ponder.core.sweep import (
    SweepBudget,
    SweepFileError,
    SweepResult,
    load_sweep,
    saved_sweeps,
)
from ponder.ui.export_files import export_document
from ponder.ui.sweep_chart import SweepChart
from ponder.ui.sweep_grid import SweepGrid
from ponder.ui.sweep_queue import QueuedSweep, SweepQueue
from ponder.ui.sweep_setup import SweepSetup

ROLE_SWEEP = Qt.ItemDataRole.UserRole + 1  # ("queue", id) or ("file", path)
STATE_MARK = {"queued": "⏳", "running": "▶", "done": "✓", "cancelled": "■", "failed": "⚠"}


class SweepWindow(QWidget):
    """See the module docstring. ``MainWindow`` makes one and shows it again when asked."""

    def __init__(self, queue: SweepQueue, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.setObjectName("sweepWindow")
        self.setWindowTitle("Budget sweep — Ponder")
        self.resize(1240, 760)
        self.queue = queue
        self.shown: tuple[str, object] | None = None  # what the grid shows
        self._loaded: dict[str, SweepResult] = {}  # saved sweeps read so far, by path
        self._follow = True  # show the running sweep (until the user picks another)
        self.setup = SweepSetup()
        self.list = QListWidget()
        self.list.setObjectName("sweepList")
        self.stop_button = QPushButton("Stop")
        self.stop_button.setToolTip("Stop the running sweep (what finished is kept), or drop it")
        self.remove_button = QPushButton("Remove")
        self.remove_button.setToolTip(
            "Take a finished sweep off this session's list (its file stays), or delete a saved "
            "sweep's file"
        )
        self.export_button = QPushButton("Export…")
        self.export_button.setToolTip("Save this sweep as HTML (with the chart), Markdown or PDF")
        self.again_button = QPushButton("Run again")
        self.again_button.setToolTip(
            "Queue this sweep's problems and budgets again, on the model loaded now (to "
            "compare models, or a new seed)"
        )
        self.large_button = QPushButton("Large type")
        self.large_button.setCheckable(True)
        self.large_button.setToolTip("Bigger grid and chart, for a projector")
        self.large_button.toggled.connect(self.set_large)
        self.grid = SweepGrid()
        self.chart = SweepChart()
        self.detail = QTextBrowser()
        self.detail.setObjectName("sweepDetail")
        self.detail.setPlaceholderText("Click a cell of the grid to read that run.")
        self.title = QLabel()
        self.title.setObjectName("sweepTitle")
        bold = self.title.font()
        bold.setBold(True)
        bold.setPointSizeF(bold.pointSizeF() * 1.2)
        self.title.setFont(bold)
        self.status = QLabel()
        self.status.setObjectName("sweepStatus")
        self.status.setWordWrap(True)
        self._layout()
        self.setup.sweep_requested.connect(self._queue_sweep)
        self.list.currentItemChanged.connect(self._chosen)
        self.stop_button.clicked.connect(self._stop)
        self.remove_button.clicked.connect(self._remove)
        self.export_button.clicked.connect(lambda: self.export())  # noqa: PLW0108 (drops `checked`)
        self.again_button.clicked.connect(self.run_again)
        self.grid.cell_chosen.connect(self._show_cell)
        queue.changed.connect(self.refresh_list)
        queue.sweep_updated.connect(self._sweep_updated)
        queue.problem.connect(self.status.setText)
        self.refresh_list()

    def _layout(self) -> None:
        buttons = QHBoxLayout()
        for button in (
            self.stop_button,
            self.remove_button,
            self.again_button,
            self.export_button,
        ):
            buttons.addWidget(button)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(8, 8, 4, 8)
        left_layout.addWidget(self.setup)
        left_layout.addSpacing(8)
        left_layout.addWidget(QLabel("Sweeps"))
        left_layout.addWidget(self.list, 1)
        left_layout.addLayout(buttons)
        lower = QSplitter(Qt.Orientation.Horizontal)
        lower.addWidget(self.chart)
        lower.addWidget(self.detail)
        lower.setSizes([520, 380])
        right_split = QSplitter(Qt.Orientation.Vertical)
        right_split.addWidget(self.grid)
        right_split.addWidget(lower)
        right_split.setSizes([400, 340])
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(4, 8, 8, 8)
        top = QHBoxLayout()
        top.addWidget(self.title, 1)
        top.addWidget(self.large_button)
        right_layout.addLayout(top)
        right_layout.addWidget(right_split, 1)
        right_layout.addWidget(self.status)
        self.splitter = splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setSizes([360, 880])
        splitter.setCollapsible(1, False)
        self.lower = lower
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(splitter)

    def set_large(self, large: bool) -> None:
        """Projector size: larger type in the grid and the chart, and the set-up column and
        the run's detail folded away so the class sees the results."""
        self.chart.set_large(large)
        font = self.grid.font()
        font.setPointSizeF(self.font().pointSizeF() * (1.5 if large else 1.0))
        for widget in (self.grid, self.grid.horizontalHeader(), self.grid.verticalHeader()):
            widget.setFont(font)
        self.grid.resizeRowsToContents()
        total = sum(self.splitter.sizes())
        self.splitter.setSizes([0, total] if large else [360, max(200, total - 360)])
        lower = sum(self.lower.sizes())
        self.lower.setSizes([lower, 0] if large else [lower * 3 // 5, lower - lower * 3 // 5])
        if self.large_button.isChecked() != large:
            self.large_button.setChecked(large)

    # ----- the list ----------------------------------------------------------------------------

    def refresh_list(self) -> None:
        """The session's sweeps, then the saved ones not among them; keeps the choice."""
        self.list.blockSignals(True)
        self.list.clear()
        in_session = set()
        for queued in self.queue.sweeps:
            item = QListWidgetItem(f"{STATE_MARK[queued.state]} {queued.title}\n    ")
            item.setData(ROLE_SWEEP, ("queue", queued.id))
            self._label(item, queued)
            self.list.addItem(item)
            if queued.path is not None:
                in_session.add(str(queued.path))
        for path in saved_sweeps(self.queue.folder):
            if str(path) in in_session:
                continue
            item = QListWidgetItem(f"💾 {path.stem}")
            item.setToolTip(str(path))
            item.setData(ROLE_SWEEP, ("file", str(path)))
            self.list.addItem(item)
        self.list.blockSignals(False)
        running = self.queue.running
        if self._follow and running is not None:
            self.shown = ("queue", running.id)
        self._select_shown()
        self._update_buttons()
        self.show_chosen()

    def _label(self, item: QListWidgetItem, queued: QueuedSweep) -> None:
        item.setText(f"{STATE_MARK[queued.state]} {queued.title}\n    {queued.status_text}")
        item.setToolTip(queued.message or queued.status_text)

    def _select_shown(self) -> None:
        for row in range(self.list.count()):
            item = self.list.item(row)
            if item.data(ROLE_SWEEP) == self.shown:
                self.list.blockSignals(True)
                self.list.setCurrentItem(item)
                self.list.blockSignals(False)
                return

    def _chosen(self, item: QListWidgetItem | None, _previous: object = None) -> None:
        if item is None:
            return
        self.shown = tuple(item.data(ROLE_SWEEP))  # type: ignore[assignment]
        running = self.queue.running
        self._follow = running is not None and self.shown == ("queue", running.id)
        self._update_buttons()
        self.show_chosen()
        self.detail.clear()

    def _chosen_queued(self) -> QueuedSweep | None:
        if self.shown is None or self.shown[0] != "queue":
            return None
        assert isinstance(self.shown[1], int)
        return self.queue.find(self.shown[1])

    def _update_buttons(self) -> None:
        queued = self._chosen_queued()
        active = queued is not None and queued.state in ("queued", "running")
        self.stop_button.setEnabled(active)
        saved = self.shown is not None and self.shown[0] == "file"
        self.remove_button.setEnabled((queued is not None and not active) or saved)
        self.export_button.setEnabled(self.chosen_result() is not None)
        self.again_button.setEnabled(self.chosen_result() is not None)

    # ----- the chosen sweep ----------------------------------------------------------------

    def chosen_result(self) -> SweepResult | None:
        """The sweep the grid shows (as far as it got), or None."""
        if self.shown is None:
            return None
        kind, key = self.shown
        if kind == "queue":
            queued = self._chosen_queued()
            return queued.snapshot() if queued is not None else None
        path = str(key)
        if path not in self._loaded:
            try:
                self._loaded[path] = load_sweep(Path(path))
            except SweepFileError as exc:
                self.status.setText(str(exc))
                return None
        return self._loaded[path]

    def show_chosen(self) -> None:
        result = self.chosen_result()
        queued = self._chosen_queued()
        current = queued.current if queued is not None else None
        tokens = queued.tokens if queued is not None else 0
        self.grid.show_result(result, current, tokens)
        if result is None:
            self.chart.clear()
            self.title.setText("No sweep chosen: set one up on the left and add it to the queue.")
            return
        self.chart.set_summary(result.summary(), title=result.problem_set)
        model = Path(result.model_path).name if result.model_path else "the loaded model"
        self.title.setText(f"{result.problem_set} — {model}")
        if queued is not None:
            self.status.setText(queued.message or queued.status_text)

    def _sweep_updated(self, sweep_id: int) -> None:
        queued = self.queue.find(sweep_id)
        for row in range(self.list.count()):
            item = self.list.item(row)
            if queued is not None and item.data(ROLE_SWEEP) == ("queue", sweep_id):
                self._label(item, queued)
        if self.shown == ("queue", sweep_id):
            self.show_chosen()

    def _show_cell(self, problem_id: str, budget: str) -> None:
        result = self.grid.result
        cell = result.cell(problem_id, budget) if result is not None else None
        problem = next((p for p in result.problems if p.id == problem_id), None) if result else None
        if cell is None or problem is None:
            return
        verdict = {True: "✓ correct", False: "✗ wrong", None: "not judged (no key)"}[cell.correct]
        e = html.escape
        self.detail.setHtml(
            f"<h3>{e(problem_id)} at budget {e(budget)}</h3>"
            f"<p><b>Question:</b> {e(problem.question)}</p>"
            f"<p><b>Key:</b> {e(problem.answer) or '—'} · <b>Read:</b> "
            f"{e(cell.extracted or '—')} · {verdict}</p>"
            f"<p>{cell.thinking_tokens} thinking tokens · {cell.answer_tokens} answer tokens · "
            f"{cell.seconds:.1f} s · ended: {e(cell.done_reason)}</p>"
            + (f"<p><b>Error:</b> {e(cell.error)}</p>" if cell.error else "")
            + "<h4>Thinking</h4>"
            f"<p style='white-space: pre-wrap; color: gray'>{e(cell.thinking) or '(none)'}</p>"
            f"<h4>Answer</h4><p style='white-space: pre-wrap'>{e(cell.answer) or '(none)'}</p>"
        )

    # ----- actions -----------------------------------------------------------------------------

    def _queue_sweep(
        self,
        problems: ProblemSet,
        budgets: list[SweepBudget],
        sampling: Sampling,
        max_tokens: int | None,
    ) -> None:
        queued = self.queue.add(problems, budgets, sampling=sampling, max_tokens=max_tokens)
        self._follow = True
        self.shown = ("queue", queued.id)
        self.refresh_list()

    def run_again(self) -> bool:
        """Queues the chosen sweep again (its problems, budgets and sampling) on the model
        loaded now; False if there is nothing to run."""
        result = self.chosen_result()
        if result is None:
            return False
        self.setup.fill_from(result)
        return self.setup.submit()

    def _stop(self) -> None:
        queued = self._chosen_queued()
        if queued is not None:
            self.queue.cancel(queued.id)

    def _remove(self) -> None:
        queued = self._chosen_queued()
        if queued is not None:
            path = queued.path
            self.queue.remove(queued.id)
            self.shown = ("file", str(path)) if path is not None and path.exists() else None
            self.refresh_list()
        elif self.shown is not None and self.shown[0] == "file":
            self.delete_saved(Path(str(self.shown[1])))

    def delete_saved(self, path: Path) -> bool:
        """Deletes a saved sweep's file, after asking; False if it was kept."""
        answer = QMessageBox.question(
            self, "Delete the sweep", f"Delete the saved sweep {path.name}? This cannot be undone."
        )
        if answer != QMessageBox.StandardButton.Yes:
            return False
        try:
            path.unlink(missing_ok=True)
        except OSError as exc:
            self.status.setText(f"Could not delete {path.name}: {exc.strerror or exc}.")
            return False
        self._loaded.pop(str(path), None)
        self.shown = None
        self.refresh_list()
        self.status.setText(f"Deleted {path.name}.")
        return True

    def chart_png(self) -> bytes:
        """The chart as a PNG image (for the HTML export)."""
        image = self.chart.grab().toImage()
        data = QByteArray()
        buffer = QBuffer(data)
        buffer.open(QIODevice.OpenModeFlag.WriteOnly)
        image.save(buffer, "PNG")
        return bytes(data.data())

    def export(self, path: str | None = None) -> Path | None:
        """Writes the chosen sweep to ``path`` (asks when None): .html, .md or .pdf."""
        result = self.chosen_result()
        if result is None:
            return None
        target, message = export_document(
            self,
            caption="Export the sweep",
            title=result.problem_set,
            html=lambda: sweep_html(result, self.chart_png()),
            markdown=lambda: sweep_markdown(result),
            path=path,
        )
        if message:
            self.status.setText(message)
        return target
