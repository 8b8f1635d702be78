"""The budget sweep on the real engine (SmolLM2 through llama.cpp in its child process,
the ``engine`` fixture of this folder)."""

from __future__ import annotations

import threading
from collections.abc import Iterable

import pytest

from ponder.core.events import Event
from ponder.core.request import GenerateRequest, Sampling
from ponder.core.teaching.problems import Problem, ProblemSet, load_problem_set
from ponder.core.teaching.sweep import (
    SweepCell,
    new_result,
    parse_budget,
    parse_budgets,
    run_sweep,
)
from ponder.engine.client import EngineClient

GREEDY = Sampling(temperature=0.0, seed=1)
ONE = ProblemSet(
    "One",
    "",
    (Problem("add", "What is 2 + 3? Answer with a number.", "5", "number"),),
    "test",
)


def test_parse_budgets() -> None:
    budgets = parse_budgets("off, 256,unlimited,wait2")
    assert [b.label for b in budgets] == ["off", "256", "unlimited", "wait2"]
    assert budgets[0].control.thinking_off
    assert budgets[1].control.budget == 256
    assert budgets[2].control.budget is None and budgets[2].control.min_tokens == 0
    assert budgets[3].control.max_waits == 2 and budgets[3].control.min_tokens > 10_000
    for bad in ("-3", "lots", "wait"):
        with pytest.raises(ValueError, match="not a budget"):
            parse_budget(bad)
    with pytest.raises(ValueError, match="twice"):
        parse_budgets("off,0")


@pytest.mark.model
def test_the_grid_fills_and_is_judged_by_the_checker(engine: EngineClient) -> None:
    problems = ProblemSet("Two", "", (*ONE.problems, load_problem_set("logic").problems[1]), "t")
    seen: list[SweepCell] = []
    result = run_sweep(
        engine,
        new_result(
            problems,
            parse_budgets("off,8,wait1"),
            model_path="smollm2",
            sampling=GREEDY,
            max_tokens=24,
        ),
        on_cell=seen.append,
    )
    assert not result.cancelled and result.finished_at is not None
    assert seen == result.cells
    assert [(c.problem_id, c.budget) for c in result.cells] == [
        (p.id, b) for p in problems.problems for b in ("off", "8", "wait1")
    ]
    by_id = {p.id: p for p in problems.problems}
    for cell in result.cells:
        assert cell.error is None and cell.done_reason in {"eos", "max_tokens"}
        assert cell.thinking_tokens + cell.answer_tokens <= 24  # the sweep's max_tokens
        judged = by_id[cell.problem_id].check(cell.answer)
        assert (cell.extracted, cell.correct) == (judged.extracted, judged.correct)
        assert cell.seconds > 0
    off = [c for c in result.cells if c.budget == "off"]
    capped = [c for c in result.cells if c.budget == "8"]
    assert all(c.thinking_tokens == 0 and c.thinking == "" for c in off)
    # SmolLM2 thinks (Ponder prefills <think>) until the budget cuts it: an intervention.
    assert all(0 < c.thinking_tokens <= 8 and c.interventions >= 1 for c in capped)
    summary = {row.budget: row for row in result.summary()}
    assert summary["off"].mean_thinking_tokens == 0
    assert summary["8"].mean_thinking_tokens == sum(c.thinking_tokens for c in capped) / 2
    for row in summary.values():
        assert row.runs == row.judged == 2
        assert row.accuracy == row.correct / 2


@pytest.mark.model
def test_a_prompt_without_a_key_is_not_judged(engine: EngineClient) -> None:
    problems = ProblemSet("Q", "", (Problem("prompt", "Say hello.", "", "text"),), "prompt")
    result = run_sweep(
        engine,
        new_result(problems, parse_budgets("off"), model_path="m", sampling=GREEDY, max_tokens=8),
    )
    (cell,) = result.cells
    assert cell.correct is None and cell.answer
    assert result.summary()[0].accuracy is None


@pytest.mark.model
def test_cancel_between_runs_keeps_what_finished(engine: EngineClient) -> None:
    cancel = threading.Event()
    result = run_sweep(
        engine,
        new_result(ONE, parse_budgets("off,8,16"), model_path="m", sampling=GREEDY, max_tokens=16),
        cancel=cancel,
        on_cell=lambda cell: cancel.set(),
    )
    assert result.cancelled
    assert [c.budget for c in result.cells] == ["off"]


class _CancelOnFirstEvent:
    """The real engine; the sweep's cancel Event is set as soon as a generation streams."""

    def __init__(self, engine: EngineClient, cancel: threading.Event) -> None:
        self.engine, self.cancel_event = engine, cancel
        self.reasons: list[str] = []

    def generate(self, request: GenerateRequest) -> Iterable[Event]:
        for event in self.engine.generate(request):
            self.cancel_event.set()
            if event.type == "done":
                self.reasons.append(event.reason)  # type: ignore[union-attr]
            yield event

    def cancel(self) -> None:
        self.engine.cancel()


@pytest.mark.model
def test_cancel_stops_the_generation_under_way(engine: EngineClient) -> None:
    cancel = threading.Event()
    spy = _CancelOnFirstEvent(engine, cancel)
    result = run_sweep(
        spy,
        new_result(
            ONE, parse_budgets("unlimited,off"), model_path="m", sampling=GREEDY, max_tokens=400
        ),
        cancel=cancel,
    )
    assert result.cancelled and result.cells == []
    assert spy.reasons[-1] == "cancelled"
    # The engine is still usable after the cancel.
    after = run_sweep(engine, new_result(ONE, parse_budgets("off"), model_path="m", max_tokens=4))
    assert after.cells[0].done_reason in {"eos", "max_tokens"}


@pytest.mark.model
def test_hooks_see_each_run_start_and_its_events(engine: EngineClient) -> None:
    starts: list[tuple[str, str]] = []
    events: list[Event] = []
    result = run_sweep(
        engine,
        new_result(
            ONE, parse_budgets("off,8"), model_path="smollm2", sampling=GREEDY, max_tokens=16
        ),
        on_start=lambda problem, budget: starts.append((problem.id, budget.label)),
        on_event=events.append,
    )
    assert starts == [("add", "off"), ("add", "8")]
    assert [e.type for e in events].count("done") == 2 == len(result.cells)
    thinking = [e for e in events if e.type == "thinking"]
    assert len(thinking) >= result.cells[1].thinking_tokens > 0
