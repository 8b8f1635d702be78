"""The conversation's own settings, edited in a small dialog: system prompt, temperature,
top-p, seed, and whether earlier thinking goes back to the model.

The dialog only edits a ``ConversationSettings`` value; the window hands the result to the
``ChatController``, which stores it and uses it for every later turn of the conversation.

Thread: GUI thread.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QLabel,
    QPlainTextEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from ponder.core.storage.records import ConversationSettings

# A spin box at its minimum shows its special text ("Model default", "Random"): no override.
_UNSET_TEMPERATURE = -0.05
_UNSET_TOP_P = 0.0
_UNSET_SEED = -1
_SEED_MAX = 2**31 - 1  # QSpinBox holds a C int


class ConversationSettingsDialog(QDialog):
    """Edits ``settings``; ``result_settings()`` is what the user chose (after Save)."""

    def __init__(
        self, settings: ConversationSettings, title: str = "", parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("conversationSettingsDialog")
        self.setWindowTitle(
            self.tr("Settings of “{0}”").format(title)
            if title
            else self.tr("Conversation settings")
        )
        intro = QLabel(
            self.tr(
                "These apply to every later turn of this conversation, and are written on each "
                "reply's reproducibility card."
            )
        )
        intro.setWordWrap(True)
        intro.setObjectName("hint")
        self.system_prompt = QPlainTextEdit(settings.system_prompt)
        self.system_prompt.setPlaceholderText(
            self.tr("For example: Answer in French. Explain each step to a 12-year-old.")
        )
        self.system_prompt.setTabChangesFocus(True)
        self.system_prompt.setMaximumHeight(110)
        self.temperature = QDoubleSpinBox()
        self.temperature.setRange(_UNSET_TEMPERATURE, 2.0)
        self.temperature.setSingleStep(0.05)
        self.temperature.setDecimals(2)
        self.temperature.setSpecialValueText(self.tr("Model default"))
        self.temperature.setToolTip(
            self.tr("Lower is steadier, higher more varied; 0 always picks the likeliest token")
        )
        self.top_p = QDoubleSpinBox()
        self.top_p.setRange(_UNSET_TOP_P, 1.0)
        self.top_p.setSingleStep(0.05)
        self.top_p.setDecimals(2)
        self.top_p.setSpecialValueText(self.tr("Model default"))
        self.top_p.setToolTip(
            self.tr("Sample only from the likeliest tokens that make up this share")
        )
        self.seed = QSpinBox()
        self.seed.setRange(_UNSET_SEED, _SEED_MAX)
        self.seed.setSpecialValueText(self.tr("Random"))
        self.seed.setToolTip(self.tr("The same seed and settings give the same reply again"))
        self.past_reasoning = QCheckBox(self.tr("Send past reasoning back to the model"))
        self.past_reasoning.setToolTip(
            self.tr(
                "Off (recommended by the model families): earlier replies go back without their "
                "thinking. On: each goes back with its thinking in the model's think tags, which "
                "uses more of the context."
            )
        )
        self._set(settings)
        form = QFormLayout()
        form.addRow(self.tr("System prompt"), self.system_prompt)
        form.addRow(self.tr("Temperature"), self.temperature)
        form.addRow(self.tr("Top-p"), self.top_p)
        form.addRow(self.tr("Seed"), self.seed)
        form.addRow("", self.past_reasoning)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save
            | QDialogButtonBox.StandardButton.Cancel
            | QDialogButtonBox.StandardButton.RestoreDefaults
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        defaults = buttons.button(QDialogButtonBox.StandardButton.RestoreDefaults)
        defaults.clicked.connect(lambda: self._set(ConversationSettings()))
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(buttons)
        self.buttons = buttons
        self.resize(460, self.sizeHint().height())

    def _set(self, settings: ConversationSettings) -> None:
        self.system_prompt.setPlainText(settings.system_prompt)
        temperature = settings.temperature
        self.temperature.setValue(_UNSET_TEMPERATURE if temperature is None else temperature)
        self.top_p.setValue(_UNSET_TOP_P if settings.top_p is None else settings.top_p)
        seed = settings.seed
        self.seed.setValue(_UNSET_SEED if seed is None else min(seed, _SEED_MAX))
        self.past_reasoning.setChecked(settings.past_reasoning)

    def result_settings(self) -> ConversationSettings:
        """The settings as the dialog shows them."""
        temperature = self.temperature.value()
        top_p = self.top_p.value()
        seed = self.seed.value()
        return ConversationSettings(
            system_prompt=self.system_prompt.toPlainText().strip(),
            temperature=None if temperature <= _UNSET_TEMPERATURE else temperature,
            top_p=None if top_p <= _UNSET_TOP_P else top_p,
            seed=None if seed == _UNSET_SEED else seed,
            past_reasoning=self.past_reasoning.isChecked(),
        )
