"""Models → Servers in the real window: add a server, see its models beside the local ones,
pick one and chat with it; a wrong key, a dead server; notices on the reply; a conversation
that takes its server model up again.

Against a real llama.cpp ``llama-server`` (tests/llama_server.py, SmolLM2 with a template
that thinks) and the loopback vLLM of tests/inference_fakes.py (keys, notices). Screenshots
go to $PONDER_SCREENSHOTS when it is set.
"""

from __future__ import annotations

import json
import os
import socket
import ssl
from pathlib import Path

import pytest
from app_driving import GREEDY, LOAD_TIMEOUT_MS, AppFactory, ask, set_budget
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QTreeWidgetItem, QWidget
from pytestqt.qtbot import QtBot
from ui_helpers import intervention_spans

from inference_fakes import InferenceFake, Script
from llama_server import LlamaServer
from ponder.core.paths import AppPaths
from ponder.core.servers.reference import ServerModelRef, shown_model_name
from ponder.core.teaching.export import conversation_markdown, sweep_markdown
from ponder.core.teaching.problems import single_problem
from ponder.core.teaching.sweep import parse_budgets
from ponder.ui.main import PonderApp
from ponder.ui.models.manager import ModelManagerDialog
from ponder.ui.models.servers_page import ServersPage

SCREENS = os.environ.get("PONDER_SCREENSHOTS")
ADD_TIMEOUT_MS = 60_000
MODEL = "Qwen/Qwen3-0.6B"
KEY = "sk-classroom-7f3a"


def _grab(widget: QWidget, name: str) -> None:
    if SCREENS:
        Path(SCREENS).mkdir(parents=True, exist_ok=True)
        assert widget.grab().save(str(Path(SCREENS) / name))


def _manager(app: PonderApp, qtbot: QtBot) -> tuple[ModelManagerDialog, ServersPage]:
    """The model dialog as Models → Model manager opens it, on its Servers tab."""
    dialog = ModelManagerDialog(app.library, app.engine_host.model_path, app.window)
    qtbot.addWidget(dialog)
    dialog.use_requested.connect(app.window.models.use_model)
    page = dialog.servers_page
    assert page is not None
    dialog.tabs.setCurrentWidget(page)
    dialog.show()
    return dialog, page


def _add(qtbot: QtBot, page: ServersPage, name: str, url: str, key: str = "") -> str:
    """Types a server in and clicks Add; what the add ended with ("" when it worked)."""
    page.name_field.setText(name)
    page.url_field.setText(url)
    page.key_field.setText(key)
    with qtbot.waitSignal(page.servers.add_finished, timeout=ADD_TIMEOUT_MS) as done:
        qtbot.mouseClick(page.add_button, Qt.MouseButton.LeftButton)
        assert not page.add_button.isEnabled()  # busy while the server is checked
    return str(done.args[1])


def _model_row(page: ServersPage, ref: ServerModelRef) -> QTreeWidgetItem:
    for index in range(page.tree.topLevelItemCount()):
        top = page.tree.topLevelItem(index)
        assert top is not None
        for row in range(top.childCount()):
            child = top.child(row)
            if child is not None and child.data(0, Qt.ItemDataRole.UserRole) == ref:
                return child
    raise AssertionError(f"{ref.id} is not listed")


def _use(qtbot: QtBot, app: PonderApp, page: ServersPage, ref: ServerModelRef) -> None:
    page.tree.setCurrentItem(_model_row(page, ref))
    with qtbot.waitSignal(app.engine_host.model_ready, timeout=LOAD_TIMEOUT_MS):
        qtbot.mouseClick(page.use_button, Qt.MouseButton.LeftButton)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.mark.model
