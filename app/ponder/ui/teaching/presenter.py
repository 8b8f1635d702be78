"""Presenter mode: the chain of thought and the answer side by side for a class, on a projector.

The question heads the window. Large type, high contrast (white on black), no conversation
list, no composer; the answer is
hidden until the teacher reveals it (the button or Space), so the class can guess first. The
thinking is drawn by a ``ThinkingPanel`` of its own (self-checks and interventions marked as in
the main window) and follows the controller live while a reply streams. Esc, F11 or
Ctrl+Shift+P leave. Sized for 1280×720; fits an 800×600 projector (the header and the keys
wrap, the reveal button sits with the keys at the bottom).

Thread: GUI thread.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QCloseEvent, QColor, QKeySequence, QPalette, QShortcut
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from ponder.core.storage.store import StoredMessage
from ponder.core.trace import TraceState
from ponder.ui.answer.markdown import MarkdownRenderer
from ponder.ui.answer.view import AnswerView
from ponder.ui.chat.controller import ChatController
from ponder.ui.chat.live_reply import LiveReply
from ponder.ui.screen_fit import initial_size
from ponder.ui.theme.icons import fixed_icon
from ponder.ui.thinking.live_controls import ANSWER_NOW_SHORTCUT
from ponder.ui.thinking.panel import ThinkingPanel

TRACE_POINTS = 20
ANSWER_POINTS = 24
LEAVE_KEYS = ("Esc", "F11", "Ctrl+Shift+P")
_COLOURS = {
    QPalette.ColorRole.Window: "#000000",
    QPalette.ColorRole.Base: "#000000",
    QPalette.ColorRole.WindowText: "#ffffff",
    QPalette.ColorRole.Text: "#ffffff",
    QPalette.ColorRole.Button: "#1a1a1a",
    QPalette.ColorRole.ButtonText: "#ffffff",
    QPalette.ColorRole.Highlight: "#ffd200",
    QPalette.ColorRole.HighlightedText: "#000000",
}
_STYLE = f"""
#presenterView QWidget {{ font-size: {TRACE_POINTS}pt; }}
#presenterView #presenterAnswer {{ font-size: {ANSWER_POINTS}pt; }}
#presenterView #presenterQuestion {{ font-size: {ANSWER_POINTS}pt; font-weight: bold; }}
#presenterView #leaveHint {{ font-size: 12pt; color: #bbb; }}
#presenterView, #presenterView QScrollArea, #presenterView QTextBrowser {{ background: #000; }}
#presenterView QLabel, #presenterView QTextBrowser {{ color: #fff; }}
#presenterView #hiddenAnswer {{ color: #bbb; border: 3px dashed #666; border-radius: 12px;
    padding: 12px; }}
#presenterView QPushButton {{ background: #ffd200; color: #000; font-weight: bold;
    border-radius: 8px; padding: 8px 22px; }}
