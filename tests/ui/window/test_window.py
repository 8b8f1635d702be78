"""The window's own parts on real files and threads: conversations, settings, theme, window
state, the first-run welcome, and the model manager (import, drag-and-drop, delete)."""

from __future__ import annotations

from pathlib import Path

import pytest
from app_driving import LOAD_TIMEOUT_MS, AppFactory
from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDropEvent, QPalette
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from ponder.core.settings import load_settings
from ponder.ui.models.manager import ModelManagerDialog
from ponder.ui.window import dialogs
from ponder.ui.window.settings_dialog import SettingsDialog


def _titles(app: object) -> list[str]:
    items = app.window.conversations.list  # type: ignore[attr-defined]
    return [items.item(row).text() for row in range(items.count())]


def test_conversations_new_rename_search_delete(
    qtbot: QtBot, make_app: AppFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = make_app(load=False)
    for title in ("Fractions", "Prime numbers"):
        conversation = app.store.create_conversation(title)
        app.store.add_message(conversation.id, "user", f"about {title}", parent_id=None)
    app.window.refresh_conversations()
    assert _titles(app) == ["Prime numbers", "Fractions"]
    app.window.conversations.list.item(1).setText("Fractions and decimals")
    assert app.store.get_conversation(conversation.id - 1).title == "Fractions and decimals"
    app.window.conversations.search.setText("prime")
    qtbot.waitUntil(lambda: _titles(app) == ["Prime numbers"])
    app.window.conversations.search.clear()
    qtbot.waitUntil(lambda: len(_titles(app)) == 2)
    app.window.conversations.list.itemClicked.emit(app.window.conversations.list.item(0))
    assert app.controller.conversation_id == conversation.id
    monkeypatch.setattr(QMessageBox, "question", lambda *_a, **_k: QMessageBox.StandardButton.Yes)
    app.window.menu_actions.delete_conversation.trigger()
    assert _titles(app) == ["Fractions and decimals"]
    assert app.controller.conversation_id is None and app.window.view.widgets == []
    app.window.menu_actions.new_conversation.trigger()
    assert app.window.composer.editor.hasFocus() or not app.window.isActiveWindow()


def test_settings_are_saved_and_the_theme_applies(qtbot: QtBot, make_app: AppFactory) -> None:
    app = make_app(load=False)
    dialog = SettingsDialog(app.settings.settings, app.paths, 4, app.window)
    qtbot.addWidget(dialog)
    dialog.theme.setCurrentIndex(dialog.theme.findData("dark"))
    dialog.font_size.setValue(13)
    dialog.gpu_auto.setChecked(False)
    dialog.gpu_layers.setValue(12)
    dialog.context.setCurrentIndex(dialog.context.findData(8192))
    dialog.auto_open.setChecked(False)
    assert not dialog.speculative.isChecked()  # off by default
    dialog.speculative.setChecked(True)
    app.settings.update(dialog.result_settings())
    saved = load_settings(app.paths.settings_file)
    assert (saved.theme, saved.font_size, saved.gpu_layers, saved.context_size) == (
        "dark",
        13,
        12,
        8192,
    )
    assert saved.auto_open_thinking_panel is False
    assert saved.speculative_decoding is True
    qapp = QApplication.instance()
    assert isinstance(qapp, QApplication)
    assert qapp.palette().color(QPalette.ColorRole.Base).lightness() < 128
    assert qapp.font().pointSize() == 13
    app.settings.update_fields(theme="light", font_size=None)
    assert qapp.palette().color(QPalette.ColorRole.Base).lightness() > 128


def test_switching_speculative_decoding_loads_the_model_again(
    qtbot: QtBot, make_app: AppFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = make_app(load=False)
    loaded: list[str] = []

    def accept_with_speculation(dialog: SettingsDialog) -> int:
        dialog.speculative.setChecked(not dialog.speculative.isChecked())
        return SettingsDialog.DialogCode.Accepted

    monkeypatch.setattr(SettingsDialog, "exec", accept_with_speculation)
    dialogs.open_settings(
        app.window, app.settings, app.paths, current_model="/m.gguf", use_model=loaded.append
    )
    assert app.settings.settings.speculative_decoding is True
    assert loaded == ["/m.gguf"]  # the load request carries the setting: loaded again


def test_the_draft_model_box_follows_speculation_and_reloads_the_model(
    qtbot: QtBot, make_app: AppFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """ "Use a small draft model when one is installed": on by default, usable only while
    speculative decoding is on, saved, restored to its default, and a change reloads."""
    app = make_app(load=False)
    dialog = SettingsDialog(app.settings.settings, app.paths, 4, app.window)
    qtbot.addWidget(dialog)
    assert dialog.draft_model.isChecked() and not dialog.draft_model.isEnabled()
    dialog.speculative.setChecked(True)
    assert dialog.draft_model.isEnabled()
    dialog.draft_model.setChecked(False)
    app.settings.update(dialog.result_settings())
    saved = load_settings(app.paths.settings_file)
    assert saved.speculative_decoding is True and saved.use_draft_model is False
    again = SettingsDialog(saved, app.paths, 4, app.window)
    qtbot.addWidget(again)
    assert again.draft_model.isEnabled() and not again.draft_model.isChecked()
    again._restore_defaults()
    assert again.draft_model.isChecked() and not again.draft_model.isEnabled()
    loaded: list[str] = []

    def accept_with_the_draft_model(dialog: SettingsDialog) -> int:
        dialog.draft_model.setChecked(True)
        return SettingsDialog.DialogCode.Accepted

    monkeypatch.setattr(SettingsDialog, "exec", accept_with_the_draft_model)
    dialogs.open_settings(
        app.window, app.settings, app.paths, current_model="/m.gguf", use_model=loaded.append
    )
    assert app.settings.settings.use_draft_model is True
    assert loaded == ["/m.gguf"]


def test_the_window_remembers_its_size_and_panel(qtbot: QtBot, make_app: AppFactory) -> None:
    app = make_app(load=False)
    app.window.resize(790, 560)  # within the offscreen screen (800 × 600)
    app.window.set_panel_visible(False)
    app.window.close()
    assert app.settings.settings.window_geometry and app.settings.settings.window_state
    again = make_app(load=False)
    assert not again.window.panel_visible
    assert again.window.size().width() == app.window.size().width() == 790
    again.window.menu_actions.toggle_thinking.trigger()
    assert again.window.panel_visible


@pytest.mark.model
def test_first_run_offers_the_demo_model(qtbot: QtBot, make_app: AppFactory) -> None:
    app = make_app(first_run=True)
    window = app.window
    qtbot.waitUntil(lambda: app.library.scanned_once, timeout=LOAD_TIMEOUT_MS)
    window.welcome.update_from(app.library)
    assert window.pages.currentWidget() is window.welcome
    assert not window.welcome.demo_button.isHidden()
    window.welcome.demo_button.click()
    qtbot.waitUntil(lambda: app.engine_host.ready, timeout=LOAD_TIMEOUT_MS)
    assert window.pages.currentIndex() == 0
    assert app.settings.settings.last_model_path == str(app.library.demo)


def test_model_manager_imports_drops_and_deletes(
    qtbot: QtBot, make_app: AppFactory, smollm2_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = make_app(load=False)
    dialog = ModelManagerDialog(app.library, None, app.window)
    qtbot.addWidget(dialog)
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(smollm2_path)), QUrl.fromLocalFile("/tmp/notes.txt")])
    drop = QDropEvent(
        QPointF(10, 10),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.NoModifier,
    )
    with qtbot.waitSignal(app.library.import_done, timeout=LOAD_TIMEOUT_MS) as done:
        dialog.dropEvent(drop)
    model = done.args[0]
    assert model.path.is_file() and model.sha256 and model.source == "import"
    qtbot.waitUntil(lambda: any(m.path == model.path for m in app.library.installed))
    names = [
        dialog.installed.topLevelItem(i).text(0)
        for i in range(dialog.installed.topLevelItemCount())
    ]
    assert any("SmolLM2" in name for name in names)
    row = next(
        i
        for i in range(dialog.installed.topLevelItemCount())
        if dialog.installed.topLevelItem(i).data(0, Qt.ItemDataRole.UserRole) == model
    )
    dialog.installed.setCurrentItem(dialog.installed.topLevelItem(row))
    assert "sha256" in dialog.installed_info.toPlainText()
    monkeypatch.setattr(QMessageBox, "question", lambda *_a, **_k: QMessageBox.StandardButton.Yes)
    with qtbot.waitSignal(app.library.changed, timeout=LOAD_TIMEOUT_MS):
        dialog.delete_button.click()
    assert not model.path.exists()
    assert all(m.path != model.path for m in app.library.installed)


def test_a_model_pack_folder_dropped_on_the_window_is_installed(
    qtbot: QtBot, make_app: AppFactory, smollm2_path: Path, tmp_path: Path
) -> None:
    from ponder.core.models.local_import import import_gguf
    from ponder.core.models.packs import export_pack
    from ponder.core.models.store import ModelStore

    teacher = ModelStore(tmp_path / "teacher" / "models")
    folder = export_pack(teacher, import_gguf(teacher, smollm2_path), None, tmp_path / "usb")
    app = make_app(load=False)
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(folder)), QUrl.fromLocalFile(str(tmp_path))])
    drop = QDropEvent(
        QPointF(10, 10),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.NoModifier,
    )
    with qtbot.waitSignal(app.library.import_done, timeout=LOAD_TIMEOUT_MS) as done:
        app.window.dropEvent(drop)  # the folder without a pack is ignored
    model = done.args[0]
    assert model.source == "pack" and model.path.is_file()
    assert model.path.read_bytes() == smollm2_path.read_bytes()
    # A damaged pack installs nothing and says why.
    packed = next(folder.glob("*.gguf"))
    data = bytearray(packed.read_bytes())
    data[60_000_000] ^= 0x01
    packed.write_bytes(bytes(data))
    with qtbot.waitSignal(app.library.problem, timeout=LOAD_TIMEOUT_MS) as problem:
        app.library.import_file(str(folder / "ponder-pack.json"))
    assert "damaged" in problem.args[0]


