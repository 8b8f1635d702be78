"""Streaming replies into real SQLite files: coalescing, structure, endings, recovery."""

from __future__ import annotations

import random
import sqlite3
import tempfile
from collections.abc import Iterator
from contextlib import closing
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ponder.core.events import (
    AnswerEvent,
    DoneEvent,
    ErrorEvent,
    Event,
    InterventionEvent,
    LoadProgressEvent,
    Stats,
    StatsEvent,
    ThinkingEvent,
)
from ponder.core.request import GenerateRequest, Message, Sampling, ThinkingControl
from ponder.core.storage.records import NotFoundError
from ponder.core.storage.store import ConversationStore
from ponder.core.storage.writer import StreamingMessageWriter

REQUEST = GenerateRequest(
    messages=(Message("user", "Is 17 prime?"),),
    thinking=ThinkingControl(budget=256, min_tokens=32, max_waits=2, stop_message="Stop."),
    sampling=Sampling(temperature=0.6, top_p=0.95, seed=7),
    max_tokens=2048,
    system_prompt="Be brief.",
)
PIECES = ("Wait", ",", " let", " me", " check", " 17 × 3", " = 51", ".", "\n\n", " é", "🙂", "中")


class FakeClock:
    """A monotonic clock the test moves by hand, so no test depends on real time."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def path(tmp_path: Path) -> Path:
    return tmp_path / "conversations.sqlite3"


@pytest.fixture
def store(path: Path) -> Iterator[ConversationStore]:
    with ConversationStore(path) as s:
        yield s


@pytest.fixture
def reader(path: Path, store: ConversationStore) -> Iterator[ConversationStore]:
    """A second connection, as the GUI thread would hold: it sees only what was committed."""
    with ConversationStore(path, recover=False) as s:
        yield s


def start(store: ConversationStore, clock: FakeClock | None = None) -> StreamingMessageWriter:
    conversation = store.create_conversation("t")
    user = store.add_message(conversation.id, "user", "Is 17 prime?", parent_id=None)
    if clock is None:
        return store.begin_reply(conversation.id, user.id, REQUEST, model_sha256="f" * 64)
    return store.begin_reply(conversation.id, user.id, REQUEST, interval_s=0.15, clock=clock)


def test_many_small_events_are_stored_exactly_in_few_commits(
    store: ConversationStore, reader: ConversationStore
) -> None:
    clock = FakeClock()
    writer = start(store, clock)
    rng = random.Random(4)
    thinking = [rng.choice(PIECES) for _ in range(4000)]
    answer = [rng.choice(PIECES) for _ in range(1000)]
    for i, piece in enumerate(thinking + answer):
        clock.now += 0.01  # 100 tokens per second
        writer.feed(ThinkingEvent(piece) if i < len(thinking) else AnswerEvent(piece))
        if i % 997 == 0:  # what a reader sees mid-stream is what was fed, minus the last moment
            seen = reader.get_message(writer.message_id)
            assert seen.status == "streaming"
            assert writer.thinking.startswith(seen.thinking)
            assert (
                len(writer.thinking) + len(writer.answer) - len(seen.thinking + seen.content) < 64
            )
    # A commit at most every 0.15 s of stream time, and at least every 0.15 s + one event.
    assert 50 / (0.15 + 0.01) - 1 <= writer.commits <= 50 / 0.15 + 1
    writer.feed(DoneEvent("eos"))
    stored = reader.get_message(writer.message_id)
    assert (stored.thinking, stored.content, stored.status) == (
        "".join(thinking),
        "".join(answer),
        "complete",
    )
    assert reader.integrity_check() == "ok"


def test_text_is_committed_when_the_interval_has_passed(
    store: ConversationStore, reader: ConversationStore
) -> None:
    clock = FakeClock()
    writer = start(store, clock)
    writer.feed(ThinkingEvent("a"))
    writer.feed(ThinkingEvent("b"))
    assert reader.get_message(writer.message_id).thinking == ""
    clock.now += 0.16
    writer.feed(ThinkingEvent("c"))
    assert reader.get_message(writer.message_id).thinking == "abc"
    writer.feed(AnswerEvent("d"))  # a stalled stream: nothing else comes…
    writer.flush_if_due()
    assert reader.get_message(writer.message_id).content == ""
    clock.now += 0.2  # …until a timer tick finds the text due
    writer.flush_if_due()
    assert reader.get_message(writer.message_id).content == "d"


def test_structural_events_are_committed_at_once(
    store: ConversationStore, reader: ConversationStore
) -> None:
    clock = FakeClock()
    writer = start(store, clock)
    writer.feed(ThinkingEvent("Let me think"))
    writer.feed(InterventionEvent("\nWait", "min_thinking", position=3, tokens=2, visible="\nWait"))
    seen = reader.get_message(writer.message_id)
    assert seen.thinking == "Let me think\nWait"
    assert [(i.reason, i.offset, i.position) for i in seen.interventions] == [
        ("min_thinking", 12, 3)
    ]
    stats = Stats(prompt_tokens=12, thinking_tokens=40, answer_tokens=5, thinking_s=1.5, seed=99)
    writer.feed(StatsEvent(stats))
    generation = reader.get_message(writer.message_id).generation
    assert generation is not None and generation.stats == stats and generation.seed == 99
    writer.feed(ErrorEvent("The context is full.", kind="context_full"))
    assert reader.get_message(writer.message_id).error == "The context is full."
    writer.feed(LoadProgressEvent(0.5))  # not part of a message: ignored
    assert reader.get_message(writer.message_id).status == "streaming"


def test_interventions_mark_their_place_in_the_thinking(store: ConversationStore) -> None:
    writer = start(store)
    events: list[Event] = [
        ThinkingEvent("Seventeen… "),
        InterventionEvent("\nWait", "min_thinking", position=4, tokens=2, visible="\nWait"),
        ThinkingEvent(", 17 = 2 × 8 + 1 🙂"),
        InterventionEvent(
            "Stop.</think>\n\n", "budget_spent", position=256, tokens=6, visible="Stop."
        ),
        AnswerEvent("Yes."),
        InterventionEvent("</think>\n\n", "thinking_off", position=256, tokens=3),
        DoneEvent("eos"),
    ]
    for event in events:
        writer.feed(event)
    stored = store.get_message(writer.message_id)
    assert stored.thinking == "Seventeen… \nWait, 17 = 2 × 8 + 1 🙂Stop."
    marks = [(i.reason, i.position, i.tokens, i.text) for i in stored.interventions]
    assert marks == [
        ("min_thinking", 4, 2, "\nWait"),
        ("budget_spent", 256, 6, "Stop.</think>\n\n"),
        ("thinking_off", 256, 3, "</think>\n\n"),
    ]
    for mark in stored.interventions:
        assert stored.thinking[mark.offset : mark.end] == mark.visible
    assert stored.interventions[-1].offset == len(stored.thinking)


def test_the_generation_record_keeps_what_produced_the_reply(store: ConversationStore) -> None:
    writer = start(store)
    writer.feed(AnswerEvent("Yes."))
    writer.feed(StatsEvent(Stats(answer_tokens=2, answer_s=0.1, stop_reason="eos")))
    writer.feed(DoneEvent("eos"))
    record = store.get_message(writer.message_id).generation
    assert record is not None
    assert (record.thinking, record.sampling) == (REQUEST.thinking, REQUEST.sampling)
    assert (record.max_tokens, record.system_prompt) == (2048, "Be brief.")
    assert record.model_sha256 == "f" * 64
    assert record.seed == 7  # the engine reported none: the requested one stays
    assert record.stats is not None and record.stats.answer_tokens == 2
    assert record.done_reason == "eos"
    assert record.finished_at is not None and record.finished_at >= record.started_at


@pytest.mark.parametrize(
    ("events", "status", "error"),
    [
        ([DoneEvent("eos")], "complete", None),
        ([DoneEvent("max_tokens")], "complete", None),
        ([DoneEvent("cancelled")], "cancelled", None),
        (
            [ErrorEvent("Stopped.", kind="cancelled"), DoneEvent("cancelled")],
            "cancelled",
            "Stopped.",
        ),
        (
            [ErrorEvent("The engine crashed.", kind="engine_crashed"), DoneEvent("error")],
            "error",
            "The engine crashed.",
        ),
    ],
)
def test_how_a_reply_ends_is_its_status(
    store: ConversationStore, events: list[Event], status: str, error: str | None
) -> None:
    writer = start(store)
    writer.feed(AnswerEvent("partial"))
    for event in events:
        writer.feed(event)
    stored = store.get_message(writer.message_id)
    assert (stored.status, stored.error, stored.content, writer.status) == (
        status,
        error,
        "partial",
        status,
    )
    with pytest.raises(RuntimeError, match="already finished"):
        writer.feed(AnswerEvent("more"))


def test_a_reply_left_unfinished_is_interrupted(store: ConversationStore) -> None:
    with start(store) as writer:
        writer.feed(ThinkingEvent("so far"))
    stored = store.get_message(writer.message_id)
    assert (stored.status, stored.thinking) == ("interrupted", "so far")


def test_a_reply_deleted_while_streaming_stops_the_writer(
    store: ConversationStore, reader: ConversationStore
) -> None:
    writer = start(store)
    writer.feed(ThinkingEvent("thinking"))
    writer.flush()
    reader.delete_conversation(writer.conversation_id)
    writer.feed(ThinkingEvent(" more"))
    with pytest.raises(NotFoundError, match="deleted"):
        writer.flush()
    assert writer.finished


def test_reopening_after_an_abandoned_stream_keeps_the_committed_text(path: Path) -> None:
    store = ConversationStore(path)
    writer = start(store)
    writer.feed(ThinkingEvent("committed thinking"))
    writer.feed(AnswerEvent("committed answer"))
    writer.flush()
    writer.feed(AnswerEvent(" never committed"))
    store.close()  # the app died: no finish
    with ConversationStore(path, recover=False) as untouched:
        assert untouched.get_message(writer.message_id).status == "streaming"
    with ConversationStore(path) as reopened:
        assert reopened.recovered == [writer.message_id]
        stored = reopened.get_message(writer.message_id)
        assert (stored.status, stored.thinking, stored.content) == (
            "interrupted",
            "committed thinking",
            "committed answer",
        )
    with closing(sqlite3.connect(path)) as conn:
        assert conn.execute("SELECT count(*) FROM message_chunks").fetchone()[0] == 0


events_strategy = st.lists(
    st.one_of(
        st.builds(ThinkingEvent, st.text(max_size=8)),
        st.builds(AnswerEvent, st.text(max_size=8)),
        st.builds(
            InterventionEvent,
            text=st.just("x"),
            reason=st.just("min_thinking"),
            position=st.integers(0, 9),
            tokens=st.integers(0, 3),
            visible=st.text(max_size=6),
        ),
    ),
    max_size=60,
)


@settings(max_examples=40, deadline=None)
@given(events=events_strategy, ticks=st.lists(st.floats(0, 0.3), min_size=1))
def test_any_stream_is_stored_as_fed(events: list[Event], ticks: list[float]) -> None:
    with tempfile.TemporaryDirectory() as folder, ConversationStore(Path(folder) / "c.db") as store:
        clock = FakeClock()
        writer = start(store, clock)
        for i, event in enumerate(events):
            clock.now += ticks[i % len(ticks)]
            writer.feed(event)
        writer.feed(DoneEvent("eos"))
        stored = store.get_message(writer.message_id)
    expected_thinking = "".join(
        e.text if isinstance(e, ThinkingEvent) else e.visible
        for e in events
        if isinstance(e, ThinkingEvent | InterventionEvent)
    )
    assert stored.thinking == expected_thinking
    assert stored.content == "".join(e.text for e in events if isinstance(e, AnswerEvent))
    assert len(stored.interventions) == sum(isinstance(e, InterventionEvent) for e in events)
    for mark in stored.interventions:
        assert stored.thinking[mark.offset : mark.end] == mark.visible
