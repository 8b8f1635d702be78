"""The live controls while the model thinks: "Answer now", and "Think longer" in its menu.

One button, used in three places (the thinking panel's header, the composer, presenter
mode): a click ends the thinking now (the engine adds the early-stop message chosen in the
settings and the end tag, and the model answers); its menu raises the running budget by 256
or 1,024 tokens, or lifts it. The window connects every copy to the same controller calls.

Thread: GUI thread.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QMenu, QToolButton, QWidget

from ponder.ui.theme.icons import icon

# What "Think longer" offers while the model thinks: more tokens, None for no limit.
THINK_LONGER_STEPS: tuple[int | None, ...] = (256, 1024, None)
ANSWER_NOW_SHORTCUT = "Ctrl+Shift+A"


def think_longer_text(tokens: int | None) -> str:
    """The menu item for one step, as the user reads it."""
    from PySide6.QtCore import QCoreApplication

    if tokens is None:
        return QCoreApplication.translate("LiveControls", "Think without a limit")
    return QCoreApplication.translate("LiveControls", "Think {n:,} tokens longer").format(n=tokens)


class AnswerNowButton(QToolButton):
    """ "Answer now" with a "Think longer" menu. ``answer_now_requested`` on a click;
    ``think_longer_requested(tokens)`` from the menu (tokens: int, or None for no limit).
    Shown only while the model thinks (``set_thinking``); disabled, with the reason in its
    tooltip, when the engine cannot be steered (``set_refusal``)."""

    answer_now_requested = Signal()
    think_longer_requested = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("answerNowButton")
        self.setText(self.tr("Answer now"))
        self.setIcon(icon("answer_now"))
        self._tip = self.tr(
            "Stop thinking now and answer ({shortcut}): Ponder adds the early-stop message "
            "from the settings and closes the thinking. The arrow: think longer."
        ).format(shortcut=ANSWER_NOW_SHORTCUT)
        self.setToolTip(self._tip)
        self.setPopupMode(QToolButton.ToolButtonPopupMode.MenuButtonPopup)
        self.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        menu = QMenu(self)
        menu.setToolTipsVisible(True)
        self.steps = []
        for tokens in THINK_LONGER_STEPS:
            action = menu.addAction(think_longer_text(tokens))
            action.setToolTip(self.tr("Raise the running thinking budget, without restarting"))
            action.triggered.connect(
                lambda _checked=False, n=tokens: self.think_longer_requested.emit(n)
            )
            self.steps.append(action)
        self.setMenu(menu)
        self.clicked.connect(self.answer_now_requested)
        self.setVisible(False)

    def set_thinking(self, thinking: bool) -> None:
        """Shows the button while the model thinks, hides it otherwise."""
        self.setVisible(thinking)

    def set_refusal(self, reason: str | None) -> None:
        """Disables the button when the engine cannot be steered, saying why."""
        self.setEnabled(reason is None)
        self.setToolTip(self._tip if reason is None else reason)
