"""Ponder works offline: a full ``ponder ask`` and the window's self-test open no connection to
another computer and look up no name, unless a download or a remote server is asked for.

Every Python process of the run (the command and the engine it spawns) is watched through
Python's audit hooks, installed by ``socket_audit/sitecustomize.py``.
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

AUDIT = Path(__file__).with_name("socket_audit")


def _audited(
    args: list[str], log: Path, timeout: float = 300, **env: str
) -> tuple[subprocess.CompletedProcess[str], list[dict[str, Any]]]:
    path = os.pathsep.join(filter(None, [str(AUDIT), os.environ.get("PYTHONPATH")]))
    result = subprocess.run(
        [sys.executable, *args],
        capture_output=True,
        text=True,
        env=dict(os.environ, PYTHONPATH=path, PONDER_SOCKET_LOG=str(log), **env),
        timeout=timeout,
        check=False,
    )
    records = [json.loads(line) for line in log.read_text().splitlines()] if log.exists() else []
    return result, records


def _outside(records: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Connections to other computers (any internet socket: Ponder has no server of its own to
    talk to on loopback either) and name lookups."""
    inet = {int(socket.AF_INET), int(socket.AF_INET6)}
    return [
        r
        for r in records
        if (r["event"] in ("socket.connect", "socket.sendto") and r["family"] in inet)
        or r["event"].startswith(("socket.getaddrinfo", "socket.gethostby", "socket.getname"))
    ]


def test_the_harness_sees_connections_and_lookups_in_every_process(tmp_path: Path) -> None:
    # The watch itself must work, or the tests below could not fail: a process that looks a
    # name up and connects to a loopback listener, from a spawned child as well.
    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen()
        port = listener.getsockname()[1]
        script = tmp_path / "reach.py"
        script.write_text(
            "import multiprocessing, socket, sys\n"
            "def reach(port):\n"
            "    socket.getaddrinfo('localhost', port)\n"
            "    socket.create_connection(('127.0.0.1', port), timeout=10).close()\n"
            "if __name__ == '__main__':\n"
            "    ctx = multiprocessing.get_context('spawn')\n"
            "    p = ctx.Process(target=reach, args=(int(sys.argv[1]),))\n"
            "    p.start(); p.join(60); sys.exit(p.exitcode)\n"
        )
        result, records = _audited([str(script), str(port)], tmp_path / "sockets.jsonl")
    assert result.returncode == 0, result.stderr
    parent = records[0]["pid"]
    outside = _outside(records)
    assert {r["event"] for r in outside} == {"socket.getaddrinfo", "socket.connect"}
    assert parent not in {r["pid"] for r in outside}  # seen in the spawned child


@pytest.mark.model
def test_ask_opens_no_connection_and_looks_up_no_name(smollm2_path: Path, tmp_path: Path) -> None:
    result, records = _audited(
        [
            "-m",
            "ponder.cli",
            "ask",
            "--model",
            str(smollm2_path),
            "--think-budget",
            "8",
            "--temperature",
            "0",
            "--max-tokens",
            "24",
            "--threads",
            "2",
            "What is two plus two?",
        ],
        tmp_path / "sockets.jsonl",
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip()
    assert len({r["pid"] for r in records if r["event"] == "start"}) >= 2  # ponder and engine
    assert _outside(records) == []


@pytest.mark.model
def test_window_self_test_opens_no_connection_and_looks_up_no_name(
    smollm2_path: Path, tmp_path: Path
) -> None:
    result, records = _audited(
        ["-m", "ponder.cli", "--self-test", "--model", str(smollm2_path)],
        tmp_path / "sockets.jsonl",
        QT_QPA_PLATFORM="offscreen",
    )
    assert result.returncode == 0, result.stderr
    assert "self-test passed" in result.stdout
    assert len({r["pid"] for r in records if r["event"] == "start"}) >= 2
    assert _outside(records) == []
