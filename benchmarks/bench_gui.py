"""Benchmark: the desktop app's responsiveness, start-up time and memory.

Prints, all measured in one run on this machine:

* event-loop stalls while the real engine (the demo model) streams a 4,000-token trace into
  the window, and while a 32-run budget sweep fills the Budget sweep window; then with the
  engine replaced by a generator that yields events as fast as Python makes them (the GUI and
  the worker thread, which also writes the reply to SQLite, carry the whole load), and paced
  like a fast GPU (--rate tokens/s). A probe timer asks to tick every 5 ms; a stall is how
  late a tick comes. p50 / p99 / max, against the baseline of
  the same probe over an idle window in the same run;
* launch to interactive: from starting a Python process to the window shown and its event
  loop turning (model load excluded), median of --launches, against a bare PySide6 window
  started the same way;
* resident memory of the app's own process (the engine runs in another process): right after
  launch, and after the 4,000-token turn, against the bare PySide6 window.

Run: ``QT_QPA_PLATFORM=offscreen python benchmarks/bench_gui.py [--tokens 4000]``.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator

PROBE_MS = 5
WORDS = [
    "so",
    "the",
    "sum",
    "of",
    "the",
    "first",
    "terms",
    "is",
    "what",
    "we",
    "need",
    "here",
    "and",
    "then",
    "we",
    "check",
    "each",
    "case",
    "against",
    "the",
    "constraint",
    "carefully",
    "before",
    "moving",
    "on",
    "to",
    "the",
    "next",
    "step",
    "of",
    "the",
    "argument",
]
CHECKS = ("Wait,", "Hmm,", "Let me check:", "Alternatively,", "But")
ANSWER = (
    "## Result\n\nThe sum is $\\frac{n(n+1)}{2}$, so for $n = 100$ it is \\boxed{5050}.\n\n"
    "| n | sum |\n|---|-----|\n| 10 | 55 |\n| 100 | 5050 |\n\n"
    "```python\nprint(sum(range(101)))\n```\n\nEach step was checked by substitution.\n"
)

BARE_CHILD = """
import sys, time
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QLabel
app = QApplication(sys.argv)
w = QLabel("bare"); w.resize(1280, 800); w.show()
def ready():
    import psutil
    print("INTERACTIVE", psutil.Process().memory_info().rss, flush=True)
    app.quit()
QTimer.singleShot(0, ready)
app.exec()
"""

APP_CHILD = """
import sys
def main():
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication
    from ponder.ui.main import LaunchOptions, PonderApp
    qapp = QApplication(sys.argv)
    app = PonderApp(qapp, LaunchOptions(load_model=False))
    app.window.show()
    def ready():
        import psutil
        print("INTERACTIVE", psutil.Process().memory_info().rss, flush=True)
        qapp.quit()
    QTimer.singleShot(0, ready)
    qapp.exec()
    app.shutdown()
if __name__ == "__main__":
    main()
"""

# The app once its first frame is painted (every icon on show drawn, so the icon font is
# loaded): its memory, not timed (the launches above are).
PAINTED_CHILD = """
import sys
def main():
    import psutil
    from PySide6.QtWidgets import QApplication
    from ponder.ui.main import LaunchOptions, PonderApp
    qapp = QApplication(sys.argv)
    app = PonderApp(qapp, LaunchOptions(load_model=False))
    app.window.show()
    qapp.processEvents()
    app.window.grab()
    print("PAINTED", psutil.Process().memory_info().rss, flush=True)
    app.shutdown()
if __name__ == "__main__":
    main()