def test_a_llama_server_is_added_its_model_used_and_the_chat_thinks_on_it(
    qtbot: QtBot, make_app: AppFactory, llama_server: LlamaServer
) -> None:
    app = make_app(load=False, max_tokens=60)
    dialog, page = _manager(app, qtbot)
    assert _add(qtbot, page, "classroom", llama_server.base_url) == ""
    assert page.message.property("kind") == "note" and "Added classroom" in page.message.text()
    info = app.servers.info["classroom"]
    assert info.kind == "llama-server" and info.models
    ref = ServerModelRef("classroom", info.models[0].id)
    top = page.tree.topLevelItem(0)
    assert top is not None and "classroom" in top.text(0) and llama_server.base_url in top.text(0)
    assert top.text(1) == info.description and info.description.startswith("llama.cpp")
    # Beside the local models in the model bar: the demo, then the server's model.
    picker = app.window.model_bar.picker
    labels = [picker.itemText(i) for i in range(picker.count())]
    assert ref.label in labels and any("demo" in label for label in labels)
    _grab(dialog, "servers_dialog_light.png")

    _use(qtbot, app, page, ref)
    assert not dialog.isVisible()  # "Use this model" closes the dialog, as for a file
    assert app.engine_host.model_path == ref.id and picker.currentText() == ref.label
    assert info.description in app.window.model_bar.state.text()

    set_budget(app, "custom", 12)
    live = ask(qtbot, app, "Why is the sea salty?")
    assert live.error is None and live.trace.text
    # The thinking is in the panel, the server's budget cut marked there as Ponder's own.
    panel = app.window.panel
    assert "budget_spent" in [reason for reason, _start, _end in intervention_spans(panel)]
    assert live.trace.text.strip()[:20] in panel.trace_text
    _grab(app.window, "servers_chat_light.png")

    # The conversation remembers the server model; the card names server, software, model.
    conversation = app.store.get_conversation(live.conversation_id)
    assert conversation.model_id == ref.id and conversation.model_path is None
    card = conversation_markdown(conversation, app.store.thread(conversation.id))
    assert f"{ref.model} on classroom at {llama_server.base_url}" in card
    assert info.description in card


@pytest.mark.model
def test_an_over_long_conversation_on_a_llama_server_goes_on_with_the_oldest_turns_left_out(
    qtbot: QtBot, make_app: AppFactory, llama_server: LlamaServer
) -> None:
    """#13 item 1 on a server: a message past the server's context, then "hi" (it failed with
    the server's 400 on every later message); the meter reads the server's context."""
    app = make_app(load=False, max_tokens=8)
    _dialog, page = _manager(app, qtbot)
    assert _add(qtbot, page, "classroom", llama_server.base_url) == ""
    info = app.servers.info["classroom"]
    _use(qtbot, app, page, ServerModelRef("classroom", info.models[0].id))
    app.window.composer.budget.select("off")
    too_long = ask(qtbot, app, "word " * 3000)
    assert too_long.status == "error"
    assert "Your message is" in (too_long.error or "") and "(400)" not in (too_long.error or "")
    for question in ("ocean " * 600, "sky " * 600, "hi"):
        live = ask(qtbot, app, question)
    assert live.status == "complete", live.error
    reply = app.window.view.widgets[-1]
    assert "earlier turn" in reply.context_note.text()  # type: ignore[attr-defined]
    assert not reply.context_note.isHidden()  # type: ignore[attr-defined]
    assert app.window.composer.meter.n_ctx == llama_server.ctx


@pytest.mark.model
def test_fork_and_think_longer_go_on_from_the_thinking_on_a_llama_server(
    qtbot: QtBot, make_app: AppFactory, llama_server: LlamaServer
) -> None:
    """Both continue a reply's thinking: on a server they were dropped, the model starting
    afresh under a trace that showed the fork's words as what it had read."""
    app = make_app(load=False, max_tokens=40)
    _dialog, page = _manager(app, qtbot)
    assert _add(qtbot, page, "classroom", llama_server.base_url) == ""
    info = app.servers.info["classroom"]
    _use(qtbot, app, page, ServerModelRef("classroom", info.models[0].id))
    set_budget(app, "custom", 12)
    first = ask(qtbot, app, "Why is the sea salty?")
    assert first.error is None and first.reply_id is not None
    original = app.store.get_message(first.reply_id)
    kept = original.thinking[:20]
    with qtbot.waitSignal(app.controller.reply_ended, timeout=LOAD_TIMEOUT_MS) as ended:
        assert app.controller.fork(first.reply_id, kept, "Hint: rivers carry salt. ")
    fork = ended.args[0]
    assert fork.error is None, fork.error
    forked = app.store.get_message(fork.reply_id)
    assert forked.thinking.startswith(kept + "Hint: rivers carry salt.")
    assert "fork" in [i.reason for i in forked.interventions]
    stats = forked.generation.stats  # type: ignore[union-attr]
    first_stats = original.generation.stats  # type: ignore[union-attr]
    assert stats is not None and first_stats is not None
    assert stats.prompt_tokens > first_stats.prompt_tokens  # the server read the fork's words
    with qtbot.waitSignal(app.controller.reply_ended, timeout=LOAD_TIMEOUT_MS) as ended:
        assert app.controller.think_longer_after(fork.reply_id, 64)
    assert ended.args[0].error is None, ended.args[0].error


