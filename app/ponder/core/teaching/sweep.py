"""The budget sweep: one question or a problem set at several thinking budgets.

Each (problem, budget) pair is one generation on an already-loaded engine; the grid of
answers, correctness, thinking tokens and times, and the per-budget accuracy and mean tokens,
are the test-time-scaling table a class can watch fill. Saving them is ``sweep_files``' part.
"""

from __future__ import annotations

import dataclasses
import re
import threading
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

from ponder.core.assembly import ReplyAssembly
from ponder.core.events import Event
from ponder.core.request import GenerateRequest, Message, Sampling, ThinkingControl
from ponder.core.teaching.problems import Problem, ProblemSet

# Minimum thinking with "Wait": the minimum is never reached, so every attempt to stop is
# answered with the wait text until the K waits are used up.
_WAIT_MIN_TOKENS = 1_000_000


class SweepEngine(Protocol):
    """The part of ``ponder.engine.protocol.Engine`` a sweep uses (on a loaded model)."""

    def generate(self, request: GenerateRequest) -> Iterable[Event]: ...

    def cancel(self) -> None: ...


@dataclass(frozen=True, slots=True)
class SweepBudget:
    """One column of the sweep: its label (``off``, ``256``, ``wait2``…) and the control."""

    label: str
    control: ThinkingControl


def parse_budget(text: str) -> SweepBudget:
    """``off``/``0``, a number of tokens, ``unlimited``, or ``waitK`` (minimum thinking:
    "Wait" injected up to K times when the model tries to stop)."""
    value = text.strip().lower()
    if value in {"off", "0", "none"}:
        return SweepBudget("off", ThinkingControl(budget=0))
    if value in {"unlimited", "inf", "max"}:
        return SweepBudget("unlimited", ThinkingControl(budget=None))
    if match := re.fullmatch(r"wait(\d+)", value):
        waits = int(match.group(1))
        return SweepBudget(
            value, ThinkingControl(budget=None, min_tokens=_WAIT_MIN_TOKENS, max_waits=waits)
        )
    if value.isdigit():
        return SweepBudget(value, ThinkingControl(budget=int(value)))
    raise ValueError(
        f"{text.strip()!r} is not a budget: use off, a number of tokens, unlimited, or "
        "wait1, wait2…"
    )


def parse_budgets(text: str) -> list[SweepBudget]:
    """A comma-separated list of budgets, e.g. ``off,256,1024,wait1``."""
    budgets = [parse_budget(part) for part in text.split(",") if part.strip()]
    if not budgets:
        raise ValueError("give at least one budget, e.g. off,256,1024")
    labels = [b.label for b in budgets]
    if len(set(labels)) != len(labels):
        raise ValueError(f"a budget is listed twice in {text!r}")
    return budgets


@dataclass(frozen=True, slots=True)
class SweepCell:
    """One generation of the sweep. ``correct`` is None when the problem has no key.

    ``seconds`` is the engine's own time (prompt evaluation + thinking + answer);
    ``done_reason``: ``eos``, ``max_tokens``, ``cancelled`` or ``error``."""

    problem_id: str
    budget: str
    answer: str
    thinking: str
    extracted: str | None
    correct: bool | None
    thinking_tokens: int
    answer_tokens: int
    injected_tokens: int
    interventions: int
    seconds: float
    done_reason: str
    error: str | None = None


@dataclass(frozen=True, slots=True)
class BudgetSummary:
    """One row of the test-time-scaling table. ``accuracy`` is None when nothing was judged."""

    budget: str
    runs: int
    judged: int
    correct: int
    accuracy: float | None
    mean_thinking_tokens: float
    mean_seconds: float


@dataclass(slots=True)
class SweepResult:
    """A whole sweep: what ran (model, settings, problems, budgets) and the cells so far."""

    model_path: str
    model_sha256: str | None
    problem_set: str
    problems: list[Problem]
    budgets: list[str]
    sampling: Sampling
    max_tokens: int | None
    started_at: float
    finished_at: float | None = None
    cancelled: bool = False
    cells: list[SweepCell] = field(default_factory=list)

    def cell(self, problem_id: str, budget: str) -> SweepCell | None:
        return next(
            (c for c in self.cells if c.problem_id == problem_id and c.budget == budget), None
        )

    def summary(self) -> list[BudgetSummary]:
        """Accuracy and mean thinking tokens per budget, in the sweep's budget order."""
        rows: list[BudgetSummary] = []
        for budget in self.budgets:
            cells = [c for c in self.cells if c.budget == budget]
            judged = [c for c in cells if c.correct is not None]
            correct = sum(1 for c in judged if c.correct)
            n = len(cells)
            rows.append(
                BudgetSummary(
                    budget=budget,
                    runs=n,
                    judged=len(judged),
                    correct=correct,
                    accuracy=correct / len(judged) if judged else None,
                    mean_thinking_tokens=sum(c.thinking_tokens for c in cells) / n if n else 0.0,
                    mean_seconds=sum(c.seconds for c in cells) / n if n else 0.0,
                )
            )
        return rows

    def to_dict(self) -> dict[str, Any]:
        data = dataclasses.asdict(self)
        data["summary"] = [dataclasses.asdict(row) for row in self.summary()]
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> SweepResult:
        return cls(
            model_path=data["model_path"],
            model_sha256=data.get("model_sha256"),
            problem_set=data["problem_set"],
            problems=[Problem(**p) for p in data["problems"]],
            budgets=list(data["budgets"]),
            sampling=Sampling(**data["sampling"]),
            max_tokens=data.get("max_tokens"),
            started_at=data["started_at"],
            finished_at=data.get("finished_at"),
            cancelled=data.get("cancelled", False),
            cells=[SweepCell(**c) for c in data["cells"]],
        )


