"""Which model the window runs: the model bar's list, the first-run welcome page, loading the
model chosen anywhere (the bar, the welcome page, the manager, Settings, a finished download
or import) with the load policy's "too large" refusal and its "Load anyway", and what the bar
and a message box show while the model loads, when it is ready and when it fails. A model on
a server (``server:NAME/MODEL``, from Models → Servers or the bar) is chosen the same way;
the engine host's switch sends it to the server. A conversation that was held with a server
model takes it up again when it is opened.

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
from ponder.core.request import LoadRequest
from ponder.core.servers.reference import ServerModelRef
from ponder.ui.engine_host import EngineHost
from ponder.ui.models.bar import ModelBar
from ponder.ui.models.details import model_name
from ponder.ui.models.library import ModelLibrary, load_request_for
from ponder.ui.models.refusal import offer_load_anyway
from ponder.ui.settings_keeper import SettingsKeeper
from ponder.ui.translations import shown
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
        library.download_changed.connect(lambda _key: self._refresh_welcome())
        library.hub_checked.connect(lambda _problem: self._refresh_welcome())
        if library.servers is not None:
            library.servers.changed.connect(self.refresh)
        library.download_done.connect(lambda m: self._offer_model(str(m.path)))
        library.import_done.connect(lambda m: self._offer_model(str(m.path)))

    # ----- what the window shows ---------------------------------------------------------------

    def _loading(self, path: str) -> None:
        self._pages.setCurrentIndex(CHAT_PAGE)
        self._model_bar.loading(path)

    def _ready(self, event: LoadedEvent) -> None:
        self._model_bar.ready(event, self._draft_name(event.draft_model))
        if event.draft_problem:  # asked for, but the engine could not use it
            self._show_status(shown(event.draft_problem))
        self._after_ready()

    def _draft_name(self, path: str | None) -> str | None:
        """The draft model's name for people: its catalog name and quant, else its file's."""
        if not path:
            return None
        for model in self._library.installed:
            if str(model.path) == path:
                return model_name(model, self._library.catalog)
        return Path(path).name.removesuffix(".gguf")

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
        servers = library.servers.models() if library.servers is not None else []
        self._model_bar.set_models(library.demo, library.installed, library.catalog, servers)
        self._refresh_welcome()

    def _refresh_welcome(self) -> None:
        if self._pages.currentWidget() is self._welcome:
            self._welcome.update_from(self._library)

    def show_welcome(self) -> None:
        """First run: no model chosen yet."""
        self._pages.setCurrentIndex(WELCOME_PAGE)
        self._hide_panel()
        self._library.probe_hardware()
        self._library.check_hub()  # on the tasks thread: "looks offline" when it cannot
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
        policy says cannot fit is not loaded: the refusal offers "Load anyway" (``force``).
        A server model's reference is loaded from its server (no file, no policy)."""
        if ServerModelRef.parse(path) is not None:
            if remember:
                self._settings.update_fields(last_model_path=path)
            self._host.load_model(LoadRequest(model_path=path))
            return
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
            self._host.refuse_load(shown(exc))
            return
        if remember:
            self._settings.update_fields(last_model_path=path)
        self._host.load_model(request, sha256)
        for note in notes:
            self._show_status(shown(note))

    def follow_conversation(self, model_id: str | None) -> None:
        """A conversation was opened: if it was held with a server model that is not the one
        in use, that model is loaded again (a local model is not: loading a file takes a
        while, and the person may only be reading). Nothing while the engine is busy."""
        ref = ServerModelRef.parse(model_id)
        host = self._host
        if ref is None or ref.id == host.model_path or host.holder is not None or host.loading:
            return
        servers = self._library.servers
        if servers is not None and servers.listed_once and servers.entry(ref.server) is None:
            self._window.statusBar().showMessage(
                QCoreApplication.translate(
                    "ModelSwitcher",
                    "This conversation was held with {model}; that server is no longer in "
                    "Models → Servers.",
                ).format(model=ref.label),
                10000,
            )
            return
        self._window.statusBar().showMessage(
            QCoreApplication.translate(
                "ModelSwitcher", "This conversation was held with {model}: asking its server."
            ).format(model=ref.label),
            10000,
        )
        self.use_model(ref.id)

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
            self._window.statusBar().clearMessage()  # "Importing…" is over
            self.use_model(path)
        else:
            self._window.statusBar().showMessage(
                QCoreApplication.translate(
                    "ModelSwitcher", "{file} is ready: pick it above."
                ).format(file=Path(path).name),
                15000,
            )
