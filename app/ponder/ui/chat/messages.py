"""One message on screen: the user's bubble, or an answer with its thinking chip and actions.

Thread: GUI thread.
"""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QMenu,
    QSizePolicy,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from ponder.core.reasoning.context_fit import left_out_text
from ponder.core.reply_details import draft_model_share, model_name, speed_parts
from ponder.core.storage.store import StoredMessage
from ponder.core.trace import TraceState, tokens_text
from ponder.ui.answer.markdown import MarkdownRenderer
from ponder.ui.answer.view import AnswerView, reading_width
from ponder.ui.flat_button import flat_button
from ponder.ui.theme.icons import icon
from ponder.ui.thinking.live_controls import THINK_LONGER_STEPS, think_longer_text
from ponder.ui.translations import QT_TRANSLATE_NOOP, shown

_STATUS_TEXT = {
    "cancelled": QT_TRANSLATE_NOOP("AssistantMessageWidget", "Stopped."),
    "interrupted": QT_TRANSLATE_NOOP(
        "AssistantMessageWidget",
        "Interrupted: Ponder closed before this answer was finished. "
        "What was written is kept; regenerate to get a whole answer.",
    ),
}


class VersionSwitcher(QWidget):
    """ "‹ 2/3 ›": moves between the versions of a message (regenerated or edited)."""

    version_requested = Signal(int)  # the message id to show

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ids: list[int] = []
        self._index = 0
        self.previous = flat_button("", self.tr("Previous version"), icon=icon("previous"))
        self.next = flat_button("", self.tr("Next version"), icon=icon("next"))
        self.label = QLabel()
        self.label.setObjectName("versionLabel")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        for widget in (self.previous, self.label, self.next):
            layout.addWidget(widget)
        self.previous.clicked.connect(lambda: self._go(-1))
        self.next.clicked.connect(lambda: self._go(1))
        self.setVisible(False)

    @property
    def count(self) -> int:
        return len(self._ids)

    def set_versions(self, ids: list[int], current: int) -> None:
        self._ids = ids
        self._index = ids.index(current) if current in ids else 0
        self.label.setText(f"{self._index + 1}/{len(ids)}")
        self.previous.setEnabled(self._index > 0)
        self.next.setEnabled(self._index < len(ids) - 1)
        self.setVisible(len(ids) > 1)

    def _go(self, step: int) -> None:
        index = self._index + step
        if 0 <= index < len(self._ids):
            self.version_requested.emit(self._ids[index])


def _action(text: str, tip: str, icon_name: str | None = None) -> QToolButton:
    """A message's action: the icon alone where there is one (the row fits a narrow column),
    its name in the tooltip and for screen readers."""
    if icon_name is None:
        return flat_button(text, tip, "messageAction")
    return flat_button(text, tip, "messageAction", icon(icon_name, "muted"), icon_only=True)


# A message longer than this is shown folded to its first COLLAPSED_CHARS, with "Show all".
COLLAPSE_OVER_CHARS = 4000
COLLAPSED_CHARS = 1200


