"""The Fork dialog: cut a reply's thinking at a point, edit it or insert text, and continue.

A teacher shows what a hint, a planted error or one more "Wait" does to the reasoning: the
model goes on from the edited thinking, and the two continuations are shown side by side.
Whatever a person changed or inserted is stored as a "fork" intervention, so the trace never
passes off a person's words as the model's.

Thread: GUI thread.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import cast

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

from ponder.core.events import Event, InterventionEvent, InterventionReason, ThinkingEvent
from ponder.core.storage.store import StoredMessage

INSERT_PRESETS = (
    "Wait, let me double-check that.",
    "Hmm, I think I made a mistake somewhere.",
    "Hint: ",
    "Let me try a different approach.",
    "",
)


@dataclass(frozen=True, slots=True)
class ForkPlan:
    """What the model continues from: ``kept`` is the model's own thinking, untouched;
    ``inserted`` is everything a person wrote (their edits from the first changed character
    on, then the inserted text); ``budget``: thinking tokens for the continuation (None:
    unlimited)."""

    kept: str
    inserted: str
    budget: int | None


def plan_fork(original: str, edited: str, insert: str, budget: int | None) -> ForkPlan:
    """Splits ``edited`` (the thinking kept in the dialog, maybe edited) into the model's own
    words — the part equal to the start of ``original`` — and the person's."""
    common = 0
    for mine, theirs in zip(original, edited, strict=False):
        if mine != theirs:
            break
        common += 1
    if insert and edited and not edited[-1].isspace() and not insert[0].isspace():
        insert = " " + insert  # "…is 41." + "Wait" reads "…is 41. Wait"
    return ForkPlan(edited[:common], edited[common:] + insert, budget)


def fork_prelude(reply: StoredMessage, kept: str, inserted: str) -> tuple[Event, ...]:
    """The events that open a fork of ``reply``: its thinking up to the fork point (``kept``,
    a prefix of ``reply.thinking``) with Ponder's interventions in it still marked as
    Ponder's, then ``inserted`` as the person's "fork" intervention."""
    events: list[Event] = []
    position = 0
    for item in sorted(reply.interventions, key=lambda i: i.offset):
        if item.offset >= len(kept):
            break
        if item.offset > position:
            events.append(ThinkingEvent(kept[position : item.offset]))
        end = min(item.end, len(kept))
        visible = kept[item.offset : end]
        whole = end == item.end  # the fork point is after the whole injection
        reason = cast(InterventionReason, item.reason)  # stored from an InterventionEvent
        events.append(
            InterventionEvent(
                item.text if whole else visible, reason, item.position, item.tokens, visible
            )
        )
        position = max(position, end)
    if position < len(kept):
        events.append(ThinkingEvent(kept[position:]))
    if inserted:
        events.append(InterventionEvent(inserted, "fork", position=0, tokens=0, visible=inserted))
    return tuple(events)


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
        self.setWindowTitle("Fork the thinking")
        self.resize(720, 560)
        self._original = trace
        intro = QLabel(
            "The model goes on from the end of this thinking. Cut it shorter, change a step or "
            "plant an error; what you change or add is marked as yours in the trace. The new "
            "version appears beside the original when it is done."
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
        self.dropped.setToolTip("What the model wrote after the fork point: the fork drops it")
        self.dropped.setStyleSheet("color: palette(placeholder-text);")
        dropped_label = QLabel("Dropped: what the model wrote after this point")
        dropped_label.setVisible(bool(dropped_text))
        self.dropped.setVisible(bool(dropped_text))
        self.insert = QComboBox()
        self.insert.setObjectName("forkInsert")
        self.insert.setEditable(True)
        self.insert.addItems(list(INSERT_PRESETS))
        self.insert.setToolTip("Text added at the fork point: a hint, a doubt, a deliberate error")
        self.budget = QSpinBox()
        self.budget.setRange(0, 1_000_000)
        self.budget.setSingleStep(256)
        self.budget.setSpecialValueText("unlimited")
        self.budget.setValue(budget or 0)
        self.budget.setSuffix(" tokens")
        self.budget.setToolTip("Thinking tokens the model may add after the fork point")
        form = QFormLayout()
        form.addRow("Insert at the end", self.insert)
        form.addRow("Then think for", self.budget)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText("Continue from here")
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
