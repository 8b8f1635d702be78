"""Two versions of a reply side by side: a fork and its original, or two models' answers.

Each column shows one version's thinking (the same panel as the main window: self-checks
highlighted, interventions and the fork point marked), its answer and its figures, and has a
picker for any other version of the same reply. Columns are named for what makes them
different: "Original", "Fork: “Wait, …”", or the model's file name.

Thread: GUI thread.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import (
    QComboBox,
    QLabel,
    QScrollArea,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from ponder.core.servers.reference import shown_model_name
from ponder.core.storage.store import StoredMessage
from ponder.core.teaching.trajectory import trajectory
from ponder.core.trace import TraceState, seconds_text, tokens_text
from ponder.ui.answer.markdown import MarkdownRenderer
from ponder.ui.answer.view import AnswerView
from ponder.ui.screen_fit import initial_size
from ponder.ui.thinking.panel import ThinkingPanel
from ponder.ui.translations import shown


def fork_text(message: StoredMessage) -> str | None:
    """The text a person inserted where this reply was forked, or None if it was not."""
    fork = next((i for i in message.interventions if i.reason == "fork"), None)
    return fork.visible if fork is not None else None


def fork_offset(message: StoredMessage) -> int | None:
    fork = next((i for i in message.interventions if i.reason == "fork"), None)
    return fork.offset if fork is not None else None


def version_label(message: StoredMessage, versions: Sequence[StoredMessage]) -> str:
    """What tells this version apart from the others of the same reply."""
    inserted = fork_text(message)
    number = next((n for n, m in enumerate(versions, start=1) if m.id == message.id), 0)
    if inserted is not None:
        said = " ".join(inserted.split())
        said = said if len(said) <= 40 else said[:39] + "…"
        if said:
            return QCoreApplication.translate("CompareWindow", "{n}. Fork: “{text}”").format(
                n=number, text=said
            )
        return QCoreApplication.translate("CompareWindow", "{n}. Fork (edited thinking)").format(
            n=number
        )
    models = {_model_of(m) for m in versions}
    if len(models) > 1:
        model = _model_of(message) or QCoreApplication.translate("CompareWindow", "unknown model")
        return f"{number}. {model}"
    if number == 1:
        return QCoreApplication.translate("CompareWindow", "{n}. Original").format(n=number)
    return QCoreApplication.translate("CompareWindow", "{n}. Version {n}").format(n=number)


def _model_of(message: StoredMessage) -> str:
    generation = message.generation
    return shown_model_name(generation.model_path) if generation else ""


def figures(message: StoredMessage) -> str:
    """One line: model, thinking tokens and time, answer tokens, the value the answer gives
    (or, when it gives none, the last one the thinking reached, said to be that)."""
    parts = []
    model = _model_of(message)
    if model:
        parts.append(model)
    generation = message.generation
    stats = generation.stats if generation else None
    if stats is not None:
        parts.append(
            QCoreApplication.translate(
                "CompareWindow", "thought {seconds} · {thinking} · answer {answer}"
            ).format(
                seconds=shown(seconds_text(stats.thinking_s)),
                thinking=shown(tokens_text(stats.thinking_tokens)),
                answer=shown(tokens_text(stats.answer_tokens)),
            )
        )
    # "answer read" is read from the answer only; a value the thinking reached is named as
    # such (a fork's header showed the thinking's last number as the answer).
    final = trajectory(message.content).final
    thought = trajectory(message.thinking).final if final is None else None
    if final is not None:
        parts.append(
            QCoreApplication.translate("CompareWindow", "answer read: {value}").format(
                value=final.value
            )
        )
    elif thought is not None:
        parts.append(
            QCoreApplication.translate(
                "CompareWindow", "last value in the thinking: {value} (none in the answer)"
            ).format(value=thought.value)
        )
    if message.status != "complete":
        parts.append(message.status)
    return " · ".join(parts)


class ReplyColumn(QWidget):
    """One version: its picker, figures, thinking and answer."""

    def __init__(self, renderer: MarkdownRenderer, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.message: StoredMessage | None = None
        self._versions: list[StoredMessage] = []
        self.picker = QComboBox()
        self.picker.setObjectName("comparePicker")
        self.picker.currentIndexChanged.connect(self._picked)
        self.figures = QLabel()
        self.figures.setObjectName("compareFigures")
        self.figures.setWordWrap(True)
        self.panel = ThinkingPanel()
        self.panel.close_button.setVisible(False)  # both columns stay
        self.answer = AnswerView(renderer)
        answer_box = QScrollArea()
        answer_box.setWidgetResizable(True)
        answer_box.setWidget(self.answer)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.panel)
        split.addWidget(answer_box)
        split.setSizes([420, 220])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self.picker)
        layout.addWidget(self.figures)
        layout.addWidget(split, 1)

    def set_versions(self, versions: list[StoredMessage], chosen: int) -> None:
        self._versions = versions
        self.picker.blockSignals(True)
        self.picker.clear()
        for message in versions:
            self.picker.addItem(version_label(message, versions), message.id)
        self.picker.setCurrentIndex(max(0, self.picker.findData(chosen)))
        self.picker.blockSignals(False)
        self._picked(self.picker.currentIndex())

    def _picked(self, index: int) -> None:
        if not 0 <= index < len(self._versions):
            return
        message = self._versions[index]
        self.message = message
        self.figures.setText(figures(message))
        self.panel.show_trace(TraceState.from_message(message))
        self.answer.set_markdown(message.content)

    def scroll_to(self, offset: int) -> None:
        """Scrolls the thinking to about ``offset`` characters in (the fork point)."""
        view = self.panel.view
        cursor = QTextCursor(view.document())
        cursor.setPosition(max(0, min(offset, view.document().characterCount() - 1)))
        view.setTextCursor(cursor)
        view.ensureCursorVisible()


class CompareWindow(QWidget):
    """Two ``ReplyColumn``s of the versions of one reply. ``versions``: every version of the
    reply, oldest first; ``left`` and ``right``: the ids to show first."""

    def __init__(
        self,
        versions: list[StoredMessage],
        left: int,
        right: int,
        renderer: MarkdownRenderer,
        *,
        question: str = "",
        parent: QWidget | None = None,
    ) -> None:
        """``question``: the user's message the versions answer (shown above them)."""
        super().__init__(parent, Qt.WindowType.Window)
        self.setObjectName("compareWindow")
        self.setWindowTitle(self.tr("Side by side — Ponder"))
        initial_size(self, 1280, 760)
        self.question = QLabel(" ".join(question.split()))
        self.question.setObjectName("compareQuestion")
        self.question.setWordWrap(True)
        self.question.setContentsMargins(10, 8, 10, 0)
        self.question.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        bold = self.question.font()
        bold.setBold(True)
        self.question.setFont(bold)
        self.question.setVisible(bool(question.strip()))
        self.left = ReplyColumn(renderer)
        self.right = ReplyColumn(renderer)
        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(self.left)
        split.addWidget(self.right)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.question)
        layout.addWidget(split, 1)
        self.left.set_versions(versions, left)
        self.right.set_versions(versions, right)
        for column in (self.left, self.right):
            column.picker.currentIndexChanged.connect(lambda _i: self.align_to_fork())
        self.align_to_fork()

    def align_to_fork(self) -> None:
        """Scrolls both traces to the fork point when one of the two is a fork."""
        offsets = [
            fork_offset(column.message)
            for column in (self.left, self.right)
            if column.message is not None
        ]
        offset = next((o for o in offsets if o is not None), None)
        if offset is not None:
            self.left.scroll_to(offset)
            self.right.scroll_to(offset)