def test_editing_a_message_leaves_the_splitter_and_the_window_alone(
    qtbot: QtBot, make_app: AppFactory
) -> None:
    """#13 item 7: the edit banner's one long line set the composer's minimum width, so the
    sidebar and the panel shrank (and the window grew) the moment Edit was clicked."""
    app = make_app(load=False)
    window = app.window
    window.resize(780, 560)
    qtbot.wait(10)
    sizes, width = window.splitter.sizes(), window.width()
    window.composer.begin_edit(1, "What is 2 + 3?")
    qtbot.wait(10)
    assert window.splitter.sizes() == sizes
    assert window.width() == width
    window.composer.leave_edit()
    window.close()
    again = make_app(load=False)
    again.window.resize(780, 560)
    qtbot.wait(10)
    assert again.window.splitter.sizes() == sizes


def test_status_lines_time_out_and_the_next_action_clears_them(
    qtbot: QtBot, make_app: AppFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """#13 item 10: "Importing …" and old problems stayed in the status bar for good."""
    from ponder.ui.window import main_window

    app = make_app(load=False)
    window = app.window
    bar = window.statusBar()
    window.show_error("The model file is damaged.")
    assert bar.currentMessage() == "The model file is damaged."
    window.new_conversation()
    assert bar.currentMessage() == ""
    window.show_status("Exported to /tmp/x.html.")
    window.conversations.conversation_selected.emit(app.store.create_conversation("Other").id)
    assert bar.currentMessage() == ""
    monkeypatch.setattr(main_window, "STATUS_TIMEOUT_MS", 50)
    window.show_status("Importing model.gguf…")
    assert bar.currentMessage() == "Importing model.gguf…"
    qtbot.waitUntil(lambda: bar.currentMessage() == "", timeout=5000)