def run_cell(
    engine: SweepEngine,
    problem: Problem,
    budget: SweepBudget,
    *,
    sampling: Sampling,
    max_tokens: int | None,
    system_prompt: str | None = None,
    on_event: Callable[[Event], None] | None = None,
) -> SweepCell:
    """One generation of ``problem`` at ``budget``, judged by the problem's key.
    ``on_event`` sees every event as it comes (a view showing the run live)."""
    request = GenerateRequest(
        messages=(Message("user", problem.question),),
        thinking=budget.control,
        sampling=sampling,
        max_tokens=max_tokens,
        system_prompt=system_prompt,
    )
    reply = ReplyAssembly()
    for event in engine.generate(request):
        if on_event is not None:
            on_event(event)
        reply.feed(event)
    stats, error, answer_text = reply.stats, reply.error, reply.answer
    # A run that failed (the engine crashed, the prompt did not fit) is not a wrong answer:
    # it is left unjudged, so it does not pull the budget's accuracy down.
    judged = problem.check(answer_text) if problem.answer and error is None else None
    return SweepCell(
        problem_id=problem.id,
        budget=budget.label,
        answer=answer_text,
        thinking=reply.thinking,
        extracted=judged.extracted if judged else None,
        correct=judged.correct if judged else None,
        thinking_tokens=stats.thinking_tokens if stats else 0,
        answer_tokens=stats.answer_tokens if stats else 0,
        injected_tokens=stats.injected_tokens if stats else 0,
        interventions=len(reply.interventions),
        seconds=(stats.prompt_eval_s + stats.thinking_s + stats.answer_s) if stats else 0.0,
        done_reason=reply.done_reason or "error",
        error=error,
    )


def new_result(
    problems: ProblemSet,
    budgets: Sequence[SweepBudget],
    *,
    model_path: str,
    max_tokens: int | None,
    model_sha256: str | None = None,
    sampling: Sampling | None = None,
) -> SweepResult:
    """An empty sweep of ``problems`` at ``budgets``, started now. Its settings (sampling,
    ``max_tokens``: the cap on each run's thinking + answer tokens, None for none) are what
    ``run_sweep`` applies to every generation; there is no other place to give them."""
    return SweepResult(
        model_path=model_path,
        model_sha256=model_sha256,
        problem_set=problems.name,
        problems=list(problems.problems),
        budgets=[b.label for b in budgets],
        sampling=sampling or Sampling(),
        max_tokens=max_tokens,
        started_at=time.time(),
    )


def run_sweep(
    engine: SweepEngine,
    result: SweepResult,
    *,
    cancel: threading.Event | None = None,
    on_cell: Callable[[SweepCell], None] | None = None,
    on_start: Callable[[Problem, SweepBudget], None] | None = None,
    on_event: Callable[[Event], None] | None = None,
) -> SweepResult:
    """Runs every problem of ``result`` at every budget (problem by problem, budgets in
    order) on a loaded engine, with the sweep's own sampling and ``max_tokens``, appending
    each cell to ``result``. Setting ``cancel`` (from any thread) stops the generation under
    way at once and ends the sweep; the cells finished so far are kept and ``cancelled`` is
    set.

    ``on_start`` is called as each generation begins, ``on_event`` with its events and
    ``on_cell`` with its result (after it is added to ``result``)."""
    cancel = cancel or threading.Event()
    budgets = [parse_budget(label) for label in result.budgets]
    finished = threading.Event()

    def watch() -> None:
        # Keep asking while the sweep runs: a cancel that lands between one generation's end
        # and the next one's start would otherwise be lost by the engine.
        while not finished.is_set():
            if cancel.wait(0.05):
                engine.cancel()
                finished.wait(0.05)

    watcher = threading.Thread(target=watch, name="ponder-sweep-cancel", daemon=True)
    watcher.start()
    try:
        for problem in result.problems:
            for budget in budgets:
                if cancel.is_set():
                    break
                if on_start is not None:
                    on_start(problem, budget)
                cell = run_cell(
                    engine,
                    problem,
                    budget,
                    sampling=result.sampling,
                    max_tokens=result.max_tokens,
                    on_event=on_event,
                )
                if cell.done_reason == "cancelled" and cancel.is_set():
                    break  # a cut-short generation is not a result
                result.cells.append(cell)
                if on_cell is not None:
                    on_cell(cell)
    finally:
        finished.set()
        watcher.join()
    result.cancelled = cancel.is_set()
    result.finished_at = time.time()
    return result