@pytest.mark.model
def test_answer_now_in_the_panel_reaches_the_llama_server_and_is_marked(
    qtbot: QtBot, make_app: AppFactory, llama_server: LlamaServer
) -> None:
    app = make_app(load=False, max_tokens=200)
    _dialog, page = _manager(app, qtbot)
    assert _add(qtbot, page, "classroom", llama_server.base_url) == ""
    _use(qtbot, app, page, ServerModelRef("classroom", app.servers.info["classroom"].models[0].id))
    set_budget(app, "unlimited")
    window = app.window
    assert window.panel.answer_now.isEnabled()  # the server model can be steered
    window.composer.editor.setPlainText("Explain why the sky is blue.")
    window.composer.send_button.click()
    qtbot.waitUntil(
        lambda: app.controller.live is not None and app.controller.live.trace.live_tokens >= 2,
        timeout=LOAD_TIMEOUT_MS,
    )
    assert window.panel.answer_now.isVisible()
    with qtbot.waitSignal(app.controller.reply_ended, timeout=LOAD_TIMEOUT_MS) as ended:
        window.panel.answer_now.click()
    live = ended.args[0]
    assert live.status == "complete" and live.error is None
    assert "answer_now" in [reason for reason, _s, _e in intervention_spans(window.panel)]
    stored = app.store.get_message(live.reply_id)
    assert [i.reason for i in stored.interventions][:1] == ["answer_now"]


def test_a_wrong_key_is_refused_with_the_401_message_and_the_right_one_is_kept_hidden(
    qtbot: QtBot, make_app: AppFactory
) -> None:
    app = make_app(load=False)
    with InferenceFake("vllm", (MODEL,), key=KEY) as fake:
        _dialog, page = _manager(app, qtbot)
        assert page.key_field.echoMode() == page.key_field.EchoMode.Password
        message = _add(qtbot, page, "gpu", fake.base_url, key="sk-wrong-key")
        assert "(401)" in message and "API key is missing or wrong" in message
        assert "sk-wrong-key" not in message and "Check the key and add the server again" in message
        assert message.startswith("gpu refused")  # the name as the person wrote it
        assert page.message.text() == message and page.message.property("kind") == "error"
        assert page.add_button.isEnabled() and page.add_button.text() == "Add server"
        assert app.servers.entries == [] and page.tree.topLevelItemCount() == 0
        _grab(page, "servers_401_light.png")

        assert _add(qtbot, page, "gpu", fake.base_url, key=KEY) == ""
        assert page.key_field.text() == ""  # emptied: the key is never shown again
        top = page.tree.topLevelItem(0)
        assert top is not None and "key stored" in top.text(0) and KEY not in top.text(0)
        assert MODEL in [m.id for m in app.servers.info["gpu"].models]
        # The list has no key; the key file is the user's alone.
        paths = AppPaths.from_environment()
        assert KEY not in paths.servers_file.read_text()
        assert json.loads(paths.server_keys_file.read_text()) == {"gpu": KEY}
        assert paths.server_keys_file.stat().st_mode & 0o077 == 0
        # Remove forgets the server and its key.
        app.servers.remove("gpu")
        qtbot.waitUntil(lambda: not app.servers.entries)
        assert page.tree.topLevelItemCount() == 0
        assert json.loads(paths.server_keys_file.read_text()) == {}


