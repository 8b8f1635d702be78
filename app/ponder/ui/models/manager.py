"""The model picker and manager: installed models (use, import, delete, details) and the
catalog with fit badges for this machine (download, pause, resume, cancel).

Thread: GUI thread. Every file operation goes through ``ModelLibrary`` to its workers.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QTabWidget,
    QTextBrowser,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ponder.core.byte_size import size_text
from ponder.core.models.catalog import Catalog, CatalogEntry, Quant
from ponder.core.models.catalog_filter import SIZE_CLASSES, CatalogFilter, catalog_families
from ponder.core.models.fit import Fit
from ponder.core.models.store import InstalledModel
from ponder.ui.models.details import (
    catalog_details,
    fit_badge,
    gguf_paths,
    installed_details,
    model_name,
)
from ponder.ui.models.servers_page import ServersPage
from ponder.ui.screen_fit import initial_size
from ponder.ui.theme.apply import set_kind
from ponder.ui.theme.icons import icon
from ponder.ui.translations import QT_TRANSLATE_NOOP, shown

_DATA = Qt.ItemDataRole.UserRole


# A download's phase (core/downloads/control.py's Phase), marked here, translated where shown.
PHASES = {
    "checking": QT_TRANSLATE_NOOP("ModelManagerDialog", "checking"),
    "downloading": QT_TRANSLATE_NOOP("ModelManagerDialog", "downloading"),
    "verifying": QT_TRANSLATE_NOOP("ModelManagerDialog", "verifying"),
}


def _name_column_first(tree: QTreeWidget) -> None:
    """The name column takes the width the other columns (sized to their contents) leave;
    the last column no longer stretches, which took that width from the names."""
    header = tree.header()
    header.setStretchLastSection(False)
    header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
    for column in range(1, tree.columnCount()):
        header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
    tree.setTextElideMode(Qt.TextElideMode.ElideRight)


class ModelManagerDialog(QDialog):
    """Emits ``use_requested(path)`` when the user picks a model to chat with."""

    use_requested = Signal(str)

    def __init__(self, library: object, current_model: str | None, parent: QWidget | None = None):
        from ponder.ui.models.library import ModelLibrary

        super().__init__(parent)
        assert isinstance(library, ModelLibrary)
        self.library = library
        self.current_model = current_model
        self.setWindowTitle(self.tr("Models"))
        self.setObjectName("modelManager")
        # Wide enough for the catalog's longest row ("★ … (recommended)") on a 1280-pixel
        # screen; a smaller screen gets what fits, and the names elide with a tooltip.
        initial_size(self, 1160, 640)
        self.setAcceptDrops(True)
        self.tabs = QTabWidget()
        self.tabs.addTab(self._installed_tab(), icon("installed"), self.tr("Installed"))
        self.tabs.addTab(self._catalog_tab(), icon("catalog"), self.tr("Catalog"))
        self.servers_page: ServersPage | None = None
        if library.servers is not None:
            self.servers_page = ServersPage(library.servers, current_model)
            self.servers_page.use_requested.connect(self._use_server_model)
            self.tabs.addTab(self.servers_page, icon("servers"), self.tr("Servers"))
        self.status = QLabel()
        self.status.setObjectName("hint")
        self.status.setWordWrap(True)
        close = QPushButton(self.tr("Close"))
        close.clicked.connect(self.accept)
        bottom = QHBoxLayout()
        bottom.addWidget(self.status, 1)
        bottom.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs, 1)
        layout.addLayout(bottom)
        library.changed.connect(self.refresh)
        library.download_changed.connect(self._download_changed)
        library.import_progress.connect(self._import_progress)
        library.import_done.connect(self._imported)
        library.problem.connect(self._problem)
        library.refresh()
        library.probe_hardware()
        self.refresh()

    # ----- installed -------------------------------------------------------------------------

    def _installed_tab(self) -> QWidget:
        self.installed = QTreeWidget()
        self.installed.setObjectName("installedModels")
        self.installed.setHeaderLabels(
            [self.tr("Model"), self.tr("Size"), self.tr("Source"), self.tr("Verified")]
        )
        self.installed.setRootIsDecorated(False)
        _name_column_first(self.installed)
        self.installed.currentItemChanged.connect(self._show_installed_details)
        self.installed.itemDoubleClicked.connect(lambda _item, _col: self._use())
        self.installed_info = QTextBrowser()
        self.installed_info.setOpenExternalLinks(False)
        self.use_button = QPushButton(self.tr("Use this model"))
        self.use_button.setDefault(True)
        self.use_button.setProperty("primary", True)
        self.use_button.clicked.connect(self._use)
        self.import_button = QPushButton(self.tr("Import .gguf…"))
        self.import_button.setToolTip(
            self.tr("Add a GGUF file from this computer (or drop it here)")
        )
        self.import_button.clicked.connect(self._choose_import)
        self.delete_button = QPushButton(self.tr("Delete…"))
        self.delete_button.clicked.connect(self._delete)
        self.import_bar = QProgressBar()
        self.import_bar.setVisible(False)
        buttons = QHBoxLayout()
        buttons.addWidget(self.use_button)
        buttons.addWidget(self.import_button)
        buttons.addWidget(self.delete_button)
        buttons.addWidget(self.import_bar, 1)
        split = QHBoxLayout()
        split.addWidget(self.installed, 3)
        split.addWidget(self.installed_info, 2)
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.addLayout(split, 1)
        layout.addLayout(buttons)
        return page

    def _fill_installed(self) -> None:
        selected = self._selected_path()
        self.installed.clear()
        library = self.library
        rows: list[tuple[str, str, str, str, object]] = []
        if library.demo is not None:
            rows.append(
                (
                    self.tr("SmolLM2 135M — built-in demo"),
                    size_text(library.demo.stat().st_size) if library.demo.exists() else "",
                    self.tr("built in"),
                    "—",
                    library.demo,
                )
            )
        for model in library.installed:
            name = model_name(model, library.catalog)
            verified = self.tr("yes") if model.sha256 else self.tr("no")
            rows.append((name, size_text(model.size), model.source, verified, model))
        for name, size, source, verified, data in rows:
            item = QTreeWidgetItem([name, size, source, verified])
            item.setToolTip(0, name)  # whole, where a narrow window cuts the name
            item.setData(0, _DATA, data)
            path = data if isinstance(data, Path) else data.path  # type: ignore[attr-defined]
            if str(path) == self.current_model:
                item.setText(0, self.tr("{name}  · in use").format(name=name))
                item.setToolTip(0, item.text(0))
            self.installed.addTopLevelItem(item)
            if str(path) == selected:
                self.installed.setCurrentItem(item)
        first = self.installed.topLevelItem(0)
        if self.installed.currentItem() is None and first is not None:
            self.installed.setCurrentItem(first)
        if not rows:
            self.installed_info.setHtml(
                self.tr(
                    "<p>No models yet. Download one from the <b>Catalog</b> tab, or import a "
                    "<code>.gguf</code> file (you can drop it on this window).</p>"
                )
            )

    def _selected(self) -> object:
        item = self.installed.currentItem()
        return item.data(0, _DATA) if item is not None else None

    def _selected_path(self) -> str | None:
        data = self._selected()
        if isinstance(data, Path):
            return str(data)
        if isinstance(data, InstalledModel):
            return str(data.path)
        return None

    def _show_installed_details(self) -> None:
        data = self._selected()
        self.delete_button.setEnabled(isinstance(data, InstalledModel))
        self.use_button.setEnabled(data is not None)
        if isinstance(data, InstalledModel):
            self.installed_info.setHtml(installed_details(data, self.library.catalog))
        elif isinstance(data, Path):
            self.installed_info.setHtml(
                self.tr(
                    "<h3>SmolLM2 135M Instruct (demo)</h3><p>A tiny model that comes with Ponder "
                    "so you can try the app at once. It is not a reasoner: its “thinking” is "
                    "Ponder prompting it to think, and its answers are often wrong. Download a "
                    "real reasoner from the Catalog tab.</p>"
                )
                + f"<p><small>{data}</small></p>"
            )

    def _use(self) -> None:
        path = self._selected_path()
        if path:
            self.use_requested.emit(path)
            self.accept()

    def _use_server_model(self, reference: str) -> None:
        self.use_requested.emit(reference)
        self.accept()

    def _choose_import(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self,
            self.tr("Import a model"),
            str(Path.home()),
            self.tr("GGUF models (*.gguf);;All files (*)"),
        )
        if path:
            self.start_import(path)

    def start_import(self, path: str) -> None:
        self.import_bar.setVisible(True)
        self.import_bar.setRange(0, 0)
        self._say(self.tr("Importing {file}…").format(file=Path(path).name))
        self.library.import_file(path)

    def _import_progress(self, progress: object) -> None:
        done, total = getattr(progress, "done", 0), getattr(progress, "total", 0)
        if total:
            self.import_bar.setRange(0, 1000)
            self.import_bar.setValue(int(1000 * done / total))

    def _imported(self, model: InstalledModel) -> None:
        self.import_bar.setVisible(False)
        self._say(self.tr("Imported {filename}.").format(filename=model.filename))

    def _problem(self, message: str) -> None:
        self.import_bar.setVisible(False)
        self._say(message, "error")

    def _delete(self) -> None:
        data = self._selected()
        if not isinstance(data, InstalledModel):
            return
        answer = QMessageBox.question(
            self,
            self.tr("Delete model"),
            self.tr(
                "Delete {filename} ({size}) from the models folder?\nYour conversations are kept."
            ).format(filename=data.filename, size=size_text(data.size)),
        )
        if answer == QMessageBox.StandardButton.Yes:
            self.library.delete(data)

    # ----- drag and drop ------------------------------------------------------------------

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:  # noqa: N802 (Qt's name)
        if gguf_paths(event.mimeData()):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:  # noqa: N802 (Qt's name)
        for path in gguf_paths(event.mimeData()):
            self.tabs.setCurrentIndex(0)
            self.start_import(path)
        event.acceptProposedAction()

    # ----- catalog -------------------------------------------------------------------------

    def _catalog_tab(self) -> QWidget:
        # One row per model, its quants inside; search and filters above; offline, a banner.
        self.offline_banner = QLabel(
            self.tr(
                "This computer looks offline, so downloads are off. Installed models still "
                "work; import a .gguf file or a model pack (Models menu) to add one."
            )
        )
        self.offline_banner.setObjectName("offlineBanner")
        self.offline_banner.setWordWrap(True)
        self.offline_banner.setVisible(False)
        self.catalog_search = QLineEdit()
        self.catalog_search.setObjectName("catalogSearch")
        self.catalog_search.setPlaceholderText(self.tr("Search models"))
        self.catalog_search.setClearButtonEnabled(True)
        self.family_filter = QComboBox()
        self.family_filter.addItem(self.tr("All families"), "")
        self.size_filter = QComboBox()
        for key, (label, _low, _below) in SIZE_CLASSES.items():
            self.size_filter.addItem(shown(label), key)
        self.fits_filter = QCheckBox(self.tr("Fits this computer"))
        self.catalog_search.textChanged.connect(lambda _text: self._fill_catalog())
        self.family_filter.currentIndexChanged.connect(lambda _index: self._fill_catalog())
        self.size_filter.currentIndexChanged.connect(lambda _index: self._fill_catalog())
        self.fits_filter.toggled.connect(lambda _on: self._fill_catalog())
        filters = QHBoxLayout()
        filters.addWidget(self.catalog_search, 1)
        filters.addWidget(self.family_filter)
        filters.addWidget(self.size_filter)
        filters.addWidget(self.fits_filter)
        self.catalog = QTreeWidget()
        self.catalog.setObjectName("catalogModels")
        self.catalog.setHeaderLabels(
            [self.tr("Model"), self.tr("Quant"), self.tr("Size"), self.tr("On this computer")]
        )
        _name_column_first(self.catalog)
        self.catalog.currentItemChanged.connect(self._show_catalog_details)
        self.catalog_empty = QLabel()
        self.catalog_empty.setObjectName("hint")
        self.catalog_empty.setVisible(False)
        self.catalog_info = QTextBrowser()
        self.hardware_line = QLabel()
        self.hardware_line.setObjectName("hint")
        self.hardware_line.setWordWrap(True)
        self.download_button = QPushButton(icon("download", "on_accent"), self.tr("Download"))
        self.download_button.setProperty("primary", True)
        self.download_button.clicked.connect(self._download)
        self.pause_button = QPushButton(self.tr("Pause"))
        self.pause_button.clicked.connect(self._pause)
        self.cancel_button = QPushButton(self.tr("Cancel download"))
        self.cancel_button.clicked.connect(self._cancel)
        self.download_bar = QProgressBar()
        self.download_bar.setTextVisible(True)
        buttons = QHBoxLayout()
        for widget in (self.download_button, self.pause_button, self.cancel_button):
            buttons.addWidget(widget)
        buttons.addWidget(self.download_bar, 1)
        listing = QVBoxLayout()
        listing.addWidget(self.catalog, 1)
        listing.addWidget(self.catalog_empty)
        split = QHBoxLayout()
        # Two thirds for the list: its names, quants, sizes and fit badges need the width more
        # than the details, which wrap.
        split.addLayout(listing, 2)
        split.addWidget(self.catalog_info, 1)
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.addWidget(self.offline_banner)
        layout.addWidget(self.hardware_line)
        layout.addLayout(filters)
        layout.addLayout(split, 1)
        layout.addLayout(buttons)
        return page

    def catalog_filter(self) -> CatalogFilter:
        """What the search box and the filters ask for now."""
        return CatalogFilter(
            text=self.catalog_search.text(),
            family=self.family_filter.currentData() or "",
            size=self.size_filter.currentData() or "any",
            fits_only=self.fits_filter.isChecked(),
        )

    def _quant_badges(self, entry: CatalogEntry, quant: Quant) -> list[str]:
        """What a quant's row says beside its name: installed, downloading, partial."""
        key = f"{entry.id}:{quant.name}"
        state = self.library.downloads.get(key)
        if self.library.installed_copy(entry, quant) is not None:
            return [self.tr("installed")]
        if state is not None and state.state in ("queued", "running"):
            return [self.tr("downloading")]
        if state is not None and state.state == "paused":
            return [self.tr("paused")]
        partial = self.library.partial.get(key)
        if partial is not None:
            return [self.tr("partial download ({0})").format(size_text(partial))]
        return []

    def _fill_catalog(self) -> None:
        library = self.library
        selected = self._selected_quant()
        self.catalog.clear()
        self.offline_banner.setVisible(library.offline)
        if library.catalog is None:
            return
        self._fill_families(library.catalog)
        wanted = self.catalog_filter()
        pick = library.recommendation()
        picked = (pick.entry.id, pick.quant.name) if pick is not None else None
        listed = 0
        for entry in library.catalog:
            if not wanted.matches_entry(entry):
                continue
            quants = [q for q in entry.quants if wanted.matches_quant(q, library.fit(entry, q))]
            if not quants:
                continue
            listed += 1
            default = next((q for q in quants if q.name == entry.default_quant), quants[0])
            sizes = sorted(q.size for q in quants)
            size = size_text(sizes[0]) + (f" – {size_text(sizes[-1])}" if len(sizes) > 1 else "")
            name = entry.name
            if picked is not None and picked[0] == entry.id:
                name = "★ " + name + self.tr(" (recommended)")
            badges = {b for q in entry.quants for b in self._quant_badges(entry, q)}
            parent = QTreeWidgetItem(
                [
                    name + "".join(f" · {b}" for b in sorted(badges)),
                    self.tr("{0} quants").format(len(quants))
                    if len(quants) > 1
                    else quants[0].name,
                    size,
                    fit_badge(library.fit(entry, default))[0],
                ]
            )
            # The whole name (a narrow window cuts it with "…") and what the model is.
            parent.setToolTip(0, f"{parent.text(0)}\n\n{entry.summary}")
            parent.setForeground(3, fit_badge(library.fit(entry, default))[1])
            parent.setData(0, _DATA, (entry, default))
            self.catalog.addTopLevelItem(parent)
            for quant in quants:
                fit = library.fit(entry, quant)
                badge, colour = fit_badge(fit)
                label = quant.name
                if picked == (entry.id, quant.name):
                    label = "★ " + label
                extra = self._quant_badges(entry, quant)
                # The quant's row: its state in the first column (the model is its parent).
                child = QTreeWidgetItem([" · ".join(extra), label, size_text(quant.size), badge])
                child.setForeground(3, colour)
                child.setToolTip(
                    3, shown(fit.reason) if fit is not None else self.tr("Checking this computer…")
                )
                child.setData(0, _DATA, (entry, quant))
                parent.addChild(child)
                if selected == (entry.id, quant.name, True):
                    self.catalog.setCurrentItem(child)
            if selected == (entry.id, default.name, False):
                self.catalog.setCurrentItem(parent)
            recommended_here = picked is not None and picked[0] == entry.id
            parent.setExpanded(wanted.active or recommended_here)
        first = self.catalog.topLevelItem(0)
        if self.catalog.currentItem() is None and first is not None:
            self.catalog.setCurrentItem(first)
        self.catalog.setVisible(listed > 0)
        self.catalog_empty.setText(self.tr("No models match. Clear the search or the filters."))
        self.catalog_empty.setVisible(listed == 0)
        hw = library.hardware
        if hw is None:
            self.hardware_line.setText(self.tr("Checking what this computer can run…"))
        else:
            gpu = (
                self.tr("; GPU: {name}").format(name=hw.gpu.name)
                if hw.gpu is not None
                else self.tr("; no GPU offload")
            )
            self.hardware_line.setText(
                self.tr(
                    "This computer: {memory} of memory ({free} free), {cores} cores{gpu}."
                ).format(
                    memory=size_text(hw.total_ram),
                    free=size_text(hw.available_ram),
                    cores=hw.physical_cores,
                    gpu=gpu,
                )
            )

    def _fill_families(self, catalog: Catalog) -> None:
        families = catalog_families(catalog)
        have = [self.family_filter.itemData(i) for i in range(1, self.family_filter.count())]
        if have == families:
            return
        current = self.family_filter.currentData()
        self.family_filter.blockSignals(True)
        while self.family_filter.count() > 1:
            self.family_filter.removeItem(1)
        for family in families:
            self.family_filter.addItem(family, family)
        self.family_filter.setCurrentIndex(max(0, self.family_filter.findData(current)))
        self.family_filter.blockSignals(False)

    def _selected_quant(self) -> tuple[str, str, bool] | None:
        """(model id, quant, whether it is a quant's row) of the selected row."""
        item = self.catalog.currentItem()
        if item is None:
            return None
        entry, quant = item.data(0, _DATA)
        return entry.id, quant.name, item.parent() is not None

    def _current_catalog(self) -> tuple[CatalogEntry, Quant] | None:
        item = self.catalog.currentItem()
        return item.data(0, _DATA) if item is not None else None

    def _show_catalog_details(self) -> None:
        current = self._current_catalog()
        if current is None:
            self.catalog_info.clear()
            self._sync_download_buttons()
            return
        entry, quant = current
        fit: Fit | None = self.library.fit(entry, quant)
        draft = self.library.draft_pair(entry)
        self.catalog_info.setHtml(catalog_details(entry, quant, fit, draft))
        self._sync_download_buttons()

    def select_catalog(self, entry_id: str, quant_name: str) -> None:
        """Shows the catalog with this quant's row selected (its download's state, its
        error, its buttons)."""
        self.tabs.setCurrentIndex(1)
        for index in range(self.catalog.topLevelItemCount()):
            item = self.catalog.topLevelItem(index)
            if item is None:
                continue
            entry, quant = item.data(0, _DATA)
            if (entry.id, quant.name) == (entry_id, quant_name):
                self.catalog.setCurrentItem(item)
                self.catalog.scrollToItem(item)
                return

    def _say(self, text: str, kind: str = "note") -> None:
        self.status.setText(text)
        set_kind(self.status, kind)

    def _sync_download_buttons(self) -> None:
        current = self._current_catalog()
        state = None
        installed = None
        if current is not None:
            entry, quant = current
            state = self.library.downloads.get(f"{entry.id}:{quant.name}")
            installed = self.library.installed_copy(entry, quant)
        downloadable = current is not None and current[0].repo is not None
        running = state is not None and state.state in ("queued", "running")
        failed = state is not None and state.state == "failed"
        labels = {"paused": self.tr("Resume"), "failed": self.tr("Try again")}
        self.download_button.setText(
            labels.get(state.state, self.tr("Download")) if state else self.tr("Download")
        )
        self.download_button.setEnabled(
            downloadable and not running and installed is None and not self.library.offline
        )
        self.pause_button.setEnabled(running)
        # A failed download has nothing left to cancel: no busy bar, no Cancel.
        self.cancel_button.setEnabled(state is not None and not failed)
        self.download_bar.setVisible(state is not None and not failed)
        if state is not None and not failed:
            progress = state.progress
            if progress is not None and progress.total:
                self.download_bar.setRange(0, 1000)
                self.download_bar.setValue(int(1000 * progress.done / progress.total))
                speed = f" · {size_text(progress.speed)}/s" if progress.speed else ""
                self.download_bar.setFormat(
                    self.tr("{phase} {done} of {total}{speed}").format(
                        phase=self.tr(PHASES.get(progress.phase, progress.phase)),
                        done=size_text(progress.done),
                        total=size_text(progress.total),
                        speed=speed,
                    )
                )
            else:
                self.download_bar.setRange(0, 0)
        if state is not None and state.message:
            self._say(state.message, "error" if failed else "note")

    def _download(self) -> None:
        current = self._current_catalog()
        if current is not None:
            self.library.download(*current)

    def _pause(self) -> None:
        selected = self._selected_quant()
        if selected is not None:
            self.library.pause(f"{selected[0]}:{selected[1]}")

    def _cancel(self) -> None:
        selected = self._selected_quant()
        if selected is not None:
            self.library.cancel(f"{selected[0]}:{selected[1]}")

    def _download_changed(self, key: str) -> None:
        self._sync_download_buttons()

    # ----- both ------------------------------------------------------------------------------

    def refresh(self) -> None:
        self._fill_installed()
        self._fill_catalog()
        self._show_installed_details()
        self._show_catalog_details()
