"""The thinking budget beside the composer: presets, a custom number, effort presets (Low /
Medium / High, mapped for the loaded model's family: ``core.reasoning.effort``) and the
advanced controls (minimum thinking with "Wait" ×K, the early-stop message).

The controls read and write ``Settings`` fields (the defaults of the next turn): the window
saves them; ``Settings.thinking_control()`` makes the engine's ``ThinkingControl``.

Thread: GUI thread.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QWidget,
)

from ponder.core.reasoning.effort import (
    EFFORT_NAMES,
    EFFORTS,
    effort_lines,
    effort_of_budget,
    effort_setting,
)
from ponder.core.reasoning.families import GENERIC, FamilyProfile
from ponder.core.request import STOP_MESSAGE_PRESETS, ThinkingControl
from ponder.core.settings import CUSTOM, THINKING_BUDGET_PRESETS, Settings
from ponder.ui.flat_button import flat_button
from ponder.ui.theme.icons import icon
from ponder.ui.translations import QT_TRANSLATE_NOOP, shown

# Marked for translation here, translated where they are shown (self.tr in BudgetSelector and
# AdvancedThinkingDialog). The stop messages themselves are what the model reads: they stay
# English (core/request.py); these are their names in the menu.
PRESET_LABELS = {
    "off": QT_TRANSLATE_NOOP("BudgetSelector", "Off"),
    "quick": QT_TRANSLATE_NOOP("BudgetSelector", "Quick (256)"),
    "standard": QT_TRANSLATE_NOOP("BudgetSelector", "Standard (1024)"),
    "deep": QT_TRANSLATE_NOOP("BudgetSelector", "Deep (4096)"),
    "unlimited": QT_TRANSLATE_NOOP("BudgetSelector", "Unlimited"),
    CUSTOM: QT_TRANSLATE_NOOP("BudgetSelector", "Custom…"),
}
STOP_LABELS = {
    "none": QT_TRANSLATE_NOOP("AdvancedThinkingDialog", "None (just stop)"),
    "final": QT_TRANSLATE_NOOP("AdvancedThinkingDialog", "“I have to stop thinking now…”"),
    "time": QT_TRANSLATE_NOOP("AdvancedThinkingDialog", "“Okay, time is up…”"),
    "summarize": QT_TRANSLATE_NOOP("AdvancedThinkingDialog", "“Let me stop and summarize…”"),
    CUSTOM: QT_TRANSLATE_NOOP("AdvancedThinkingDialog", "Custom…"),
}


class AdvancedThinkingDialog(QDialog):
    """Minimum thinking ("Wait" ×K) and the early-stop message."""

    def __init__(self, settings: Settings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Advanced thinking controls"))
        self._budget = settings.thinking_budget_tokens
        self.min_tokens = QSpinBox(maximum=1_000_000, singleStep=128, suffix=self.tr(" tokens"))
        self.min_tokens.setSpecialValueText(self.tr("No minimum"))
        self.min_tokens.setValue(settings.min_thinking_tokens)
        self.keep_minimum = QCheckBox(self.tr("Keep this minimum after Ponder restarts"))
        self.keep_minimum.setToolTip(
            self.tr("Unless this is ticked, the minimum lasts until Ponder quits")
        )
        self.keep_minimum.setChecked(settings.keep_min_thinking)
        self.wait_text = QLineEdit(settings.wait_text)
        self.max_waits = QSpinBox(
            minimum=0, maximum=100, prefix=self.tr("at most "), suffix=self.tr(" times")
        )
        self.max_waits.setValue(settings.max_waits)
        self.stop_message = QComboBox()
        for key, label in STOP_LABELS.items():
            self.stop_message.addItem(self.tr(label), key)
        self.stop_message.setCurrentIndex(max(0, self.stop_message.findData(settings.stop_message)))
        self.custom_stop = QPlainTextEdit(settings.custom_stop_message)
        self.custom_stop.setPlaceholderText(
            self.tr("What the model reads when its budget runs out")
        )
        self.custom_stop.setFixedHeight(60)
        self.preview = QLabel()
        self.preview.setWordWrap(True)
        self.preview.setObjectName("hint")
        self.problem = QLabel()
        self.problem.setWordWrap(True)
        self.problem.setObjectName("error")
        self.problem.setVisible(False)
        self.min_tokens.valueChanged.connect(lambda _value: self.problem.setVisible(False))
        self.stop_message.currentIndexChanged.connect(self._sync)
        form = QFormLayout(self)
        form.addRow(
            QLabel(
                self.tr(
                    "Minimum thinking: when the model tries to stop thinking sooner, Ponder adds "
                    "the wait text so it keeps going."
                )
            )
        )
        form.addRow(self.tr("Minimum thinking"), self.min_tokens)
        waits = QHBoxLayout()
        waits.addWidget(self.wait_text, 1)
        waits.addWidget(self.max_waits)
        form.addRow("", self.keep_minimum)
        form.addRow(self.tr("Wait text"), waits)
        form.addRow("", self.problem)
        form.addRow(QLabel(self.tr("When the thinking budget is spent, Ponder adds:")))
        form.addRow(self.tr("Early-stop message"), self.stop_message)
        form.addRow("", self.custom_stop)
        form.addRow("", self.preview)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)
        self._sync()

    def _sync(self) -> None:
        key = self.stop_message.currentData()
        self.custom_stop.setVisible(key == CUSTOM)
        text = STOP_MESSAGE_PRESETS.get(key, "")
        self.preview.setText(text.strip() if text else "")
        self.preview.setVisible(bool(text.strip()))

    def minimum_problem(self) -> str:
        """Why the minimum cannot be kept with the current budget ("" when it can)."""
        minimum, budget = self.min_tokens.value(), self._budget
        if ThinkingControl(budget=budget, min_tokens=minimum).minimum_unreachable:
            return self.tr(
                "The minimum ({minimum} tokens) is more than the thinking budget "
                "({budget} tokens): the model would be stopped before it got there. "
                "Lower the minimum, or raise the budget first."
            ).format(minimum=minimum, budget=budget)
        return ""

    def accept(self) -> None:
        problem = self.minimum_problem()
        self.problem.setText(problem)
        self.problem.setVisible(bool(problem))
        if not problem:
            super().accept()

    def apply_to(self, settings: Settings) -> Settings:
        return settings.replace(
            min_thinking_tokens=self.min_tokens.value(),
            keep_min_thinking=self.keep_minimum.isChecked(),
            wait_text=self.wait_text.text() or settings.wait_text,
            max_waits=self.max_waits.value(),
            stop_message=self.stop_message.currentData(),
            custom_stop_message=self.custom_stop.toPlainText(),
        )


class BudgetSelector(QWidget):
    """ "Thinking: [Standard (1024) ▾] [2048] [⚙]". ``changed`` carries the new settings."""

    changed = Signal(object)  # Settings

    def __init__(self, settings: Settings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._settings = settings
        self.preset = QComboBox()
        self.preset.setObjectName("budgetPreset")
        self.preset.setToolTip(self.tr("How long the model may think before it must answer"))
        for key, label in PRESET_LABELS.items():
            self.preset.addItem(self.tr(label), key)
        self.custom = QSpinBox(
            minimum=1, maximum=1_000_000, singleStep=256, suffix=self.tr(" tokens")
        )
        self.custom.setToolTip(self.tr("Custom thinking budget"))
        # Effort: a shortcut onto the budget, mapped for the loaded model's family.
        self.family: FamilyProfile = GENERIC
        self.effort = QComboBox()
        self.effort.setObjectName("effortPreset")
        self.effort.addItem(self.tr("Effort"), None)
        for effort in EFFORTS:
            self.effort.addItem(shown(EFFORT_NAMES[effort]), effort)
        self.advanced = flat_button(
            "", self.tr("Minimum thinking and the early-stop message"), icon=icon("settings")
        )
        self.advanced.clicked.connect(self._open_advanced)
        self.minimum = QLabel()
        self.minimum.setObjectName("hint")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(QLabel(self.tr("Thinking")))
        layout.addWidget(self.preset)
        layout.addWidget(self.custom)
        layout.addWidget(self.effort)
        layout.addWidget(self.minimum)
        layout.addWidget(self.advanced)
        self.set_settings(settings)
        self.preset.currentIndexChanged.connect(self._edited)
        self.custom.valueChanged.connect(self._edited)
        self.effort.activated.connect(self._effort_picked)
        self.set_family(GENERIC)

    def set_family(self, profile: FamilyProfile) -> None:
        """The loaded model's family: what the efforts mean (its tooltip says so)."""
        self.family = profile
        self.effort.setToolTip(
            self.tr("How hard the model thinks, mapped for this model's family.")
            + "\n\n"
            + "\n".join(shown(line) for line in effort_lines(profile))
        )
        self._show_effort()

    def _show_effort(self) -> None:
        """Shows the effort that the current budget is, "Effort" when it is none of them."""
        effort = effort_of_budget(self.family, self._settings.thinking_budget_tokens)
        self.effort.setCurrentIndex(max(0, self.effort.findData(effort)))

    def _effort_picked(self, index: int) -> None:
        effort = self.effort.itemData(index)
        if effort is None:
            self._show_effort()
            return
        budget = effort_setting(self.family, effort).budget
        preset = next((k for k, v in THINKING_BUDGET_PRESETS.items() if v == budget), None)
        if preset is not None:
            self.select(preset)
        else:
            assert budget is not None
            self.custom.blockSignals(True)
            self.custom.setValue(budget)
            self.custom.blockSignals(False)
            self.select(CUSTOM)
            self._edited()  # the preset may have been custom already

    def set_settings(self, settings: Settings) -> None:
        self._settings = settings
        self.preset.blockSignals(True)
        self.custom.blockSignals(True)
        self.preset.setCurrentIndex(max(0, self.preset.findData(settings.thinking_budget)))
        self.custom.setValue(settings.custom_thinking_budget)
        self.custom.setVisible(settings.thinking_budget == CUSTOM)
        self.preset.blockSignals(False)
        self.custom.blockSignals(False)
        self._show_minimum()
        self._show_effort()

    def _show_minimum(self) -> None:
        """The active minimum and its waits, beside the budget; hidden when there is none."""
        settings = self._settings
        minimum, budget = settings.min_thinking_tokens, settings.thinking_budget_tokens
        self.minimum.setVisible(bool(minimum) and budget != 0)
        if settings.thinking_control().minimum_unreachable:
            self.minimum.setText(
                self.tr("min {minimum} (more than the budget: no effect)").format(minimum=minimum)
            )
            self.minimum.setToolTip(
                self.tr(
                    "The minimum thinking is more than the thinking budget, so the model is "
                    "stopped before it is reached. Lower it with ⚙."
                )
            )
            return
        self.minimum.setText(
            self.tr("min {minimum} · “{wait}” ×{max_waits}").format(
                minimum=minimum, wait=settings.wait_text.strip(), max_waits=settings.max_waits
            )
        )
        self.minimum.setToolTip(
            self.tr(
                "The model thinks at least {minimum} tokens: each time it tries to stop sooner, "
                "Ponder adds “{wait}” (at most {max_waits} times)."
            ).format(minimum=minimum, wait=settings.wait_text.strip(), max_waits=settings.max_waits)
        )

    def select(self, preset: str, custom: int | None = None) -> None:
        """Picks a preset (and custom budget) as if the user had."""
        if custom is not None:
            self.custom.setValue(custom)
        self.preset.setCurrentIndex(self.preset.findData(preset))

    def _edited(self) -> None:
        key = self.preset.currentData()
        assert key == CUSTOM or key in THINKING_BUDGET_PRESETS
        self.custom.setVisible(key == CUSTOM)
        self._settings = self._settings.replace(
            thinking_budget=key, custom_thinking_budget=self.custom.value()
        )
        self._show_minimum()
        self._show_effort()
        self.changed.emit(self._settings)

    def _open_advanced(self) -> None:
        dialog = AdvancedThinkingDialog(self._settings, self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self._settings = dialog.apply_to(self._settings)
            self._show_minimum()
            self.changed.emit(self._settings)
        dialog.deleteLater()  # not left to the window's teardown at quit
