"""The conversation store under the conditions of a real app: threads, two stores on one
file, and a process killed mid-stream (a real SIGKILL, then the file is checked)."""

from __future__ import annotations

import random
import runpy
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

import ponder
from ponder.core.events import AnswerEvent, DoneEvent, ThinkingEvent
from ponder.core.request import GenerateRequest, Message
from ponder.core.storage.store import ConversationStore
from ponder.core.storage.writer import StreamingMessageWriter

REQUEST = GenerateRequest(messages=(Message("user", "Count"),))
PIECES = ("Wait", ",", " let", " me", " check", " 17 × 3", " = 51", ".", "\n\n", " é", "🙂", "中")
CHILD = Path(__file__).with_name("storage_crash_child.py")


@pytest.fixture
def path(tmp_path: Path) -> Path:
    return tmp_path / "conversations.sqlite3"


@pytest.fixture
def store(path: Path) -> Iterator[ConversationStore]:
    with ConversationStore(path) as s:
        yield s


def start(store: ConversationStore) -> StreamingMessageWriter:
    conversation = store.create_conversation("t")
    user = store.add_message(conversation.id, "user", "Count", parent_id=None)
    return store.begin_reply(conversation.id, user.id, REQUEST)


def test_a_live_reply_survives_another_store_taking_it_for_crashed(path: Path) -> None:
    with ConversationStore(path) as store:
        writer = start(store)
        writer.feed(ThinkingEvent("first half, "))
        writer.flush()
        with ConversationStore(path) as other:  # e.g. `ponder export` while the app streams
            assert other.recovered == [writer.message_id]
            writer.feed(ThinkingEvent("second half"))
            writer.flush()
            assert other.get_message(writer.message_id).status == "streaming"
            writer.feed(AnswerEvent("done"))
            writer.feed(DoneEvent("eos"))
            stored = other.get_message(writer.message_id)
        assert (stored.status, stored.thinking, stored.content) == (
            "complete",
            "first half, second half",
            "done",
        )


def test_a_writer_thread_and_a_reader_thread_share_the_file(path: Path) -> None:
    """As in the app: replies are written on a worker thread while the GUI thread reads."""
    pieces = [PIECES[i % len(PIECES)] for i in range(3000)]
    whole = "".join(pieces)
    with ConversationStore(path) as gui:
        conversation = gui.create_conversation("t")
        user = gui.add_message(conversation.id, "user", "Count", parent_id=None)
        halfway, looked = threading.Event(), threading.Event()
        failures: list[BaseException] = []
        message_ids: list[int] = []

        def stream() -> None:
            try:
                with ConversationStore(path, recover=False) as own:
                    writer = own.begin_reply(conversation.id, user.id, REQUEST, interval_s=0.0)
                    message_ids.append(writer.message_id)
                    for i, piece in enumerate(pieces):
                        writer.feed(ThinkingEvent(piece))
                        if i == len(pieces) // 2:
                            halfway.set()
                            looked.wait(timeout=60)
                    writer.feed(DoneEvent("eos"))
            except BaseException as exc:  # reported on the test's thread
                failures.append(exc)
            finally:
                halfway.set()

        worker = threading.Thread(target=stream, daemon=True)
        worker.start()
        halfway.wait()
        assert failures == []
        seen = gui.get_message(message_ids[0])
        assert seen.status == "streaming"
        assert seen.thinking == "".join(pieces[: len(pieces) // 2 + 1])
        looked.set()
        while worker.is_alive():  # reads while commits land: always a prefix, never an error
            assert whole.startswith(gui.get_message(message_ids[0]).thinking)
        worker.join()
        assert failures == []
        assert gui.thread(conversation.id)[-1].thinking == whole


def test_a_store_is_used_only_by_the_thread_that_opened_it(store: ConversationStore) -> None:
    outcome: list[BaseException | None] = []

    def other() -> None:
        try:
            store.list_conversations()
            outcome.append(None)
        except RuntimeError as exc:
            outcome.append(exc)

    thread = threading.Thread(target=other)
    thread.start()
    thread.join()
    assert isinstance(outcome[0], RuntimeError)
    assert store.list_conversations() == []


@pytest.mark.parametrize("seed", [11, 22, 33, 44])
def test_a_sigkill_mid_stream_loses_at_most_the_last_moment(tmp_path: Path, seed: int) -> None:
    path = tmp_path / "conversations.sqlite3"
    rng = random.Random(seed)
    trace = runpy.run_path(str(CHILD))["trace"](seed)
    thinking = "".join(text for kind, text in trace if kind != "answer")
    answer = "".join(text for kind, text in trace if kind == "answer")
    kill_after = rng.randrange(2, len(trace) // 25 - 8)  # a flush report, then a bit more
    env = {"PYTHONPATH": str(Path(ponder.__file__).parents[1]), "PONDER_HOME": str(tmp_path)}
    child = subprocess.Popen(
        [sys.executable, str(CHILD), str(path), str(seed)],
        stdout=subprocess.PIPE,
        text=True,
        env=env,
    )
    try:
        assert child.stdout is not None
        message_id = int(child.stdout.readline().split()[1])
        for _ in range(kill_after):
            line = child.stdout.readline()
        on_disk_thinking, on_disk_answer = (int(n) for n in line.split()[1:])
        for _ in range(rng.randrange(0, 5)):  # let it run on: the kill lands anywhere
            child.stdout.readline()
        child.kill()
    finally:
        child.kill()
        child.wait()
        child.stdout.close()  # type: ignore[union-attr]
    assert child.returncode != 0
    with ConversationStore(path) as store:
        assert store.integrity_check() == "ok"
        assert store.recovered == [message_id]
        stored = store.get_message(message_id)
    assert stored.status == "interrupted"
    assert thinking.startswith(stored.thinking) and len(stored.thinking) >= on_disk_thinking
    assert answer.startswith(stored.content) and len(stored.content) >= on_disk_answer
    for mark in stored.interventions:
        assert stored.thinking[mark.offset : mark.end] == "\nWait"
