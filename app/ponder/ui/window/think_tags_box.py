"""The settings dialog's "Think tags" section: custom start and end strings that mark the
thinking of a model whose family Ponder does not know. Validated as typed (both or neither,
not blank, different; ``core.settings.think_tags`` owns the rule) and used from the next load.

Thread: GUI thread.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFormLayout, QGroupBox, QLabel, QLineEdit, QWidget

from ponder.core.settings import MAX_THINK_TAG_CHARS, Settings, think_tags
from ponder.ui.translations import shown


class ThinkTagsBox(QGroupBox):
    """Two fields and the reason they cannot be used yet; ``validity_changed`` says whether
    the dialog may be accepted."""

    validity_changed = Signal(bool)

    def __init__(self, settings: Settings, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Think tags"), parent)
        self.setObjectName("thinkTagsBox")
        self.start = QLineEdit(settings.custom_think_open)
        self.end = QLineEdit(settings.custom_think_close)
        for field, name, example in (
            (self.start, "thinkTagStart", "<reasoning>"),
            (self.end, "thinkTagEnd", "</reasoning>"),
        ):
            field.setObjectName(name)
            field.setMaxLength(MAX_THINK_TAG_CHARS)
            field.setPlaceholderText(self.tr("for example {tag}").format(tag=example))
            field.textChanged.connect(self._check)
        self.problem = QLabel()
        self.problem.setObjectName("thinkTagsProblem")
        self.problem.setWordWrap(True)
        hint = QLabel(
            self.tr(
                "For a model Ponder does not know. Empty: the family's own tags. "
                "Used from the next load."
            )
        )
        hint.setObjectName("hint")
        hint.setWordWrap(True)
        form = QFormLayout(self)
        form.addRow(self.tr("Start"), self.start)
        form.addRow(self.tr("End"), self.end)
        form.addRow("", self.problem)
        form.addRow("", hint)
        self._valid = True
        self._check()

    def is_valid(self) -> bool:
        return self._valid

    def values(self) -> tuple[str, str]:
        """(start, end) to save: both empty when the family's own tags are wanted."""
        tags = think_tags(self.start.text(), self.end.text())
        return tags if tags is not None else ("", "")

    def clear(self) -> None:
        self.start.clear()
        self.end.clear()

    def _check(self) -> None:
        try:
            think_tags(self.start.text(), self.end.text())
        except ValueError as exc:
            message, valid = shown(exc), False
        else:
            message, valid = "", True
        self.problem.setText(message)
        self.problem.setVisible(not valid)
        if valid != self._valid:
            self._valid = valid
            self.validity_changed.emit(valid)
