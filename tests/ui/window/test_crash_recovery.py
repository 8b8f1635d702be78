"""A SIGKILL of the app mid-answer leaves the database intact and the partial answer there."""

from __future__ import annotations

import contextlib
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from app_driving import AppFactory
from pytestqt.qtbot import QtBot

from ponder.core.paths import AppPaths
from ponder.core.storage.store import ConversationStore
from ponder.ui.chat.messages import AssistantMessageWidget

pytestmark = [pytest.mark.model, pytest.mark.skipif(os.name == "nt", reason="POSIX signals")]

CHILD = Path(__file__).with_name("gui_crash_child.py")
WAIT_S = 180.0


def _streaming_reply(database: Path) -> tuple[int, str, str] | None:
    """The reply being written (id, thinking, answer so far), read like a second app would."""
    if not database.exists():
        return None
    with contextlib.closing(ConversationStore(database, recover=False)) as store:
        for conversation in store.list_conversations():
            for message in store.thread(conversation.id):
                if message.role == "assistant" and message.status == "streaming":
                    return message.id, message.thinking, message.content
    return None


def test_sigkill_mid_answer_keeps_the_database_and_the_partial_answer(
    qtbot: QtBot, make_app: AppFactory, smollm2_path: Path
) -> None:
    database = AppPaths.from_environment().database
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    child = subprocess.Popen(
        # --again: a reply the model ends early is followed by a new one, so there is always a
        # reply streaming to kill (SmolLM2 may answer this prompt in ~220 characters).
        [sys.executable, str(CHILD), str(smollm2_path), "--again"],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        env=env,
        text=True,
    )
    engine_pid = None
    try:
        assert child.stdout is not None
        for line in child.stdout:
            if line.startswith("ENGINE "):
                engine_pid = int(line.split()[1])
            if line.strip() == "SENT":
                break
        deadline = time.monotonic() + WAIT_S
        seen = None
        while time.monotonic() < deadline:
            seen = _streaming_reply(database)
            if seen is not None and len(seen[2]) > 100:
                break
            assert child.poll() is None, "the app ended before it could be killed"
            time.sleep(0.05)
        assert seen is not None and len(seen[2]) > 100, "no answer reached the disk in time"
        child.send_signal(signal.SIGKILL)
        child.wait(10)
    finally:
        if child.poll() is None:
            child.kill()
            child.wait(10)
        if child.stdout is not None:
            child.stdout.close()
        if engine_pid is not None:
            with contextlib.suppress(ProcessLookupError):
                os.kill(engine_pid, signal.SIGKILL)
    reply_id, _thinking, committed_answer = seen

    with contextlib.closing(sqlite3.connect(database)) as raw:
        assert raw.execute("PRAGMA integrity_check").fetchone()[0] == "ok"

    app = make_app(load=False)  # opening recovers the interrupted reply
    stored = app.store.get_message(reply_id)
    assert stored.status == "interrupted"
    assert stored.content.startswith(committed_answer) and stored.thinking.strip()
    assert app.store.integrity_check() == "ok"
    items = app.window.conversations.list
    assert items.count() == 1
    items.itemClicked.emit(items.item(0))
    reply = app.window.view.widgets[-1]
    assert isinstance(reply, AssistantMessageWidget)
    assert reply.answer.source_text == stored.content
    assert not reply.status.isHidden() and reply.status.text().startswith("Interrupted")
    assert app.window.panel.trace_text.strip()
