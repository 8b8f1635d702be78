"""Fork and side-by-side comparisons in the window, on the real engine (SmolLM2).

A fork is a new version of a reply whose thinking starts with the (maybe edited) original
thinking and the text a person inserted, stored as a "fork" intervention; the compare window
opens with both when the fork is done. Another model's answer is a version too: the model is
loaded for that turn and the one in use comes back after it.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from app_driving import LOAD_TIMEOUT_MS, TURN_TIMEOUT_MS, AppFactory, ask, set_budget
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from gguf_fixtures import write_gguf
from ponder.ui.chat.messages import AssistantMessageWidget
from ponder.ui.teaching.compare import CompareWindow, version_label
from ponder.ui.teaching.fork import ForkDialog
from ponder.ui.teaching.replay import ReplayWindow

pytestmark = pytest.mark.model
SCREENS = os.environ.get("PONDER_SCREENSHOTS")


def _grab(widget: QWidget, name: str) -> None:
    if SCREENS:
        Path(SCREENS).mkdir(parents=True, exist_ok=True)
        assert widget.grab().save(str(Path(SCREENS) / name))


def test_fork_dialog_starts_at_the_offset_and_plans(qtbot: QtBot) -> None:
    dialog = ForkDialog("\nabc def ghi", 8, 128)
    qtbot.addWidget(dialog)
    assert dialog.kept.toPlainText() == "abc def"
    assert dialog.dropped.toPlainText() == "ghi"
    dialog.insert.setCurrentText("Hint: count again.")
    plan = dialog.plan()
    # The leading line break was hidden, not dropped: the model's text stays the model's.
    assert (plan.kept, plan.inserted, plan.budget) == ("\nabc def", " Hint: count again.", 128)


def _accept_fork_dialog(text: str) -> None:
    """Fills and accepts the Fork dialog once it is open (it is modal)."""

    def accept() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, ForkDialog):
            QTimer.singleShot(20, accept)
            return
        dialog.kept.setPlainText(dialog.kept.toPlainText()[:30])
        dialog.insert.setCurrentText(text)
        dialog.budget.setValue(16)
        dialog.accept()

    QTimer.singleShot(0, accept)


def test_fork_continues_the_thinking_and_opens_beside_the_original(
    qtbot: QtBot, make_app: AppFactory, tmp_path: Path
) -> None:
    app = make_app(max_tokens=60)
    set_budget(app, "custom", 32)
    first = ask(qtbot, app, "What is 7 times 6?")
    assert first.status == "complete" and first.reply_id is not None
    original = app.store.get_message(first.reply_id)
    assert len(original.thinking) > 30
    teaching = app.window.teaching
    _accept_fork_dialog("Hint: 7 times 6 is 42.")
    with qtbot.waitSignal(app.controller.reply_ended, timeout=TURN_TIMEOUT_MS) as ended:
        assert teaching.fork(original.id, 50)
    fork_live = ended.args[0]
    assert fork_live.status == "complete", fork_live.error
    fork = app.store.get_message(fork_live.reply_id)
    # A new version of the same reply, not a new turn.
    assert fork.parent_id == original.parent_id
    assert [m.id for m in app.store.siblings(original.id)] == [original.id, fork.id]
    # Its thinking: the 30 characters kept in the dialog (after the line breaks it does not
    # show), the insertion (marked as the person's), then the model's continuation.
    cut = len(original.thinking) - len(original.thinking.lstrip("\n")) + 30
    assert fork.thinking.startswith(original.thinking[:cut] + " Hint: 7 times 6 is 42.")
    (inserted,) = [i for i in fork.interventions if i.reason == "fork"]
    assert (inserted.offset, inserted.visible) == (cut, " Hint: 7 times 6 is 42.")
    assert len(fork.thinking) > inserted.end or fork.content.strip()
    # The engine reused its cache: the prompt holds the fork point, most of it was cached.
    assert original.generation is not None and fork.generation is not None
    first_stats, fork_stats = original.generation.stats, fork.generation.stats
    assert first_stats is not None and fork_stats is not None
    assert fork_stats.prompt_tokens > first_stats.prompt_tokens
    assert fork_stats.cached_prompt_tokens >= first_stats.prompt_tokens
    assert fork_stats.thinking_tokens <= 16
    # The compare window opened with the original on the left and the fork on the right.
    qtbot.waitUntil(lambda: bool(teaching.compare_windows))
    window = teaching.compare_windows[-1]
    assert isinstance(window, CompareWindow)
    assert window.left.message is not None and window.left.message.id == original.id
    assert window.right.message is not None and window.right.message.id == fork.id
    assert window.right.picker.currentText() == "2. Fork: “Hint: 7 times 6 is 42.”"
    assert window.left.picker.currentText() == "1. Original"
    assert "Hint: 7 times 6 is 42." in window.right.panel.trace_text
    assert window.right.answer.source_text == fork.content
    # The picker switches a column to another version.
    window.left.picker.setCurrentIndex(1)
    assert window.left.message.id == fork.id
    window.resize(1280, 720)
    window.left.picker.setCurrentIndex(0)
    _grab(window, "compare-fork.png")
    # The conversation, exported from the window, shows the fork as a person's words.
    for suffix in ("html", "md", "pdf"):
        exported = teaching.export_conversation(str(tmp_path / f"lesson.{suffix}"))
        assert exported is not None and exported.stat().st_size > 0
    page = (tmp_path / "lesson.html").read_text(encoding="utf-8")
    assert "⟨fork: written by a person⟩</b> Hint: 7 times 6 is 42." in page
    assert (tmp_path / "lesson.pdf").read_bytes().startswith(b"%PDF-")


def test_another_model_answers_and_the_model_in_use_comes_back(
    qtbot: QtBot, make_app: AppFactory, smollm2_path: Path, tmp_path: Path
) -> None:
    app = make_app(max_tokens=40)
    set_budget(app, "custom", 16)
    first = ask(qtbot, app, "Name a colour.")
    other = tmp_path / "Other-Model.Q4_1.gguf"
    other.symlink_to(smollm2_path)
    teaching = app.window.teaching
    with qtbot.waitSignal(app.controller.reply_ended, timeout=TURN_TIMEOUT_MS) as ended:
        assert teaching.compare_with_model(first.reply_id, str(other))
    second = ended.args[0]
    assert second.status == "complete", second.error
    stored = app.store.get_message(second.reply_id)
    assert stored.generation is not None and stored.generation.model_path == str(other)
    assert stored.parent_id == app.store.get_message(first.reply_id).parent_id
    # The model in use is loaded again; the chat goes on with it.
    qtbot.waitUntil(lambda: app.engine_host.ready, timeout=LOAD_TIMEOUT_MS)
    assert app.engine_host.model_path == str(smollm2_path)
    assert app.engine_host.loaded is not None
    assert app.engine_host.loaded.model_path == str(smollm2_path)
    qtbot.waitUntil(lambda: bool(teaching.compare_windows))
    window = teaching.compare_windows[-1]
    assert isinstance(window, CompareWindow)
    assert window.right.picker.currentText() == "2. Other-Model.Q4_1"
    assert window.left.picker.currentText() == f"1. {smollm2_path.stem}"
    third = ask(qtbot, app, "And another colour?")
    assert third.status == "complete"
    third_stored = app.store.get_message(third.reply_id)
    assert third_stored.generation is not None
    assert third_stored.generation.model_path == str(smollm2_path)


def test_a_model_that_fails_to_load_leaves_an_error_reply_and_the_model_in_use(
    qtbot: QtBot, make_app: AppFactory, tmp_path: Path, smollm2_path: Path
) -> None:
    app = make_app(max_tokens=24)
    first = ask(qtbot, app, "Hi")
    garbage = tmp_path / "garbage.gguf"
    garbage.write_bytes(b"GGUF" + b"\0" * 64)
    # Not a model at all: the load policy refuses it before the model in use is put aside.
    assert not app.window.teaching.compare_with_model(first.reply_id, str(garbage))
    assert app.engine_host.ready and app.engine_host.model_path == str(smollm2_path)
    # A sound header but no weights: only llama.cpp finds out, while the model is switched.
    broken = write_gguf(tmp_path / "broken.gguf", tensors=())
    with qtbot.waitSignal(app.controller.reply_ended, timeout=TURN_TIMEOUT_MS) as ended:
        assert app.window.teaching.compare_with_model(first.reply_id, str(broken))
    failed = ended.args[0]
    assert failed.status == "error" and failed.error
    qtbot.waitUntil(lambda: app.engine_host.ready, timeout=LOAD_TIMEOUT_MS)
    assert app.engine_host.loaded is not None
    assert app.engine_host.loaded.model_path == str(smollm2_path)
    assert ask(qtbot, app, "Still there?").status == "complete"


def test_the_answer_menu_offers_the_teaching_actions(qtbot: QtBot, make_app: AppFactory) -> None:
    app = make_app(max_tokens=40)
    set_budget(app, "custom", 16)
    live = ask(qtbot, app, "What is 1 + 1?")
    widget = app.window.view.widgets[-1]
    assert isinstance(widget, AssistantMessageWidget) and widget.more.isVisible()
    menu = widget.more.menu()
    menu.aboutToShow.emit()
    actions = {a.objectName(): a for a in menu.actions()}
    assert set(actions) == {"replay", "fork", "compare", "other_model"}
    assert actions["replay"].isEnabled() and actions["fork"].isEnabled()
    assert not actions["compare"].isEnabled(), "one version: nothing to compare yet"
    actions["replay"].trigger()
    replays = [w for w in QApplication.topLevelWidgets() if isinstance(w, ReplayWindow)]
    assert replays and replays[-1].isVisible()
    assert app.window.teaching.compare_versions(live.reply_id) is None
    assert "one version" in app.window.statusBar().currentMessage()
    # After a regenerate there are two versions, and they can be put side by side.
    with qtbot.waitSignal(app.controller.reply_ended, timeout=TURN_TIMEOUT_MS):
        app.controller.regenerate()
    window = app.window.teaching.compare_versions()
    assert isinstance(window, CompareWindow)
    versions = app.store.siblings(live.reply_id)
    assert version_label(versions[1], versions) == "2. Version 2"


def test_stopping_another_model_s_answer_opens_no_comparison(
    qtbot: QtBot, make_app: AppFactory, smollm2_path: Path, tmp_path: Path
) -> None:
    """#13 item 10: Stop on "Answer with another model" still opened the comparison, with
    the cancelled version in it."""
    app = make_app(max_tokens=400)
    set_budget(app, "custom", 300)
    first = ask(qtbot, app, "Name a colour.")
    other = tmp_path / "Other-Model.Q4_1.gguf"
    other.symlink_to(smollm2_path)
    teaching = app.window.teaching
    stopped: list[bool] = []

    def stop_once(*_: object) -> None:
        if not stopped:
            stopped.append(True)
            QTimer.singleShot(0, app.controller.stop)  # as the Stop button would

    app.controller.reply_updated.connect(stop_once)
    with qtbot.waitSignal(app.controller.reply_ended, timeout=TURN_TIMEOUT_MS) as ended:
        assert teaching.compare_with_model(first.reply_id, str(other))
    assert ended.args[0].status == "cancelled"
    qtbot.waitUntil(lambda: app.engine_host.ready, timeout=LOAD_TIMEOUT_MS)
    QApplication.processEvents()
    assert teaching.compare_windows == []
    assert "nothing was compared" in app.window.statusBar().currentMessage()


def test_the_compare_header_reads_the_answer_not_the_thinking() -> None:
    """#13 item 10: a fork's header said "answer read: 664" where 664 came from the thinking."""
    from ponder.core.storage.store import StoredMessage
    from ponder.ui.teaching.compare import figures

    def reply(thinking: str, answer: str) -> StoredMessage:
        return StoredMessage(1, 1, None, "assistant", answer, thinking, "complete", None, None, 0.0)

    header = figures(reply("So 600 + 64 = 664.", "I am not sure."))
    assert "answer read" not in header
    assert "last value in the thinking: 664 (none in the answer)" in header
    assert "answer read: 42" in figures(reply("So 600 + 64 = 664.", "The answer is 42."))
