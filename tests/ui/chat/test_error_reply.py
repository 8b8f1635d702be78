"""An error reply looks the same live and reloaded, and offers no answer to copy."""

from __future__ import annotations

from app_driving import AppFactory
from PySide6.QtGui import QColor, QPalette
from pytestqt.qtbot import QtBot

from ponder.ui.chat.messages import AssistantMessageWidget
from ponder.ui.theme.apply import theme_colours


def test_a_live_error_is_drawn_red_like_a_reloaded_one_with_try_again_only(
    qtbot: QtBot, make_app: AppFactory
) -> None:
    app = make_app(load=False)
    widget = AssistantMessageWidget(app.renderer)
    qtbot.addWidget(widget)
    widget.show()
    widget.finish(7, "complete", None)
    widget.set_busy(False)
    assert widget.copy.isVisible() and widget.regenerate.text() == "Regenerate"
    # The same widget, as the live reply's turns end in an error.
    widget.finish(7, "error", "The model ran out of memory.")
    status = widget.status
    assert status.isVisible() and status.text() == "The model ran out of memory."
    error_red = QColor(theme_colours(widget.palette()).danger)  # the theme's danger colour
    assert status.palette().color(QPalette.ColorRole.WindowText) == error_red
    assert not status.font().italic()
    assert widget.regenerate.isVisible() and widget.regenerate.text() == "Try again"
    assert not widget.copy.isVisible() and not widget.more.isVisible()