class UserMessageWidget(QWidget):
    """The user's message: a bubble on the right, with Edit, Delete and the version switcher.
    A very long message (a pasted document) is folded, with "Show all"."""

    edit_requested = Signal(int, str)  # message id, its text
    delete_requested = Signal(int)  # message id

    def __init__(self, text: str, renderer: MarkdownRenderer, parent: QWidget | None = None):
        super().__init__(parent)
        self.message_id: int | None = None
        self.text = text
        self.bubble = AnswerView(renderer)
        self.bubble.setObjectName("userBubble")
        self.collapsed: bool = False
        self.expand = _action(self.tr("Show all"), self.tr("Show the whole message"))
        self.expand.clicked.connect(lambda: self.set_collapsed(not self.collapsed))
        self.set_collapsed(len(text) > COLLAPSE_OVER_CHARS)
        self.versions = VersionSwitcher()
        self.edit = _action(self.tr("Edit"), self.tr("Edit this message and send it again"), "edit")
        self.edit.clicked.connect(self._edit)
        self.edit.setEnabled(False)
        self.delete = _action(
            self.tr("Delete"),
            self.tr("Delete this message and the replies that followed it"),
            "delete",
        )
        self.delete.clicked.connect(self._delete)
        self.delete.setEnabled(False)
        bubble_box = QWidget()
        bubble_box.setObjectName("userBubbleBox")
        box = QVBoxLayout(bubble_box)
        box.setContentsMargins(10, 6, 10, 6)
        box.addWidget(self.bubble)
        bubble_box.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        self.bubble_box = bubble_box
        # A short message gets a bubble as wide as its text; a long one at most 4/5 of the row.
        padding = box.contentsMargins().left() + box.contentsMargins().right()
        bubble_box.setMaximumWidth(self.bubble.natural_width() + padding)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(bubble_box, 4)
        actions = QHBoxLayout()
        actions.addWidget(self.expand)
        actions.addStretch(1)
        actions.addWidget(self.versions)
        actions.addWidget(self.edit)
        actions.addWidget(self.delete)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(48, 6, 4, 0)
        layout.setSpacing(0)
        layout.addLayout(row)
        layout.addLayout(actions)

    def set_collapsed(self, collapsed: bool) -> None:
        """Folds a long message to its beginning, or shows it all."""
        long = len(self.text) > COLLAPSE_OVER_CHARS
        self.collapsed = collapsed and long
        shown = self.text[:COLLAPSED_CHARS].rstrip() + " …" if self.collapsed else self.text
        self.bubble.set_plain(shown)
        self.expand.setText(self.tr("Show all") if self.collapsed else self.tr("Show less"))
        self.expand.setToolTip(
            self.tr("Show the whole message ({0:,} characters)").format(len(self.text))
            if self.collapsed
            else self.tr("Fold the message again")
        )
        self.expand.setVisible(long)

    def set_message(self, message: StoredMessage) -> None:
        self.message_id = message.id
        self.edit.setEnabled(True)
        self.delete.setEnabled(True)

    def set_busy(self, busy: bool) -> None:
        self.edit.setEnabled(not busy and self.message_id is not None)
        self.delete.setEnabled(not busy and self.message_id is not None)
        self.versions.setEnabled(not busy)

    def _edit(self) -> None:
        if self.message_id is not None:
            self.edit_requested.emit(self.message_id, self.text)

    def _delete(self) -> None:
        if self.message_id is not None:
            self.delete_requested.emit(self.message_id)


# The teaching actions on an answer: (name the window acts on, menu text, tip).
# The texts are translated where the menu is built (AssistantMessageWidget).
TEACH_ACTIONS = (
    (
        "replay",
        QT_TRANSLATE_NOOP("AssistantMessageWidget", "Replay the thinking…"),
        QT_TRANSLATE_NOOP(
            "AssistantMessageWidget", "Play this reply's thinking back at a chosen pace"
        ),
    ),
    (
        "fork",
        QT_TRANSLATE_NOOP("AssistantMessageWidget", "Fork the thinking…"),
        QT_TRANSLATE_NOOP(
            "AssistantMessageWidget", "Edit or add to the thinking and let the model go on"
        ),
    ),
    (
        "compare",
        QT_TRANSLATE_NOOP("AssistantMessageWidget", "Compare versions side by side"),
        QT_TRANSLATE_NOOP("AssistantMessageWidget", "This version beside another one"),
    ),
    (
        "other_model",
        QT_TRANSLATE_NOOP("AssistantMessageWidget", "Answer with another model…"),
        QT_TRANSLATE_NOOP(
            "AssistantMessageWidget", "The same question, another model, side by side"
        ),
    ),
)


