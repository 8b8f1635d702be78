"""Which model the window runs: the model bar's list, the first-run welcome page, loading the
model chosen anywhere (the bar, the welcome page, the manager, Settings, a finished download
or import) with the load policy's "too large" refusal and its "Load anyway", and what the bar
and a message box show while the model loads, when it is ready and when it fails.

Thread: GUI thread.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QMainWindow, QMessageBox, QStackedWidget

from ponder.core.events import LoadedEvent
from ponder.core.gguf.errors import GGUFError
from ponder.core.models.catalog import CatalogEntry, Quant
from ponder.core.models.load_policy import ModelTooLarge
from ponder.ui.engine_host import EngineHost
from ponder.ui.models.bar import ModelBar
from ponder.ui.models.library import ModelLibrary, load_request_for
from ponder.ui.models.refusal import offer_load_anyway
from ponder.ui.settings_keeper import SettingsKeeper
from ponder.ui.window import dialogs
from ponder.ui.window.welcome import WelcomePage

CHAT_PAGE, WELCOME_PAGE = 0, 1  # the window's pages


class ModelSwitcher:
    """See the module docstring. ``window``: where the dialogs open and messages show;
    ``pages``: the window's chat and welcome pages; ``show_status``: the window's status line;
    ``hide_panel``: closes the thinking panel (the welcome page has no use for it);
    ``model_ready``: called after the bar shows a loaded model."""

    def __init__(
        self,
        window: QMainWindow,
        host: EngineHost,
        library: ModelLibrary,
        settings: SettingsKeeper,
        *,
        model_bar: ModelBar,
        pages: QStackedWidget,
        welcome: WelcomePage,
        show_status: dialogs.ShowStatus,
        hide_panel: Callable[[], None],
        model_ready: Callable[[], None],
    ) -> None:
        self._window = window
        self._host = host
        self._library = library
        self._settings = settings
        self._model_bar = model_bar
        self._pages = pages
        self._welcome = welcome
        self._show_status = show_status
        self._hide_panel = hide_panel
        self._after_ready = model_ready
        host.model_loading.connect(self._loading)
        host.model_progress.connect(model_bar.progress)
        host.model_ready.connect(self._ready)
        host.model_failed.connect(self.failed)
        model_bar.model_chosen.connect(self.use_model)
        model_bar.manage_requested.connect(self.open_model_manager)
        welcome.demo_requested.connect(self.use_demo)
        welcome.import_requested.connect(self.import_model)
        welcome.manager_requested.connect(self.open_model_manager)
        welcome.download_requested.connect(self._download_recommended)
        library.changed.connect(self.refresh)
        library.download_done.connect(lambda m: self._offer_model(str(m.path)))
        library.import_done.connect(lambda m: self._offer_model(str(m.path)))

    # ----- what the window shows ---------------------------------------------------------------

    def _loading(self, path: str) -> None:
        self._pages.setCurrentIndex(CHAT_PAGE)
        self._model_bar.loading(path)

    def _ready(self, event: LoadedEvent) -> None:
        self._model_bar.ready(event)
        self._after_ready()

    def failed(self, message: str) -> None:
        """The bar says the model did not load, and a message box says why."""
        self._model_bar.failed(message)
        # Window-modal but not blocking: the event loop (and a self-test) goes on.
        box = QMessageBox(
            QMessageBox.Icon.Warning,
            QCoreApplication.translate("ModelSwitcher", "Model not loaded"),
            message,
            parent=self._window,
        )
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()

    def refresh(self) -> None:
        """The bar's (and the welcome page's) list of models, from the library."""
        library = self._library
        self._model_bar.set_models(library.demo, library.installed, library.catalog)
        if self._pages.currentWidget() is self._welcome:
            self._welcome.update_from(library)

    def show_welcome(self) -> None:
        """First run: no model chosen yet."""
        self._pages.setCurrentIndex(WELCOME_PAGE)
        self._hide_panel()
        self._library.probe_hardware()
        self._welcome.update_from(self._library)

    # ----- choosing and loading ----------------------------------------------------------------

    def use_model(
        self,
        path: str,
        *,
        force: bool = False,
        n_threads: int | None = None,
        remember: bool = True,
    ) -> None:
        """Loads ``path`` and (``remember``) remembers it for the next start. A model the load
        policy says cannot fit is not loaded: the refusal offers "Load anyway" (``force``)."""
        try:
            request, sha256, notes = load_request_for(
                path, self._settings.settings, self._library, n_threads, force=force
            )
        except ModelTooLarge as refusal:
            retry = partial(
                self.use_model, path, force=True, n_threads=n_threads, remember=remember
            )
            offer_load_anyway(self._window, refusal, retry)
            return
        except GGUFError as exc:
            self._host.refuse_load(str(exc))
            return
        if remember:
            self._settings.update_fields(last_model_path=path)
        self._host.load_model(request, sha256)
        for note in notes:
            self._show_status(note)

    def use_demo(self) -> None:
        if self._library.demo is not None:
            self.use_model(str(self._library.demo))

    def open_model_manager(self) -> None:
        dialogs.open_model_manager(
            self._window, self._library, self._host.model_path, self.use_model
        )

    def import_model(self) -> None:
        dialogs.import_model(self._window, self._library, self._show_status)

    def _download_recommended(self, entry: CatalogEntry, quant: Quant) -> None:
        dialogs.download_recommended(
            self._window,
            self._library,
            entry,
            quant,
            current_model=self._host.model_path,
            use_model=self.use_model,
        )

    def _offer_model(self, path: str) -> None:
        if not self._host.model_path:
            self.use_model(path)
        else:
            self._window.statusBar().showMessage(
                QCoreApplication.translate(
                    "ModelSwitcher", "{file} is ready: pick it above."
                ).format(file=Path(path).name),
                15000,
            )