"""


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def formula_answer(salt: int, count: int = 30) -> str:
    """An answer full of formulas, new ones each ``salt`` (no cache hits), with degenerate ones
    (nested without end, a flat sum of hundreds of terms) that math_bounds must refuse."""
    parts = ["## Working\n\n"]
    for i in range(count):
        n = salt * 1000 + i
        parts.append(
            f"Step {i}: $\\frac{{{n} + x^2}}{{\\sqrt{{{n} y}}}} = \\sum_{{k=1}}^{{{n}}} k^2$ "
            f"so \\[ \\left( \\frac{{a_{{{n}}}}}{{b}} \\right)^2 \\]\n\n"
        )
        if i % 10 == 9:
            parts.append("Loop $" + "\\frac{" * 14 + str(n) + "}{2}" * 14 + "$\n\n")
            parts.append("Flat $" + " + ".join(f"x_{{{k}}}" for k in range(400)) + "$\n\n")
    return "".join(parts)


def trace_events(tokens: int, rate: float | None, answer: str = ANSWER) -> Iterator[object]:
    """A reasoning turn: ``tokens`` thinking tokens with paragraphs and self-checks, a budget
    cut, a Markdown answer; paced at ``rate`` tokens/s (None: as fast as possible)."""
    from ponder.core.events import (
        AnswerEvent,
        DoneEvent,
        InterventionEvent,
        Stats,
        StatsEvent,
        ThinkingEvent,
    )

    start = time.perf_counter()
    for i in range(tokens):
        if rate:
            delay = start + i / rate - time.perf_counter()
            if delay > 0:
                time.sleep(delay)
        if i % 97 == 96:
            text = "\n\n" + CHECKS[(i // 97) % len(CHECKS)]
        else:
            text = " " + WORDS[i % len(WORDS)]
        yield ThinkingEvent(text)
    yield InterventionEvent(
        "\n\nI have to stop thinking now.\n</think>\n\n",
        "budget_spent",
        tokens,
        9,
        "\n\nI have to stop thinking now.\n",
    )
    for i, piece in enumerate(answer.split(" ")):
        if rate and answer is not ANSWER:
            delay = start + (tokens + i) / rate - time.perf_counter()
            if delay > 0:
                time.sleep(delay)
        yield AnswerEvent(piece + " ")
    elapsed = time.perf_counter() - start
    yield StatsEvent(Stats(thinking_tokens=tokens, answer_tokens=60, thinking_s=elapsed))
    yield DoneEvent("eos")


class FakeEngine:
    """The ``Engine`` protocol, yielding a synthetic trace (no model, no child process)."""

    def __init__(self, tokens: int) -> None:
        self.tokens = tokens
        self.rate: float | None = None
        self.answer = ANSWER
        self.cancelled = False

    def load(self, request: object) -> Iterator[object]:
        from ponder.core.events import LoadedEvent

        yield LoadedEvent("fake.gguf", "generic", 4096, 4096, False, 0, "none", None, None)

    def generate(self, request: object) -> Iterator[object]:
        self.cancelled = False
        for event in trace_events(self.tokens, self.rate, self.answer):
            if self.cancelled:
                break
            yield event

    def cancel(self) -> None:
        self.cancelled = True

    def close(self) -> None:
        pass


class Probe:
    """A timer that asks to tick every PROBE_MS and records how late each tick comes."""

    def __init__(self) -> None:
        from PySide6.QtCore import QElapsedTimer, Qt, QTimer

        self.lateness: list[float] = []
        self._clock = QElapsedTimer()
        self._timer = QTimer()
        self._timer.setTimerType(Qt.TimerType.PreciseTimer)
        self._timer.setInterval(PROBE_MS)
        self._timer.timeout.connect(self._tick)
        self._last = 0

    def _tick(self) -> None:
        now = self._clock.nsecsElapsed()
        self.lateness.append(max(0.0, (now - self._last) / 1e6 - PROBE_MS))
        self._last = now

    def measure(self, run: Callable[[], None]) -> tuple[list[float], float]:
        self.lateness = []
        self._clock.start()
        self._last = 0
        self._timer.start()
        started = time.perf_counter()
        run()
        elapsed = time.perf_counter() - started
        self._timer.stop()
        return self.lateness, elapsed


def _wait(ms: int) -> None:
    from PySide6.QtCore import QEventLoop, QTimer

    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()


def _turn(app: object, prompt: str) -> None:
    from PySide6.QtCore import QEventLoop

    controller = app.controller  # type: ignore[attr-defined]
    loop = QEventLoop()
    controller.reply_ended.connect(loop.quit)
    controller.send(prompt)
    loop.exec()
    controller.reply_ended.disconnect(loop.quit)


def _sweep(app: object) -> None:
    """Queues a 32-run budget sweep in the Budget sweep window and waits for its end."""
    window = app.window.teaching.open_sweeps()  # type: ignore[attr-defined]
    window.setup.problems.setCurrentIndex(window.setup.problems.findData("decimals"))
    window.setup.budgets.setText("off,16,64,wait1")
    window.setup.max_tokens.setValue(80)
    window.setup.submit()
    queued = app.sweeps.sweeps[-1]  # type: ignore[attr-defined]
    while queued.state not in ("done", "cancelled"):
        _wait(20)


def _line(name: str, values: list[float], seconds: float) -> str:
    return (
        f"  {name:<38} p50 {percentile(values, 0.5):6.2f} ms   "
        f"p99 {percentile(values, 0.99):6.2f} ms   max {max(values):7.2f} ms   "
        f"({len(values)} ticks, {seconds:.1f} s)"
    )


def stalls(tokens: int, rate: float, *, real_engine: bool = True) -> None:
    import psutil
    from PySide6.QtWidgets import QApplication

    from ponder.core.models.demo import find_demo_model
    from ponder.core.request import LoadRequest, Sampling, ThinkingControl
    from ponder.ui.main import LaunchOptions, PonderApp

    qapp = QApplication(sys.argv[:1])
    probe = Probe()
    rows: list[tuple[str, list[float], float]] = []
    # 1. The real engine (SmolLM2, in its child process) at full speed: a budget of exactly
    # `tokens` thinking tokens, and a minimum as large so the model cannot stop sooner.
    demo = find_demo_model() if real_engine else None
    real_rss = None
    if demo is not None:
        app = PonderApp(
            qapp,
            LaunchOptions(
                model=str(demo), sampling=Sampling(temperature=0.0, seed=1), max_tokens=tokens + 100
            ),
        )
        app.window.resize(1280, 800)
        app.window.show()
        while not app.engine_host.ready:
            _wait(50)
        app.controller.set_thinking(
            ThinkingControl(budget=tokens, min_tokens=tokens, max_waits=100)
        )
        rows.append(("baseline: idle window", *probe.measure(lambda: _wait(3000))))
        values, seconds = probe.measure(lambda: _turn(app, "Think about prime numbers."))
        shown = app.controller.messages[-1].generation
        made = shown.stats.thinking_tokens if shown and shown.stats else 0
        rows.append((f"real engine, {made} thinking tokens", values, seconds))
        real_rss = psutil.Process().memory_info().rss
        values, seconds = probe.measure(lambda: _sweep(app))
        rows.append(("real engine, sweep window filling", values, seconds))
        app.shutdown()
        app.window.close()
    # 2. A synthetic trace: all at once (the worst case), then paced like a fast GPU.
    engine = FakeEngine(tokens)
    app = PonderApp(qapp, LaunchOptions(load_model=False), engine=engine)  # type: ignore[arg-type]
    app.window.resize(1280, 800)
    app.window.show()
    app.engine_host.load_model(LoadRequest("fake.gguf"))
    _wait(300)
    if not rows:
        rows.append(("baseline: idle window", *probe.measure(lambda: _wait(3000))))
    rows.append((f"{tokens} tokens in one burst", *probe.measure(lambda: _turn(app, "Sum"))))
    engine.rate = rate
    rows.append(
        (f"{tokens} tokens at {rate:.0f} tokens/s", *probe.measure(lambda: _turn(app, "S")))
    )
    rss = psutil.Process().memory_info().rss
    # 3. An answer full of formulas (and degenerate ones), paced: drawn on the GUI thread as
    # before, then on the math worker (the window's way), new formulas each time.
    engine.tokens, engine.answer = 200, formula_answer(1)
    app.math.preload().join()
    app.renderer.math_later = False
    rows.append(("formulas drawn on the GUI thread", *probe.measure(lambda: _turn(app, "F"))))

    def formulas_on_worker() -> None:
        _turn(app, "G")
        while not app.math.wait(0):  # until the last image is swapped in
            _wait(20)
        _wait(50)

    engine.answer = formula_answer(2)
    app.renderer.math_later = True
    rows.append(("formulas drawn on the math worker", *probe.measure(formulas_on_worker)))
    idle_p99 = max(percentile(rows[0][1], 0.99), 0.01)
    print(f"Event-loop stalls (a {PROBE_MS} ms probe timer; how late each tick came):")
    for name, values, seconds in rows:
        ratio = (
            f"   p99 ×{percentile(values, 0.99) / idle_p99:.1f} idle"
            if rows[0][1] is not values
            else ""
        )
        print(_line(name, values, seconds) + ratio)
    print("App memory (RSS of the app's process; the engine is another process):")
    if real_rss is not None:
        print(f"  after a {tokens}-token turn on the real engine: {real_rss / 2**20:.0f} MB")
    print(f"  after two more {tokens}-token turns (synthetic): {rss / 2**20:.0f} MB")
    app.shutdown()


def _child_figure(code: str, env: dict[str, str], label: str) -> int:
    """Runs ``code`` in a fresh Python and returns the number on its line starting ``label``."""
    out = subprocess.run(
        [sys.executable, "-c", code],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    ).stdout
    return int(next(x for x in out.splitlines() if x.startswith(label)).split()[1])


def launch_time(launches: int) -> None:
    env = dict(os.environ)
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    results: dict[str, tuple[list[float], list[int]]] = {}
    with tempfile.TemporaryDirectory() as home:
        env["PONDER_HOME"] = home
        for name, code in (("bare PySide6 window", BARE_CHILD), ("Ponder", APP_CHILD)):
            times, rss = [], []
            for _ in range(launches):
                started = time.perf_counter()
                figure = _child_figure(code, env, "INTERACTIVE")
                times.append(time.perf_counter() - started)
                rss.append(figure)
            results[name] = (times, rss)
        painted = [_child_figure(PAINTED_CHILD, env, "PAINTED") for _ in range(3)]
    print(f"Launch to interactive (median of {launches}, model load excluded):")
    bare = statistics.median(results["bare PySide6 window"][0])
    for name, (times, rss) in results.items():
        median = statistics.median(times)
        print(
            f"  {name:<22} {median:5.2f} s  (×{median / bare:.1f} the bare window)   "
            f"RSS {statistics.median(rss) / 2**20:4.0f} MB"
        )
    print(
        f"  Ponder, first frame painted (icons drawn), median of 3: "
        f"RSS {statistics.median(painted) / 2**20:.1f} MB"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--tokens", type=int, default=4000)
    parser.add_argument("--rate", type=float, default=200.0, help="paced run, tokens/s")
    parser.add_argument("--launches", type=int, default=5)
    parser.add_argument("--only", choices=("stalls", "launch"))
    parser.add_argument(
        "--synthetic-only", action="store_true", help="stalls: skip the real-engine rows"
    )
    args = parser.parse_args()
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    home = tempfile.mkdtemp(prefix="ponder-bench-gui-")
    os.environ["PONDER_HOME"] = home
    print(f"Ponder GUI benchmark · Python {sys.version.split()[0]} · {os.cpu_count()} CPUs")
    if args.only != "launch":
        stalls(args.tokens, args.rate, real_engine=not args.synthetic_only)
    if args.only != "stalls":
        launch_time(args.launches)


if __name__ == "__main__":
    main()
