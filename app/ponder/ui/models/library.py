"""What the model picker and manager show: the catalog with fit for this machine, the
installed models, downloads in progress. It asks ``ModelTasks``/``ModelDownloads`` for the
work and keeps their answers.

Thread: GUI thread.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QObject, Signal

from ponder.core.downloads.control import Progress
from ponder.core.models.catalog import Catalog, CatalogEntry, Quant
from ponder.core.models.fit import Fit, Recommendation, assess_fit, recommend
from ponder.core.models.hardware import HardwareInfo, detect_hardware
from ponder.core.models.load_policy import plan_load
from ponder.core.models.store import InstalledModel, find_installed
from ponder.core.request import LoadRequest
from ponder.core.settings import Settings
from ponder.ui.models.server_library import ServerLibrary
from ponder.ui.models.tasks import DownloadJob, ModelDownloads, ModelScan, ModelTasks


@dataclass
class DownloadState:
    """A download the user started: running, paused (resumable) or failed."""

    job: DownloadJob
    state: str = "queued"  # queued, running, paused, failed
    progress: Progress | None = None
    message: str = ""


class ModelLibrary(QObject):
    """The models Ponder knows about, and the work on them in flight."""

    changed = Signal()
    download_changed = Signal(str)  # key
    download_done = Signal(object)  # InstalledModel
    import_progress = Signal(object)  # Progress
    import_done = Signal(object)  # InstalledModel
    problem = Signal(str)
    hub_checked = Signal(str)  # "" reachable, else why the computer looks offline
    # To the workers' slots (queued: they run on the workers' threads).
    _scan = Signal()
    _probe = Signal(bool)
    _check_hub = Signal()
    _import = Signal(str)
    _delete = Signal(str)
    _download = Signal(object, object)

    def __init__(
        self,
        tasks: ModelTasks,
        downloads: ModelDownloads,
        parent: QObject | None = None,
        *,
        servers: ServerLibrary | None = None,
    ) -> None:
        """``servers``: the inference servers, a place models come from too (None: none)."""
        super().__init__(parent)
        self.servers = servers
        self.catalog: Catalog | None = None
        self.installed: tuple[InstalledModel, ...] = ()
        self.demo: Path | None = None
        self.partial: dict[str, int] = {}  # "id:QUANT": bytes of a download to resume
        self.hardware: HardwareInfo | None = None
        self.downloads: dict[str, DownloadState] = {}
        self.scanned_once = False
        self._probing = False
        # Why the hub looks unreachable ("" when it answered; None until a look was taken).
        self.hub_problem: str | None = None
        self._checking_hub = False
        self._scan.connect(tasks.scan)
        self._probe.connect(tasks.probe)
        self._check_hub.connect(tasks.check_hub)
        tasks.hub_checked.connect(self._on_hub_checked)
        self._import.connect(tasks.import_file)
        self._delete.connect(tasks.delete)
        self._download.connect(downloads.download)
        tasks.scanned.connect(self._on_scanned)
        tasks.hardware_probed.connect(self._on_hardware)
        tasks.import_progress.connect(self.import_progress)
        tasks.imported.connect(self.import_done)
        tasks.import_failed.connect(self.problem)
        tasks.failed.connect(self.problem)
        downloads.progress.connect(self._on_progress)
        downloads.finished.connect(self._on_download_finished)

    # ----- asking ------------------------------------------------------------------------------

    def refresh(self) -> None:
        """Re-reads the catalog and the models folder (answers with ``changed``)."""
        self._scan.emit()

    def probe_hardware(self, gpu: bool = True) -> None:
        if not self._probing and self.hardware is None:
            self._probing = True
            self._probe.emit(gpu)

    def check_hub(self) -> None:
        """Looks (on the tasks thread) whether the hub can be reached; answers with
        ``hub_checked``. Nothing to look at when downloads are off anyway."""
        if not self._checking_hub and not self.offline:
            self._checking_hub = True
            self._check_hub.emit()

    def _on_hub_checked(self, problem: str) -> None:
        self._checking_hub = False
        self.hub_problem = problem
        self.hub_checked.emit(problem)

    def import_file(self, path: str) -> None:
        self._import.emit(path)

    def delete(self, model: InstalledModel) -> None:
        self._delete.emit(str(model.path))

    def download(self, entry: CatalogEntry, quant: Quant) -> None:
        """Starts (or resumes) downloading a catalog quant; a paused one resumes."""
        key = f"{entry.id}:{quant.name}"
        current = self.downloads.get(key)
        if current is not None and current.state in ("queued", "running"):
            return
        state = DownloadState(DownloadJob(key, entry.id, quant.name))
        self.downloads[key] = state
        self.download_changed.emit(key)
        self._download.emit(state.job, self.hardware)

    def pause(self, key: str) -> None:
        state = self.downloads.get(key)
        if state is not None:
            state.job.control.pause()

    def cancel(self, key: str) -> None:
        state = self.downloads.get(key)
        if state is None:
            return
        if state.state in ("paused", "failed"):
            del self.downloads[key]  # the partial file stays for a later resume
            self.download_changed.emit(key)
        else:
            state.job.control.cancel()

    def pause_all(self) -> None:
        """Shutdown: every running download pauses, leaving a resumable partial file."""
        for state in self.downloads.values():
            if state.state in ("queued", "running"):
                state.job.control.pause()

    # ----- answers -----------------------------------------------------------------------------

    def _on_scanned(self, scan: ModelScan) -> None:
        self.catalog = scan.catalog or self.catalog
        self.installed = scan.installed
        self.demo = scan.demo
        self.partial = scan.partial
        self.scanned_once = True
        if scan.error:
            self.problem.emit(scan.error)
        self.changed.emit()

    def _on_hardware(self, hw: HardwareInfo) -> None:
        self.hardware = hw
        self._probing = False
        self.changed.emit()

    def _on_progress(self, key: str, progress: Progress) -> None:
        state = self.downloads.get(key)
        if state is not None:
            state.state = "running"
            state.progress = progress
            self.download_changed.emit(key)

    def _on_download_finished(
        self, key: str, model: InstalledModel | None, message: str, paused: bool
    ) -> None:
        state = self.downloads.get(key)
        if model is not None:
            self.downloads.pop(key, None)
            self.download_changed.emit(key)
            self.download_done.emit(model)
            self.refresh()
            return
        if state is None:
            return
        if state.job.control.requested == "cancel":
            self.downloads.pop(key, None)
        else:
            state.state = "paused" if paused else "failed"
            state.message = message
        self.download_changed.emit(key)

    # ----- reading -----------------------------------------------------------------------------

    @property
    def offline(self) -> bool:
        # Imported here: huggingface_hub takes a quarter of a second to import, and the
        # window must open before anything asks about downloads.
        from ponder.core.downloads.hub import offline_mode

        return offline_mode()

    def fit(self, entry: CatalogEntry, quant: Quant) -> Fit | None:
        return assess_fit(entry, quant, self.hardware) if self.hardware is not None else None

    def recommendation(self) -> Recommendation | None:
        if self.catalog is None or self.hardware is None:
            return None
        return recommend(self.catalog, self.hardware)

    def draft_pair(self, entry: CatalogEntry) -> tuple[CatalogEntry, bool] | None:
        """The catalog's draft model for ``entry`` (speculative decoding) and whether one of
        its files is installed; None when the entry has no pair."""
        if self.catalog is None or entry.draft is None:
            return None
        draft = self.catalog.get(entry.draft)
        return draft, any(self.installed_copy(draft, quant) for quant in draft.quants)

    def installed_copy(self, entry: CatalogEntry, quant: Quant) -> Path | None:
        """Where this catalog quant is installed (the demo: its package's file), or None."""
        if entry.package is not None:
            return self.demo if self.demo is not None and self.demo.name == quant.file else None
        model = find_installed(self.installed, entry, quant)
        return model.path if model is not None else None


def load_request_for(
    path: str,
    settings: Settings,
    library: ModelLibrary | None = None,
    n_threads: int | None = None,
    *,
    force: bool = False,
) -> tuple[LoadRequest, str | None, tuple[str, ...]]:
    """The load request for a model file under these settings (``plan_load``, the policy the
    command line shares), its sha256 when Ponder knows it (the install record, or the
    catalog's pin for the same file and size), and the plan's notes for the person.

    A context size left at its default lets a catalog model start with what its card asks for
    (as far as memory allows); one the person chose is used as it is.
    Raises ``GGUFError`` (not a model) and ``ModelTooLarge`` (cannot fit here, unless
    ``force``); both messages are written for the user.
    """
    hardware = library.hardware if library is not None else None
    chosen = settings.context_size != Settings().context_size
    plan = plan_load(
        path,
        hardware or detect_hardware(),
        n_ctx=settings.context_size if chosen else None,
        n_threads=n_threads or settings.threads,
        gpu_layers=settings.gpu_layers,
        force=force,
        catalog=library.catalog if library is not None else None,
        think_tags=settings.custom_think_tags,
        speculate=settings.speculative_decoding,
        draft_model="auto" if settings.use_draft_model else "none",
        installed=library.installed if library is not None else (),
    )
    request = plan.request
    sha256 = None
    if library is not None:
        for model in library.installed:
            if str(model.path) == path:
                sha256 = model.sha256
        if sha256 is None and library.catalog is not None:
            match = library.catalog.find_file(None, Path(path).name)
            if match is not None and match[1].sha256 and _size(path) == match[1].size:
                sha256 = match[1].sha256
    return request, sha256, plan.notes


def _size(path: str) -> int | None:
    try:
        return Path(path).stat().st_size
    except OSError:
        return None
