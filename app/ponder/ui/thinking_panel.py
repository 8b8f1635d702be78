"""The chain-of-thought panel, beside the answer: one reply's thinking, live while it streams.

The trace is plain text split into steps (its paragraphs), the model's self-checks
highlighted (``TraceHighlighter``) and Ponder's interventions marked with their own colour and
a tooltip that says why. Streamed text is appended at the end of the document — the trace is
never re-rendered while it grows. The header reads "Thinking… 341 tokens · 12.4 s" while
live and "Thought for 12.4 s · 512 tokens" after.

Thread: GUI thread.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QPoint, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QHelpEvent,
    QPalette,
    QTextBlockFormat,
    QTextCharFormat,
    QTextCursor,
)
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QTextBrowser,
    QToolButton,
    QToolTip,
    QVBoxLayout,
    QWidget,
)

from ponder.ui.trace_highlighter import INTERVENTION_PROPERTY, TraceHighlighter
from ponder.ui.trace_state import (
    TraceRun,
    TraceState,
    intervention_label,
    intervention_tooltip,
)


class ThinkingPanel(QWidget):
    """Shows one ``TraceState``; ``close_requested`` when the user hides the panel."""

    close_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("thinkingPanel")
        self.trace: TraceState | None = None
        self._shown_runs = 0
        self.title = QLabel("Chain of thought")
        self.title.setObjectName("panelTitle")
        bold = self.title.font()
        bold.setBold(True)
        self.title.setFont(bold)
        self.header = QLabel("")
        self.header.setObjectName("thinkingHeader")
        self.header.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        close = QToolButton()
        close.setText("✕")
        close.setAutoRaise(True)
        close.setToolTip("Hide the chain of thought (Ctrl+T)")
        close.clicked.connect(self.close_requested)
        top = QHBoxLayout()
        top.setContentsMargins(10, 8, 6, 0)
        top.addWidget(self.title)
        top.addStretch(1)
        top.addWidget(close)
        self.view = QTextBrowser()
        self.view.setObjectName("traceView")
        self.view.setFrameShape(QFrame.Shape.NoFrame)
        self.view.setOpenLinks(False)
        self.view.viewport().installEventFilter(self)
        self.view.document().setDocumentMargin(10)
        self.highlighter = TraceHighlighter(self.view.document(), self._self_check_color())
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addLayout(top)
        self.header.setContentsMargins(10, 0, 10, 4)
        layout.addWidget(self.header)
        self.hint = QLabel(
            "The model's thinking appears here while it works. Click an answer's "
            "“Thought for …” chip to see how it got there."
        )
        self.hint.setObjectName("hint")
        self.hint.setWordWrap(True)
        self.hint.setContentsMargins(10, 8, 10, 0)
        self.hint.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.hint, 1)
        layout.addWidget(self.view, 1)
        self._step_format = QTextBlockFormat()
        self._step_format.setBottomMargin(4)
        self._step_format.setLineHeight(
            118, QTextBlockFormat.LineHeightTypes.ProportionalHeight.value
        )

    # ----- colours ---------------------------------------------------------------------------

    def _dark(self) -> bool:
        return self.palette().color(QPalette.ColorRole.Base).lightness() < 128

    def _self_check_color(self) -> QColor:
        return QColor("#7fb2ff") if self._dark() else QColor("#1f5fbf")

    def _intervention_format(self, run: TraceRun) -> QTextCharFormat:
        fmt = QTextCharFormat()
        fmt.setBackground(QColor("#5a4314") if self._dark() else QColor("#ffe8b0"))
        fmt.setForeground(QColor("#ffd27a") if self._dark() else QColor("#6b4500"))
        fmt.setFontItalic(True)
        fmt.setToolTip(intervention_tooltip(run.reason or "", run.position))
        fmt.setProperty(INTERVENTION_PROPERTY, run.reason or "")
        return fmt

    def refresh_theme(self) -> None:
        """Redraws with the current palette's colours (after a theme change)."""
        self.highlighter.set_color(self._self_check_color())
        if self.trace is not None:
            self.show_trace(self.trace)

    # ----- content ---------------------------------------------------------------------------

    def show_trace(self, trace: TraceState | None) -> None:
        """Shows ``trace`` from its start (a stored reply, or a live one being switched to)."""
        self.trace = trace
        self._shown_runs = 0
        document = self.view.document()
        document.clear()
        cursor = QTextCursor(document)
        cursor.setBlockFormat(self._step_format)
        self.sync()

    def sync(self) -> None:
        """Appends the runs added to the trace since the last call, and updates the header."""
        trace = self.trace
        self.hint.setVisible(trace is None)
        self.view.setVisible(trace is not None)
        if trace is None:
            self.header.setText("")
            return
        runs = trace.runs
        if self._shown_runs < len(runs):
            bar = self.view.verticalScrollBar()
            at_bottom = bar.value() >= bar.maximum() - 4
            cursor = QTextCursor(self.view.document())
            cursor.movePosition(QTextCursor.MoveOperation.End)
            cursor.beginEditBlock()
            for run in runs[self._shown_runs :]:
                self._append(cursor, run)
            cursor.endEditBlock()
            self._shown_runs = len(runs)
            if at_bottom and trace.live:
                bar.setValue(bar.maximum())
        self.update_header()

    def _append(self, cursor: QTextCursor, run: TraceRun) -> None:
        plain = QTextCharFormat()
        text = run.text.lstrip() if self.view.document().isEmpty() else run.text
        if run.reason is None:
            # The model's own text, unformatted: the self-check highlighter colours it.
            cursor.insertText(text, plain)
            return
        core = text.strip()
        if not core:  # nothing visible was injected (only the end-of-thinking tag)
            cursor.insertText(" ", plain)
            cursor.insertText(intervention_label(run.reason), self._intervention_format(run))
            return
        start = text.index(core)
        cursor.insertText(text[:start], plain)
        cursor.insertText(core, self._intervention_format(run))
        cursor.insertText(text[start + len(core) :], plain)

    def update_header(self) -> None:
        self.header.setText(self.trace.summary() if self.trace is not None else "")

    @property
    def trace_text(self) -> str:
        """The text on show (tests and the self-test read it)."""
        return self.view.toPlainText()

    # ----- tooltips ----------------------------------------------------------------------------

    def tooltip_at(self, point: QPoint) -> str:
        """The tooltip of the text under ``point`` (viewport coordinates): why Ponder stepped
        in, over an intervention; "" elsewhere."""
        cursor = self.view.cursorForPosition(point)
        for position in (cursor.position(), cursor.position() + 1):
            probe = QTextCursor(self.view.document())
            probe.setPosition(min(position, self.view.document().characterCount() - 1))
            fmt = probe.charFormat()
            if fmt.hasProperty(INTERVENTION_PROPERTY):
                return fmt.toolTip()
        return ""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        if watched is self.view.viewport() and event.type() == QEvent.Type.ToolTip:
            assert isinstance(event, QHelpEvent)
            text = self.tooltip_at(event.pos())
            if text:
                QToolTip.showText(event.globalPos(), text, self.view)
            else:
                QToolTip.hideText()
            return True
        return super().eventFilter(watched, event)
