"""The crash campaign: SIGKILLs of the window and of the engine at random moments while a reply
streams. After each kill the store must pass ``integrity_check``, every finished message must be
exactly as it was, the reply being written must be kept (marked ``interrupted`` after a window
kill, ``error`` after an engine kill) and no engine process may outlive its window.

The moments are drawn from a seeded generator: the seed is printed, and
``PONDER_CRASH_SEED=<seed>`` replays a failing campaign.
"""

from __future__ import annotations

import contextlib
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import psutil
import pytest

from ponder.core.paths import AppPaths
from ponder.core.storage.store import ConversationStore, StoredMessage

pytestmark = [pytest.mark.model, pytest.mark.skipif(os.name == "nt", reason="POSIX signals")]

CHILD = Path(__file__).with_name("gui_crash_child.py")
WAIT_S = 180.0  # "ends within": the machine running the suite may be very busy
GONE_S = 30.0


def _all(store: ConversationStore) -> dict[int, StoredMessage]:
    return {
        message.id: message
        for conversation in store.list_conversations()
        for message in store.thread(conversation.id)
    }


def _messages(database: Path) -> dict[int, StoredMessage]:
    """Every message, read like a second app would (recovering nothing)."""
    if not database.exists():
        return {}
    with contextlib.closing(ConversationStore(database, recover=False)) as store:
        return _all(store)


def _integrity(database: Path) -> str:
    with contextlib.closing(sqlite3.connect(database)) as raw:
        return str(raw.execute("PRAGMA integrity_check").fetchone()[0])


def _ended(pid: int) -> bool:
    try:
        return psutil.Process(pid).status() == psutil.STATUS_ZOMBIE
    except psutil.NoSuchProcess:
        return True


def _wait(
    what: str,
    check: Callable[[], bool],
    window: subprocess.Popen[str] | None = None,
    database: Path | None = None,
) -> None:
    deadline = time.monotonic() + WAIT_S
    while not check():
        if window is not None:
            assert window.poll() is None, f"the window ended by itself while waiting for {what}"
        if time.monotonic() > deadline:
            state = ""
            if database is not None:
                state = "; the last messages: " + ", ".join(
                    f"{i} {m.role} {m.status} {len(m.thinking)}+{len(m.content)}"
                    for i, m in sorted(_messages(database).items())[-12:]
                )
            pytest.fail(f"{what} did not happen within {WAIT_S:.0f} s{state}")
        time.sleep(0.05)


