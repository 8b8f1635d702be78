"""What a new, empty conversation shows: a line on what to do, and prompts to start from.

A suggestion fills the composer (it never sends on its own); one of them also sets the
thinking budget, to show what thinking changes: ask with thinking off, then regenerate with a
budget and compare the two versions.

Thread: GUI thread.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)


@dataclass(frozen=True, slots=True)
class Suggestion:
    """A prompt to start from. ``budget``: the budget preset it picks (None: as set)."""

    title: str
    prompt: str
    budget: str | None = None


def suggestions() -> tuple[Suggestion, ...]:
    return (
        Suggestion(
            QCoreApplication.translate("Suggestions", "Thinking off, then on"),
            QCoreApplication.translate(
                "Suggestions",
                "How many times does the letter r appear in the word “strawberry”? "
                "Answer with just the number.",
            ),
            "off",
        ),
        Suggestion(
            QCoreApplication.translate("Suggestions", "A word problem"),
            QCoreApplication.translate(
                "Suggestions",
                "A bat and a ball cost $1.10 in total. The bat costs $1.00 more than the ball. "
                "How much does the ball cost?",
            ),
        ),
        Suggestion(
            QCoreApplication.translate("Suggestions", "Check some arithmetic"),
            QCoreApplication.translate("Suggestions", "What is 17 × 24? Show each step."),
        ),
        Suggestion(
            QCoreApplication.translate("Suggestions", "Explain to a class"),
            QCoreApplication.translate(
                "Suggestions",
                "Explain why the sky is blue to a class of 12-year-olds, in five sentences.",
            ),
        ),
    )


class SuggestionPanel(QWidget):
    """The hint and the suggestion buttons; ``chosen`` carries the ``Suggestion`` picked."""

    chosen = Signal(object)  # Suggestion

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("suggestions")
        self.hint = QLabel()
        self.hint.setObjectName("emptyHint")
        self.hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.hint.setWordWrap(True)
        self.buttons: list[QPushButton] = []
        grid = QGridLayout()
        grid.setSpacing(8)
        for index, suggestion in enumerate(suggestions()):
            button = _card(suggestion.title, suggestion.prompt)
            button.setToolTip(
                suggestion.prompt
                + (
                    "\n\n"
                    + self.tr(
                        "Sets thinking to Off: send it, then pick a budget and "
                        "Regenerate to compare the two answers."
                    )
                    if suggestion.budget == "off"
                    else ""
                )
            )
            button.clicked.connect(lambda _checked=False, s=suggestion: self.chosen.emit(s))
            grid.addWidget(button, index // 2, index % 2)
            self.buttons.append(button)
        body = QWidget()
        body.setMaximumWidth(680)
        column = QVBoxLayout(body)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(16)
        column.addWidget(self.hint)
        column.addLayout(grid)
        centred = QHBoxLayout()
        centred.addStretch(1)
        centred.addWidget(body, 100)  # all the width up to its maximum, then centred
        centred.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 24, 24, 24)
        layout.addStretch(1)
        layout.addLayout(centred)
        layout.addStretch(2)

    def set_hint(self, text: str) -> None:
        self.hint.setText(text)


def _card(title: str, prompt: str) -> QPushButton:
    """A suggestion's button: its title and its prompt, wrapped to the card's width (a
    button's own text cannot wrap: on a narrow window it was cut off mid-line)."""
    button = QPushButton()
    button.setObjectName("suggestion")
    button.setAccessibleName(f"{title}: {prompt}")
    button.setCursor(Qt.CursorShape.PointingHandCursor)
    button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
    button.setMinimumWidth(140)
    lines = QVBoxLayout(button)
    lines.setContentsMargins(12, 10, 12, 10)
    lines.setSpacing(2)
    for text, name in ((title, "suggestionTitle"), (prompt, "suggestionPrompt")):
        label = QLabel(text)
        label.setObjectName(name)
        label.setTextFormat(Qt.TextFormat.PlainText)
        label.setWordWrap(True)
        # The button takes the clicks; the labels only say what it does.
        label.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        lines.addWidget(label)
    lines.addStretch(1)
    return button
