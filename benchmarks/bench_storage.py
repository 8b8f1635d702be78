"""Benchmark: stream-writing a long reasoning trace into the conversation database.

Prints, all measured in one run on the same disk (medians of --repeat runs):

* the baseline: the same events folded in memory (``ReplyAssembly``, no database);
* the streaming writer at full speed (events as fast as Python makes them), its ratio to the
  baseline;
* the writer paced like a real model (a simulated clock, --rate tokens per second, so it
  commits as often as it would in the app), its ratio and its cost per token;
* the writer committing on every event: the writes per second this disk takes with
  synchronous=FULL, and the latency of one commit (p50 / p99 / max): the time a thread that
  commits may block, which is why replies are written off the GUI thread;
* the two ways to append text, on bare tables: chunk rows (what the store does) against
  ``UPDATE … SET text = text || ?``, committing every event and every --rate/6.67 events.

Run: ``PYTHONPATH=app python benchmarks/bench_storage.py [--tokens 4000] [--dir DIR]``.
The database goes in a temporary folder under --dir (default: the system's temp folder); put
it on the disk that will hold the real history for meaningful commit figures.
"""

from __future__ import annotations

import argparse
import random
import sqlite3
import statistics
import tempfile
import time
from collections.abc import Callable
from contextlib import closing
from functools import partial
from pathlib import Path

from ponder.core.assembly import ReplyAssembly
from ponder.core.events import (
    AnswerEvent,
    DoneEvent,
    Event,
    InterventionEvent,
    Stats,
    StatsEvent,
    ThinkingEvent,
)
from ponder.core.request import GenerateRequest, Message
from ponder.core.storage.store import ConversationStore
from ponder.core.storage.writer import DEFAULT_COMMIT_INTERVAL_S

PIECES = (
    " Wait",
    ",",
    " let",
    " me",
    " check",
    " 17",
    " ×",
    " 3",
    " =",
    " 51",
    ".",
    "\n\n",
    " so",
    " the",
    " answer",
    " is",
    " prime",
    " because",
    " Hmm",
    " divisible",
)
REQUEST = GenerateRequest(messages=(Message("user", "Is 51 prime?"),))


def trace(tokens: int, seed: int = 0) -> list[Event]:
    """A reply of ``tokens`` text events: 3/4 thinking with two interventions, 1/4 answer."""
    rng = random.Random(seed)
    thinking = tokens * 3 // 4
    events: list[Event] = [ThinkingEvent(rng.choice(PIECES)) for _ in range(thinking)]
    events.insert(
        thinking // 3, InterventionEvent("\nWait", "min_thinking", thinking // 3, 2, "\nWait")
    )
    events.append(InterventionEvent("Stop.</think>\n\n", "budget_spent", thinking, 6, "Stop."))
    events += [AnswerEvent(rng.choice(PIECES)) for _ in range(tokens - thinking)]
    return [*events, StatsEvent(Stats(thinking_tokens=thinking, answer_tokens=tokens - thinking))]


def baseline(events: list[Event]) -> float:
    """Seconds to fold the events in memory (``ReplyAssembly``, as every consumer does): what
    the writer costs beyond it is the database's share."""
    start = time.perf_counter()
    reply = ReplyAssembly()
    reply.feed_all(events)
    assert reply.thinking and reply.answer
    return time.perf_counter() - start


class PacedClock:
    """A clock that advances by one token's time on every read of a new event."""

    def __init__(self, rate: float) -> None:
        self.now, self.step = 0.0, 1.0 / rate

    def __call__(self) -> float:
        return self.now


def write(
    store: ConversationStore,
    events: list[Event],
    *,
    interval_s: float,
    clock: PacedClock | None = None,
    latencies: list[float] | None = None,
) -> tuple[float, int]:
    """Seconds to stream ``events`` through a writer (begin to done), and its commits."""
    conversation = store.create_conversation("bench")
    user = store.add_message(conversation.id, "user", "Is 51 prime?", parent_id=None)
    start = time.perf_counter()
    if clock is None:
        writer = store.begin_reply(conversation.id, user.id, REQUEST, interval_s=interval_s)
    else:
        writer = store.begin_reply(
            conversation.id, user.id, REQUEST, interval_s=interval_s, clock=clock
        )
    for event in events:
        if clock is not None:
            clock.now += clock.step
        if latencies is None:
            writer.feed(event)
        else:
            t = time.perf_counter()
            writer.feed(event)
            latencies.append(time.perf_counter() - t)
    writer.feed(DoneEvent("eos"))
    return time.perf_counter() - start, writer.commits


