"""Model files off the GUI thread: scanning the models folder, probing the hardware,
importing a .gguf, deleting, and downloading.

Two workers (QObjects that live on a QThread), two threads: ``ModelTasks`` (short jobs: scan,
probe, import, delete) and ``ModelDownloads`` (one download at a time, which may run for an
hour). Pause and cancel do
not go through the download thread: the GUI sets the job's ``TransferControl``, which the
transfer checks between chunks.

Thread: each worker lives on its own QThread; its slots run there, its signals reach the GUI
queued.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from pathlib import Path

from PySide6.QtCore import QObject, Signal, Slot

from ponder.core.downloads.control import Progress, TransferControl
from ponder.core.downloads.errors import DownloadStoppedError, ModelFileError
from ponder.core.models.catalog import Catalog, CatalogError, load_catalog
from ponder.core.models.demo import find_demo_model
from ponder.core.models.hardware import HardwareInfo, detect_hardware
from ponder.core.models.store import InstalledModel, ModelStore
from ponder.ui.translations import shown

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class ModelScan:
    """What the models folder and the catalog hold now."""

    catalog: Catalog | None
    installed: tuple[InstalledModel, ...]
    demo: Path | None
    error: str | None = None
    partial: dict[str, int] = field(default_factory=dict)  # "id:QUANT": bytes so far


@dataclass(frozen=True)
class DownloadJob:
    """One catalog quant to download. ``key`` is ``"id:QUANT"``. Frozen: it crosses to the
    downloads thread; ``control`` (pause, cancel) is thread-safe."""

    key: str
    entry_id: str
    quant: str
    control: TransferControl = field(default_factory=TransferControl)


class ModelTasks(QObject):
    """Short model-file jobs (lives on the model-tasks QThread)."""

    # What the signals carry is frozen: ModelScan, HardwareInfo, Progress, InstalledModel.
    scanned = Signal(object)  # ModelScan
    hardware_probed = Signal(object)  # HardwareInfo
    import_progress = Signal(object)  # Progress
    imported = Signal(object)  # InstalledModel
    import_failed = Signal(str)
    deleted = Signal(str)
    failed = Signal(str)
    hub_checked = Signal(str)  # "" when the hub can be reached, else why it looks offline

    def __init__(self, models_root: Path, catalog_path: Path | None = None) -> None:
        super().__init__()
        self._store = ModelStore(models_root)
        self._catalog_path = catalog_path
        self._catalog: Catalog | None = None

    @Slot()
    def check_hub(self) -> None:
        """A quick look at whether the model hub answers (a few seconds at most, here on the
        tasks thread, never on the GUI thread)."""
        from ponder.core.downloads.hub import Hub
        from ponder.core.downloads.reachability import unreachable_reason

        self.hub_checked.emit(shown(unreachable_reason(Hub().endpoint)))

    @Slot()
    def scan(self) -> None:
        error = None
        if self._catalog is None:
            try:
                self._catalog = load_catalog(self._catalog_path)
            except CatalogError as exc:
                error = shown(exc)
        try:
            installed = tuple(self._store.installed())
        except OSError as exc:
            installed = ()
            error = self.tr("Could not read the models folder: {problem}").format(problem=exc)
        partial = self._store.partial_downloads(self._catalog) if self._catalog else {}
        self.scanned.emit(ModelScan(self._catalog, installed, find_demo_model(), error, partial))

    @Slot(bool)
    def probe(self, gpu: bool) -> None:
        """This machine's memory and cores; with ``gpu``, what llama.cpp can offload to
        (a short-lived child process imports llama.cpp: a second or two)."""
        hw: HardwareInfo
        try:
            if gpu:
                from ponder.engine.backend_probe import probe_backend

                found = probe_backend()
                hw = detect_hardware(
                    self._store.root,
                    gpu=found.best_gpu(),
                    gpu_offload=found.gpu_offload,
                    llama_system_info=found.system_info or None,
                )
            else:
                hw = detect_hardware(self._store.root)
        except Exception as exc:  # the probe is a convenience: fall back to no GPU
            log.warning("hardware probe failed: %s", exc)
            hw = detect_hardware(self._store.root)
        self.hardware_probed.emit(hw)

    @Slot(str)
    def import_file(self, path: str) -> None:
        """Imports a .gguf file, or a model pack (its folder, or its ponder-pack.json)."""
        from ponder.core.models.local_import import import_gguf
        from ponder.core.models.packs import MANIFEST, import_pack

        target = Path(path)
        try:
            if target.is_dir() or target.name == MANIFEST:
                folder = target if target.is_dir() else target.parent
                model = import_pack(self._store, folder, progress=self.import_progress.emit)
            else:
                model = import_gguf(
                    self._store, target, catalog=self._catalog, progress=self.import_progress.emit
                )
        except ModelFileError as exc:
            self.import_failed.emit(shown(exc))
            return
        except OSError as exc:
            self.import_failed.emit(
                self.tr("Could not import {path}: {exc}").format(path=path, exc=exc)
            )
            return
        self.imported.emit(model)
        self.scan()

    @Slot(str)
    def delete(self, path: str) -> None:
        target = Path(path)
        try:
            self._store.remove(self._store.read(target))
        except OSError as exc:
            self.failed.emit(
                self.tr("Could not delete {name}: {exc}").format(name=target.name, exc=exc)
            )
            return
        self.deleted.emit(path)
        self.scan()


class ModelDownloads(QObject):
    """Downloads one catalog model at a time (lives on the downloads QThread)."""

    # What the signals carry is frozen (Progress, InstalledModel).
    progress = Signal(str, object)  # key, Progress
    finished = Signal(str, object, str, bool)  # key, InstalledModel | None, message, paused

    def __init__(self, models_root: Path, catalog_path: Path | None = None) -> None:
        super().__init__()
        self._store = ModelStore(models_root)
        self._catalog_path = catalog_path

    @Slot(object, object)
    def download(self, job: DownloadJob, hw: HardwareInfo | None) -> None:
        from ponder.core.downloads.hub import Hub
        from ponder.core.models.install import install_catalog_model
        from ponder.core.ways_out import WINDOW

        def report(progress: Progress) -> None:
            self.progress.emit(job.key, progress)

        try:
            catalog = load_catalog(self._catalog_path)
            entry = catalog.get(job.entry_id)
            quant = entry.quant(job.quant)
            done = install_catalog_model(
                self._store,
                Hub(ways_out=WINDOW),
                entry,
                quant,
                hw=hw,
                progress=report,
                control=job.control,
            )
        except DownloadStoppedError as exc:
            self.finished.emit(job.key, None, shown(exc), exc.paused)
            return
        except (ModelFileError, CatalogError) as exc:
            self.finished.emit(job.key, None, shown(exc), False)
            return
        except Exception as exc:  # an unexpected failure must not kill the thread silently
            log.exception("download failed")
            self.finished.emit(
                job.key, None, self.tr("The download failed: {problem}").format(problem=exc), False
            )
            return
        self.finished.emit(job.key, done.model, "", False)
