"""Settings: how the model runs (threads, GPU layers, context, speculative decoding), folders,
theme, font size and language, and whether the chain-of-thought panel opens by itself.

The dialog edits a copy; the window saves it (``Settings`` is frozen) and reloads the model
when a setting that shapes the model changed.

Thread: GUI thread.
"""

from __future__ import annotations

import contextlib

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from ponder.core.paths import AppPaths
from ponder.core.settings import Settings
from ponder.ui.screen_fit import initial_size
from ponder.ui.translations import LANGUAGES
from ponder.ui.window.think_tags_box import ThinkTagsBox

# The settings a loaded model is loaded again for when they change.
RELOAD_FIELDS = (
    "threads",
    "gpu_layers",
    "context_size",
    "speculative_decoding",
    "use_draft_model",
)
MODEL_FIELDS = (*RELOAD_FIELDS, "models_folder")
CONTEXT_SIZES = (2048, 4096, 8192, 16384, 32768, 65536, 131072)


class SettingsDialog(QDialog):
    """``result_settings()`` after ``exec()`` returns the edited settings."""

    def __init__(
        self, settings: Settings, paths: AppPaths, cores: int, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Settings"))
        self.setObjectName("settingsDialog")
        self._settings = settings
        self._paths = paths
        # The model.
        self.threads = QSpinBox(minimum=0, maximum=1024)
        self.threads.setSpecialValueText(self.tr("Automatic ({cores} cores)").format(cores=cores))
        self.threads.setValue(settings.threads or 0)
        self.gpu_auto = QCheckBox(self.tr("Automatic (as many layers as fit)"))
        self.gpu_layers = QSpinBox(minimum=0, maximum=999, suffix=self.tr(" layers"))
        self.gpu_layers.setSpecialValueText(self.tr("None (CPU only)"))
        self.gpu_auto.setChecked(settings.gpu_layers < 0)
        self.gpu_layers.setValue(max(0, settings.gpu_layers))
        self.gpu_layers.setEnabled(settings.gpu_layers >= 0)
        self.gpu_auto.toggled.connect(lambda on: self.gpu_layers.setEnabled(not on))
        self.context = QComboBox()
        self.context.setEditable(True)
        for size in CONTEXT_SIZES:
            self.context.addItem(self.tr("{size:,} tokens").format(size=size), size)
        index = self.context.findData(settings.context_size)
        if index < 0:
            self.context.addItem(
                self.tr("{context_size:,} tokens").format(context_size=settings.context_size),
                settings.context_size,
            )
            index = self.context.count() - 1
        self.context.setCurrentIndex(index)
        self.speculative = QCheckBox(self.tr("Speculative decoding"))
        self.speculative.setChecked(settings.speculative_decoding)
        self.draft_model = QCheckBox(self.tr("Use a small draft model when one is installed"))
        self.draft_model.setObjectName("draftModelChoice")
        self.draft_model.setChecked(settings.use_draft_model)
        self.draft_model.setEnabled(settings.speculative_decoding)
        self.speculative.toggled.connect(self.draft_model.setEnabled)
        model_box = QGroupBox(self.tr("Model"))
        model_form = QFormLayout(model_box)
        model_form.addRow(self.tr("CPU threads"), self.threads)
        gpu_row = QHBoxLayout()
        gpu_row.addWidget(self.gpu_auto)
        gpu_row.addWidget(self.gpu_layers)
        model_form.addRow(self.tr("GPU layers"), gpu_row)
        model_form.addRow(self.tr("Context size"), self.context)
        model_form.addRow(
            "",
            self._hint(
                self.tr(
                    "A longer context holds longer conversations and traces but needs more "
                    "memory. Changes reload the model."
                )
            ),
        )
        model_form.addRow("", self.speculative)
        model_form.addRow(
            "",
            self._hint(
                self.tr(
                    "Drafts the next tokens from what is already written and lets the model "
                    "check them in one step: the same text, faster on repetitive thinking; it "
                    "stops drafting wherever that does not pay."
                )
            ),
        )
        model_form.addRow("", self.draft_model)
        model_form.addRow(
            "",
            self._hint(
                self.tr(
                    "A smaller model of the same family (its pair in the catalog, such as "
                    "DeepSeek-R1-Distill-Qwen 1.5B for the 7B) drafts too, where memory allows "
                    "both."
                )
            ),
        )
        # Folders.
        self.models_folder = QLineEdit(settings.models_folder or "")
        self.models_folder.setPlaceholderText(str(paths.models))
        browse = QPushButton(self.tr("Choose…"))
        browse.clicked.connect(self._choose_folder)
        folder_row = QHBoxLayout()
        folder_row.addWidget(self.models_folder, 1)
        folder_row.addWidget(browse)
        folders_box = QGroupBox(self.tr("Folders"))
        folders_form = QFormLayout(folders_box)
        folders_form.addRow(self.tr("Models"), folder_row)
        folders_form.addRow(
            "", self._hint(self.tr("A new models folder is used from the next start."))
        )
        data = QLabel(str(paths.data))
        data.setObjectName("hint")
        folders_form.addRow(self.tr("Conversations"), data)
        # Appearance.
        self.theme = QComboBox()
        for key, label in (
            ("system", self.tr("Same as the system")),
            ("light", self.tr("Light")),
            ("dark", self.tr("Dark")),
        ):
            self.theme.addItem(label, key)
        self.theme.setCurrentIndex(self.theme.findData(settings.theme))
        self.font_size = QSpinBox(minimum=0, maximum=72, suffix=self.tr(" pt"))
        self.font_size.setSpecialValueText(self.tr("System size"))
        self.font_size.setValue(settings.font_size or 0)
        self.auto_open = QCheckBox(
            self.tr("Open the chain-of-thought panel while the model thinks")
        )
        self.auto_open.setChecked(settings.auto_open_thinking_panel)
        look_box = QGroupBox(self.tr("Appearance"))
        look_form = QFormLayout(look_box)
        look_form.addRow(self.tr("Theme"), self.theme)
        look_form.addRow(self.tr("Font size"), self.font_size)
        # Language (from the next start: widgets read their words when they are built).
        self.language = QComboBox()
        self.language.setObjectName("languageChoice")
        self.language.addItem(self.tr("Same as the system"), "system")
        for key, name in LANGUAGES.items():
            self.language.addItem(name, key)
        self.language.setCurrentIndex(max(0, self.language.findData(settings.language)))
        look_form.addRow(self.tr("Language"), self.language)
        look_form.addRow("", self._hint(self.tr("A new language is used from the next start.")))
        look_form.addRow("", self.auto_open)
        # Think tags (a model whose family Ponder does not know).
        self.think_tags = ThinkTagsBox(settings)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok
            | QDialogButtonBox.StandardButton.Cancel
            | QDialogButtonBox.StandardButton.RestoreDefaults
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        restore = buttons.button(QDialogButtonBox.StandardButton.RestoreDefaults)
        restore.clicked.connect(self._restore_defaults)
        ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setEnabled(self.think_tags.is_valid())
        self.think_tags.validity_changed.connect(ok.setEnabled)
        # The sections scroll (a small screen cannot show them all); the buttons stay in view.
        sections = QWidget()
        column = QVBoxLayout(sections)
        column.setContentsMargins(0, 0, 0, 0)
        for box in (model_box, folders_box, look_box, self.think_tags):
            column.addWidget(box)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setWidget(sections)
        layout = QVBoxLayout(self)
        layout.addWidget(scroll, 1)
        layout.addWidget(buttons)
        # Its full preferred size (within the screen): left to Qt, the wrapped hints' height
        # was worked out for another width and their last lines were cut off.
        content = sections.sizeHint()
        margins = layout.contentsMargins()
        width = content.width() + margins.left() + margins.right() + 20  # room for a scroll bar
        height = (
            content.height()
            + buttons.sizeHint().height()
            + layout.spacing()
            + margins.top()
            + margins.bottom()
        )
        initial_size(self, width, height)

    @staticmethod
    def _hint(text: str) -> QLabel:
        label = QLabel(text)
        label.setObjectName("hint")
        label.setWordWrap(True)
        return label

    def _choose_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(
            self, self.tr("Models folder"), self.models_folder.text() or str(self._paths.models)
        )
        if folder:
            self.models_folder.setText(folder)

    def _restore_defaults(self) -> None:
        defaults = Settings()
        self.threads.setValue(0)
        self.gpu_auto.setChecked(defaults.gpu_layers < 0)
        self.context.setCurrentIndex(self.context.findData(defaults.context_size))
        self.models_folder.clear()
        self.theme.setCurrentIndex(self.theme.findData(defaults.theme))
        self.font_size.setValue(0)
        self.language.setCurrentIndex(self.language.findData(defaults.language))
        self.auto_open.setChecked(defaults.auto_open_thinking_panel)
        self.speculative.setChecked(defaults.speculative_decoding)
        self.draft_model.setChecked(defaults.use_draft_model)
        self.think_tags.clear()

    def _context_size(self) -> int:
        data = self.context.currentData()
        if isinstance(data, int):
            return data
        digits = "".join(ch for ch in self.context.currentText() if ch.isdigit())
        return int(digits) if digits else self._settings.context_size

    def result_settings(self) -> Settings:
        """The settings as edited (values out of range keep their old value)."""
        changes = {
            "threads": self.threads.value() or None,
            "gpu_layers": -1 if self.gpu_auto.isChecked() else self.gpu_layers.value(),
            "context_size": self._context_size(),
            "models_folder": self.models_folder.text().strip() or None,
            "theme": self.theme.currentData(),
            "font_size": self.font_size.value() or None,
            "language": self.language.currentData(),
            "auto_open_thinking_panel": self.auto_open.isChecked(),
            "speculative_decoding": self.speculative.isChecked(),
            "use_draft_model": self.draft_model.isChecked(),
        }
        if self.think_tags.is_valid():
            start, end = self.think_tags.values()
            changes |= {"custom_think_open": start, "custom_think_close": end}
        settings = self._settings
        for name, value in changes.items():
            # A value out of range (a context size typed by hand) keeps the old one.
            with contextlib.suppress(ValueError):
                settings = settings.replace(**{name: value})
        return settings
