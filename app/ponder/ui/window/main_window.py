"""The main window: conversations left, the conversation in the centre, the chain of thought
on the right beside the answer; the composer under the conversation.

The window wires widgets to the ``ChatController`` (conversations, turns), the ``EngineHost``
(the model), the ``ModelLibrary`` (model files) and the ``SettingsKeeper``; it does no I/O
itself. Which model runs (choosing, loading, the refusal, the welcome page) is the
``ModelSwitcher``'s (``model_switcher``).

Thread: GUI thread.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QByteArray, Qt
from PySide6.QtGui import QCloseEvent, QDragEnterEvent, QDropEvent, QShowEvent
from PySide6.QtWidgets import (
    QMainWindow,
    QMessageBox,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from ponder.core.paths import AppPaths
from ponder.core.reasoning.effort import profile_by_id
from ponder.core.reasoning.families import GENERIC
from ponder.core.settings import Settings
from ponder.core.trace import TraceState
from ponder.ui.answer.markdown import MarkdownRenderer
from ponder.ui.chat.composer import Composer
from ponder.ui.chat.controller import ChatController
from ponder.ui.chat.conversation_list import ConversationList
from ponder.ui.chat.conversation_settings import ConversationSettingsDialog
from ponder.ui.chat.conversation_view import ConversationView
from ponder.ui.chat.live_reply import LiveReply
from ponder.ui.chat.suggestions import Suggestion
from ponder.ui.engine_host import EngineHost
from ponder.ui.models.bar import ModelBar
from ponder.ui.models.details import gguf_paths
from ponder.ui.models.library import ModelLibrary
from ponder.ui.screen_fit import (
    apply_proportions,
    fit_to_screen,
    initial_size,
    parse_splitter_text,
    show_main_window,
    splitter_text,
)
from ponder.ui.settings_keeper import SettingsKeeper
from ponder.ui.sweep.queue import SweepQueue
from ponder.ui.teaching.views import TeachingViews
from ponder.ui.thinking.panel import ThinkingPanel
from ponder.ui.window import dialogs
from ponder.ui.window.menus import build_menus
from ponder.ui.window.model_switcher import ModelSwitcher
from ponder.ui.window.shortcuts import ShortcutsDialog
from ponder.ui.window.welcome import WelcomePage

# How long a line in the status bar stays (a problem, a "done"): it must not outlive its
# moment, and the next thing the person does (send, open a conversation) clears it earlier.
STATUS_TIMEOUT_MS = 10_000

THINKING_FIELDS = (
    "thinking_budget",
    "custom_thinking_budget",
    "min_thinking_tokens",
    "keep_min_thinking",
    "wait_text",
    "max_waits",
    "stop_message",
    "custom_stop_message",
)


class MainWindow(QMainWindow):
    """See the module docstring. ``main.PonderApp`` builds it and its collaborators."""

    def __init__(
        self,
        controller: ChatController,
        host: EngineHost,
        library: ModelLibrary,
        settings: SettingsKeeper,
        *,
        paths: AppPaths,
        renderer: MarkdownRenderer,
        sweeps: SweepQueue | None = None,
    ) -> None:
        """``sweeps``: the budget-sweep queue (None: no Budget sweep window)."""
        super().__init__()
        self.controller = controller
        self.host = host
        self.library = library
        self.settings = settings
        self.paths = paths
        self.renderer = renderer
        self.setWindowTitle(self.tr("Ponder"))
        self.setAcceptDrops(True)
        # On a screen smaller than this, the window opens maximised (``show_on_screen``).
        self._preferred_fits = initial_size(self, 1280, 800)
        current = settings.settings
        # Widgets.
        self.conversations = ConversationList()
        self.view = ConversationView(renderer)
        self.panel = ThinkingPanel()
        self.composer = Composer(current)
        self.welcome = WelcomePage()
        self.model_bar = ModelBar()
        chat_page = QWidget()
        chat = QVBoxLayout(chat_page)
        chat.setContentsMargins(0, 0, 0, 0)
        chat.setSpacing(0)
        chat.addWidget(self.view, 1)
        chat.addWidget(self.composer)
        self.pages = QStackedWidget()
        self.pages.addWidget(chat_page)
        self.pages.addWidget(self.welcome)
        centre = QWidget()
        centre_layout = QVBoxLayout(centre)
        centre_layout.setContentsMargins(0, 0, 0, 0)
        centre_layout.setSpacing(0)
        centre_layout.addWidget(self.model_bar)
        centre_layout.addWidget(self.pages, 1)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setObjectName("mainSplitter")
        self.splitter.addWidget(self.conversations)
        self.splitter.addWidget(centre)
        self.splitter.addWidget(self.panel)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setCollapsible(1, False)
        self.splitter.setSizes([240, 640, 400])
        self._sized = False
        self._saved_split: list[float] | None = None  # proportions to apply when first shown
        self.splitter.splitterMoved.connect(self._sync_panel_toggle)
        self.setCentralWidget(self.splitter)
        self.menu_actions = build_menus(self)
        self.teaching = TeachingViews(
            self,
            controller,
            host,
            renderer,
            sweeps=sweeps,
            library=library,
            settings=settings,
        )
        self.models = ModelSwitcher(
            self,
            host,
            library,
            settings,
            model_bar=self.model_bar,
            pages=self.pages,
            welcome=self.welcome,
            show_status=self.show_status,
            hide_panel=lambda: self.set_panel_visible(False),
            model_ready=lambda: self._busy_changed(self.controller.busy),
        )
        self._connect()
        self._apply_settings(current)
        self.restore_state(current)
        self.refresh_conversations()
        self.controller.open_conversation(None)
        self.models.refresh()

    # ----- wiring ------------------------------------------------------------------------------

    def _connect(self) -> None:
        c, a = self.controller, self.menu_actions
        c.conversations_changed.connect(self.refresh_conversations)
        c.conversation_opened.connect(self._conversation_opened)
        c.reply_begun.connect(self._reply_begun)
        c.reply_updated.connect(self._reply_updated)
        c.reply_ended.connect(self._reply_ended)
        c.busy_changed.connect(self._busy_changed)
        c.error_raised.connect(self.show_error)
        meter = self.composer.meter
        self.host.model_ready.connect(lambda event: meter.set_context(event.n_ctx))
        self.host.model_loading.connect(lambda _path: meter.set_context(None))
        self.host.model_failed.connect(lambda _message: meter.set_context(None))
        self.conversations.conversation_selected.connect(c.open_conversation)
        # The next action makes an old status line stale.
        self.conversations.conversation_selected.connect(self.statusBar().clearMessage)
        c.reply_begun.connect(self.statusBar().clearMessage)
        self.conversations.new_requested.connect(self.new_conversation)
        self.conversations.rename_requested.connect(c.rename_conversation)
        self.conversations.delete_requested.connect(self.delete_conversation)
        self.conversations.search_changed.connect(lambda _q: self.refresh_conversations())
        self.view.trace_requested.connect(self.open_trace)
        self.view.regenerate_requested.connect(c.regenerate)
        self.view.edit_requested.connect(self.composer.begin_edit)
        self.view.version_requested.connect(c.select_branch)
        self.view.delete_requested.connect(self.delete_message)
        self.composer.send_requested.connect(self._send)
        self.composer.edit_submitted.connect(self._resend)
        self.composer.stop_requested.connect(c.stop)
        self.host.model_ready.connect(
            lambda loaded: self.composer.budget.set_family(profile_by_id(loaded.family) or GENERIC)
        )
        for button in (self.composer.answer_now, self.panel.answer_now):
            button.set_refusal(self.host.live_refusal)
        self.composer.answer_now.answer_now_requested.connect(c.answer_now)
        self.composer.answer_now.think_longer_requested.connect(self.think_longer)
        self.panel.answer_now_requested.connect(c.answer_now)
        self.panel.think_longer_requested.connect(self.think_longer)
        a.answer_now.triggered.connect(c.answer_now)
        # Lambdas here drop the `checked` flag that clicked/triggered pass along.
        self.composer.regenerate_requested.connect(lambda: c.regenerate())  # noqa: PLW0108
        self.composer.budget.changed.connect(self._thinking_changed)
        self.panel.close_requested.connect(lambda: self.set_panel_visible(False))
        self.model_bar.panel_button.toggled.connect(self.set_panel_visible)
        self.library.problem.connect(self.show_error)
        self.settings.changed.connect(lambda new, _old: self._apply_settings(new))
        self.settings.save_failed.connect(self.show_error)
        a.new_conversation.triggered.connect(self.new_conversation)
        a.rename_conversation.triggered.connect(lambda: self.conversations.start_rename())  # noqa: PLW0108
        a.delete_conversation.triggered.connect(lambda: self.delete_conversation(None))
        a.import_model.triggered.connect(self.models.import_model)
        a.import_pack.triggered.connect(
            lambda: dialogs.import_pack(self, self.library, self.show_status)
        )
        a.model_manager.triggered.connect(self.models.open_model_manager)
        a.settings.triggered.connect(
            lambda: dialogs.open_settings(
                self,
                self.settings,
                self.paths,
                current_model=self.host.model_path,
                use_model=self.use_model,
            )
        )
        a.quit.triggered.connect(self.close)
        a.send.triggered.connect(self.composer.submit)
        a.stop.triggered.connect(c.stop)
        a.regenerate.triggered.connect(lambda: c.regenerate())  # noqa: PLW0108
        a.toggle_thinking.triggered.connect(self.set_panel_visible)
        a.toggle_sidebar.triggered.connect(self.conversations.setVisible)
        a.focus_search.triggered.connect(lambda: self.conversations.search.setFocus())  # noqa: PLW0108
        a.about.triggered.connect(lambda: dialogs.show_about(self))
        t = self.teaching
        a.presenter.triggered.connect(t.open_presenter)
        a.replay_trace.triggered.connect(lambda: t.open_replay(self._reply_in_panel()))
        a.budget_sweep.triggered.connect(t.open_sweeps)
        a.export_conversation.triggered.connect(lambda: t.export_conversation())  # noqa: PLW0108
        a.fork.triggered.connect(lambda: t.fork(self._reply_in_panel()))
        a.compare_versions.triggered.connect(lambda: t.compare_versions(self._reply_in_panel()))
        a.other_model.triggered.connect(lambda: t.compare_with_model(self._reply_in_panel()))
        self.view.teach_requested.connect(self._teach)
        # Conversation settings, suggestions, moving between conversations, the shortcut list.
        self.conversations.settings_requested.connect(self.edit_conversation_settings)
        a.conversation_settings.triggered.connect(lambda: self.edit_conversation_settings(None))
        a.next_conversation.triggered.connect(lambda: self.conversations.step(1))
        a.previous_conversation.triggered.connect(lambda: self.conversations.step(-1))
        a.keyboard_shortcuts.triggered.connect(lambda: ShortcutsDialog(self).open())
        self.view.suggestion_chosen.connect(self._use_suggestion)
        self.view.think_longer_requested.connect(c.think_longer_after)
        self.panel.fork_requested.connect(lambda offset: t.fork(self._reply_in_panel(), offset))
        a.stop.setEnabled(False)
        a.answer_now.setEnabled(False)

    # ----- settings and state ----------------------------------------------------------------

    def _apply_settings(self, settings: Settings) -> None:
        self.composer.budget.set_settings(settings)
        self.controller.set_thinking(settings.thinking_control())

    def _thinking_changed(self, edited: Settings) -> None:
        self.settings.update_fields(**{f: getattr(edited, f) for f in THINKING_FIELDS})

    def restore_state(self, settings: Settings) -> None:
        """The saved window, within this screen; the splitter's saved proportions are applied
        when the window is first shown (when its width is known)."""
        if settings.window_geometry:
            self.restoreGeometry(QByteArray.fromBase64(settings.window_geometry.encode()))
        fit_to_screen(self)
        self._saved_split = parse_splitter_text(settings.window_state)
        self._sync_panel_toggle()

    def show_on_screen(self) -> None:
        """Shows the window as Ponder opens it: as it was left, or, the first time on a
        screen too small for its preferred size, maximised."""
        first_time = not self.settings.settings.window_geometry
        show_main_window(self, maximised=first_time and not self._preferred_fits)

    def save_state(self) -> None:
        self.settings.update_fields(
            window_geometry=bytes(self.saveGeometry().toBase64().data()).decode(),
            window_state=splitter_text(self.splitter),
        )

    # ----- the panel -------------------------------------------------------------------------

    @property
    def panel_visible(self) -> bool:
        return self.splitter.sizes()[2] > 0 and self.panel.isVisible()

    def set_panel_visible(self, visible: bool) -> None:
        sizes = self.splitter.sizes()
        if visible and sizes[2] == 0:
            width = max(320, sum(sizes) // 3)
            sizes = [sizes[0], max(200, sizes[1] - width), width]
        elif not visible:
            sizes = [sizes[0], sizes[1] + sizes[2], 0]
        self.panel.setVisible(True)
        self.splitter.setSizes(sizes)
        self._sync_panel_toggle()

    def _sync_panel_toggle(self, *_: object) -> None:
        shown = self.splitter.sizes()[2] > 0
        for toggle in (self.model_bar.panel_button, self.menu_actions.toggle_thinking):
            toggle.blockSignals(True)
            toggle.setChecked(shown)
            toggle.blockSignals(False)

    def _reply_in_panel(self) -> int | None:
        """The reply whose thinking the panel shows (None: the last one)."""
        return getattr(self.panel.trace, "message_id", None)

    def _teach(self, action: str, reply_id: int) -> None:
        """A teaching action from an answer's menu."""
        t = self.teaching
        actions: dict[str, Callable[[int], object]] = {
            "replay": t.open_replay,
            "fork": t.fork,
            "compare": t.compare_versions,
            "other_model": t.compare_with_model,
        }
        actions[action](reply_id)

    def open_trace(self, trace: TraceState) -> None:
        """Shows a reply's thinking in the panel (opening it)."""
        live = self.controller.live
        if live is not None and trace is not live.trace and trace.message_id == live.reply_id:
            trace = live.trace
        self.panel.show_trace(trace)
        self.set_panel_visible(True)

    # ----- conversations -----------------------------------------------------------------

    def refresh_conversations(self) -> None:
        hits = self.controller.search(self.conversations.search.text())
        self.conversations.show_hits(hits, self.controller.conversation_id)

    def new_conversation(self) -> None:
        self.statusBar().clearMessage()
        self.composer.leave_edit()
        self.controller.open_conversation(None)
        self.conversations.select(None)
        self.composer.editor.setFocus()

    def edit_conversation_settings(
        self, conversation_id: int | None
    ) -> ConversationSettingsDialog | None:
        """Opens the settings of a conversation (None: the one on show, or the new one);
        Save applies them to its next turns. Returns the dialog (open, not modal-blocking)."""
        c = self.controller
        if conversation_id is not None and conversation_id != c.conversation_id:
            if c.busy:
                self.show_error(self.tr("Wait for the answer to finish, or stop it first."))
                return None
            c.open_conversation(conversation_id)
        title = next(
            (m.text() for m in self.conversations.list.selectedItems()),
            "",
        )
        dialog = ConversationSettingsDialog(c.conversation_settings, title, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)

        def save() -> None:
            if c.set_conversation_settings(dialog.result_settings()):
                self.show_status(self.tr("Saved: the next turns use these settings."))

        dialog.accepted.connect(save)
        dialog.open()
        return dialog

    def _use_suggestion(self, suggestion: Suggestion) -> None:
        """A suggestion of the empty conversation: fills the composer (and the budget)."""
        if suggestion.budget is not None:
            self.composer.budget.select(suggestion.budget)
        self.composer.editor.setPlainText(suggestion.prompt)
        self.composer.editor.setFocus()

    def delete_conversation(self, conversation_id: int | None) -> None:
        target = conversation_id or self.controller.conversation_id
        if target is None:
            return
        answer = QMessageBox.question(
            self,
            self.tr("Delete conversation"),
            self.tr("Delete this conversation and all its messages?"),
        )
        if answer == QMessageBox.StandardButton.Yes:
            self.controller.delete_conversation(target)

    def delete_message(self, message_id: int) -> None:
        answer = QMessageBox.question(
            self,
            self.tr("Delete message"),
            self.tr(
                "Delete this message and the replies that followed it? Other versions of it "
                "are kept."
            ),
        )
        if answer == QMessageBox.StandardButton.Yes:
            self.controller.delete_message(message_id)

    def _conversation_opened(self, conversation_id: int, messages: list) -> None:
        self.composer.leave_edit()
        self.composer.meter.set_history(messages)
        self.view.show_thread(messages, self.controller.versions(messages))
        self.view.set_empty_hint(
            ""
            if messages
            else self.tr(
                "Ask something, or start from one of these. The model's thinking appears on "
                "the right, beside its answer."
            )
        )
        self.conversations.select(conversation_id or None)
        last = next((m for m in reversed(messages) if m.role == "assistant"), None)
        self.panel.show_trace(TraceState.from_message(last) if last is not None else None)
        self._rejoin_live(messages)
        self._busy_changed(self.controller.busy)
        if conversation_id:
            self.models.follow_conversation(self.controller.conversation_model(conversation_id))

    def _rejoin_live(self, messages: list) -> None:
        """Back in the conversation whose reply is still being written: its message on
        screen follows the live reply again (not the part saved when it was opened)."""
        live = self.controller.live
        ids = [m.id for m in messages]
        if live is None or live.finished or live.reply_id not in ids:
            return
        self.view.begin_live(ids.index(live.reply_id), None, live.trace)
        self.view.update_live(live.answer_text, live.stopping)
        self.panel.show_trace(live.trace)

    # ----- turns -------------------------------------------------------------------------------

    def _send(self, text: str) -> None:
        if self.controller.send(text):
            self.composer.accepted()

    def _resend(self, message_id: int, text: str) -> None:
        if self.controller.edit_and_resend(message_id, text):
            self.composer.accepted()

    def _reply_begun(self, live: LiveReply, keep: int) -> None:
        self.view.begin_live(keep, live.user_text, live.trace)
        self.panel.show_trace(live.trace)
        if self.settings.settings.auto_open_thinking_panel and live.trace.thinking_off is False:
            self.set_panel_visible(True)

    def _reply_updated(self, live: LiveReply, answer_delta: str) -> None:
        if live.conversation_id != self.controller.conversation_id:
            return
        self.view.update_live(answer_delta, live.stopping)
        if self.panel.trace is live.trace:
            self.panel.sync()
        if live.stopping:
            self.composer.set_stopping()
        steerable = live.trace.steerable
        self.composer.answer_now.set_thinking(steerable)
        self.menu_actions.answer_now.setEnabled(steerable)

    def _reply_ended(self, live: LiveReply) -> None:
        self.composer.meter.set_history(self.controller.messages)
        if live.conversation_id == self.controller.conversation_id:
            messages = self.controller.messages
            self.view.finish_live(messages, self.controller.versions(messages), live.error)
        if self.panel.trace is live.trace:
            self.panel.sync()

    def _busy_changed(self, busy: bool) -> None:
        can_regenerate = any(m.role == "assistant" for m in self.controller.messages)
        self.composer.set_busy(busy, can_regenerate=can_regenerate and self.host.ready)
        self.menu_actions.stop.setEnabled(busy)
        if not busy:
            self.menu_actions.answer_now.setEnabled(False)
        self.menu_actions.regenerate.setEnabled(not busy and can_regenerate)
        self.model_bar.picker.setEnabled(not busy)

    def think_longer(self, tokens: int | None) -> None:
        """Gives the running thinking more room, and says so."""
        if not self.controller.think_longer(tokens):
            return
        if tokens is None:
            self.show_error(self.tr("Thinking budget lifted: the model may think without a limit."))
        else:
            self.show_error(self.tr("Thinking budget raised by {n:,} tokens.").format(n=tokens))

    def show_error(self, message: str) -> None:
        self.statusBar().showMessage(message, STATUS_TIMEOUT_MS)

    def show_status(self, message: str) -> None:
        self.statusBar().showMessage(message, STATUS_TIMEOUT_MS)

    # ----- models (``ModelSwitcher`` does the work) -------------------------------------------

    def show_welcome(self) -> None:
        """First run: no model chosen yet."""
        self.models.show_welcome()

    def use_model(
        self,
        path: str,
        *,
        force: bool = False,
        n_threads: int | None = None,
        remember: bool = True,
    ) -> None:
        """See ``ModelSwitcher.use_model``."""
        self.models.use_model(path, force=force, n_threads=n_threads, remember=remember)

    # ----- desktop ---------------------------------------------------------------------------

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:  # noqa: N802 (Qt's name)
        if gguf_paths(event.mimeData()):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:  # noqa: N802 (Qt's name)
        for path in gguf_paths(event.mimeData()):
            self.library.import_file(path)
            self.show_status(self.tr("Importing {file}…").format(file=Path(path).name))
        event.acceptProposedAction()

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 (Qt's name)
        super().showEvent(event)
        if not self._sized:
            fit_to_screen(self)
            if self._saved_split is None or not apply_proportions(self.splitter, self._saved_split):
                # First start: a third of the width for the trace, a fifth for the list.
                width = max(900, self.width())
                self.splitter.setSizes([width // 5, width - width // 5 - width // 3, width // 3])
        self._sized = True
        self._sync_panel_toggle()

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 (Qt's name)
        self.save_state()
        event.accept()
