"""The composer on its own: what its buttons offer in each state."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from ponder.core.settings import Settings
from ponder.ui.chat.composer import Composer


def test_regenerate_is_off_while_an_earlier_message_is_edited(qtbot: QtBot) -> None:
    composer = Composer(Settings())
    qtbot.addWidget(composer)
    composer.set_busy(False, can_regenerate=True)
    assert composer.regenerate_button.isEnabled()
    composer.begin_edit(1, "What is 2 + 3?")
    assert not composer.regenerate_button.isEnabled()
    composer.set_busy(False, can_regenerate=True)  # a turn ending while the edit is open
    assert not composer.regenerate_button.isEnabled()
    composer.leave_edit()
    assert composer.regenerate_button.isEnabled()
