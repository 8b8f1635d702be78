"""The Budget sweep window: set up sweeps, watch the queue run, read the grid and the chart.

Left: the form (problems, budgets, sampling) and the list of sweeps — this session's, queued,
running and finished, then the ones saved earlier. Right: the chosen sweep's grid, its chart
of accuracy and thinking tokens per budget (the test-time-scaling curve) and, for a clicked
cell, the model's thinking and answer. The window follows the running sweep until the user
picks another. Export writes the chosen sweep as HTML (chart included), Markdown or PDF.

Thread: GUI thread.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QCoreApplication, QDateTime, QIODevice, QLocale, Qt
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from ponder.core.request import Sampling
from ponder.core.servers.reference import shown_model_name
from ponder.core.teaching.export import sweep_html, sweep_markdown
from ponder.core.teaching.problems import ProblemSet
from ponder.core.teaching.sweep import SweepBudget, SweepResult
from ponder.core.teaching.sweep_files import SweepFileError, SweepWriteError
from ponder.ui.export import export_document
from ponder.ui.screen_fit import apply_proportions, initial_size
from ponder.ui.sweep.chart import SweepChart
from ponder.ui.sweep.form import SweepSetup
from ponder.ui.sweep.grid import SweepGrid, cell_detail_html
from ponder.ui.sweep.listing import SweepKey, SweepList
from ponder.ui.sweep.queue import QueuedSweep, SweepQueue
from ponder.ui.translations import shown


class SweepWindow(QWidget):
    """See the module docstring. ``MainWindow`` makes one and shows it again when asked."""

    def __init__(self, queue: SweepQueue, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.setObjectName("sweepWindow")
        self.setWindowTitle(self.tr("Budget sweep — Ponder"))
        initial_size(self, 1240, 760)
        self.queue = queue
        self.shown: SweepKey | None = None  # what the grid shows
        self._loaded: dict[str, SweepResult] = {}  # saved sweeps read so far, by path
        self._follow = True  # show the running sweep (until the user picks another)
        self.setup = SweepSetup()
        self.list = SweepList()
        self.stop_button = QPushButton(self.tr("Stop"))
        self.stop_button.setToolTip(
            self.tr("Stop the running sweep (what finished is kept), or drop it")
        )
        self.remove_button = QPushButton(self.tr("Remove"))
        self.remove_button.setToolTip(
            self.tr(
                "Take a finished sweep off this session's list (its file stays), or delete a saved "
                "sweep's file"
            )
        )
        self.export_button = QPushButton(self.tr("Export…"))
        self.export_button.setToolTip(
            self.tr("Save this sweep as HTML (with the chart), Markdown or PDF")
        )
        self.again_button = QPushButton(self.tr("Run again"))
        self.again_button.setToolTip(
            self.tr(
                "Queue this sweep's problems and budgets again, on the model loaded now (to "
                "compare models, or a new seed)"
            )
        )
        self.large_button = QPushButton(self.tr("Large type"))
        self.large_button.setCheckable(True)
        self.large_button.setToolTip(self.tr("Bigger grid and chart, for a projector"))
        self.large_button.toggled.connect(self.set_large)
        self.grid = SweepGrid()
        self.chart = SweepChart()
        self.compare_box = QComboBox()
        self.compare_box.setObjectName("sweepCompare")
        # Its items are whole sweeps' names: sized for a short one, so that a long one does
        # not push the run's detail off a small screen.
        self.compare_box.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.compare_box.setMinimumContentsLength(16)
        self.compare_box.setToolTip(
            self.tr(
                "Draw another sweep beside this one in the chart: the same problems on another "
                "model, or with another seed"
            )
        )
        self.compare_box.activated.connect(lambda _index: self.show_chosen())
        self.detail = QTextBrowser()
        self.detail.setObjectName("sweepDetail")
        # A run's words have no links: without link interaction Qt's menu offers no greyed
        # "Copy Link Location".
        self.detail.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse
            | Qt.TextInteractionFlag.TextSelectableByKeyboard
        )
        self.detail.setPlaceholderText(self.tr("Click a cell of the grid to read that run."))
        self.title = QLabel()
        self.title.setObjectName("sweepTitle")
        self.title.setWordWrap(True)  # a long model name must not widen the window (#13)
        bold = self.title.font()
        bold.setBold(True)
        bold.setPointSizeF(bold.pointSizeF() * 1.2)
        self.title.setFont(bold)
        self.status = QLabel()
        self.status.setObjectName("sweepStatus")
        self.status.setWordWrap(True)
        self._layout()
        self.setup.sweep_requested.connect(self._queue_sweep)
        self.list.key_chosen.connect(self._chosen)
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
        left_layout.addWidget(QLabel(self.tr("Sweeps")))
        left_layout.addWidget(self.list, 1)
        left_layout.addLayout(buttons)
        chart_box = QWidget()
        chart_layout = QVBoxLayout(chart_box)
        chart_layout.setContentsMargins(0, 0, 0, 0)
        compare_row = QHBoxLayout()
        compare_row.addWidget(QLabel(self.tr("Compare with")))
        compare_row.addWidget(self.compare_box, 1)
        chart_layout.addLayout(compare_row)
        chart_layout.addWidget(self.chart, 1)
        lower = QSplitter(Qt.Orientation.Horizontal)
        lower.addWidget(chart_box)
        lower.addWidget(self.detail)
        lower.setStretchFactor(0, 3)  # a change of width shared by both, not all the detail's
        lower.setStretchFactor(1, 2)
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
        splitter.setCollapsible(1, False)
        self._split_set = False  # the set-up column's share is set when first shown
        self.lower_split = lower
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(splitter)

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 (Qt's name)
        super().showEvent(event)
        if not self._split_set:
            # A share of the width the window has on this screen (pixels fixed for a large
            # screen squeezed the grid and the run's detail to a sliver on a small one).
            apply_proportions(self.splitter, [0.3, 0.7])
            apply_proportions(self.lower_split, [0.6, 0.4])
            self._split_set = True

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
        lower = sum(self.lower_split.sizes())
        self.lower_split.setSizes([lower, 0] if large else [lower * 3 // 5, lower - lower * 3 // 5])
        if self.large_button.isChecked() != large:
            self.large_button.setChecked(large)

    # ----- the list ----------------------------------------------------------------------------

    def refresh_list(self) -> None:
        """The session's sweeps, then the saved ones not among them; keeps the choice."""
        self.list.fill(self.queue.sweeps, self.queue.files.saved())
        self._refresh_compare_box()
        running = self.queue.running
        if self._follow and running is not None:
            self.shown = ("queue", running.id)
        self.list.select_key(self.shown)
        self._update_buttons()
        self.show_chosen()

    def _refresh_compare_box(self) -> None:
        """The sweeps the chart can draw beside the chosen one: every other listed sweep."""
        keep = self.compare_box.currentData()
        self.compare_box.blockSignals(True)
        self.compare_box.clear()
        self.compare_box.addItem(self.tr("nothing (this sweep alone)"), None)
        for text, key in self.list.entries():
            self.compare_box.addItem(text, key)
        self.compare_box.setCurrentIndex(max(0, self._compare_index(keep)))
        self.compare_box.blockSignals(False)

    def _compare_index(self, key: object) -> int:
        """The compare list's row for ``key`` (0: nothing; -1: not listed). Compared in
        Python: Qt's findData does not match the tuples the items carry."""
        if not isinstance(key, tuple | list):
            return 0
        wanted = tuple(key)
        for index in range(1, self.compare_box.count()):
            data = self.compare_box.itemData(index)
            if data is not None and tuple(data) == wanted:
                return index
        return -1

    def compare_with(self, key: SweepKey | None) -> bool:
        """Draws the listed sweep ``key`` beside the chosen one (None: alone)."""
        index = self._compare_index(key)
        if index < 0:
            return False
        self.compare_box.setCurrentIndex(index)
        self.show_chosen()
        return True

    def _chosen(self, key: SweepKey) -> None:
        self.shown = key
        running = self.queue.running
        self._follow = running is not None and self.shown == ("queue", running.id)
        self._update_buttons()
        self.show_chosen()
        self.detail.clear()
        if key[0] == "file" and (result := self.chosen_result()) is not None:
            self.setup.fill_from(result)  # the form shows how the saved sweep was set up

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
        return self._result_for(self.shown)

    def _result_for(self, key: SweepKey | None) -> SweepResult | None:
        """A listed sweep: this session's (as far as it got) or a saved one (read once)."""
        if key is None:
            return None
        kind, value = key
        if kind == "queue":
            assert isinstance(value, int)
            queued = self.queue.find(value)
            return queued.snapshot() if queued is not None else None
        path = str(value)
        if path not in self._loaded:
            try:
                self._loaded[path] = self.queue.files.load(Path(path))
            except SweepFileError as exc:
                self.status.setText(shown(exc))
                return None
        return self._loaded[path]

    def show_chosen(self) -> None:
        result = self.chosen_result()
        queued = self._chosen_queued()
        current = queued.current if queued is not None else None
        tokens = queued.tokens if queued is not None else 0
        answering = queued.answering if queued is not None else False
        self.grid.show_result(result, current, tokens, answering=answering)
        if result is None:
            self.chart.clear()
            self.title.setText(
                self.tr("No sweep chosen: set one up on the left and add it to the queue.")
            )
            return
        other_key = self.compare_box.currentData()
        other = self._result_for(tuple(other_key)) if other_key else None
        if other is not None and tuple(other_key) != self.shown:
            self.chart.set_comparison(
                result.summary(),
                other.summary(),
                _sweep_label(result),
                _sweep_label(other),
                title=result.problem_set,
            )
        else:
            self.chart.set_summary(result.summary(), title=result.problem_set)
        model = shown_model_name(result.model_path) or self.tr("the loaded model")
        self.title.setText(f"{result.problem_set} — {model}")
        if queued is not None:
            self.status.setText(queued.message or queued.status_text)

    def _sweep_updated(self, sweep_id: int) -> None:
        queued = self.queue.find(sweep_id)
        if queued is not None:
            self.list.relabel(queued)
        if self.shown == ("queue", sweep_id):
            self.show_chosen()

    def _show_cell(self, problem_id: str, budget: str) -> None:
        result = self.grid.result
        if result is not None:
            self.detail.setHtml(cell_detail_html(result, problem_id, budget))

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
            kept = path is not None and path in self.queue.files.saved()
            self.shown = ("file", str(path)) if kept else None
            self.refresh_list()
        elif self.shown is not None and self.shown[0] == "file":
            self.delete_saved(Path(str(self.shown[1])))

    def delete_saved(self, path: Path) -> bool:
        """Deletes a saved sweep's file, after asking; False if it was kept."""
        answer = QMessageBox.question(
            self,
            self.tr("Delete the sweep"),
            self.tr("Delete the saved sweep {name}? This cannot be undone.").format(name=path.name),
        )
        if answer != QMessageBox.StandardButton.Yes:
            return False
        try:
            self.queue.files.delete(path)
        except SweepWriteError as exc:
            self.status.setText(shown(exc))
            return False
        self._loaded.pop(str(path), None)
        self.shown = None
        self.refresh_list()
        self.status.setText(self.tr("Deleted {name}.").format(name=path.name))
        return True

    def chart_png(self) -> bytes:
        """The chart as a PNG image (for the HTML export)."""
        image = self.chart.grab().toImage()
        data = QByteArray()
        buffer = QBuffer(data)
        buffer.open(QIODevice.OpenModeFlag.WriteOnly)
        # PySide6's stubs type the format as bytes, but the call accepts only str (6.x).
        image.save(buffer, "PNG")  # type: ignore[call-overload]
        return bytes(data.data())

    def export(self, path: str | None = None) -> Path | None:
        """Writes the chosen sweep to ``path`` (asks when None): .html, .md or .pdf."""
        result = self.chosen_result()
        if result is None:
            return None
        target, message = export_document(
            self,
            caption=self.tr("Export the sweep"),
            title=result.problem_set,
            html=lambda: sweep_html(result, self.chart_png()),
            markdown=lambda: sweep_markdown(result),
            path=path,
        )
        if message:
            self.status.setText(message)
        return target


def _sweep_label(result: SweepResult) -> str:
    """A sweep's name in the chart's legend: its model, and when it ran."""
    model = shown_model_name(result.model_path) or QCoreApplication.translate(
        "SweepWindow", "model"
    )
    when = QLocale().toString(QDateTime.fromSecsSinceEpoch(int(result.started_at)), "dd MMM HH:mm")
    return f"{model} ({when})"
