"""Words core makes, in a German window: the chip, an intervention, the reply's figures, the
context note, a fit reason and an error come through the catalogue (core/phrases.py,
ui/translations.py ``shown``), while core itself and the CLI keep English.

Set PONDER_SCREENSHOTS to a folder to keep screenshots of the German window.
"""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

import pytest
from app_driving import AppFactory, ask, set_budget
from PySide6.QtCore import QCoreApplication, QTranslator
from PySide6.QtWidgets import QTreeWidgetItem, QWidget
from pytestqt.qtbot import QtBot
from ui_helpers import intervention_tooltips

from ponder.core.downloads.errors import NetworkError, OfflineError
from ponder.core.downloads.hub import offline_message
from ponder.core.paths import AppPaths
from ponder.core.phrases import QT_TRANSLATE_NOOP
from ponder.core.settings import Settings, save_settings
from ponder.core.storage.damage import storage_error
from ponder.core.trace import intervention_tooltip, tokens_text
from ponder.core.ways_out import WINDOW
from ponder.ui.chat.messages import AssistantMessageWidget
from ponder.ui.models.manager import ModelManagerDialog
from ponder.ui.translations import install_translations, remove_translations, shown
from reply_with_phrases import EVENTS as PHRASED_EVENTS
from stored_reply import store_reply

SCREENS = os.environ.get("PONDER_SCREENSHOTS")


def _grab(widget: QWidget, name: str) -> None:
    if SCREENS:
        Path(SCREENS).mkdir(parents=True, exist_ok=True)
        assert widget.grab().save(str(Path(SCREENS) / name))


def test_shown_translates_a_phrase_its_phrases_and_an_error(qapp: QCoreApplication) -> None:
    chip = QT_TRANSLATE_NOOP("Trace", "Thought for {seconds} · {tokens}").format(
        seconds="2.0 s", tokens=tokens_text(1)
    )
    error = NetworkError(
        QT_TRANSLATE_NOOP("Downloads", "{filename} was not found in {repo} on {endpoint}.").format(
            filename="a.gguf", repo="me/m", endpoint="https://hub"
        )
    )
    install_translations(qapp, "de")
    try:
        assert shown(chip) == "Gedacht: 2.0 s · 1 Token"
        assert shown(error) == "a.gguf wurde in me/m auf https://hub nicht gefunden."
        assert shown(intervention_tooltip("budget_spent", 16)).startswith(
            "Von Ponder nach 16 Denk-Token eingefügt: das Denkbudget war aufgebraucht"
        )
        assert shown("plain words") == "plain words"  # not a phrase: as it is
        assert shown(ValueError("bad")) == "bad"
    finally:
        remove_translations(qapp)
    assert shown(chip) == "Thought for 2.0 s · 1 token"  # English again: the source text


def test_the_windows_ways_out_are_german_in_a_german_window(qapp: QCoreApplication) -> None:
    """Offline mode and a damaged history in the window's words, translated with them."""
    offline = OfflineError(offline_message(WINDOW))
    damaged = storage_error(sqlite3.DatabaseError("file is not a database"), Path("h"), "open")
    damaged_here = storage_error(
        sqlite3.DatabaseError("file is not a database"), Path("h"), "open", WINDOW
    )
    install_translations(qapp, "de")
    try:
        assert "(Modelle → Modellpaket importieren …)" in shown(offline)
        assert shown(damaged_here).endswith("(die beschädigte Datei bleibt erhalten).") and shown(
            damaged_here
        ).startswith("Der Gesprächsverlauf h ist beschädigt")
        # The command line's way out is English (the command line speaks English only).
        assert "`ponder conversations --recover`" in shown(damaged)
    finally:
        remove_translations(qapp)
    assert "ponder " not in str(offline) and "Models → Import a model pack…" in str(offline)


