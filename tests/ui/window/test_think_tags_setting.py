"""The settings dialog's Think tags section: validated as typed, saved, and used by the next
load's request (the one load policy the command line shares)."""

from __future__ import annotations

from pathlib import Path

from app_driving import AppFactory
from PySide6.QtWidgets import QDialogButtonBox
from pytestqt.qtbot import QtBot

from ponder.core.settings import load_settings
from ponder.ui.models.library import load_request_for
from ponder.ui.window.settings_dialog import SettingsDialog


def test_think_tags_are_checked_saved_and_used_at_the_next_load(
    qtbot: QtBot, make_app: AppFactory, smollm2_path: Path
) -> None:
    app = make_app(load=False)
    dialog = SettingsDialog(app.settings.settings, app.paths, 4, app.window)
    qtbot.addWidget(dialog)
    dialog.show()
    box = dialog.think_tags
    ok = dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok)
    assert ok.isEnabled() and not box.problem.isVisible()

    qtbot.keyClicks(box.start, "<reasoning>")  # the end is missing
    assert not ok.isEnabled() and box.problem.isVisible()
    assert "both think tags" in box.problem.text()
    qtbot.keyClicks(box.end, "<reasoning>")  # the same string twice
    assert not ok.isEnabled() and "must differ" in box.problem.text()
    box.end.clear()
    qtbot.keyClicks(box.end, "</reasoning>")
    assert ok.isEnabled() and not box.problem.isVisible()

    app.settings.update(dialog.result_settings())
    saved = load_settings(app.paths.settings_file)
    assert saved.custom_think_tags == ("<reasoning>", "</reasoning>")
    request, _, _ = load_request_for(str(smollm2_path), saved, force=True)
    assert request.think_tags == ("<reasoning>", "</reasoning>")

    # Clearing both goes back to the family's own tags.
    again = SettingsDialog(saved, app.paths, 4, app.window)
    qtbot.addWidget(again)
    assert again.think_tags.start.text() == "<reasoning>"
    again.think_tags.clear()
    cleared = again.result_settings()
    assert (cleared.custom_think_open, cleared.custom_think_close) == ("", "")
    assert load_request_for(str(smollm2_path), cleared, force=True)[0].think_tags is None


def test_a_short_context_for_a_long_thinker_is_said_in_the_status_line(
    qtbot: QtBot, make_app: AppFactory, tmp_path: Path
) -> None:
    """A context chosen below the room the card asks for: the window says a long answer will
    not fit when the model is chosen (the load plan's note)."""
    from gguf_fixtures import write_gguf

    app = make_app(load=False)
    app.library.refresh()
    qtbot.waitUntil(lambda: app.library.catalog is not None, timeout=10_000)
    app.settings.update_fields(context_size=8192)
    path = write_gguf(tmp_path / "Qwen3-4B-Thinking-2507-Q4_K_M.gguf", tensors=())
    request, _, notes = load_request_for(str(path), app.settings.settings, app.library)
    assert request.n_ctx == 8192 and len(notes) == 1
    app.window.models.use_model(str(path), remember=False)
    assert "long answer will be cut off" in app.window.statusBar().currentMessage()