class AssistantMessageWidget(QWidget):
    """An answer: the thinking chip (opens the trace), the rendered answer, its status, and
    Regenerate / Copy / More (the teaching actions) / the version switcher. The teaching
    actions are also in the answer's context menu."""

    trace_requested = Signal(object)  # TraceState
    regenerate_requested = Signal(int)
    teach_requested = Signal(str, int)  # a TEACH_ACTIONS name, the message id
    think_longer_requested = Signal(int, object)  # the message id, more tokens (None: no limit)
    delete_requested = Signal(int)  # the message id

    def __init__(self, renderer: MarkdownRenderer, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.message_id: int | None = None
        self._busy = True
        self.failed = False  # an error reply: no answer to copy, only a try again
        self.trace = TraceState()
        self.chip = QToolButton()
        self.chip.setObjectName("thinkingChip")
        self.chip.setCursor(Qt.CursorShape.PointingHandCursor)
        self.chip.setToolTip(self.tr("Show how the model got there (the chain of thought)"))
        self.chip.clicked.connect(lambda: self.trace_requested.emit(self.trace))
        self.answer = AnswerView(renderer)
        self.answer.setObjectName("answerView")
        self.status = QLabel()
        self.status.setObjectName("messageStatus")
        self.status.setWordWrap(True)
        self.status.setVisible(False)
        self.details = QLabel()
        self.details.setObjectName("replyDetails")
        self.details.setWordWrap(True)
        self.details.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        small = self.details.font()
        small.setPointSizeF(max(7.0, small.pointSizeF() - 1))
        self.details.setFont(small)
        self.details.setVisible(False)
        self.context_note = QLabel()  # earlier turns left out to fit the context
        self.context_note.setObjectName("contextNote")
        self.context_note.setProperty("kind", "note")
        self.context_note.setWordWrap(True)
        self.context_note.setVisible(False)
        # What a server did not do as asked (a budget or switch it ignored), from the trace.
        self.notices = QLabel()
        self.notices.setObjectName("replyNotices")
        self.notices.setWordWrap(True)
        self.notices.setVisible(False)
        self.versions = VersionSwitcher()
        self.regenerate = _action(
            self.tr("Regenerate"), self.tr("Write a new answer to this message"), "regenerate"
        )
        self.regenerate.clicked.connect(self._regenerate)
        self.copy = _action(self.tr("Copy"), self.tr("Copy the answer (Markdown)"), "copy")
        self.copy.clicked.connect(
            lambda: QGuiApplication.clipboard().setText(self.answer.source_text)
        )
        self.think_longer = _action(
            self.tr("Think longer ▾"),
            self.tr(
                "A new version of this reply: the thinking goes on from where it stopped, "
                "then the model answers again"
            ),
        )
        self.think_longer.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        longer = QMenu(self.think_longer)
        for tokens in THINK_LONGER_STEPS:
            step = longer.addAction(think_longer_text(tokens))
            step.triggered.connect(lambda _checked=False, n=tokens: self._think_longer(n))
        self.think_longer.setMenu(longer)
        self.more = _action(self.tr("More ▾"), self.tr("Replay, fork, compare"))
        self.more.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.more.setMenu(self._teach_menu(QMenu(self.more)))
        self.delete = _action(
            self.tr("Delete"), self.tr("Delete this reply and what followed it"), "delete"
        )
        self.delete.clicked.connect(self._delete)
        self.answer.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.answer.customContextMenuRequested.connect(self._answer_menu)
        chip_row = QHBoxLayout()
        chip_row.addWidget(self.chip)
        chip_row.addStretch(1)
        actions = QHBoxLayout()
        actions.addWidget(self.versions)
        actions.addWidget(self.regenerate)
        actions.addWidget(self.copy)
        actions.addWidget(self.think_longer)
        actions.addWidget(self.more)
        actions.addWidget(self.delete)
        actions.addStretch(1)
        # The answer reads in a column of about 75 characters, however wide the window.
        self.column = QWidget()
        self.column.setObjectName("answerColumn")
        self.column.setMaximumWidth(reading_width(self.answer))
        layout = QVBoxLayout(self.column)
        layout.setContentsMargins(4, 8, 4, 4)
        layout.setSpacing(4)
        layout.addLayout(chip_row)
        layout.addWidget(self.context_note)
        layout.addWidget(self.notices)
        layout.addWidget(self.answer)
        layout.addWidget(self.status)
        layout.addLayout(actions)
        layout.addWidget(self.details)
        outer = QHBoxLayout(self)
        outer.setContentsMargins(0, 0, 20, 0)
        outer.addWidget(self.column, 1)
        outer.addStretch(0)
        self.set_busy(True)

    def set_message(self, message: StoredMessage) -> None:
        """Shows a stored reply."""
        self.message_id = message.id
        self.trace = TraceState.from_message(message)
        self.answer.set_markdown(message.content)
        self._show_status(message.status, message.error)
        self.show_context_note(message)
        self.update_chip()
        self.show_details(message)

    def show_details(self, message: StoredMessage) -> None:
        """Under the answer: the model that wrote it, its speed, the time to its first token
        and why it ended (from the stored record, so a reload shows the same)."""
        record = message.generation
        if record is None:
            self.details.setVisible(False)
            return
        name = model_name(record.model_path)
        parts = [name] if name else []
        if message.status != "error":
            parts += [shown(part) for part in speed_parts(record.stats, record.done_reason)]
        self.details.setText(" · ".join(parts))
        tip = [self.tr("Written by {0}").format(record.model_path)] if record.model_path else []
        if record.model_sha256:
            tip.append(f"sha256 {record.model_sha256}")
        stats = record.stats
        if stats is not None:
            tip.append(
                self.tr("Prompt: {0} ({1} reused) in {2:.2f} s").format(
                    shown(tokens_text(stats.prompt_tokens)),
                    stats.cached_prompt_tokens,
                    stats.prompt_eval_s,
                )
            )
            tip.append(
                self.tr("Thinking: {0} in {1:.2f} s · answer: {2} in {3:.2f} s").format(
                    shown(tokens_text(stats.thinking_tokens)),
                    stats.thinking_s,
                    shown(tokens_text(stats.answer_tokens)),
                    stats.answer_s,
                )
            )
            if share := draft_model_share(stats):
                tip.append(shown(share))
        self.details.setToolTip("\n".join(tip))
        self.details.setVisible(bool(parts))

    def show_context_note(self, message: StoredMessage) -> None:
        """Says how many earlier turns the engine left out of this reply's prompt."""
        stats = message.generation.stats if message.generation else None
        text = shown(left_out_text(stats.left_out_turns if stats else 0))
        self.context_note.setText(text)
        self.context_note.setVisible(bool(text))

    def bind_live(self, trace: TraceState) -> None:
        self.trace = trace
        self.update_chip()

    def append_answer(self, text: str) -> None:
        self.answer.append_markdown(text)

    def finish(self, reply_id: int | None, status: str, error: str | None) -> None:
        self.message_id = reply_id
        self._show_status(status, error)
        self.update_chip()

    def _show_status(self, status: str, error: str | None) -> None:
        text = (
            shown(error) if status == "error" and error else self.tr(_STATUS_TEXT.get(status, ""))
        )
        if status == "error" and not text:
            text = self.tr("Something went wrong while writing this answer.")
        self.status.setText(text)
        self.status.setProperty("kind", "error" if status == "error" else "note")
        # The style sheet reads the property when the label is polished: polish it again, so
        # a live reply's error is drawn as one stored and reloaded is.
        self.status.style().unpolish(self.status)
        self.status.style().polish(self.status)
        self.status.setVisible(bool(text))
        self.failed = status == "error"
        self.regenerate.setText(self.tr("Try again") if self.failed else self.tr("Regenerate"))
        self.set_busy(self._busy)

    def show_stopping(self) -> None:
        self.status.setText(self.tr("Stopping…"))
        self.status.setVisible(True)

    def update_chip(self) -> None:
        trace = self.trace
        self.chip.setText(shown(trace.summary()) + ("  ›" if trace.has_thinking else ""))
        self.chip.setEnabled(trace.has_thinking or trace.live)
        text = "\n".join(f"⚠ {shown(notice)}" for notice in trace.notices)
        if text != self.notices.text():
            self.notices.setText(text)
            self.notices.setVisible(bool(text))

    def set_busy(self, busy: bool) -> None:
        done = self.message_id is not None
        self.regenerate.setEnabled(not busy and done)
        self.regenerate.setVisible(done)
        self.copy.setVisible(done and not self.failed)
        self.more.setVisible(done and not self.failed)
        self.think_longer.setVisible(done and not self.failed and self.trace.has_thinking)
        self.think_longer.setEnabled(not busy)
        self.delete.setVisible(done)
        self.delete.setEnabled(not busy and done)
        self._busy = busy
        self.versions.setEnabled(not busy)

    def _teach_menu(self, menu: QMenu) -> QMenu:
        """Adds the teaching actions to ``menu`` (enabled as this reply allows)."""
        menu.aboutToShow.connect(lambda: self._enable_teach(menu))
        for name, text, tip in TEACH_ACTIONS:
            action = menu.addAction(self.tr(text))
            action.setObjectName(name)
            action.setToolTip(self.tr(tip))
            action.triggered.connect(lambda _checked=False, n=name: self._teach(n))
        self._enable_teach(menu)
        return menu

    def _enable_teach(self, menu: QMenu) -> None:
        done = self.message_id is not None
        busy = self._busy
        enabled = {
            "replay": done,
            "fork": done and not busy and self.trace.has_thinking,
            "compare": done and self.versions.count > 1,
            "other_model": done and not busy,
        }
        for action in menu.actions():
            if action.objectName() in enabled:
                action.setEnabled(enabled[action.objectName()])

    def _answer_menu(self, point: QPoint) -> None:
        menu = self.answer.createStandardContextMenu(point)
        if not self.answer.anchorAt(point):
            # Not on a link: Qt's "Copy Link Location" would only be greyed out.
            for action in menu.actions():
                if action.objectName() == "link-copy":
                    menu.removeAction(action)
        menu.addSeparator()
        self._teach_menu(menu)
        menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        menu.popup(self.answer.mapToGlobal(point))

    def _teach(self, name: str) -> None:
        if self.message_id is not None:
            self.teach_requested.emit(name, self.message_id)

    def _think_longer(self, tokens: int | None) -> None:
        if self.message_id is not None:
            self.think_longer_requested.emit(self.message_id, tokens)

    def _regenerate(self) -> None:
        if self.message_id is not None:
            self.regenerate_requested.emit(self.message_id)

    def _delete(self) -> None:
        if self.message_id is not None:
            self.delete_requested.emit(self.message_id)
