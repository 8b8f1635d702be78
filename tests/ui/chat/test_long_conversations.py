"""A conversation that outgrows the context (#13 item 1): it goes on, leaving out (and
saying it left out) the oldest turns; a message can be deleted; a pasted document is folded."""

from __future__ import annotations

import pytest
from app_driving import AppFactory, ask
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from ponder.core.paths import AppPaths
from ponder.core.settings import Settings, save_settings
from ponder.core.storage.store import NotFoundError
from ponder.ui.chat.messages import AssistantMessageWidget, UserMessageWidget


@pytest.mark.model
def test_after_an_over_long_message_the_next_one_is_answered(
    qtbot: QtBot, make_app: AppFactory
) -> None:
    """The bug: after "The conversation is N tokens long…", every later message, even "hi",
    failed the same way."""
    save_settings(Settings(context_size=512), AppPaths.from_environment().settings_file)
    app = make_app(max_tokens=8)
    app.window.composer.budget.select("off")
    too_long = ask(qtbot, app, "word " * 1000)
    assert too_long.status == "error"
    assert "Your message is" in (too_long.error or "") and "Shorten" in (too_long.error or "")
    user = app.window.view.widgets[-2]
    assert isinstance(user, UserMessageWidget) and user.collapsed  # 5,000 characters: folded
    live = ask(qtbot, app, "hi")
    assert live.status == "complete", live.error
    reply = app.window.view.widgets[-1]
    assert isinstance(reply, AssistantMessageWidget)
    note = "1 earlier turn was left out to fit the model's context."
    assert reply.context_note.text() == note and not reply.context_note.isHidden()
    # Kept with the reply: the note is there after the conversation is opened again.
    app.controller.open_conversation(app.controller.conversation_id)
    reopened = app.window.view.widgets[-1]
    assert isinstance(reopened, AssistantMessageWidget)
    assert reopened.context_note.text() == note
    # The composer's meter: the engine's own count of the conversation, and a warning before
    # a message that cannot fit is sent.
    meter = app.window.composer.meter
    stats = app.store.get_message(live.reply_id or -1).generation.stats  # type: ignore[union-attr]
    assert meter.n_ctx == 512 and meter.isVisible()
    assert meter.history.exact and meter.history.tokens == stats.prompt_tokens + stats.answer_tokens
    assert meter.label.text() == f"{meter.history.tokens:,} / 512 tokens" and not meter.warning
    app.window.composer.editor.setPlainText("word " * 1000)
    assert "too long" in meter.warning and meter.label.text().startswith("about ")
    # A message that fits on its own (448 of 512 tokens are for the prompt), but not after
    # this conversation.
    app.window.composer.editor.setPlainText("x" * int((448 - 1 - 6) * 3.5))
    assert meter.draft_tokens == 447
    assert "oldest turns will be left out" in meter.warning
    app.window.composer.editor.setPlainText("and?")
    assert not meter.warning


def test_a_message_and_its_replies_can_be_deleted(
    qtbot: QtBot, make_app: AppFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = make_app(load=False)
    store = app.store
    conversation = store.create_conversation("Deleting")
    first = store.add_message(conversation.id, "user", "first question", parent_id=None)
    second = store.add_message(conversation.id, "user", "second question", parent_id=first.id)
    app.controller.open_conversation(conversation.id)
    widgets = app.window.view.widgets
    assert [w.text for w in widgets if isinstance(w, UserMessageWidget)] == [
        "first question",
        "second question",
    ]
    target = widgets[1]
    assert isinstance(target, UserMessageWidget) and target.delete.isEnabled()
    monkeypatch.setattr(QMessageBox, "question", lambda *_a, **_k: QMessageBox.StandardButton.No)
    target.delete.click()
    assert len(app.window.view.widgets) == 2
    monkeypatch.setattr(QMessageBox, "question", lambda *_a, **_k: QMessageBox.StandardButton.Yes)
    target.delete.click()
    assert [m.id for m in store.thread(conversation.id)] == [first.id]
    assert [w.message_id for w in app.window.view.widgets] == [first.id]
    with pytest.raises(NotFoundError):
        store.get_message(second.id)


def test_a_pasted_document_is_folded_with_show_all(qtbot: QtBot, make_app: AppFactory) -> None:
    app = make_app(load=False)
    text = "".join(f"line {i} of a long pasted document\n" for i in range(1000))
    assert len(text) > 30_000
    widget = UserMessageWidget(text, app.renderer)
    qtbot.addWidget(widget)
    widget.show()
    assert widget.collapsed and widget.expand.isVisible()
    assert widget.expand.text() == "Show all"
    shown = widget.bubble.toPlainText()
    assert len(shown) < 2000 and shown.startswith("line 0 of")
    widget.expand.click()
    assert not widget.collapsed and widget.bubble.toPlainText().rstrip() == text.rstrip()
    assert widget.expand.text() == "Show less"
    short = UserMessageWidget("What is 2 + 3?", app.renderer)
    qtbot.addWidget(short)
    assert not short.collapsed and short.expand.isHidden()
