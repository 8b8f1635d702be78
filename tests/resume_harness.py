"""Kill a real downloader process (SIGKILL) at chosen byte offsets and resume it.

Each trial starts a fresh download in a child process (``download_child.py``) from the
loopback hub, which throttles its CDN so the kill lands mid-transfer; the parent watches the
``.part`` file grow and SIGKILLs the child once it passes the offset. A second child then
resumes and must finish with the sha256 verified. Shared by the test suite (a few offsets)
and ``benchmarks/bench_download_resume.py`` (twenty).
"""

from __future__ import annotations

import json
import os
import random
import shutil
import signal
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from hub_server import HubServer, file_sha256

TESTS = Path(__file__).resolve().parent
APP = TESTS.parent / "app"
REPO = "ponder-test/SmolLM2-135M-Instruct-GGUF"
FILE = "SmolLM2-135M-Instruct.Q4_1.gguf"


@dataclass(frozen=True)
class Trial:
    target: int  # the offset the kill aimed at
    killed_at: int  # bytes in the .part when the process was dead
    resumed_from: int  # where the second process's first Range started (-1: no request)
    refetched: int  # bytes the server sent that the resume had to send again
    verified: bool  # the second process finished and the file's sha256 is right
    seconds: float

    @property
    def resumed(self) -> bool:
        return self.killed_at > 0 and self.resumed_from == self.killed_at


def child_env(home: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("HF_", "PONDER_"))}
    env["PONDER_HOME"] = str(home)
    env["HF_HOME"] = str(home / "hf")  # no token of the machine's user
    env["PYTHONPATH"] = os.pathsep.join([str(APP), str(TESTS)])
    return env


def run_child(endpoint: str, env: dict[str, str], *extra: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, str(TESTS / "download_child.py"), endpoint, REPO, FILE, *extra],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def part_path(home: Path) -> Path:
    owner, name = REPO.split("/")
    return home / "data" / "models" / owner / name / (FILE + ".part")


def trial(hub: HubServer, home: Path, target: int, rate: float, sha256: str) -> Trial:
    began = time.monotonic()
    env = child_env(home)
    part = part_path(home)
    first = len(hub.served)
    hub.rate = rate
    proc = run_child(hub.endpoint, env)
    deadline = time.monotonic() + 120
    while proc.poll() is None and time.monotonic() < deadline:
        try:
            if part.stat().st_size >= target:
                break
        except FileNotFoundError:
            pass
        time.sleep(0.001)
    proc.send_signal(signal.SIGKILL)
    proc.communicate()
    killed_at = part.stat().st_size if part.exists() else 0
    sent_before_kill = sum(s.sent for s in hub.served[first:])
    second = len(hub.served)
    hub.rate = None
    done = run_child(hub.endpoint, env)
    out, _ = done.communicate(timeout=120)
    served = hub.served[second:]
    resumed_from = served[0].start if served else -1
    result = json.loads(out.strip().splitlines()[-1]) if out.strip() else {"ok": False}
    dest = part.with_name(FILE)
    verified = (
        done.returncode == 0
        and result.get("ok") is True
        and result.get("sha256") == sha256
        and dest.is_file()
        and file_sha256(dest) == sha256
        and not part.exists()
    )
    # Sent before the kill but not on disk at the kill, plus anything the resume fetched twice.
    refetched = max(0, sent_before_kill - killed_at)
    size = dest.stat().st_size if dest.is_file() else 0
    refetched += max(0, sum(s.sent for s in served) - (size - max(resumed_from, 0)))
    return Trial(target, killed_at, resumed_from, refetched, verified, time.monotonic() - began)


def run_trials(model: Path, workdir: Path, kills: int, seed: int, rate: float) -> list[Trial]:
    size = model.stat().st_size
    sha256 = file_sha256(model)
    targets = sorted(random.Random(seed).sample(range(1, size), kills))
    trials = []
    with HubServer() as hub:
        hub.add_file(REPO, FILE, model)
        for index, target in enumerate(targets):
            home = workdir / f"home{index}"
            trials.append(trial(hub, home, target, rate, sha256))
            shutil.rmtree(home, ignore_errors=True)  # 2 × the model per trial otherwise
    return trials
