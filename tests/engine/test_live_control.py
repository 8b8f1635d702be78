"""Live controls of a running generation on the real engine: Answer now and Think longer."""

from __future__ import annotations

import multiprocessing
from collections.abc import Iterator
from pathlib import Path

import pytest

from ponder.core.events import (
    AnswerEvent,
    DoneEvent,
    Event,
    InterventionEvent,
    LoadedEvent,
    Stats,
    StatsEvent,
    ThinkingEvent,
)
from ponder.core.request import GenerateRequest, LoadRequest, Message, Sampling, ThinkingControl
from ponder.engine.client import EngineClient
from ponder.engine.live_control import SLOTS, LiveBoard, LiveControls
from ponder.engine.protocol import LiveSteering

GREEDY = Sampling(temperature=0.0, seed=1)
STOP = "\n\nTime to answer.\n"


def test_the_board_speaks_to_the_running_request_only() -> None:
    slots = multiprocessing.get_context("spawn").RawArray("q", SLOTS)
    board = LiveBoard(slots)
    mine, other = LiveControls(slots, 7), LiveControls(slots, 6)
    assert not mine.answer_now() and mine.extra_budget() == 0
    board.extend(7, 256)
    board.extend(7, 1024)
    assert mine.extra_budget() == 1280 and other.extra_budget() == 0
    board.extend(7, None)
    board.extend(7, 256)  # unlimited stays unlimited
    assert mine.extra_budget() is None
    board.answer_now(7)
    assert mine.answer_now() and not other.answer_now()
    board.extend(8, 100)  # a new request starts from nothing
    assert LiveControls(slots, 8).extra_budget() == 100 and mine.extra_budget() == 0
    with pytest.raises(ValueError, match="positive"):
        board.extend(8, 0)


@pytest.fixture(scope="module")
def engine(smollm2_path: Path) -> Iterator[EngineClient]:
    client = EngineClient()
    events = list(client.load(LoadRequest(str(smollm2_path), n_ctx=2048, n_threads=2)))
    assert isinstance(events[-1], LoadedEvent), events[-1]
    yield client
    client.close()


def steer(
    engine: EngineClient, budget: int | None, after: int, act: str, arg: int | None = None
) -> list[Event]:
    """Streams a turn and, after ``after`` thinking events, calls ``act`` on the engine."""
    request = GenerateRequest(
        messages=(Message("user", "Explain why the sky is blue."),),
        thinking=ThinkingControl(budget=budget, stop_message=STOP),
        sampling=GREEDY,
        max_tokens=200,
    )
    events: list[Event] = []
    seen = 0
    for event in engine.generate(request):
        events.append(event)
        if isinstance(event, ThinkingEvent):
            seen += 1
            if seen == after:
                if act == "answer_now":
                    engine.answer_now()
                else:
                    engine.extend_budget(arg)
    return events


def stats_of(events: list[Event]) -> Stats:
    return next(e.stats for e in events if isinstance(e, StatsEvent))


@pytest.mark.model
def test_answer_now_stops_thinking_with_the_stop_message_and_the_model_answers(
    engine: EngineClient,
) -> None:
    assert isinstance(engine, LiveSteering)
    events = steer(engine, None, 5, "answer_now")
    interventions = [e for e in events if isinstance(e, InterventionEvent)]
    assert [i.reason for i in interventions] == ["answer_now"]
    cut = interventions[0]
    assert cut.visible == STOP and cut.text == STOP + "</think>\n\n"
    index = events.index(cut)
    assert not any(isinstance(e, ThinkingEvent) for e in events[index:])
    assert "".join(e.text for e in events[index:] if isinstance(e, AnswerEvent)).strip()
    assert events[-1] == DoneEvent("eos") or events[-1] == DoneEvent("max_tokens")
    stats = stats_of(events)
    # Events reach this process in batches: the engine saw the request a few tokens later.
    assert 5 <= cut.position == stats.thinking_tokens < 40
    # The KV cache was reused: nothing was evaluated twice.
    assert stats.kv_tokens == (
        stats.prompt_tokens + stats.thinking_tokens + stats.answer_tokens + stats.injected_tokens
    )
    assert stats.evaluated_tokens == stats.kv_tokens - stats.cached_prompt_tokens
    # The injection, then the first answer token: two decode steps (a character's tail aside).
    assert stats.answer_now_steps is not None and 2 <= stats.answer_now_steps <= 6
    assert stats.answer_now_s is not None and stats.answer_now_s > 0


@pytest.mark.model
def test_answer_now_between_turns_does_not_reach_the_next_turn(engine: EngineClient) -> None:
    engine.answer_now()  # nothing runs: nothing happens
    events = steer(engine, 24, 10_000, "answer_now")
    assert [e.reason for e in events if isinstance(e, InterventionEvent)] == ["budget_spent"]


@pytest.mark.model
def test_think_longer_raises_the_running_budget(engine: EngineClient) -> None:
    events = steer(engine, 12, 3, "extend", 20)
    cuts = [e for e in events if isinstance(e, InterventionEvent)]
    assert [(c.reason, c.position) for c in cuts] == [("budget_spent", 32)]
    assert cuts[0].visible == STOP
    assert stats_of(events).thinking_tokens == 32


@pytest.mark.model
def test_think_longer_without_limit_lifts_the_budget(engine: EngineClient) -> None:
    events = steer(engine, 12, 3, "extend", None)
    reasons = [e.reason for e in events if isinstance(e, InterventionEvent)]
    assert "budget_spent" not in reasons
    assert stats_of(events).thinking_tokens > 12


@pytest.mark.model
def test_the_bench_reports_answer_now_beside_the_budget_cut(engine: EngineClient) -> None:
    from ponder.engine.bench import BenchResult, _answer_now_latency

    trial = _answer_now_latency(engine, salt=1)
    assert trial is not None
    assert trial.steps >= 2 and trial.engine_ms > 0 and trial.click_ms > 0
    result = BenchResult(rounds=0, tokens=0, forced_stop_steps={"default message": 1.0})
    result.answer_now.append(trial)
    lines = result.lines()
    cut = next(i for i, line in enumerate(lines) if line.startswith("forced end of thinking"))
    assert lines[cut + 1].startswith(f"answer now (default message): {trial.steps} decode steps")
