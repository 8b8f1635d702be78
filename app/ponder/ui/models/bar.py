"""The bar above the conversation: which model answers (a picker), its loading progress and
where it runs, and the toggle of the chain-of-thought panel. A model on a server is listed
and shown as "model · server"; its item's data is its reference (``server:NAME/MODEL``).

Thread: GUI thread.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QProgressBar, QToolButton, QWidget

from ponder.core.events import LoadedEvent
from ponder.core.models.store import InstalledModel
from ponder.core.servers.reference import ServerModelRef
from ponder.ui.elided_label import ElidedLabel
from ponder.ui.models.details import model_name
from ponder.ui.translations import shown

_MANAGE = "__manage__"


class ModelBar(QWidget):
    """Says ``model_chosen(path)`` or ``manage_requested``; shows what the window tells it."""

    model_chosen = Signal(str)
    manage_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._current: str | None = None
        self.setObjectName("modelBar")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground)  # the conversation's surface
        self.picker = QComboBox()
        self.picker.setObjectName("modelPicker")
        self.picker.setMinimumWidth(260)
        # Sized for a typical name, not the longest one listed (a long name is elided in the
        # box and shown whole in its list): the window's minimum width must not grow with it.
        self.picker.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.picker.setMinimumContentsLength(24)
        self.picker.setToolTip(self.tr("The model that answers"))
        self.picker.setPlaceholderText(self.tr("No model yet"))
        self.picker.activated.connect(self._picked)
        self.load_bar = QProgressBar()
        self.load_bar.setRange(0, 100)
        self.load_bar.setMaximumWidth(160)
        self.load_bar.setVisible(False)
        # "CPU · 4,096 tokens of context", a server's name: cut with "…" when the bar is narrow.
        self.state = ElidedLabel()
        self.state.setObjectName("hint")
        self.panel_button = QToolButton()
        self.panel_button.setText(self.tr("Chain of thought"))
        self.panel_button.setCheckable(True)
        self.panel_button.setToolTip(self.tr("Show or hide the chain of thought (Ctrl+T)"))
        layout = QHBoxLayout(self)
        layout.setContentsMargins(16, 8, 8, 4)
        layout.addWidget(self.picker)
        layout.addWidget(self.load_bar)
        layout.addWidget(self.state, 1)
        layout.addWidget(self.panel_button)

    def set_models(
        self,
        demo: Path | None,
        installed: tuple[InstalledModel, ...],
        catalog: object,
        servers: Sequence[ServerModelRef] = (),
    ) -> None:
        """The models to pick from: the demo, the installed ones, the servers' models, the
        one in use."""
        from ponder.core.models.catalog import Catalog

        assert catalog is None or isinstance(catalog, Catalog)
        picker = self.picker
        picker.blockSignals(True)
        picker.clear()
        if demo is not None:
            picker.addItem(self.tr("SmolLM2 135M (demo)"), str(demo))
        for model in installed:
            picker.addItem(model_name(model, catalog), str(model.path))
        for ref in servers:
            picker.addItem(ref.label, ref.id)
        if self._current and picker.findData(self._current) < 0:
            picker.addItem(_shown_name(self._current), self._current)
        picker.addItem(self.tr("Manage models…"), _MANAGE)
        picker.blockSignals(False)
        self.select(self._current)

    def select(self, path: str | None) -> None:
        self._current = path
        self.picker.blockSignals(True)
        self.picker.setCurrentIndex(self.picker.findData(path) if path else -1)
        self.picker.blockSignals(False)

    def loading(self, path: str) -> None:
        self.load_bar.setValue(0)
        self.load_bar.setVisible(True)
        ref = ServerModelRef.parse(path)
        self.state.setText(
            self.tr("Asking {server} for {model}…").format(server=ref.server, model=ref.model)
            if ref is not None
            else self.tr("Loading {file}…").format(file=Path(path).name)
        )
        self.state.setToolTip("")
        self.select(path)

    def progress(self, fraction: float) -> None:
        self.load_bar.setValue(int(fraction * 100))

    def ready(self, event: LoadedEvent, draft_name: str | None = None) -> None:
        """The model is loaded: where it runs and its context; ``draft_name``, the draft model
        that drafts for it (speculative decoding), if one was loaded."""
        self.load_bar.setVisible(False)
        if event.family.startswith("remote:"):  # "llama-server b1234 at http://host:port"
            context = self.tr(" · {n} tokens of context").format(n=f"{event.n_ctx:,}")
            self.state.setText(shown(event.backend) + (context if event.n_ctx else ""))
            self.state.setToolTip(event.model_path)
            return
        backend = shown(event.backend)
        where = backend.split("(")[0].strip() or backend
        text = self.tr("{where} · {n_ctx:,} tokens of context").format(
            where=where, n_ctx=event.n_ctx
        )
        tip = [backend]
        if draft_name:
            text += self.tr(" · drafts with {draft}").format(draft=draft_name)
            tip.append(
                self.tr("{draft} drafts tokens for this model (speculative decoding).").format(
                    draft=draft_name
                )
            )
        if event.draft_problem:
            tip.append(
                self.tr("No draft model: {problem}").format(problem=shown(event.draft_problem))
            )
        self.state.set_texts(text, where)
        self.state.setToolTip("\n".join(tip))

    def failed(self, message: str) -> None:
        self.load_bar.setVisible(False)
        self.state.setText(self.tr("The model could not be loaded."))
        self.state.setToolTip(message)

    def _picked(self, index: int) -> None:
        path = self.picker.itemData(index)
        if path == _MANAGE:
            self.select(self._current)
            self.manage_requested.emit()
        elif path and path != self._current:
            self.model_chosen.emit(path)


def _shown_name(path: str) -> str:
    """How the picker names a model that is not in its list: a file's name, or a server
    model's "model · server"."""
    ref = ServerModelRef.parse(path)
    return ref.label if ref is not None else Path(path).name