def test_a_dead_server_shows_its_error_and_leaves_nothing_busy(
    qtbot: QtBot, make_app: AppFactory
) -> None:
    app = make_app(load=False)
    _dialog, page = _manager(app, qtbot)
    url = f"http://127.0.0.1:{_free_port()}"
    message = _add(qtbot, page, "lab", url)
    assert "connection was refused" in message and url in message
    assert page.message.property("kind") == "error"
    assert page.add_button.isEnabled() and app.servers.adding is None
    assert app.servers.entries == []
    message = _add(qtbot, page, "lab", "lab-machine:8080")
    assert "no scheme" in message and page.message.property("kind") == "error"
    # The window's way out, not the command line's option (--key-stdin).
    message = _add(qtbot, page, "lab", "http://me:secret@127.0.0.1:9")
    assert "user name or password" in message and "API key field" in message
    assert "--" not in message and "secret" not in message
    _grab(page, "servers_refused_light.png")


def test_a_servers_faults_in_the_chat_advise_the_windows_ways_out_not_commands(
    qtbot: QtBot, make_app: AppFactory
) -> None:
    """A key changed on the server, a model it no longer offers: the chat's error says what
    to do in the window (the command line's advice, "run ponder servers add …", was shown)."""
    app = make_app(load=False, max_tokens=40)
    with InferenceFake("vllm", (MODEL,), key=KEY) as fake:
        _dialog, page = _manager(app, qtbot)
        assert _add(qtbot, page, "gpu", fake.base_url, key=KEY) == ""
        _use(qtbot, app, page, ServerModelRef("gpu", MODEL))
        fake.key = "sk-rotated-by-the-admin"
        live = ask(qtbot, app, "Why is the sea salty?")
        assert live.error is not None and "(401)" in live.error
        assert "Models → Servers" in live.error and "ponder" not in live.error
        assert "--" not in live.error
        fake.key, fake.models = KEY, ("another-model",)
        live = ask(qtbot, app, "Why is the sea salty?")
        assert live.error is not None and "404" in live.error
        assert "Models → Servers" in live.error and "ponder" not in live.error


def test_a_server_with_its_own_certificate_is_refused_until_its_ca_file_is_given(
    qtbot: QtBot, make_app: AppFactory, self_signed_certificate: tuple[Path, Path], tmp_path: Path
) -> None:
    cert, key = self_signed_certificate
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert, key)
    app = make_app(load=False)
    with InferenceFake("vllm", (MODEL,), tls=context) as fake:
        _dialog, page = _manager(app, qtbot)
        message = _add(qtbot, page, "school", fake.base_url)
        assert "TLS certificate could not be verified" in message and "give its CA file" in message
        assert page.message.property("kind") == "error" and app.servers.entries == []
        garbage = tmp_path / "not-a-ca.pem"
        garbage.write_text("not a certificate")
        page.ca_field.setText(str(garbage))
        message = _add(qtbot, page, "school", fake.base_url)
        assert "cannot be read" in message and page.message.property("kind") == "error"
        page.ca_field.setText(str(cert))
        assert _add(qtbot, page, "school", fake.base_url) == ""
        assert app.servers.entries[0].ca_file == str(cert)
        assert "CA file" in page.details.toPlainText()


