"""The first-run page, shown while no model is chosen: the best reasoner for this machine,
the built-in demo model when it is installed, import, and a plain word when offline.

Thread: GUI thread.
"""

from __future__ import annotations

import html

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from ponder.core.byte_size import size_text
from ponder.ui.models.details import fit_badge
from ponder.ui.theme.apply import set_kind
from ponder.ui.theme.icons import icon


class WelcomePage(QWidget):
    """Offers ways to get a model; the window does the work."""

    demo_requested = Signal()
    download_requested = Signal(object, object)  # CatalogEntry, Quant
    import_requested = Signal()
    manager_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("welcomePage")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground)  # the conversation's surface
        title = QLabel(self.tr("Welcome to Ponder"))
        title.setObjectName("welcomeTitle")
        intro = QLabel(
            self.tr(
                "Ponder runs reasoning models on this computer, privately and offline. You see "
                "the model think in a panel beside its answer, and you decide how long it may "
                "think. First, pick a model."
            )
        )
        intro.setWordWrap(True)
        self.recommendation = QLabel(self.tr("Looking at what this computer can run…"))
        self.recommendation.setWordWrap(True)
        self.recommendation.setTextFormat(Qt.TextFormat.RichText)
        self.download_button = QPushButton(icon("download", "on_accent"), self.tr("Download it"))
        self.download_button.setProperty("primary", True)
        self.download_button.setVisible(False)
        self.download_button.clicked.connect(self._download)
        self.demo_button = QPushButton(self.tr("Try the built-in demo model"))
        self.demo_button.setToolTip(
            self.tr(
                "SmolLM2 135M: tiny and not a real reasoner, but enough to see how Ponder works"
            )
        )
        self.demo_button.clicked.connect(self.demo_requested)
        self.demo_button.setVisible(False)
        import_button = QPushButton(self.tr("Import a .gguf file…"))
        import_button.clicked.connect(self.import_requested)
        manager_button = QPushButton(self.tr("All models…"))
        manager_button.clicked.connect(self.manager_requested)
        self.offline = QLabel()
        self.offline.setObjectName("hint")
        self.offline.setWordWrap(True)
        # The recommended download's failure, here where the person clicked (styled an error).
        self.download_error = QLabel()
        self.download_error.setObjectName("hint")
        self.download_error.setWordWrap(True)
        set_kind(self.download_error, "error")
        self.download_error.setVisible(False)
        # Two rows (ways to get a model, then the others): one row was wider than the page's
        # 640 px in German, and Qt clipped the buttons' text.
        buttons = QVBoxLayout()
        for row_buttons in (
            (self.download_button, self.demo_button),
            (import_button, manager_button),
        ):
            row = QHBoxLayout()
            for button in row_buttons:
                row.addWidget(button)
            row.addStretch(1)
            buttons.addLayout(row)
        column = QVBoxLayout()
        column.addWidget(title)
        column.addSpacing(8)
        column.addWidget(intro)
        column.addSpacing(12)
        column.addWidget(self.recommendation)
        column.addLayout(buttons)
        column.addWidget(self.download_error)
        column.addWidget(self.offline)
        column.addStretch(1)
        box = QWidget()
        box.setMaximumWidth(640)
        box.setLayout(column)
        outer = QHBoxLayout(self)
        outer.setContentsMargins(32, 48, 32, 32)
        outer.addStretch(1)
        outer.addWidget(box, 10)
        outer.addStretch(1)
        self._pick: tuple[object, object] | None = None

    def update_from(self, library: object) -> None:
        """Shows what the model library knows now (recommendation, demo, offline)."""
        from ponder.ui.models.library import ModelLibrary

        assert isinstance(library, ModelLibrary)
        self.demo_button.setVisible(library.demo is not None)
        offline = library.offline
        looks_offline = bool(library.hub_problem) and not offline
        if offline:
            self.offline.setText(
                self.tr(
                    "You are offline (HF_HUB_OFFLINE is set), so Ponder cannot download models "
                    "now. Import a .gguf file you already have, or bring a model pack on a USB "
                    "stick."
                )
            )
        elif looks_offline:
            self.offline.setText(library.hub_problem or "")
        else:
            self.offline.setText("")
        set_kind(self.offline, "error" if looks_offline else "note")
        self.offline.setVisible(offline or looks_offline)
        pick = library.recommendation()
        self._pick = (pick.entry, pick.quant) if pick is not None else None
        if pick is not None:
            badge = fit_badge(pick.fit)[0]
            self.recommendation.setText(
                self.tr(
                    "<p>The best reasoner for this computer: <b>{model}</b> ({quant}, {size} "
                    "download) — {badge}.<br><small>{summary}</small></p>"
                ).format(
                    model=html.escape(pick.entry.name),
                    quant=html.escape(pick.quant.name),
                    size=size_text(pick.quant.size),
                    badge=html.escape(badge),
                    summary=html.escape(pick.entry.summary),
                )
            )
        elif library.hardware is not None and library.catalog is not None:
            self.recommendation.setText(
                self.tr(
                    "<p>None of the catalog's reasoners fits in this computer's memory. You can "
                    "still try the demo model, or import a smaller .gguf.</p>"
                )
            )
        self.download_button.setVisible(pick is not None and not offline)
        state = (
            library.downloads.get(f"{pick.entry.id}:{pick.quant.name}")
            if pick is not None
            else None
        )
        running = state is not None and state.state in ("queued", "running")
        failed = state is not None and state.state == "failed"
        self.download_button.setEnabled(not running)
        self.download_button.setText(
            self.tr("Downloading…")
            if running
            else self.tr("Try again")
            if failed
            else self.tr("Download it")
        )
        self.download_error.setText(
            self.tr("The download failed: {0}").format(state.message)
            if failed and state is not None
            else ""
        )
        self.download_error.setVisible(failed)

    def _download(self) -> None:
        if self._pick is not None:
            self.download_requested.emit(*self._pick)
