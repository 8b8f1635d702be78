"""The form that sets up a budget sweep: which problems, which budgets, how to sample.

Problems come from a bundled set, a teacher's own problem-set file, or one question typed
here (with an optional answer key). Budgets are written as on the command line
(``off,256,1024,wait1``). Mistakes are shown under the form, in words, and nothing is queued.

Thread: GUI thread.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtGui import QValidator
from PySide6.QtWidgets import (
    QComboBox,
    QDoubleSpinBox,
    QFileDialog,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from ponder.core.request import Sampling
from ponder.core.teaching.problems import (
    ProblemSet,
    ProblemSetError,
    bundled_set_names,
    load_problem_set,
    single_problem,
)
from ponder.core.teaching.sweep import SweepBudget, SweepResult, parse_budgets
from ponder.ui.translations import shown

DEFAULT_BUDGETS = "off,256,1024,4096,wait1,wait2"
OWN_FILE = "file"
TYPED = "typed"
_UNSET = -0.1  # the temperature box's value for "none given": the model's recommendation


class TemperatureBox(QDoubleSpinBox):
    """A temperature, or none (its lowest value, shown as the model's recommendation: what
    the engine uses when a sweep gives none); 0 reads as greedy."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setRange(_UNSET, 2.0)
        self.setSingleStep(0.1)
        self.setSpecialValueText(
            QCoreApplication.translate("SweepSetup", "the model's recommendation")
        )
        self.setValue(0.0)

    def greedy_text(self) -> str:
        return QCoreApplication.translate("SweepSetup", "0 (greedy: the same every time)")

    def temperature(self) -> float | None:
        """The temperature chosen; None for the model's recommendation."""
        value = self.value()
        return None if value < 0 else value

    def set_temperature(self, temperature: float | None) -> None:
        self.setValue(self.minimum() if temperature is None else temperature)

    def textFromValue(self, value: float) -> str:  # noqa: N802 (Qt's name)
        return self.greedy_text() if value == 0 else super().textFromValue(value)

    def valueFromText(self, text: str) -> float:  # noqa: N802 (Qt's name)
        return 0.0 if text == self.greedy_text() else super().valueFromText(text)

    def validate(self, text: str, pos: int) -> tuple[QValidator.State, str, int]:
        if text == self.greedy_text():
            return QValidator.State.Acceptable, text, pos
        return super().validate(text, pos)