def test_a_server_that_ignored_a_control_is_noted_on_the_reply_and_the_conversation_keeps_it(
    qtbot: QtBot, make_app: AppFactory
) -> None:
    app = make_app(load=False, max_tokens=60)
    with (
        InferenceFake("vllm", (MODEL,)) as fake,
        InferenceFake("vllm", ("other-model",), version="0.11.0") as other,
    ):
        fake.scripts = [Script([("Salt", ""), (" comes from rocks.", ""), ("", "Rivers.")])]
        _dialog, page = _manager(app, qtbot)
        assert _add(qtbot, page, "gpu", fake.base_url) == ""
        assert _add(qtbot, page, "spare", other.base_url) == ""
        ref = ServerModelRef("gpu", MODEL)
        _use(qtbot, app, page, ref)
        set_budget(app, "unlimited")
        live = ask(qtbot, app, "Why is the sea salty?")
        assert live.reply.answer == "Rivers." and live.trace.notices
        widget = app.window.view.widgets[-1]
        notice = widget.notices  # type: ignore[attr-defined]
        assert notice.isVisible() and "estimate" in notice.text()
        _grab(app.window, "servers_notice_light.png")

        # Another model in use; opening the conversation takes its server model up again.
        app.window.models.use_model(ServerModelRef("spare", "other-model").id)
        qtbot.waitUntil(lambda: app.engine_host.ready, timeout=LOAD_TIMEOUT_MS)
        app.controller.open_conversation(None)
        with qtbot.waitSignal(app.engine_host.model_ready, timeout=LOAD_TIMEOUT_MS):
            app.controller.open_conversation(live.conversation_id)
        assert app.engine_host.model_path == ref.id
        assert app.window.model_bar.picker.currentText() == ref.label
        stored = app.window.view.widgets[-1]
        assert "estimate" in stored.notices.text()  # type: ignore[attr-defined]
        assert not stored.notices.isHidden()  # type: ignore[attr-defined]

        # Its server removed: the conversation opens, says so, and the model in use stays.
        app.window.models.use_model(ServerModelRef("spare", "other-model").id)
        qtbot.waitUntil(lambda: app.engine_host.ready, timeout=LOAD_TIMEOUT_MS)
        app.servers.remove("gpu")
        qtbot.waitUntil(lambda: app.servers.entry("gpu") is None)
        app.controller.open_conversation(live.conversation_id)
        assert app.engine_host.model_path == ServerModelRef("spare", "other-model").id
        assert "no longer in Models → Servers" in app.window.statusBar().currentMessage()


def test_a_budget_sweep_runs_on_the_server_model_and_its_card_names_the_server(
    qtbot: QtBot, make_app: AppFactory
) -> None:
    app = make_app(load=False)
    with InferenceFake("vllm", (MODEL,), version="0.11.0") as fake:
        fake.scripts = [Script([("Two and two", ""), (" make four.", ""), ("", "4")])]
        _dialog, page = _manager(app, qtbot)
        assert _add(qtbot, page, "gpu", fake.base_url) == ""
        _use(qtbot, app, page, ServerModelRef("gpu", MODEL))
        queued = app.sweeps.add(
            single_problem("2 + 2?", "4"), parse_budgets("off,64"), sampling=GREEDY, max_tokens=8
        )
        qtbot.waitUntil(lambda: queued.state == "done", timeout=LOAD_TIMEOUT_MS)
        result = queued.result
        assert result is not None and len(result.cells) == 2 and fake.chat_bodies()
        assert result.model_path == f"{MODEL} on gpu at {fake.base_url} (vLLM 0.11.0)"
        assert result.model_sha256 is None
        assert f"{MODEL} on gpu at {fake.base_url} (vLLM 0.11.0)" in sweep_markdown(result)
        assert shown_model_name(result.model_path) == f"{MODEL} · gpu"


def test_dark_theme_screenshots_of_the_servers_page(qtbot: QtBot, make_app: AppFactory) -> None:
    app = make_app(load=False)
    app.settings.update_fields(theme="dark")
    with InferenceFake("vllm", (MODEL, "Qwen/Qwen3-8B"), key=KEY) as fake:
        dialog, page = _manager(app, qtbot)
        assert _add(qtbot, page, "gpu", fake.base_url, key=KEY) == ""
        _add(qtbot, page, "lab", f"http://127.0.0.1:{_free_port()}")
        assert page.message.property("kind") == "error"
        _grab(dialog, "servers_dialog_dark.png")
        fake.scripts = [Script([("Salt", ""), (" comes from rocks.", ""), ("", "Rivers.")])]
        _use(qtbot, app, page, ServerModelRef("gpu", MODEL))
        live = ask(qtbot, app, "Why is the sea salty?")
        assert live.trace.notices
        _grab(app.window, "servers_chat_dark.png")
    app.settings.update_fields(theme="light")
