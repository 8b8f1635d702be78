"""The teaching views the main window opens: presenter mode, replay, the budget sweep, fork,
and side-by-side comparisons (of a fork and its original, of two versions, of two models).

``TeachingViews`` keeps the window's module about the window: it opens each view, feeds it
from the ``ChatController`` and the conversation store, and, when a fork or another model's
answer is finished, shows it beside the reply it came from. The ``EngineHost`` says which
model is loaded and whether the engine is free.

Thread: GUI thread.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import QInputDialog, QMainWindow, QPushButton, QWidget

from ponder.core.gguf.errors import GGUFError
from ponder.core.models.load_policy import ModelTooLarge
from ponder.core.storage.store import StorageError, StoredMessage
from ponder.ui.answer.markdown import MarkdownRenderer
from ponder.ui.chat.controller import ChatController
from ponder.ui.chat.live_reply import LiveReply
from ponder.ui.engine_host import EngineHost
from ponder.ui.export import export_document
from ponder.ui.models.details import model_name
from ponder.ui.models.library import ModelLibrary, load_request_for
from ponder.ui.models.refusal import offer_load_anyway
from ponder.ui.settings_keeper import SettingsKeeper
from ponder.ui.sweep.queue import SweepQueue
from ponder.ui.translations import shown


class TeachingViews(QObject):
    """Opens the teaching views for ``window`` (see the module docstring)."""

    def __init__(
        self,
        window: QMainWindow,
        controller: ChatController,
        host: EngineHost,
        renderer: MarkdownRenderer,
        *,
        sweeps: SweepQueue | None,
        library: ModelLibrary,
        settings: SettingsKeeper,
    ) -> None:
        super().__init__(window)
        self.window = window
        self.controller = controller
        self.host = host
        self.renderer = renderer
        self.sweeps = sweeps
        self.library = library
        self.settings = settings
        self.presenter: QWidget | None = None  # PresenterView, made on first use
        self.sweep_window: QWidget | None = None  # SweepWindow, made on first use
        self.compare_windows: list[QWidget] = []
        controller.reply_ended.connect(self._reply_ended)
        # While a sweep runs, the status bar says so (the chat waits for it).
        self.sweep_status = QPushButton()
        self.sweep_status.setObjectName("sweepStatus")
        self.sweep_status.setFlat(True)
        self.sweep_status.setToolTip(
            self.tr("A budget sweep is using the model: click to watch it")
        )
        self.sweep_status.clicked.connect(self.open_sweeps)
        self.sweep_status.setVisible(False)
        window.statusBar().addPermanentWidget(self.sweep_status)
        if sweeps is not None:
            sweeps.changed.connect(self._show_sweep_status)
            sweeps.sweep_updated.connect(lambda _id: self._show_sweep_status())

    def _say(self, text: str) -> None:
        self.window.statusBar().showMessage(text, 10000)

    # ----- presenter, replay, sweep ------------------------------------------------------------

    def open_presenter(self) -> None:
        """Presenter mode: the current reply's thinking and answer, full screen."""
        from ponder.ui.teaching.presenter import PresenterView

        if self.presenter is None:
            self.presenter = PresenterView(self.controller, self.renderer, self.window)
        assert isinstance(self.presenter, PresenterView)
        self.presenter.enter()

    def open_replay(self, message_id: int | None = None) -> QWidget | None:
        """Replays a saved reply: ``message_id``, else the last one."""
        from ponder.ui.teaching.replay import ReplayWindow, reply_to_replay

        message = reply_to_replay(self.controller.messages, message_id)
        if message is None:
            self._say(self.tr("No saved reply to replay yet: ask something first."))
            return None
        window = ReplayWindow(message, self.renderer, self.window)
        window.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        window.show()
        return window

    def open_sweeps(self) -> QWidget | None:
        """The Budget sweep window (one per main window, shown again when asked)."""
        from ponder.ui.sweep.window import SweepWindow

        if self.sweeps is None:
            return None
        if self.sweep_window is None:
            self.sweep_window = SweepWindow(self.sweeps, self.window)
        assert isinstance(self.sweep_window, SweepWindow)
        self.sweep_window.refresh_list()
        self.sweep_window.show()
        self.sweep_window.raise_()
        self.sweep_window.activateWindow()
        return self.sweep_window

    def export_conversation(self, path: str | None = None) -> Path | None:
        """Writes the conversation on show (the branch on screen) to ``path`` (asked when
        None): a self-contained .html, a .md or a .pdf, trace and card included."""
        from ponder.core.teaching.export import (
            conversation_html,
            conversation_markdown,
            conversation_versions,
        )

        conversation_id = self.controller.conversation_id
        if conversation_id is None or not self.controller.messages:
            self._say(self.tr("Nothing to export yet: this conversation is empty."))
            return None
        try:
            conversation = self.controller.store.get_conversation(conversation_id)
        except StorageError as exc:
            self._say(shown(exc))
            return None
        messages = self.controller.messages
        try:
            versions = conversation_versions(self.controller.store.siblings, messages)
        except StorageError as exc:
            self._say(shown(exc))
            return None
        target, message = export_document(
            self.window,
            caption=self.tr("Export the conversation"),
            title=conversation.title or self.tr("Conversation"),
            html=lambda: conversation_html(conversation, messages, versions),
            markdown=lambda: conversation_markdown(conversation, messages, versions),
            path=path,
        )
        if message:
            self._say(message)
        return target

    def _show_sweep_status(self) -> None:
        sweeps = self.sweeps
        running = sweeps.running if sweeps is not None else None
        self.sweep_status.setVisible(running is not None)
        if sweeps is not None and running is not None:
            waiting = sum(1 for s in sweeps.sweeps if s.state == "queued")
            more = f" (+{waiting} queued)" if waiting else ""
            self.sweep_status.setText(
                self.tr("▶ Sweep {done}/{total}{more}").format(
                    done=len(running.cells), total=running.job.total, more=more
                )
            )

    # ----- fork ----------------------------------------------------------------------------

    def _saved_reply(self, reply_id: int | None) -> StoredMessage | None:
        """The saved reply ``reply_id`` on show (None: the last one)."""
        replies = [
            m for m in self.controller.messages if m.role == "assistant" and m.status != "streaming"
        ]
        if reply_id is None:
            return replies[-1] if replies else None
        return next((m for m in replies if m.id == reply_id), None)

    def fork(self, reply_id: int | None = None, offset: int | None = None) -> bool:
        """Asks how to fork the reply's thinking at ``offset`` (default: its end), then
        generates the fork; it opens beside the original when it is done."""
        from ponder.ui.teaching.fork import ForkDialog

        reply = self._saved_reply(reply_id)
        if reply is None or not reply.thinking.strip():
            self._say(
                self.tr("Fork needs a saved reply with thinking: ask something with thinking on.")
            )
            return False
        if self.host.holder is not None:
            self._say(self.tr("Wait for the model to finish, then fork."))
            return False
        budget = self.controller.thinking.budget
        dialog = ForkDialog(
            reply.thinking,
            len(reply.thinking) if offset is None else offset,
            budget or None,
            self.window,
        )
        try:
            if dialog.exec() != ForkDialog.DialogCode.Accepted:
                return False
            plan = dialog.plan()
        finally:
            dialog.deleteLater()  # not left to the window's teardown at quit
        control = replace(self.controller.thinking, budget=plan.budget)
        return self.controller.fork(reply.id, plan.kept, plan.inserted, control)

    # ----- comparisons -------------------------------------------------------------------------

    def _versions(self, reply_id: int) -> list[StoredMessage]:
        try:
            return self.controller.store.siblings(reply_id)
        except StorageError as exc:
            self._say(shown(exc))
            return []

    def compare_versions(
        self, reply_id: int | None = None, other: int | None = None
    ) -> QWidget | None:
        """``reply_id`` beside ``other`` (default: the version before it, or after it)."""
        from ponder.ui.teaching.compare import CompareWindow

        reply = self._saved_reply(reply_id)
        versions = self._versions(reply.id) if reply is not None else []
        versions = [m for m in versions if m.status != "streaming"]
        if reply is None or len(versions) < 2:
            self._say(
                self.tr(
                    "This reply has one version. Regenerate it, fork its thinking or answer it "
                    "with another model, then compare."
                )
            )
            return None
        ids = [m.id for m in versions]
        if other is None or other not in ids:
            index = ids.index(reply.id) if reply.id in ids else len(ids) - 1
            other = ids[index - 1] if index > 0 else ids[1]
        left, right = sorted((reply.id, other), key=ids.index)
        question = next(
            (m.content for m in self.controller.messages if m.id == reply.parent_id), ""
        )
        window = CompareWindow(
            versions, left, right, self.renderer, question=question, parent=self.window
        )
        window.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        window.destroyed.connect(lambda: self._forget(window))
        self.compare_windows.append(window)
        window.show()
        return window

    def _forget(self, window: QWidget) -> None:
        if window in self.compare_windows:
            self.compare_windows.remove(window)

    def other_models(self) -> list[tuple[str, str]]:
        """(name, path) of the models on this computer other than the one loaded."""
        current = self.host.model_path
        found: list[tuple[str, str]] = []
        if self.library.demo is not None:
            found.append((self.tr("SmolLM2 135M (demo)"), str(self.library.demo)))
        for model in self.library.installed:
            found.append((model_name(model, self.library.catalog), str(model.path)))
        return [(name, path) for name, path in found if path != current]

    def compare_with_model(
        self, reply_id: int | None = None, path: str | None = None, *, force: bool = False
    ) -> bool:
        """Answers the reply's question again with another model (``path``, else asked);
        ``force``: even one the load policy says cannot fit (the user chose "Load anyway")."""
        reply = self._saved_reply(reply_id)
        if reply is None:
            self._say(self.tr("Ask something first: then another model can answer it too."))
            return False
        if path is None:
            models = self.other_models()
            if not models:
                self._say(
                    self.tr("There is no other model on this computer yet: add one in Models.")
                )
                return False
            names = [name for name, _ in models]
            name, ok = QInputDialog.getItem(
                self.window,
                self.tr("Answer with another model"),
                self.tr("Model:"),
                names,
                0,
                False,
            )
            if not ok:
                return False
            path = dict(models)[name]
        if not Path(path).is_file():
            self._say(self.tr("{path} is not there any more.").format(path=path))
            return False
        try:
            request, sha256, _ = load_request_for(
                path, self.settings.settings, self.library, force=force
            )
        except ModelTooLarge as refusal:
            chosen = path
            offer_load_anyway(
                self.window,
                refusal,
                lambda: self.compare_with_model(reply.id, chosen, force=True),
            )
            return False
        except GGUFError as exc:
            self._say(shown(exc))
            return False
        started = self.controller.compare_with_model(reply.id, request, sha256)
        if started:
            self._say(
                self.tr("{file} is answering; the model in use comes back after it.").format(
                    file=Path(path).name
                )
            )
        return started

    def _reply_ended(self, live: LiveReply) -> None:
        """A fork or another model's answer is done: show it beside the original."""
        if live.compare_to is None or live.reply_id is None:
            return
        if live.status == "complete":
            self.compare_versions(live.reply_id, live.compare_to)
        elif live.status == "cancelled":  # stopped: no comparison with a version cut short
            self._say(
                self.tr(
                    "Stopped before the other answer was finished, so nothing was compared. The "
                    "unfinished version is kept with the reply's versions."
                )
            )
