"""The conversation in the centre: its messages top to bottom, the live answer at the end.

Thread: GUI thread.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QScrollArea, QVBoxLayout, QWidget

from ponder.core.storage.store import StoredMessage
from ponder.core.trace import TraceState
from ponder.ui.answer.markdown import MarkdownRenderer
from ponder.ui.answer.view import reading_width
from ponder.ui.chat.messages import AssistantMessageWidget, UserMessageWidget
from ponder.ui.chat.suggestions import SuggestionPanel

MessageWidget = UserMessageWidget | AssistantMessageWidget


class ConversationView(QScrollArea):
    """Shows a thread of messages. The window wires its signals to the controller."""

    trace_requested = Signal(object)  # TraceState
    regenerate_requested = Signal(int)
    edit_requested = Signal(int, str)
    version_requested = Signal(int)
    teach_requested = Signal(str, int)  # a TEACH_ACTIONS name, the reply's id
    suggestion_chosen = Signal(object)  # a Suggestion of the empty conversation
    think_longer_requested = Signal(int, object)  # the reply's id, more tokens (None: no limit)
    delete_requested = Signal(int)  # a message's id

    def __init__(self, renderer: MarkdownRenderer, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.renderer = renderer
        self.setObjectName("conversationView")
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self._content = QWidget()
        self._content.setObjectName("conversationContent")
        # The thread is a centred column: answers at a reading width, with room for the bubbles.
        column = QWidget()
        column.setMaximumWidth(reading_width(self) * 3 // 2)
        centred = QHBoxLayout(self._content)
        centred.setContentsMargins(0, 0, 0, 0)
        centred.addStretch(1)
        centred.addWidget(column, 100)  # all the width, up to its maximum; then the margins
        centred.addStretch(1)
        self._layout = QVBoxLayout(column)
        self._layout.setContentsMargins(16, 12, 16, 12)
        self._layout.setSpacing(4)
        # A new conversation: a hint and prompts to start from.
        self._empty = SuggestionPanel()
        self._empty.chosen.connect(self.suggestion_chosen)
        self._layout.addWidget(self._empty)  # centred: its maximum width is below the view's
        self._layout.addStretch(1)
        self.setWidget(self._content)
        self.widgets: list[MessageWidget] = []
        self.live_widget: AssistantMessageWidget | None = None
        self._follow = True
        self.verticalScrollBar().rangeChanged.connect(self._keep_at_bottom)
        self.verticalScrollBar().valueChanged.connect(self._on_scrolled)
        self.set_empty_hint("")

    # ----- building ----------------------------------------------------------------------------

    @property
    def suggestions(self) -> SuggestionPanel:
        return self._empty

    def set_empty_hint(self, text: str) -> None:
        self._empty.set_hint(text)
        self._empty.setVisible(bool(text) and not self.widgets)

    def clear(self) -> None:
        for widget in self.widgets:
            self._layout.removeWidget(widget)
            widget.hide()  # gone from the screen now, not when the deferred delete runs
            widget.deleteLater()
        self.widgets = []
        self.live_widget = None
        self._empty.setVisible(bool(self._empty.hint.text()))

    def show_thread(self, messages: list[StoredMessage], versions: dict[int, list[int]]) -> None:
        """Shows a stored thread; ``versions`` maps a message id to its versions' ids."""
        self.clear()
        for message in messages:
            widget = self._add(message.role, message.content)
            widget.set_message(message)
            widget.versions.set_versions(versions.get(message.id, [message.id]), message.id)
            widget.set_busy(False)
        self._follow = True
        self._scroll_to_bottom()

    def _add(self, role: str, text: str) -> MessageWidget:
        widget: MessageWidget
        if role == "user":
            widget = UserMessageWidget(text, self.renderer)
            widget.edit_requested.connect(self.edit_requested)
        else:
            widget = AssistantMessageWidget(self.renderer)
            widget.trace_requested.connect(self.trace_requested)
            widget.regenerate_requested.connect(self.regenerate_requested)
            widget.teach_requested.connect(self.teach_requested)
            widget.think_longer_requested.connect(self.think_longer_requested)
        widget.versions.version_requested.connect(self.version_requested)
        widget.delete_requested.connect(self.delete_requested)
        self._layout.insertWidget(self._layout.count() - 1, widget)
        self.widgets.append(widget)
        self._empty.setVisible(False)
        return widget

    # ----- the live reply ----------------------------------------------------------------

    def begin_live(self, keep: int, user_text: str | None, trace: TraceState) -> None:
        """Drops the messages after the first ``keep`` and appends the new turn."""
        for widget in self.widgets[keep:]:
            self._layout.removeWidget(widget)
            widget.hide()  # gone from the screen now, not when the deferred delete runs
            widget.deleteLater()
        del self.widgets[keep:]
        for widget in self.widgets:
            widget.set_busy(True)
        if user_text is not None:
            self._add("user", user_text)
        live = self._add("assistant", "")
        assert isinstance(live, AssistantMessageWidget)
        live.bind_live(trace)
        self.live_widget = live
        self._follow = True

    def update_live(self, answer_delta: str, stopping: bool) -> None:
        live = self.live_widget
        if live is None:
            return
        if answer_delta:
            live.append_answer(answer_delta)
        if stopping:
            live.show_stopping()
        live.update_chip()

    def finish_live(
        self,
        messages: list[StoredMessage],
        versions: dict[int, list[int]],
        error: str | None = None,
    ) -> None:
        """The turn ended and ``messages`` is the thread as stored: the new widgets learn
        their ids and versions in place (nothing is re-rendered). ``error``: the live reply's
        own (as core made it, so the window can show it in its language; the stored one is
        English)."""
        live = self.live_widget
        self.live_widget = None
        if len(messages) != len(self.widgets) or any(
            w.message_id not in (None, m.id) for w, m in zip(self.widgets, messages, strict=True)
        ):
            self.show_thread(messages, versions)
            return
        for widget, message in zip(self.widgets, messages, strict=True):
            if widget is live:
                assert isinstance(widget, AssistantMessageWidget)
                widget.trace.message_id = message.id
                widget.finish(message.id, message.status, error or message.error)
                widget.show_details(message)
                widget.show_context_note(message)
            elif widget.message_id is None:
                widget.set_message(message)
            widget.versions.set_versions(versions.get(message.id, [message.id]), message.id)
            widget.set_busy(False)

    # ----- scrolling -------------------------------------------------------------------------

    def _on_scrolled(self, value: int) -> None:
        bar = self.verticalScrollBar()
        self._follow = value >= bar.maximum() - 8

    def _keep_at_bottom(self, minimum: int, maximum: int) -> None:
        if self._follow:
            self.verticalScrollBar().setValue(maximum)

    def _scroll_to_bottom(self) -> None:
        QTimer.singleShot(
            0, lambda: self.verticalScrollBar().setValue(self.verticalScrollBar().maximum())
        )