class SweepSetup(QWidget):
    """``sweep_requested(ProblemSet, list[SweepBudget], Sampling, max_tokens or None)`` when
    the user queues a valid sweep."""

    sweep_requested = Signal(object, object, object, object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.problems = QComboBox()
        self.problems.setObjectName("sweepProblems")
        # Sized for a typical name: a long one (a saved sweep's "… — from a saved sweep") is
        # cut in the box, not made the set-up column's (and the window's) minimum width.
        self.problems.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.problems.setMinimumContentsLength(20)
        for name in bundled_set_names():
            try:
                bundled = load_problem_set(name)
            except ProblemSetError:
                continue
            self.problems.addItem(f"{bundled.name} ({len(bundled.problems)})", name)
        self.problems.insertSeparator(self.problems.count())
        self.problems.addItem(self.tr("Open a problem-set file…"), OWN_FILE)
        self.problems.addItem(self.tr("A question I type"), TYPED)
        self.problems.activated.connect(self._problems_chosen)
        self._last_index = 0  # where the list goes back to when "Open…" is cancelled
        self.question = QPlainTextEdit()
        self.question.setPlaceholderText(self.tr("The question to ask at every budget"))
        self.question.setFixedHeight(64)
        self.key = QLineEdit()
        self.key.setPlaceholderText(self.tr("Its answer (optional): 42, 3/4, (B), yes…"))
        self.budgets = QLineEdit(DEFAULT_BUDGETS)
        self.budgets.setObjectName("sweepBudgets")
        self.budgets.setToolTip(
            self.tr(
                "Comma-separated: off (no thinking), a number of thinking tokens, unlimited, or "
                "waitK (the model must keep thinking: “Wait” is added up to K times when it tries "
                "to stop)."
            )
        )
        self.max_tokens = QSpinBox()
        self.max_tokens.setRange(0, 1_000_000)
        self.max_tokens.setSingleStep(256)
        self.max_tokens.setSpecialValueText(self.tr("no limit"))
        self.max_tokens.setToolTip(
            self.tr("Stop each run after this many tokens (thinking + answer)")
        )
        self.temperature = TemperatureBox()
        self.seed = QSpinBox()
        # One below 0: no seed given, each run draws its own (what a saved sweep's empty
        # seed means; the export card calls it "random" too).
        self.seed.setRange(-1, 2**31 - 1)
        self.seed.setSpecialValueText(self.tr("random (a new seed each run)"))
        self.seed.setValue(0)
        # The sampling a saved sweep was set up with, beyond what the form shows (top-p,
        # top-k…): running it again keeps them.
        self._sampling = Sampling()
        self.error = QLabel()
        self.error.setObjectName("formError")
        self.error.setWordWrap(True)
        self.error.setVisible(False)
        self.queue_button = QPushButton(self.tr("Add to queue"))
        self.queue_button.setProperty("primary", True)
        self.queue_button.setObjectName("queueSweep")
        self.queue_button.setDefault(True)
        self.queue_button.clicked.connect(self.submit)
        self._own_files: dict[str, ProblemSet] = {}
        form = QFormLayout()
        form.addRow(self.tr("Problems"), self.problems)
        form.addRow("", self.question)
        form.addRow("", self.key)
        form.addRow(self.tr("Budgets"), self.budgets)
        form.addRow(self.tr("Max tokens"), self.max_tokens)
        # Each on its own row: side by side they made the set-up column 480 px at least.
        form.addRow(self.tr("Temperature"), self.temperature)
        form.addRow(self.tr("Seed"), self.seed)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(self.queue_button)
        self._show_typed(False)

    def _show_typed(self, typed: bool) -> None:
        self.question.setVisible(typed)
        self.key.setVisible(typed)

    def _problems_chosen(self, index: int) -> None:
        choice = self.problems.itemData(index)
        if choice == OWN_FILE:
            path, _ = QFileDialog.getOpenFileName(
                self,
                self.tr("Open a problem set"),
                str(Path.home()),
                self.tr("Problem sets (*.toml);;All (*)"),
            )
            self.problems.setCurrentIndex(self._last_index)
            if path:
                self.open_file(path)
            return
        self._last_index = index
        self._show_typed(choice == TYPED)
        self.error.setVisible(False)

    def open_file(self, path: str) -> bool:
        """Adds a teacher's problem-set file to the list and picks it; False (with the reason
        shown) if it cannot be used."""
        try:
            problems = load_problem_set(path)
        except ProblemSetError as exc:
            self._show_error(shown(exc))
            return False
        self._own_files[path] = problems
        index = self.problems.findData(path)
        if index < 0:
            index = self.problems.count() - 2  # before "Open…" and "A question I type"
            self.problems.insertItem(
                index, f"{problems.name} ({len(problems.problems)}) — {Path(path).name}", path
            )
        self.problems.setCurrentIndex(index)
        self._last_index = index
        self._show_typed(False)
        self.error.setVisible(False)
        return True

    def fill_from(self, result: SweepResult) -> None:
        """Sets the form to run ``result`` again: its problems (as a set of their own), its
        budgets, sampling and token cap."""
        problems = ProblemSet(
            result.problem_set, "", tuple(result.problems), self.tr("saved sweep")
        )
        key = f"saved:{result.problem_set}:{result.started_at}"
        self._own_files[key] = problems
        index = self.problems.findData(key)
        if index < 0:
            index = self.problems.count() - 2
            label = self.tr("{name} ({count}) — from a saved sweep").format(
                name=result.problem_set, count=len(result.problems)
            )
            self.problems.insertItem(index, label, key)
        self.problems.setCurrentIndex(index)
        self._last_index = index
        self._show_typed(False)
        self.budgets.setText(",".join(result.budgets))
        self.max_tokens.setValue(result.max_tokens or 0)
        # As the file says; a value it leaves unset is shown as what a run does without one
        # (the model's recommended temperature, a random seed), not as greedy / seed 0.
        self._sampling = result.sampling
        self.temperature.set_temperature(result.sampling.temperature)
        self.seed.setValue(-1 if result.sampling.seed is None else result.sampling.seed)

    def chosen_problems(self) -> ProblemSet:
        """The problems picked (ProblemSetError with the reason when there are none)."""
        choice = self.problems.currentData()
        if choice == TYPED:
            question = self.question.toPlainText().strip()
            if not question:
                raise ProblemSetError(self.tr("Type the question to ask, or pick a problem set."))
            return single_problem(question, self.key.text().strip() or None)
        if choice in self._own_files:
            return self._own_files[choice]
        return load_problem_set(str(choice))

    def submit(self) -> bool:
        """Queues the sweep the form describes; False (with the reason shown) if it cannot."""
        try:
            problems = self.chosen_problems()
            budgets: list[SweepBudget] = parse_budgets(self.budgets.text())
        except (ProblemSetError, ValueError) as exc:
            self._show_error(shown(exc))
            return False
        self.error.setVisible(False)
        seed = self.seed.value()
        sampling = dataclasses.replace(
            self._sampling,
            temperature=self.temperature.temperature(),
            seed=None if seed < 0 else seed,
        )
        max_tokens = self.max_tokens.value() or None
        self.sweep_requested.emit(problems, budgets, sampling, max_tokens)
        return True

    def _show_error(self, text: str) -> None:
        self.error.setText(text)
        self.error.setVisible(True)