def append_strategy(folder: Path, texts: list[str], every: int, concat: bool) -> float:
    """Seconds to append ``texts`` to one row's text (concat) or as chunk rows, committing
    every ``every`` texts, with the store's durability settings."""
    path = folder / f"strategy-{'concat' if concat else 'chunks'}-{every}-{time.monotonic_ns()}.db"
    with closing(sqlite3.connect(path, isolation_level=None)) as conn:
        conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("PRAGMA synchronous = FULL")
        conn.execute("CREATE TABLE m (id INTEGER PRIMARY KEY, text TEXT NOT NULL DEFAULT '')")
        conn.execute("CREATE TABLE c (id INTEGER PRIMARY KEY, message_id INTEGER, text TEXT)")
        conn.execute("INSERT INTO m(id) VALUES (1)")
        sql = (
            "UPDATE m SET text = text || ? WHERE id = 1"
            if concat
            else "INSERT INTO c(message_id, text) VALUES (1, ?)"
        )
        start = time.perf_counter()
        for i in range(0, len(texts), every):
            conn.execute("BEGIN IMMEDIATE")
            conn.execute(sql, ("".join(texts[i : i + every]),))
            conn.execute("COMMIT")
        return time.perf_counter() - start


def median(runs: int, measure: Callable[[], float]) -> float:
    return statistics.median(measure() for _ in range(runs))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--tokens", type=int, default=4000)
    parser.add_argument("--rate", type=float, default=50.0, help="paced tokens per second")
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--dir", type=Path, default=None)
    args = parser.parse_args()
    events = trace(args.tokens)
    texts = [e.text for e in events if isinstance(e, ThinkingEvent | AnswerEvent)]
    interval = DEFAULT_COMMIT_INTERVAL_S

    with tempfile.TemporaryDirectory(dir=args.dir) as name:
        folder = Path(name)
        with ConversationStore(folder / "bench.sqlite3") as store:
            print(
                f"storage benchmark: {args.tokens}-token trace ({len(events)} events, "
                f"{sum(map(len, texts))} characters), SQLite {sqlite3.sqlite_version}, "
                f"FTS5 {'on' if store.full_text_search else 'off'}, in {folder}"
            )
            base = median(args.repeat, lambda: baseline(events))
            print(f"  baseline, folded in memory (no database) {base * 1e3:9.2f} ms")

            runs = [write(store, events, interval_s=interval) for _ in range(args.repeat)]
            full = statistics.median(r[0] for r in runs)
            print(
                f"  writer, full speed, interval {interval:.2f} s     {full * 1e3:9.2f} ms"
                f"  {runs[0][1]:5d} commits  ratio {full / base:7.1f}x"
            )

            runs = [
                write(store, events, interval_s=interval, clock=PacedClock(args.rate))
                for _ in range(args.repeat)
            ]
            paced = statistics.median(r[0] for r in runs)
            print(
                f"  writer, paced {args.rate:.0f} tok/s, interval {interval:.2f} s "
                f"{paced * 1e3:9.2f} ms  {runs[0][1]:5d} commits  ratio {paced / base:7.1f}x"
                f"  {paced / args.tokens * 1e6:.1f} µs/token"
                f"  ({paced / (args.tokens / args.rate) * 100:.2f}% of the stream's time)"
            )

            latencies: list[float] = []
            runs = [
                write(store, events, interval_s=0.0, latencies=latencies)
                for _ in range(args.repeat)
            ]
            every = statistics.median(r[0] for r in runs)
            ms = sorted(x * 1e3 for x in latencies)
            p50, p99 = ms[len(ms) // 2], ms[len(ms) * 99 // 100]
            print(
                f"  writer, commit on every event            {every * 1e3:9.2f} ms"
                f"  {runs[0][1]:5d} commits  ratio {every / base:7.1f}x"
                f"  {runs[0][1] / every:7.0f} writes/s"
            )
            print(f"    one commit: p50 {p50:.3f} ms, p99 {p99:.3f} ms, max {ms[-1]:.3f} ms")

        batch = max(1, round(interval * args.rate))
        for per in (1, batch):
            chunks = median(args.repeat, partial(append_strategy, folder, texts, per, False))
            concat = median(args.repeat, partial(append_strategy, folder, texts, per, True))
            print(
                f"  append {len(texts)} pieces, commit every {per:2d}: chunk rows "
                f"{chunks * 1e3:8.2f} ms, text || ? {concat * 1e3:8.2f} ms "
                f"(concat / chunks {concat / chunks:.2f})"
            )


if __name__ == "__main__":
    main()
