"""The composer under the conversation: the message box, Send / Stop / Regenerate, and the
thinking budget. Editing an earlier message happens here too ("edit and resend").

Thread: GUI thread.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ponder.core.settings import Settings
from ponder.ui.chat.budget_controls import BudgetSelector
from ponder.ui.chat.context_meter import ContextMeter
from ponder.ui.flat_button import flat_button
from ponder.ui.theme.apply import mark
from ponder.ui.theme.icons import icon
from ponder.ui.thinking.live_controls import AnswerNowButton

SEND_SHORTCUT = QKeySequence("Ctrl+Return")


class Composer(QWidget):
    """Says what the user wants: ``send_requested(text)``, ``edit_submitted(id, text)``,
    ``stop_requested``, ``regenerate_requested``; the budget selector says ``settingsChanged``."""

    send_requested = Signal(str)
    edit_submitted = Signal(int, str)
    stop_requested = Signal()
    regenerate_requested = Signal()

    def __init__(self, settings: Settings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("composer")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground)  # the conversation's surface
        self._editing: int | None = None
        self._busy = self._can_regenerate = False
        self.editor = QPlainTextEdit()
        self.editor.setObjectName("composerInput")
        self.editor.setPlaceholderText(self.tr("Ask something… (Ctrl+Enter to send)"))
        self.editor.setTabChangesFocus(True)
        self.editor.setFixedHeight(84)
        self.editor.installEventFilter(self)
        self.edit_banner = QLabel()
        self.edit_banner.setObjectName("editBanner")
        # Wrapped: one long line would set the composer's minimum width and squeeze the
        # sidebar and the trace panel whenever an edit starts (#13 item 7).
        self.edit_banner.setWordWrap(True)
        self.cancel_edit = flat_button(
            self.tr("Cancel edit"), self.tr("Keep the conversation as it is (Esc)")
        )
        self.cancel_edit.clicked.connect(self.leave_edit)
        self.meter = ContextMeter()
        self.editor.textChanged.connect(lambda: self.meter.set_draft(self.editor.toPlainText()))
        self.budget = BudgetSelector(settings)
        self.send_button = QPushButton(icon("send", "on_accent"), self.tr("Send"))
        self.send_button.setObjectName("sendButton")
        self.send_button.setProperty("primary", True)
        self.send_button.setDefault(True)
        self.send_button.setToolTip(self.tr("Send (Ctrl+Enter)"))
        self.send_button.clicked.connect(self.submit)
        self.stop_button = QPushButton(icon("stop"), self.tr("Stop"))
        self.stop_button.setObjectName("stopButton")
        self.stop_button.setToolTip(self.tr("Stop the answer now (Esc)"))
        self.stop_button.clicked.connect(self.stop_requested)
        # While the model thinks: end the thinking now, or give it more room.
        self.answer_now = AnswerNowButton()
        self.regenerate_button = QPushButton(icon("regenerate"), self.tr("Regenerate"))
        self.regenerate_button.setToolTip(
            self.tr("Write a new answer to the last message (Ctrl+R)")
        )
        self.regenerate_button.clicked.connect(self.regenerate_requested)
        # The thinking controls sit above the message, beside the context meter: in the row of
        # buttons below they made the composer (and so the window) too wide for small screens.
        # The edit banner has a row of its own (shown only while editing).
        banner = QHBoxLayout()
        banner.addWidget(self.edit_banner, 1)
        banner.addWidget(self.cancel_edit)
        controls = QHBoxLayout()
        controls.addWidget(self.budget)
        controls.addStretch(1)
        controls.addWidget(self.meter)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.regenerate_button)
        row.addWidget(self.answer_now)
        row.addWidget(self.stop_button)
        row.addWidget(self.send_button)
        # The message box and its buttons are one rounded card (the style sheet draws it; its
        # edge shows the focus ring while the box has the keyboard).
        self.card = QFrame()
        self.card.setObjectName("composerCard")
        card = QVBoxLayout(self.card)
        card.setContentsMargins(6, 6, 8, 8)
        card.setSpacing(2)
        card.addWidget(self.editor)
        card.addLayout(row)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 6, 16, 10)
        layout.setSpacing(6)
        layout.addLayout(banner)
        layout.addLayout(controls)
        layout.addWidget(self.card)
        self._show_banner(False)
        self.set_busy(False, can_regenerate=False)

    # ----- state -------------------------------------------------------------------------------

    def set_busy(self, busy: bool, *, can_regenerate: bool) -> None:
        """While an answer streams, Stop replaces Send."""
        self.stop_button.setVisible(busy)
        self.stop_button.setEnabled(busy)
        if not busy:
            self.answer_now.set_thinking(False)
        self.send_button.setVisible(not busy)
        self._busy, self._can_regenerate = busy, can_regenerate
        self._enable_regenerate()

    def _enable_regenerate(self) -> None:
        """Regenerate answers the last message: not while an answer streams, nor while an
        earlier message is being edited (Resend is the way on from there)."""
        self.regenerate_button.setEnabled(
            not self._busy and self._can_regenerate and self._editing is None
        )

    def set_stopping(self) -> None:
        self.stop_button.setEnabled(False)

    def begin_edit(self, message_id: int, text: str) -> None:
        """Puts an earlier message in the box; sending replaces it (the old one is kept)."""
        self._editing = message_id
        self.editor.setPlainText(text)
        self.editor.setFocus()
        self.send_button.setText(self.tr("Resend"))
        self._show_banner(True)
        self._enable_regenerate()

    def leave_edit(self) -> None:
        if self._editing is not None:
            self._editing = None
            self.editor.clear()
        self.send_button.setText(self.tr("Send"))
        self._show_banner(False)
        self._enable_regenerate()

    @property
    def editing(self) -> int | None:
        return self._editing

    def _show_banner(self, shown: bool) -> None:
        self.edit_banner.setText(
            self.tr(
                "Editing an earlier message: sending it starts a new version of the conversation "
                "from there (the old one is kept)."
            )
        )
        self.edit_banner.setVisible(shown)
        self.cancel_edit.setVisible(shown)

    # ----- sending -----------------------------------------------------------------------------

    def submit(self) -> None:
        text = self.editor.toPlainText().strip()
        if not text or not self.send_button.isVisible():
            return
        if self._editing is not None:
            message_id = self._editing
            self.edit_submitted.emit(message_id, text)
        else:
            self.send_requested.emit(text)

    def accepted(self) -> None:
        """The window took the message: clear the box."""
        self._editing = None
        self.editor.clear()
        self.leave_edit()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        if watched is self.editor and event.type() in (
            QEvent.Type.FocusIn,
            QEvent.Type.FocusOut,
        ):
            mark(self.card, "focused", event.type() == QEvent.Type.FocusIn)
        if watched is self.editor and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            if (
                event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
                and event.modifiers() & Qt.KeyboardModifier.ControlModifier
            ):
                self.submit()
                return True
            if event.key() == Qt.Key.Key_Escape and self._editing is not None:
                self.leave_edit()
                return True
        return super().eventFilter(watched, event)
