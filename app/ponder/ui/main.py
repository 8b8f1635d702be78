"""Builds the desktop app once and takes it down in order.

``PonderApp`` makes every long-lived object (settings, the conversation store, the engine
client and its host, the worker threads, the controllers, the window) and passes each its
collaborators:
nothing is a module-level singleton. ``shutdown`` runs the order the design asks for: stop
the generation, pause downloads (their partial files stay resumable), close the engine
process, then end the threads.

Thread: GUI thread (the objects it moves to worker threads say so in their docstrings).
"""

from __future__ import annotations

import dataclasses
import logging
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QObject, Qt, QThread, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from ponder.core.paths import AppPaths, DataFolderError
from ponder.core.request import Sampling
from ponder.core.servers.keys import KeyStore
from ponder.core.servers.reference import ServerModelRef, connect
from ponder.core.servers.registry import ServerRegistry
from ponder.core.settings import Settings
from ponder.core.storage.store import ConversationStore, DatabaseDamagedError, StorageError
from ponder.core.teaching.sweep_files import SweepFolder
from ponder.core.ways_out import WINDOW
from ponder.engine.client import EngineClient
from ponder.engine.protocol import Engine
from ponder.engine.switch import EngineSwitch
from ponder.ui.answer.markdown import MarkdownRenderer
from ponder.ui.answer.math import MathRenderer
from ponder.ui.chat.controller import ChatController
from ponder.ui.chat.live_reply import GenerationDefaults
from ponder.ui.chat.turn_runner import EventBuffer, TurnRunner
from ponder.ui.engine_host import EngineHost, ModelLoader
from ponder.ui.models.library import ModelLibrary
from ponder.ui.models.server_library import ServerLibrary
from ponder.ui.models.server_tasks import ServerTasks
from ponder.ui.models.tasks import ModelDownloads, ModelTasks
from ponder.ui.pyside_check import broken_pyside_message
from ponder.ui.settings_keeper import SettingsKeeper
from ponder.ui.sweep.queue import SweepQueue
from ponder.ui.sweep.runner import SweepRunner
from ponder.ui.theme.apply import SystemLook, apply_theme, is_dark
from ponder.ui.translations import install_translations, remove_translations
from ponder.ui.window.damaged_history import resolve_damaged_history
from ponder.ui.window.main_window import MainWindow

log = logging.getLogger(__name__)
THREAD_STOP_TIMEOUT_MS = 15_000


@dataclass(frozen=True)
class LaunchOptions:
    """How to start. ``model``: use this GGUF for this run (not remembered); ``sampling``
    and ``max_tokens``: fixed for every turn (self-test, tests); ``n_threads``: override the
    setting; ``load_model`` False: do not load at start; ``read_only_history``: the user
    chose to read a damaged history without changing it."""

    paths: AppPaths | None = None
    model: str | None = None
    sampling: Sampling = field(default_factory=Sampling)
    max_tokens: int | None = None
    n_threads: int | None = None
    load_model: bool = True
    read_only_history: bool = False


def _thread(name: str, *workers: QObject) -> QThread:
    """A started QThread that ``workers`` (QObjects) live on from now on."""
    thread = QThread()
    thread.setObjectName(name)
    for worker in workers:
        worker.moveToThread(thread)
    thread.start()
    return thread


