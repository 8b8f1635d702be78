"""On the real engine: each reply says which model wrote it, how fast, how soon its first token
came and why it ended, the same after a reload; a conversation's own settings (system prompt,
sampling, seed, past reasoning), saved in its dialog, drive its next turn."""

from __future__ import annotations

import pytest
from app_driving import AppFactory, ask
from PySide6.QtWidgets import QDialogButtonBox
from pytestqt.qtbot import QtBot

from ponder.core.storage.records import ConversationSettings
from ponder.ui.chat.messages import AssistantMessageWidget

pytestmark = pytest.mark.model


def test_a_reply_shows_its_model_speed_first_token_and_end(
    qtbot: QtBot, make_app: AppFactory
) -> None:
    app = make_app(max_tokens=24)
    live = ask(qtbot, app, "Say hello.")
    assert live.status == "complete", live.error
    widget = app.window.view.widgets[-1]
    assert isinstance(widget, AssistantMessageWidget)
    stored = app.store.get_message(live.reply_id or -1)
    stats = stored.generation.stats if stored.generation else None
    assert stats is not None and stats.first_token_s is not None
    text = widget.details.text()
    assert text.startswith("SmolLM2-135M-Instruct.Q4_1 · "), text
    assert f"{stats.decode_tokens_per_s:.1f} tok/s" in text
    assert f"first token {stats.first_token_s:.2f} s" in text
    assert text.endswith("token limit reached") or text.endswith("finished"), text
    assert widget.details.isVisibleTo(widget)
    assert widget.chip.text().startswith("Thought for ")  # the chip keeps its own figures
    # Opened again (as after a restart): the same line, from the stored record.
    app.controller.open_conversation(live.conversation_id)
    reloaded = app.window.view.widgets[-1]
    assert isinstance(reloaded, AssistantMessageWidget)
    assert reloaded.details.text() == text


def test_conversation_settings_from_the_dialog_drive_the_next_turn(
    qtbot: QtBot, make_app: AppFactory
) -> None:
    app = make_app(max_tokens=16)
    window = app.window
    dialog = window.edit_conversation_settings(None)  # a new conversation: kept until it exists
    assert dialog is not None and dialog.result_settings() == ConversationSettings()
    dialog.system_prompt.setPlainText("Answer in one word.")
    dialog.temperature.setValue(0.3)
    dialog.top_p.setValue(0.8)
    dialog.seed.setValue(7)
    dialog.past_reasoning.setChecked(True)
    dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()
    first = ask(qtbot, app, "Name a colour.")
    assert first.status == "complete", first.error
    chosen = ConversationSettings("Answer in one word.", 0.3, 0.8, 7, True)
    assert app.store.conversation_settings(first.conversation_id) == chosen
    second = ask(qtbot, app, "And another one?")
    record = app.store.get_message(second.reply_id or -1).generation
    assert record is not None
    assert record.system_prompt == "Answer in one word." and record.past_reasoning
    assert (record.sampling.temperature, record.sampling.top_p, record.seed) == (0.3, 0.8, 7)
    # Another conversation keeps the defaults; the first one's come back when it is reopened.
    window.new_conversation()
    other = window.edit_conversation_settings(None)
    assert other is not None and other.result_settings() == ConversationSettings()
    other.reject()
    dialog = window.edit_conversation_settings(first.conversation_id)
    assert dialog is not None and dialog.result_settings() == chosen
    assert app.controller.conversation_id == first.conversation_id
    dialog.buttons.button(QDialogButtonBox.StandardButton.RestoreDefaults).click()
    dialog.accept()
    assert app.store.conversation_settings(first.conversation_id) == ConversationSettings()
