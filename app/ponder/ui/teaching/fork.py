"""The Fork dialog: cut a reply's thinking at a point, edit it or insert text, and continue.

The dialog asks where and what; the plan (what is the model's, what is the person's) is
``core.teaching.fork``'s. The two continuations are then shown side by side.

Thread: GUI thread.
"""

from __future__ import annotations

from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QPlainTextEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from ponder.core.teaching.fork import INSERT_PRESETS, ForkPlan, plan_fork
from ponder.ui.screen_fit import initial_size


class ForkDialog(QDialog):
    """Asks where and how to fork; ``plan()`` after it is accepted."""

    def __init__(
        self,
        trace: str,
        offset: int,
        budget: int | None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Fork the thinking"))
        initial_size(self, 720, 560)
        self._original = trace
        intro = QLabel(
            self.tr(
                "The model goes on from the end of this thinking. Cut it shorter, change a step or "
                "plant an error; what you change or add is marked as yours in the trace. The new "
                "version appears beside the original when it is done."
            )
        )
        intro.setWordWrap(True)
        head = trace[: max(0, min(offset, len(trace)))]
        # The trace's leading line breaks are not shown (as in the panel) but are kept.
        self._lead = head[: len(head) - len(head.lstrip("\n"))]
        self.kept = QPlainTextEdit(head[len(self._lead) :])
        self.kept.setObjectName("forkKept")
        self.kept.moveCursor(QTextCursor.MoveOperation.End)
        dropped_text = trace[max(0, min(offset, len(trace))) :].strip()
        self.dropped = QPlainTextEdit(dropped_text)
        self.dropped.setObjectName("forkDropped")
        self.dropped.setReadOnly(True)
        self.dropped.setMaximumHeight(96)
        self.dropped.setToolTip(
            self.tr("What the model wrote after the fork point: the fork drops it")
        )
        dropped_label = QLabel(self.tr("Dropped: what the model wrote after this point"))
        dropped_label.setVisible(bool(dropped_text))
        self.dropped.setVisible(bool(dropped_text))
        self.insert = QComboBox()
        self.insert.setObjectName("forkInsert")
        self.insert.setEditable(True)
        self.insert.addItems(list(INSERT_PRESETS))
        self.insert.setToolTip(
            self.tr("Text added at the fork point: a hint, a doubt, a deliberate error")
        )
        self.budget = QSpinBox()
        self.budget.setRange(0, 1_000_000)
        self.budget.setSingleStep(256)
        self.budget.setSpecialValueText(self.tr("unlimited"))
        self.budget.setValue(budget or 0)
        self.budget.setSuffix(self.tr(" tokens"))
        self.budget.setToolTip(self.tr("Thinking tokens the model may add after the fork point"))
        form = QFormLayout()
        form.addRow(self.tr("Insert at the end"), self.insert)
        form.addRow(self.tr("Then think for"), self.budget)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText(self.tr("Continue from here"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.kept.textChanged.connect(
            lambda: ok.setEnabled(bool(self.kept.toPlainText() or self.insert.currentText()))
        )
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.kept, 1)
        layout.addWidget(dropped_label)
        layout.addWidget(self.dropped)
        layout.addLayout(form)
        layout.addWidget(buttons)

    def plan(self) -> ForkPlan:
        return plan_fork(
            self._original,
            self._lead + self.kept.toPlainText(),
            self.insert.currentText(),
            self.budget.value() or None,
        )