class PonderApp:
    """The running app. Make it after the QApplication; call ``shutdown`` before quitting."""

    def __init__(
        self,
        qapp: QApplication,
        options: LaunchOptions | None = None,
        *,
        engine: Engine | None = None,
    ) -> None:
        """``engine``: another implementation of the engine protocol (default: the local
        engine process, ``EngineClient``)."""
        self.started = time.perf_counter()
        self.qapp = qapp
        self.options = options = options or LaunchOptions()
        self.paths = paths = (options.paths or AppPaths.from_environment()).ensure()
        self.settings = SettingsKeeper(paths.settings_file)
        # Before any widget is made: a widget reads its words when it is built.
        self.translators = install_translations(qapp, self.settings.settings.language)
        self.system_look = SystemLook(qapp)
        apply_theme(qapp, self.settings.settings, self.system_look)
        # StorageError (DatabaseDamagedError: the caller offers the ways forward).
        self.store = ConversationStore(
            paths.database,
            backup_dir=paths.backups,
            read_only=options.read_only_history,
            verify=True,
            ways_out=WINDOW,
        )
        self.engine: Engine = engine if engine is not None else EngineClient()
        # The inference servers the person added, and their keys (read on worker threads).
        registry = ServerRegistry(paths.servers_file)
        keys = KeyStore.default(paths.server_keys_file)
        # The one engine the window's workers use: the local one, or a model on a server.
        # Its faults reach the chat: they advise the window's ways out, not the command line's.
        self.engine_switch = EngineSwitch(
            self.engine, lambda ref: connect(ref, registry, keys, WINDOW)
        )
        self.buffer = EventBuffer()
        # The engine's workers share one thread: the engine serves one caller at a time.
        switch = self.engine_switch
        self.model_loader = ModelLoader(switch)
        self.turn_runner = TurnRunner(switch, self.model_loader, self.buffer, paths.database)
        self.sweep_runner = SweepRunner(switch)
        self.engine_thread = _thread(
            "ponder-engine", self.model_loader, self.turn_runner, self.sweep_runner
        )
        # The turn runner's store is closed on its own thread, as the thread ends.
        self.engine_thread.finished.connect(
            self.turn_runner.close_store, Qt.ConnectionType.DirectConnection
        )
        self.engine_host = EngineHost(switch, self.model_loader)
        models_root = Path(self.settings.settings.models_folder or paths.models)
        self.tasks = ModelTasks(models_root)
        self.tasks_thread = _thread("ponder-model-tasks", self.tasks)
        self.downloads = ModelDownloads(models_root)
        self.downloads_thread = _thread("ponder-downloads", self.downloads)
        self.server_tasks = ServerTasks(registry, keys)
        self.servers_thread = _thread("ponder-server-tasks", self.server_tasks)
        self.servers = ServerLibrary(self.server_tasks)
        self.library = ModelLibrary(self.tasks, self.downloads, servers=self.servers)
        self.math = MathRenderer(color="#000000", font_px=14.0)
        self.renderer = MarkdownRenderer(self.math, math_later=True)
        self._style_renderer()
        self.controller = ChatController(
            self.store,
            self.engine_host,
            self.turn_runner,
            self.buffer,
            defaults=GenerationDefaults(options.sampling, options.max_tokens),
        )
        self.sweeps = SweepQueue(self.engine_host, self.sweep_runner, SweepFolder(paths.sweeps))
        self.window = MainWindow(
            self.controller,
            self.engine_host,
            self.library,
            self.settings,
            paths=paths,
            renderer=self.renderer,
            sweeps=self.sweeps,
        )
        self.settings.changed.connect(self._settings_changed)
        self._shut_down = False
        self.library.refresh()
        self.servers.refresh()
        QTimer.singleShot(500, MathRenderer.preload)  # after the window is up
        if options.load_model:
            QTimer.singleShot(0, self.start_model)

    # ----- start -------------------------------------------------------------------------------

    def start_model(self) -> None:
        """Loads the model to use: ``--model``, else the last one used; else the welcome."""
        path = self.options.model or self.settings.settings.last_model_path
        if path and (Path(path).is_file() or ServerModelRef.parse(path) is not None):
            self.window.use_model(path, n_threads=self.options.n_threads, remember=False)
        else:
            self.window.show_welcome()

    def _style_renderer(self) -> None:
        """Colours and sizes for answers from the current palette and font."""
        palette = self.qapp.palette()
        from PySide6.QtGui import QFontInfo, QPalette

        self.math.color = palette.color(QPalette.ColorRole.Text).name()
        self.math.font_px = float(QFontInfo(self.qapp.font()).pixelSize())
        self.math.device_pixel_ratio = max(1.0, self.qapp.devicePixelRatio())
        self.renderer.set_dark(is_dark(self.qapp))

    def _settings_changed(self, new: Settings, old: Settings) -> None:
        if (new.theme, new.font_size) != (old.theme, old.font_size):
            apply_theme(self.qapp, new, self.system_look)
            self.math.clear()
            self._style_renderer()
            self.window.panel.refresh_theme()
            if not self.controller.busy:
                self.controller.open_conversation(self.controller.conversation_id)

    # ----- stop --------------------------------------------------------------------------------

    def shutdown(self) -> None:
        """Stop the generation, pause downloads, close the engine, end the threads."""
        if self._shut_down:
            return
        self._shut_down = True
        self.sweeps.cancel_all()  # drops the waiting sweeps (and stops the one running)
        self.engine_host.stop()
        self.library.pause_all()
        threads = (
            self.engine_thread,
            self.downloads_thread,
            self.tasks_thread,
            self.servers_thread,
        )
        for thread in threads:
            thread.quit()
        for thread in threads:
            if not thread.wait(THREAD_STOP_TIMEOUT_MS):
                log.warning("thread %s did not stop in time", thread.objectName())
        self.math.stop(THREAD_STOP_TIMEOUT_MS)
        self.engine_switch.close()  # the server's connection, then the engine process
        self.store.close()
        remove_translations(self.qapp)


def run(options: LaunchOptions | None = None, argv: list[str] | None = None) -> int:
    """Runs the desktop app until its window closes; the exit status."""
    qapp = QApplication.instance() or QApplication(argv if argv is not None else sys.argv)
    assert isinstance(qapp, QApplication)
    qapp.setApplicationName("Ponder")
    qapp.setOrganizationName("Ponder")
    qapp.setApplicationDisplayName("Ponder")
    problem = broken_pyside_message()
    if problem:
        print(f"ponder: {problem}", file=sys.stderr)
        QMessageBox.critical(
            None, QCoreApplication.translate("Main", "Ponder cannot start"), problem
        )
        return 1
    app = _start(qapp, options or LaunchOptions())
    if app is None:
        return 1
    app.window.show_on_screen()
    qapp.aboutToQuit.connect(app.shutdown)
    status = qapp.exec()
    app.shutdown()
    return int(status)


def _start(qapp: QApplication, options: LaunchOptions) -> PonderApp | None:
    """The app, or None if it cannot start (the user has been told why). A damaged history
    is answered with the recovery dialog, then the start is tried again."""
    while True:
        try:
            return PonderApp(qapp, options)
        except DatabaseDamagedError as exc:
            paths = options.paths or AppPaths.from_environment()
            read_only = resolve_damaged_history(exc, paths.backups)
            if read_only is None:
                return None
            options = dataclasses.replace(options, read_only_history=read_only)
        except (StorageError, DataFolderError) as exc:
            QMessageBox.critical(
                None, QCoreApplication.translate("Main", "Ponder cannot start"), str(exc)
            )
            return None