#presenterView #presenterAnswerPage, #presenterView #thinkingPanel {{ background: #000; }}
#presenterView QSplitter::handle {{ background: #444; }}
"""


class PresenterView(QWidget):
    """Presenter mode as a window of its own; ``left`` when the presenter leaves it."""

    left = Signal()

    def __init__(
        self,
        controller: ChatController,
        renderer: MarkdownRenderer,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.setObjectName("presenterView")
        self.setWindowTitle(
            self.tr("Presenter — Ponder")
        )  # ends with the display name: Qt adds none
        self.controller = controller
        palette = self.palette()
        for role, colour in _COLOURS.items():
            palette.setColor(role, QColor(colour))
        self.setPalette(palette)
        self.setAutoFillBackground(True)
        self.setStyleSheet(_STYLE)
        self.panel = ThinkingPanel()
        self.panel.title.setText(self.tr("How the model thinks"))
        # Its own black, whatever the theme: the panel's icons in its own text colour.
        ink = _COLOURS[QPalette.ColorRole.WindowText]
        self.panel.close_button.setIcon(fixed_icon("close", ink))
        self.panel.answer_now.setIcon(fixed_icon("answer_now", ink))
        self.panel.close_requested.connect(self.leave)
        self.panel.answer_now_requested.connect(controller.answer_now)
        self.panel.answer_now.set_refusal(controller.host.live_refusal)
        self.panel.think_longer_requested.connect(controller.think_longer)
        self.answer = AnswerView(renderer)
        self.answer.setObjectName("presenterAnswer")
        self.hidden_label = QLabel(self.tr("The answer is hidden.\nWhat do you think it will be?"))
        self.hidden_label.setObjectName("hiddenAnswer")
        self.hidden_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.hidden_label.setWordWrap(True)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        holder = QWidget()
        holder.setObjectName("presenterAnswerPage")
        holder_layout = QVBoxLayout(holder)
        holder_layout.setContentsMargins(8, 8, 8, 8)
        holder_layout.addWidget(self.answer)
        holder_layout.addStretch(1)
        scroll.setWidget(holder)
        self.answer_pages = QStackedWidget()
        self.answer_pages.addWidget(self.hidden_label)
        self.answer_pages.addWidget(scroll)
        answer_title = QLabel(self.tr("Answer"))
        bold = answer_title.font()
        bold.setBold(True)
        answer_title.setFont(bold)
        self.reveal_button = QPushButton(self.tr("Reveal answer"))
        self.reveal_button.setToolTip(self.tr("Show or hide the answer (Space)"))
        # Space belongs to the reveal, not to a text view (which would take it to scroll).
        for widget in (self.reveal_button, self.panel.view, self.answer):
            widget.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.reveal_button.clicked.connect(self.toggle_reveal)
        side = QWidget()
        side_layout = QVBoxLayout(side)
        side_layout.setContentsMargins(14, 8, 14, 8)
        side_layout.addWidget(answer_title)
        side_layout.addWidget(self.answer_pages, 1)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(self.panel)
        self.splitter.addWidget(side)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        # The panel picks its self-check colour from its palette: now the presenter's, black.
        self.panel.setPalette(palette)
        self.panel.dark = True
        self.panel.refresh_theme()
        self.question = QLabel()
        self.question.setObjectName("presenterQuestion")
        self.question.setWordWrap(True)
        self.question.setTextFormat(Qt.TextFormat.PlainText)
        self.hint = QLabel()
        self.hint.setObjectName("leaveHint")
        self.hint.setWordWrap(True)
        self.hint.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        # The teacher's controls along the bottom: the reveal button (beside "Answer" it made
        # the answer's column, and the window, too wide for an 800-pixel projector) and the
        # keys, wrapped on a narrow screen.
        controls = QHBoxLayout()
        controls.setContentsMargins(14, 2, 8, 0)
        controls.addWidget(self.reveal_button)
        controls.addWidget(self.hint, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 4)
        layout.setSpacing(2)
        layout.addWidget(self.question)
        layout.addWidget(self.splitter, 1)
        layout.addLayout(controls)
        for keys in LEAVE_KEYS:
            QShortcut(QKeySequence(keys), self, self.leave)
        QShortcut(QKeySequence("Space"), self, self.toggle_reveal)
        QShortcut(QKeySequence(ANSWER_NOW_SHORTCUT), self, controller.answer_now)
        initial_size(self, 1280, 720)
        self.splitter.setSizes([740, 540])
        controller.conversation_opened.connect(self._conversation_opened)
        controller.reply_begun.connect(self._reply_begun)
        controller.reply_updated.connect(self._reply_updated)
        controller.reply_ended.connect(self._reply_ended)
        self.reveal(False)

    # ----- showing ---------------------------------------------------------------------------

    def show_reply(self, trace: TraceState | None, answer: str, question: str = "") -> None:
        """Shows one reply to ``question``, its answer hidden until revealed."""
        self.question.setText(question)
        self.question.setVisible(bool(question))
        self.panel.show_trace(trace)
        self.answer.set_markdown(answer)
        self.reveal(False)

    def show_message(self, message: StoredMessage | None) -> None:
        """Shows a stored reply (None: nothing yet)."""
        if message is None:
            self.show_reply(None, "")
        else:
            asked = next(
                (m.content for m in self.controller.messages if m.id == message.parent_id), ""
            )
            self.show_reply(TraceState.from_message(message), message.content, asked)

    def show_current(self) -> None:
        """Shows the reply streaming now, else the conversation's last reply."""
        live = self.controller.live
        if live is not None and live.conversation_id == self.controller.conversation_id:
            self.show_reply(live.trace, live.answer_text, self._live_question(live))
            return
        messages = self.controller.messages
        self.show_message(next((m for m in reversed(messages) if m.role == "assistant"), None))

    @property
    def revealed(self) -> bool:
        return self.answer_pages.currentIndex() == 1

    def reveal(self, shown: bool = True) -> None:
        self.answer_pages.setCurrentIndex(1 if shown else 0)
        self.reveal_button.setText(self.tr("Hide answer") if shown else self.tr("Reveal answer"))
        hint = (
            self.tr("Space: hide the answer · {keys}: answer now · Esc: leave presenter mode")
            if shown
            else self.tr(
                "Space: reveal the answer · {keys}: answer now · Esc: leave presenter mode"
            )
        )
        self.hint.setText(hint.format(keys=ANSWER_NOW_SHORTCUT))

    def toggle_reveal(self) -> None:
        self.reveal(not self.revealed)

    def enter(self) -> None:
        """Fills the screen (the projector) with the current reply."""
        self.show_current()
        self.showFullScreen()
        self.raise_()
        self.activateWindow()

    def leave(self) -> None:
        self.close()

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 (Qt's name)
        super().closeEvent(event)
        self.left.emit()

    # ----- following the controller --------------------------------------------------------

    def _conversation_opened(self, _conversation_id: int, messages: list) -> None:
        if self.isVisible():
            self.show_message(next((m for m in reversed(messages) if m.role == "assistant"), None))

    def _reply_begun(self, live: LiveReply, _keep: int) -> None:
        if self.isVisible():
            self.show_reply(live.trace, "", self._live_question(live))

    def _live_question(self, live: LiveReply) -> str:
        """The question the streaming reply answers: a new one, or the last one asked."""
        if live.user_text is not None:
            return live.user_text
        asked = [m for m in self.controller.messages if m.role == "user"]
        return asked[-1].content if asked else ""

    def _reply_updated(self, live: LiveReply, answer_delta: str) -> None:
        if self.panel.trace is live.trace:
            self.panel.sync()
            self.answer.append_markdown(answer_delta)

    def _reply_ended(self, live: LiveReply) -> None:
        if self.panel.trace is live.trace:
            self.panel.sync()
            if self.answer.source_text != live.answer_text:
                self.answer.set_markdown(live.answer_text)
