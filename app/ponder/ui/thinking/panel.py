"""The chain-of-thought panel, beside the answer: one reply's thinking, live while it streams.

The trace is plain text split into steps (its paragraphs), the model's self-checks
highlighted (``TraceHighlighter``) and Ponder's interventions marked with their own colour and
a tooltip that says why. Streamed text is appended at the end of the document — the trace is
never re-rendered while it grows. The header reads "Thinking… 341 tokens · 12.4 s" while
live and "Thought for 12.4 s · 512 tokens" after.

The model's candidate answers are marked over the text (``trajectory_marks``), its changes of
mind distinctly, and a strip under the header lists them ("Answers along the way: 41 → 42"),
each a link to its place. A saved reply's context menu offers "Fork from here…"
(``fork_requested`` with the offset into ``TraceState.text``).

Thread: GUI thread.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QPoint, QPointF, Qt, QTimer, Signal
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
    QMenu,
    QTextBrowser,
    QToolButton,
    QToolTip,
    QVBoxLayout,
    QWidget,
)

from ponder.core.trace import (
    PERSON_REASONS,
    TraceRun,
    TraceState,
    intervention_placeholder,
    intervention_tooltip,
)
from ponder.ui.theme.icons import icon
from ponder.ui.theme.tokens import colours_for
from ponder.ui.thinking.highlighter import INTERVENTION_PROPERTY, TraceHighlighter
from ponder.ui.thinking.live_controls import AnswerNowButton
from ponder.ui.thinking.trajectory_marks import (
    Mark,
    TraceOffsets,
    find_marks,
    mark_at,
    selections,
    strip_html,
)
from ponder.ui.translations import shown

# While a trace streams (sync() about 30 times a second) the marks are found again at most
# this often: on a 30,000-character trace that takes ~7 ms with 80 candidate answers, ~40 ms
# with 760.
MARKS_INTERVAL_MS = 1000


class ThinkingPanel(QWidget):
    """Shows one ``TraceState``; ``close_requested`` when the user hides the panel,
    ``fork_requested(offset)`` when the user asks to fork a saved reply's thinking at
    ``offset`` (Python characters into ``TraceState.text``)."""

    close_requested = Signal()
    fork_requested = Signal(int)
    answer_now_requested = Signal()
    think_longer_requested = Signal(object)  # more thinking tokens, None for no limit

    def __init__(self, parent: QWidget | None = None, *, steering: bool = True) -> None:
        """``steering=False``: a panel that only shows a thinking (a replay of a stored
        reply), with no Answer now / Think longer button however live its trace looks."""
        super().__init__(parent)
        self.setObjectName("thinkingPanel")
        self.steering = steering
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground)  # one surface, title included
        self.trace: TraceState | None = None
        # True/False: draw for a dark/light background whatever the palette says (a view
        # with its own style sheet, such as presenter mode, where Qt may reset the palette).
        self.dark: bool | None = None
        self._shown_runs = 0
        self._shown_chars = 0  # len() of the shown runs' text: where the next run starts
        self.offsets = TraceOffsets()
        self.marks: list[Mark] = []
        self.marks_computed = 0  # how many times the marks were found (tests read it)
        self._marks_stale = False
        self._marks_timer = QTimer(self)
        self._marks_timer.setSingleShot(True)
        self._marks_timer.setInterval(MARKS_INTERVAL_MS)
        self._marks_timer.timeout.connect(self.refresh_marks)
        self.title = QLabel(self.tr("Chain of thought"))
        self.title.setObjectName("panelTitle")
        bold = self.title.font()
        bold.setBold(True)
        self.title.setFont(bold)
        # Both wrap rather than set the panel's width: in presenter mode's large type they
        # made the window wider than an 800-pixel projector.
        self.title.setWordWrap(True)
        self.header = QLabel("")
        self.header.setObjectName("thinkingHeader")
        self.header.setWordWrap(True)
        self.header.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.close_button = close = QToolButton()
        close.setIcon(icon("close"))
        close.setAutoRaise(True)
        close.setToolTip(self.tr("Hide the chain of thought (Ctrl+T)"))
        close.setAccessibleName(close.toolTip())
        close.clicked.connect(self.close_requested)
        top = QHBoxLayout()
        top.setContentsMargins(10, 8, 6, 0)
        top.addWidget(self.title, 1)  # the spare width: wrapped only when there is none
        self.answer_now = AnswerNowButton()
        self.answer_now.answer_now_requested.connect(self.answer_now_requested)
        self.answer_now.think_longer_requested.connect(self.think_longer_requested)
        top.addWidget(self.answer_now)
        top.addWidget(close)
        self.view = QTextBrowser()
        self.view.setObjectName("traceView")
        self.view.setFrameShape(QFrame.Shape.NoFrame)
        self.view.setOpenLinks(False)
        self.view.viewport().installEventFilter(self)
        self.view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.view.customContextMenuRequested.connect(self._show_context_menu)
        self.strip = QLabel("")
        self.strip.setObjectName("trajectoryStrip")
        self.strip.setTextFormat(Qt.TextFormat.RichText)
        self.strip.setWordWrap(True)  # one line, unless the panel is narrow
        self.strip.setContentsMargins(10, 0, 10, 4)
        self.strip.setToolTip(
            self.tr("The model's candidate answers in order: click one to find it")
        )
        self.strip.linkActivated.connect(self._strip_link)
        self.strip.hide()
        self.view.document().setDocumentMargin(10)
        self.highlighter = TraceHighlighter(self.view.document(), self._self_check_color())
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addLayout(top)
        self.header.setContentsMargins(10, 0, 10, 4)
        layout.addWidget(self.header)
        layout.addWidget(self.strip)
        self.hint = QLabel(
            self.tr(
                "The model's thinking appears here while it works. Click an answer's "
                "“Thought for …” chip to see how it got there."
            )
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
        if self.dark is not None:
            return self.dark
        return self.palette().color(QPalette.ColorRole.Base).lightness() < 128

    def _self_check_color(self) -> QColor:
        return QColor(colours_for(self._dark()).link)

    def _intervention_format(self, run: TraceRun) -> QTextCharFormat:
        fmt = QTextCharFormat()
        colours = colours_for(self._dark())
        if run.reason == "fork" or run.reason in PERSON_REASONS:  # a person's: their colour
            fmt.setBackground(QColor(colours.person))
            fmt.setForeground(QColor(colours.person_text))
        else:
            fmt.setBackground(QColor(colours.note))
            fmt.setForeground(QColor(colours.note_text))
        fmt.setFontItalic(True)
        fmt.setToolTip(shown(intervention_tooltip(run.reason or "", run.position)))
        fmt.setProperty(INTERVENTION_PROPERTY, run.reason or "")
        return fmt

    def refresh_theme(self) -> None:
        """Redraws with the current palette's colours (after a theme change)."""
        self.highlighter.set_color(self._self_check_color())
        if self.trace is not None:  # the marks and strip are redrawn with it
            self.show_trace(self.trace)

    # ----- content ---------------------------------------------------------------------------

    def show_trace(self, trace: TraceState | None) -> None:
        """Shows ``trace`` from its start (a stored reply, or a live one being switched to)."""
        self.trace = trace
        self._shown_runs = self._shown_chars = 0
        self.offsets = TraceOffsets()
        self._marks_timer.stop()
        self._marks_stale = True
        document = self.view.document()
        document.clear()
        cursor = QTextCursor(document)
        cursor.setBlockFormat(self._step_format)
        self.sync()
        self._place_view_cursor()

    def _place_view_cursor(self) -> None:
        """Puts the view's cursor at the first line of a finished trace, at the newest of a
        live one. The text view scrolls to its cursor when first shown, and text inserted
        where the cursor stood carried it to the end: a panel shown after its trace (presenter
        mode, a panel reopened) opened at the end, its top line cut."""
        live = self.trace is not None and self.trace.live
        cursor = self.view.textCursor()
        cursor.movePosition(
            QTextCursor.MoveOperation.End if live else QTextCursor.MoveOperation.Start
        )
        self.view.setTextCursor(cursor)
        bar = self.view.verticalScrollBar()
        bar.setValue(bar.maximum() if live else 0)

    def sync(self) -> None:
        """Appends the runs added to the trace since the last call, and updates the header
        and (at most once a second while live, at once after) the answer marks."""
        trace = self.trace
        self.hint.setVisible(trace is None)
        self.view.setVisible(trace is not None)
        if trace is None:
            self.header.setText("")
            self.refresh_marks()
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
            self._marks_stale = True
            if at_bottom and trace.live:
                bar.setValue(bar.maximum())
        self.update_header()
        if self._marks_stale and not trace.live:
            self.refresh_marks()
        elif self._marks_stale and not self._marks_timer.isActive():
            self._marks_timer.start()

    def _append(self, cursor: QTextCursor, run: TraceRun) -> None:
        plain = QTextCharFormat()
        at = self._shown_chars  # where the run starts in TraceState.text
        self._shown_chars += len(run.text)
        text = run.text.lstrip() if self.view.document().isEmpty() else run.text
        at += len(run.text) - len(text)
        if run.reason is None:
            # The model's own text, unformatted: the self-check highlighter colours it.
            self._insert(cursor, text, plain, at)
            return
        core = text.strip()
        if not core:  # nothing visible was injected (only the end-of-thinking tag)
            begin = cursor.position()
            cursor.insertText(" ", plain)
            cursor.insertText(
                shown(intervention_placeholder(run.reason)), self._intervention_format(run)
            )
            self.offsets.add(begin, cursor.position(), self._shown_chars, None)
            return
        start = text.index(core)
        self._insert(cursor, text[:start], plain, at)
        self._insert(cursor, core, self._intervention_format(run), at + start)
        self._insert(cursor, text[start + len(core) :], plain, at + start + len(core))

    def _insert(self, cursor: QTextCursor, text: str, fmt: QTextCharFormat, at: int) -> None:
        """Inserts ``text`` (which starts at ``at`` in the trace) and records where it went."""
        begin = cursor.position()
        cursor.insertText(text, fmt)
        self.offsets.add(begin, cursor.position(), at, text)

    def update_header(self) -> None:
        self.header.setText(shown(self.trace.summary()) if self.trace is not None else "")
        self.answer_now.set_thinking(
            self.steering and self.trace is not None and self.trace.steerable
        )

    @property
    def trace_text(self) -> str:
        """The text on show (tests and the self-test read it)."""
        return self.view.toPlainText()

    def trace_offset_at_document_position(self, pos: int) -> int:
        """The offset into ``TraceState.text`` (Python characters) of the document position
        ``pos``; a position in a label standing for an intervention gives the end of that
        intervention's text."""
        return self.offsets.trace_offset(pos)

    # ----- answer marks ------------------------------------------------------------------------

    def refresh_marks(self) -> None:
        """Finds the candidate answers in the text on show and draws them and the strip."""
        self._marks_timer.stop()
        self._marks_stale = False
        self.marks = find_marks(self.view.document()) if self.trace is not None else []
        self.marks_computed += 1
        self.view.setExtraSelections(selections(self.view.document(), self.marks, self._dark()))
        self.strip.setText(strip_html(self.marks, self._dark()))
        self.strip.setVisible(bool(self.marks))

    def _strip_link(self, link: str) -> None:
        kind, _, number = link.partition(":")
        if kind == "candidate" and number.isdigit():
            self.go_to_candidate(int(number))

    def go_to_candidate(self, number: int) -> None:
        """Scrolls the trace to candidate ``number`` and selects it (the selection is drawn
        over the mark, and "Fork from here…" then forks at it)."""
        if not 0 <= number < len(self.marks):
            return
        mark = self.marks[number]
        cursor = QTextCursor(self.view.document())
        cursor.setPosition(mark.start)
        cursor.setPosition(mark.end, QTextCursor.MoveMode.KeepAnchor)
        self.view.setTextCursor(cursor)
        self.view.ensureCursorVisible()

    # ----- tooltips and the context menu -------------------------------------------------------

    def _scroll_offset(self) -> QPoint:
        """Viewport coordinates plus this are document coordinates."""
        return QPoint(
            self.view.horizontalScrollBar().value(), self.view.verticalScrollBar().value()
        )

    def _character_at(self, point: QPoint) -> int:
        """The document position of the character under ``point`` (viewport coordinates),
        -1 off the text (margins, after a line's end)."""
        layout = self.view.document().documentLayout()
        edge = layout.hitTest(QPointF(point + self._scroll_offset()), Qt.HitTestAccuracy.ExactHit)
        if edge < 0:
            return -1
        # The hit is the character edge nearest the point: the character is on its left or
        # its right.
        cursor = QTextCursor(self.view.document())
        cursor.setPosition(edge)
        return edge - 1 if point.x() < self.view.cursorRect(cursor).x() else edge

    def tooltip_at(self, point: QPoint) -> str:
        """The tooltip of the text under ``point`` (viewport coordinates): why Ponder stepped
        in, over an intervention; what the model answered there, over a candidate answer;
        "" elsewhere."""
        cursor = self.view.cursorForPosition(point)
        for position in (cursor.position(), cursor.position() + 1):
            probe = QTextCursor(self.view.document())
            probe.setPosition(min(position, self.view.document().characterCount() - 1))
            fmt = probe.charFormat()
            if fmt.hasProperty(INTERVENTION_PROPERTY):
                return fmt.toolTip()
        position = self._character_at(point)
        mark = mark_at(self.marks, position) if position >= 0 else None
        return mark.tooltip if mark is not None else ""

    def build_context_menu(self, pos: QPoint) -> QMenu:
        """The trace view's context menu at ``pos`` (viewport coordinates): Copy and Select
        All, and "Fork from here…" on a saved reply (not while it streams). The caller
        shows it."""
        menu = self.view.createStandardContextMenu(pos + self._scroll_offset())
        # A trace has no links: Qt's "Copy Link Location" would only ever be greyed out.
        for action in menu.actions():
            if action.objectName() == "link-copy":
                menu.removeAction(action)
        trace = self.trace
        if trace is not None and trace.message_id is not None and not trace.live:
            selection = self.view.textCursor()
            position = (
                selection.selectionStart()
                if selection.hasSelection()
                else self.view.cursorForPosition(pos).position()
            )
            fork_at = self.trace_offset_at_document_position(position)
            menu.addSeparator()
            fork = menu.addAction(self.tr("Fork from here…"))
            fork.setToolTip(self.tr("Start a new reply whose thinking continues from this point"))
            fork.triggered.connect(lambda: self.fork_requested.emit(fork_at))
        return menu

    def _show_context_menu(self, pos: QPoint) -> None:
        menu = self.build_context_menu(pos)
        # The menu is a child of the view: delete it once closed, as QTextEdit's own does.
        menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        menu.popup(self.view.viewport().mapToGlobal(pos))

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
