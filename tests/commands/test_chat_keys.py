"""``ponder chat`` in a real process on the real engine: Ctrl+C (SIGINT) once while the model
thinks answers now, twice stops, and ``--json`` reports the keys and what they did."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import threading
from pathlib import Path
from typing import IO, Any

import pytest

from ponder.commands import UserError
from ponder.commands.chat import think_longer_budget


def read_until(out: IO[str], seen: list[dict[str, Any]], done: Any) -> None:
    """Reads JSON lines into ``seen`` until ``done(event)`` is true. A turn that ends (or a
    stream that closes) first fails the test: ``ponder chat`` then waits for the next line
    and would never write what the test waits for."""
    for line in out:
        event = json.loads(line)
        seen.append(event)
        if done(event):
            return
        if event["type"] == "done":
            raise AssertionError(f"the turn ended first: {seen[-8:]}")
    raise AssertionError(f"the stream ended early: {seen[-5:]}")


def thinking_count(n: int) -> Any:
    counter = [0]

    def done(event: dict[str, Any]) -> bool:
        counter[0] += event["type"] == "thinking"
        return counter[0] >= n

    return done


@pytest.mark.model
def test_ctrl_c_answers_now_then_stops(smollm2_path: Path) -> None:
    with subprocess.Popen(
        [
            sys.executable, "-m", "ponder.cli", "chat", "--json",
            "--model", str(smollm2_path), "--threads", "2", "--ctx", "2048",
            "--think-budget", "unlimited", "--temperature", "0", "--seed", "1",
            # A long thinking ("Wait" whenever the model tries to stop before 400 tokens), so
            # each Ctrl+C still finds it thinking however far this test lags behind the stream
            # on a busy machine.
            "--min-think", "400", "--max-waits", "50",
        ],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
        env=dict(os.environ),
    ) as process:  # fmt: skip
        assert process.stdin is not None and process.stdout is not None
        # Should the test and the chat still wait on each other, the chat is ended and the
        # reads above fail instead of hanging the suite.
        watchdog = threading.Timer(600, process.kill)
        watchdog.daemon = True
        watchdog.start()
        first: list[dict[str, Any]] = []
        process.stdin.write("Explain why the sky is blue.\n")
        process.stdin.flush()
        read_until(process.stdout, first, thinking_count(3))
        process.send_signal(signal.SIGINT)
        read_until(process.stdout, first, lambda e: e["type"] == "done")
        assert {"type": "control", "control": "answer_now"} in first
        cut = next(e for e in first if e["type"] == "intervention")
        assert cut["reason"] == "answer_now" and cut["visible"].strip()
        after = first[first.index(cut) :]
        assert not any(e["type"] == "thinking" for e in after)
        assert any(e["type"] == "answer" for e in after)
        stats = next(e for e in first if e["type"] == "stats")
        assert stats["answer_now_steps"] >= 2

        # /longer: the answer again, its thinking going on from before the Answer-now cut.
        longer: list[dict[str, Any]] = []
        process.stdin.write("/longer 24\n")
        process.stdin.flush()
        read_until(process.stdout, longer, lambda e: e["type"] == "done")
        assert longer[0]["type"] == "intervention" and longer[0]["reason"] == "think_longer"
        assert longer[0]["position"] == cut["position"]
        longer_stats = next(e for e in longer if e["type"] == "stats")
        assert 0 < longer_stats["thinking_tokens"] <= 24

        second: list[dict[str, Any]] = []
        process.stdin.write("Explain why the sea is salty.\n")
        process.stdin.flush()
        read_until(process.stdout, second, thinking_count(3))
        process.send_signal(signal.SIGINT)
        read_until(process.stdout, second, lambda e: e.get("control") == "answer_now")
        process.send_signal(signal.SIGINT)
        read_until(process.stdout, second, lambda e: e["type"] == "done")
        assert {"type": "control", "control": "stop"} in second
        kinds = [e["type"] for e in second]
        assert second[-1] == {"type": "done", "reason": "cancelled"}
        # Nothing that arrived after Stop was shown; pressed while it still thought, the
        # trace marks where.
        stop_at = second.index({"type": "control", "control": "stop"})
        assert not {"thinking", "answer"} & set(kinds[stop_at:])
        if "answer" not in kinds[:stop_at]:
            assert second[stop_at + 1]["reason"] == "stopped"
        process.stdin.close()
        assert process.wait(timeout=120) == 0  # the engine child lived through both Ctrl+Cs
        watchdog.cancel()


def test_longer_says_what_it_takes() -> None:
    assert think_longer_budget("") == 256
    assert think_longer_budget("1024") == 1024 and think_longer_budget("unlimited") is None
    for bad in ("off", "lots"):
        with pytest.raises(UserError, match="/longer takes a number of tokens or unlimited"):
            think_longer_budget(bad)