def test_a_reloaded_replys_error_and_notice_are_german_in_a_german_window(
    make_app: AppFactory,
) -> None:
    """They were stored as English text: after a restart a German window showed them in
    English (live, they were German)."""
    save_settings(Settings(language="de"), AppPaths.from_environment().settings_file)
    conversation_id, _reply = store_reply(PHRASED_EVENTS)  # written, closed: a restart
    app = make_app(load=False)
    app.window.refresh_conversations()
    app.controller.open_conversation(conversation_id)
    reply = app.window.view.widgets[-1]
    assert isinstance(reply, AssistantMessageWidget)
    assert reply.status.text().startswith("Ihre Nachricht ist 5246 Token lang"), reply.status.text()
    assert "Kontext des Modells fasst 4096 Token" in reply.status.text()
    assert reply.notices.text() == (
        "⚠ Mindest-Denken ist auf classroom nicht verfügbar: Er kann das Denken eines Modells "
        "nicht fortsetzen, daher wird dieser Antwort kein „Wait“ hinzugefügt."
    )


def test_a_translation_that_does_not_fit_its_values_falls_back_to_english(
    qapp: QCoreApplication,
) -> None:
    """A translation whose placeholders the values do not fill (a catalogue out of step with
    the code) shows the English text rather than failing."""

    class OutOfStep(QTranslator):
        def translate(
            self, context: str, source: str, disambiguation: str | None = None, n: int = -1
        ) -> str:
            return "{anzahl} Token" if source == "{count} tokens" else ""

    translator = OutOfStep()
    qapp.installTranslator(translator)
    try:
        assert QCoreApplication.translate("Trace", "{count} tokens") == "{anzahl} Token"
        assert shown(tokens_text(3)) == "3 tokens"
    finally:
        qapp.removeTranslator(translator)


@pytest.mark.model
def test_core_words_appear_in_german_in_a_german_window(qtbot: QtBot, make_app: AppFactory) -> None:
    save_settings(
        Settings(language="de", context_size=512), AppPaths.from_environment().settings_file
    )
    app = make_app(max_tokens=60)
    # An error core raised in the model process: the message is too long for the context.
    app.window.composer.budget.select("off")
    too_long = ask(qtbot, app, "word " * 1000)
    assert too_long.status == "error"
    failed = app.window.view.widgets[-1]
    assert isinstance(failed, AssistantMessageWidget)
    assert failed.status.text().startswith("Ihre Nachricht ist ")
    assert "Kontext des Modells fasst 512 Token" in failed.status.text()
    # A reply with thinking: the budget spent, the chip, the figures, the context note.
    set_budget(app, "custom", 16)
    live = ask(qtbot, app, "What is 7 times 6?")
    assert live.status == "complete", live.error
    reply = app.window.view.widgets[-1]
    assert isinstance(reply, AssistantMessageWidget)
    assert reply.chip.text().startswith("Gedacht: ") and " Token" in reply.chip.text()
    assert reply.details.text().endswith(("fertig", "Token-Grenze erreicht"))
    assert reply.context_note.text() == (
        "1 früherer Gesprächsschritt wurde weggelassen, damit alles in den Kontext des Modells "
        "passt."
    )
    panel = app.window.panel
    tips = intervention_tooltips(panel)
    assert any(tip.startswith("Von Ponder nach ") for tip in tips), tips
    assert panel.header.text().startswith("Gedacht: ")
    app.window.resize(1280, 720)
    app.window.set_panel_visible(True)
    _grab(app.window, "german_conversation.png")
    # The model dialog: each quant's fit reason.
    library = app.library
    dialog = ModelManagerDialog(library, None, app.window)
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: library.catalog is not None and library.hardware is not None)
    dialog.refresh()
    reasons = []
    for i in range(dialog.catalog.topLevelItemCount()):
        row = dialog.catalog.topLevelItem(i)
        assert isinstance(row, QTreeWidgetItem)
        reasons += [row.child(j).toolTip(3) for j in range(row.childCount())]
    assert reasons and all(
        reason.startswith(("passt in", "braucht ")) or " Schichten passen auf " in reason
        for reason in reasons
    ), reasons
    dialog.resize(1280, 720)
    dialog.tabs.setCurrentIndex(1)
    first = dialog.catalog.topLevelItem(0)
    assert first is not None
    first.setExpanded(True)
    dialog.catalog.setCurrentItem(first.child(0))
    _grab(dialog, "german_model_manager.png")