class Campaign:
    """One window process at a time, killed or left to lose its engine, as the seed says."""

    def __init__(self, model: Path, logs: Path, rng: random.Random) -> None:
        self.model, self.logs, self.rng = model, logs, rng
        self.database = AppPaths.from_environment().database
        self.window: subprocess.Popen[str] | None = None
        self.launches = 0
        self.replies_done: set[int] = set()

    def launch(self) -> None:
        self.launches += 1
        out = self.logs / f"window{self.launches}.out"
        with open(out, "w") as stdout, open(out.with_suffix(".err"), "w") as stderr:
            self.window = subprocess.Popen(
                [sys.executable, str(CHILD), str(self.model), "--again"],
                stdout=stdout,
                stderr=stderr,
                env=dict(os.environ, QT_QPA_PLATFORM="offscreen"),
                text=True,
            )

    def streaming_reply(self) -> tuple[int, StoredMessage]:
        """Waits for a new reply to stream and reach the length the seed picked."""
        length = self.rng.choice([0, self.rng.randint(1, 200)])
        found: list[tuple[int, StoredMessage]] = []

        def ready() -> bool:
            for message_id, seen in _messages(self.database).items():
                if message_id in self.replies_done or seen.status != "streaming":
                    continue
                if len(seen.content) + len(seen.thinking) >= length:
                    found.append((message_id, seen))
                    return True
            return False

        _wait(f"a reply streaming {length} characters", ready, self.window, self.database)
        time.sleep(self.rng.uniform(0.0, 0.3))
        return found[-1]

    def engine(self) -> psutil.Process:
        """The window's engine process (the spawned child that is not the resource tracker)."""
        assert self.window is not None
        found: list[psutil.Process] = []

        def spawned() -> bool:
            for process in psutil.Process(self.window.pid).children():  # type: ignore[union-attr]
                with contextlib.suppress(psutil.NoSuchProcess):
                    line = " ".join(process.cmdline())
                    if "spawn_main" in line and "resource_tracker" not in line:
                        found.append(process)
                        return True
            return False

        _wait("the engine process", spawned, self.window)
        return found[-1]

    def kill_window(self) -> None:
        assert self.window is not None
        before = _messages(self.database)
        reply_id, seen = self.streaming_reply()
        descendants = psutil.Process(self.window.pid).children(recursive=True)
        finished = {i: m for i, m in _messages(self.database).items() if m.status != "streaming"}
        # The reply may have ended in the pause before the kill (an error right after an
        # engine restart, say): then it is kept as it ended, like every finished message.
        interrupted = reply_id not in finished
        self.window.send_signal(signal.SIGKILL)
        self.window.wait(GONE_S)
        self.window = None
        for process in descendants:
            _wait(f"the end of the window's child {process.pid}", lambda p=process: _ended(p.pid))

        assert _integrity(self.database) == "ok"
        with contextlib.closing(ConversationStore(self.database)) as store:  # recovers
            assert (reply_id in store.recovered) is interrupted
            after = _all(store)
            assert store.integrity_check() == "ok"
        assert {i: after.get(i) for i in finished} == finished
        assert {i: after.get(i) for i in before if before[i].status != "streaming"} == {
            i: m for i, m in before.items() if m.status != "streaming"
        }
        reply = after[reply_id]
        if interrupted:
            assert reply.status == "interrupted"
        assert reply.content.startswith(seen.content) and reply.thinking.startswith(seen.thinking)
        self.replies_done.add(reply_id)

    def kill_engine(self) -> None:
        assert self.window is not None
        reply_id, seen = self.streaming_reply()
        engine = self.engine()
        finished = {i: m for i, m in _messages(self.database).items() if m.status != "streaming"}
        engine.send_signal(signal.SIGKILL)
        _wait("the end of the killed engine", lambda: _ended(engine.pid), self.window)
        _wait(
            "the reply to end after its engine died",
            lambda: _messages(self.database)[reply_id].status != "streaming",
            self.window,
        )

        assert _integrity(self.database) == "ok"
        after = _messages(self.database)
        assert {i: after.get(i) for i in finished} == finished
        reply = after[reply_id]
        assert reply.status == "error"
        assert reply.content.startswith(seen.content) and reply.thinking.startswith(seen.thinking)
        assert reply.error_kind == "engine_crashed"
        self.replies_done.add(reply_id)

    def close(self) -> None:
        if self.window is not None:
            descendants = psutil.Process(self.window.pid).children(recursive=True)
            self.window.kill()
            self.window.wait(GONE_S)
            for process in descendants:
                with contextlib.suppress(psutil.NoSuchProcess):
                    process.kill()


def test_random_kills_of_window_and_engine_keep_every_message(
    smollm2_path: Path, tmp_path: Path
) -> None:
    seed = int(os.environ.get("PONDER_CRASH_SEED") or random.SystemRandom().randrange(2**32))
    print(f"crash campaign seed {seed} (replay: PONDER_CRASH_SEED={seed})")
    rng = random.Random(seed)
    # Four kills: two of the engine and one of the window in the order the seed picks, then
    # the window, so the campaign ends with a reopened store.
    kills = [*rng.sample(["engine", "engine", "window"], 3), "window"]
    print("kills:", ", ".join(kills))
    campaign = Campaign(smollm2_path, tmp_path, rng)
    try:
        for target in kills:
            if campaign.window is None:
                campaign.launch()
            if target == "window":
                campaign.kill_window()
            else:
                campaign.kill_engine()
    finally:
        campaign.close()
        for log in sorted(tmp_path.glob("window*")):
            print(f"--- {log.name}\n{log.read_text(errors='replace')[-3000:]}")
    assert len(campaign.replies_done) == len(kills)
