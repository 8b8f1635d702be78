"""``ponder bench --speculate``: decode speed with speculative decoding against without it.

Engines load the same model with the same threads (``SIDES``: plain decoding with and without
flash attention, speculation with timed pacing as users get it, and eager drafting; with a
draft model, the same two with it: ``DRAFT_MODEL_SIDES``); every
prompt runs on each, in turn (so that drift, heat or other load hits all alike), greedy, for
the same number of tokens. The prompts are bundled (resources/bench/speculation.toml): a
repetitive set, the traces where drafting from the context pays, and ordinary prose, where it
must cost nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from contextlib import ExitStack
from dataclasses import dataclass, field, replace
from pathlib import Path

from ponder.core.bounded_files import read_toml
from ponder.core.bundled import bundled_path
from ponder.core.events import ErrorEvent, Event, LoadedEvent, Stats, StatsEvent
from ponder.core.request import GenerateRequest, LoadRequest, Message, Sampling, ThinkingControl
from ponder.engine.client import EngineClient

PROMPTS = "resources/bench/speculation.toml"
_SAMPLING = Sampling(temperature=0.0, top_p=1.0, top_k=1, min_p=0.0, repeat_penalty=1.0, seed=7)


def load_prompt_sets(path: Path | None = None) -> dict[str, list[str]]:
    """The named prompt sets; raises ValueError (with the file named) when it is malformed."""
    source = path or bundled_path(PROMPTS)
    data = read_toml(source)
    sets: dict[str, list[str]] = {}
    for entry in data.get("sets", []):
        name, prompts = entry.get("name"), entry.get("prompts")
        if not isinstance(name, str) or not isinstance(prompts, list) or not prompts:
            raise ValueError(f"{source}: each [[sets]] needs a name and a list of prompts")
        if not all(isinstance(p, str) and p.strip() for p in prompts):
            raise ValueError(f"{source}: set {name!r} has a prompt that is not text")
        sets[name] = prompts
    if not sets:
        raise ValueError(f"{source}: no [[sets]] of prompts")
    return sets


@dataclass
class SideTotals:
    """Generated tokens and decode seconds summed over a set's prompts, for one engine."""

    tokens: int = 0
    seconds: float = 0.0
    drafted: int = 0
    accepted: int = 0
    batches: int = 0
    pauses: int = 0
    draft_cost: float | None = None  # the latest the engine measured, in plain steps
    model_drafted: int = 0  # of the drafted and accepted tokens, the draft model's
    model_accepted: int = 0

    def add(self, stats: Stats) -> None:
        self.tokens += stats.generated_tokens
        self.seconds += stats.thinking_s + stats.answer_s
        self.drafted += stats.drafted_tokens
        self.accepted += stats.accepted_tokens
        self.batches += stats.draft_batches
        self.pauses += stats.draft_pauses
        if stats.draft_cost is not None:
            self.draft_cost = stats.draft_cost
        self.model_drafted += stats.model_drafted_tokens
        self.model_accepted += stats.model_accepted_tokens

    @property
    def tokens_per_s(self) -> float:
        return self.tokens / self.seconds if self.seconds > 0 else 0.0

    def drafts(self) -> str:
        if not self.drafted:
            return "nothing drafted"
        text = (
            f"kept {self.accepted}/{self.drafted} ({self.accepted / self.drafted:.0%}), "
            f"mean accepted length {self.accepted / self.batches:.2f}"
        )
        if self.model_drafted:
            text += f", of them the draft model's {self.model_accepted}/{self.model_drafted}"
        return text


# The engines of the bench: Ponder as users get it without speculation (llama.cpp's default
# attention), the same on flash attention (the kernel speculation needs, so the reference for
# exactness and speed), speculation as users get it (timed pacing), and eager drafting
# (everything the context proposes: how often drafts are kept, and what that costs here).
# With a draft model (``--draft-model``), two more: speculation with the draft model as users
# get it, and the draft model drafting wherever it can (how often its drafts are kept).
@dataclass(frozen=True)
class Side:
    speculate: bool
    flash_attention: bool
    draft_eagerly: bool = False
    draft_model: bool = False


SIDES: dict[str, Side] = {
    "plain": Side(speculate=False, flash_attention=True),
    "plain_default": Side(speculate=False, flash_attention=False),
    "speculative": Side(speculate=True, flash_attention=True),
    "eager": Side(speculate=True, flash_attention=True, draft_eagerly=True),
}
DRAFT_MODEL_SIDES: dict[str, Side] = {
    "draft_model": Side(speculate=True, flash_attention=True, draft_model=True),
    "draft_model_eager": Side(
        speculate=True, flash_attention=True, draft_eagerly=True, draft_model=True
    ),
}


@dataclass
class SpeculationBench:
    tokens: int
    rounds: int
    # sides[engine][prompt set]
    sides: dict[str, dict[str, SideTotals]] = field(
        default_factory=lambda: {side: {} for side in SIDES}
    )
    differing: list[str] = field(default_factory=list)  # prompts whose outputs differed
    draft_model: str | None = None  # the draft model's file name, when one was measured

    def ratio(self, side: str, name: str, against: str = "plain") -> float:
        base = self.sides[against][name].tokens_per_s
        return self.sides[side][name].tokens_per_s / base if base > 0 else float("nan")

    def lines(self) -> list[str]:
        out = [
            f"speculative decoding: {self.rounds} round(s), up to {self.tokens} tokens a prompt "
            "(greedy); ratios against plain decoding in this run, on the same attention kernel "
            "(flash attention, which speculation uses)"
        ]
        for name, plain in self.sides["plain"].items():
            default = self.sides["plain_default"][name]
            timed, eager = self.sides["speculative"][name], self.sides["eager"][name]
            out.append(
                f"{name:<11} decode tokens/s: plain {plain.tokens_per_s:.1f}, "
                f"speculative {timed.tokens_per_s:.1f} (ratio {self.ratio('speculative', name):.3f}"
                f"; {self.ratio('speculative', name, 'plain_default'):.3f} against plain "
                f"without flash attention, {default.tokens_per_s:.1f}), "
                f"eager drafting {eager.tokens_per_s:.1f} "
                f"(ratio {self.ratio('eager', name):.3f})"
            )
            cost = (
                f"a drafted token cost {timed.draft_cost:.2f} plain steps"
                if timed.draft_cost is not None
                else "draft cost not measured"
            )
            out.append(
                f"{'':<11} speculative: {timed.drafts()}; {cost}; paused {timed.pauses} "
                f"time(s). eager: {eager.drafts()}"
            )
            if self.draft_model is not None:
                model, model_eager = (
                    self.sides["draft_model"][name],
                    self.sides["draft_model_eager"][name],
                )
                out.append(
                    f"{'':<11} with the draft model {self.draft_model}: "
                    f"{model.tokens_per_s:.1f} (ratio {self.ratio('draft_model', name):.3f}; "
                    f"{model.drafts()}; paused {model.pauses} time(s)); drafting wherever it "
                    f"can {model_eager.tokens_per_s:.1f} (ratio "
                    f"{self.ratio('draft_model_eager', name):.3f}; {model_eager.drafts()})"
                )
        out.append(
            "outputs identical: yes"
            if not self.differing
            else f"outputs differed on {len(self.differing)} prompt(s): {self.differing}"
        )
        return out


def _run(engine: EngineClient, request: GenerateRequest) -> tuple[list[Event], Stats]:
    events = list(engine.generate(request))
    for event in events:
        if isinstance(event, ErrorEvent):
            raise RuntimeError(event.message)
    stats = next(e.stats for e in events if isinstance(e, StatsEvent))
    return [e for e in events if not isinstance(e, StatsEvent)], stats


def run_speculation_bench(
    load: LoadRequest,
    *,
    tokens: int = 160,
    rounds: int = 1,
    prompt_sets: dict[str, list[str]] | None = None,
    progress: Callable[[str], None] = lambda _line: None,
) -> SpeculationBench:
    sets = prompt_sets or load_prompt_sets()
    sides = dict(SIDES)
    draft_name = Path(load.draft_model_path).name if load.draft_model_path else None
    if draft_name is not None:
        sides.update(DRAFT_MODEL_SIDES)
    result = SpeculationBench(
        tokens=tokens,
        rounds=rounds,
        sides={side: {} for side in sides},
        draft_model=draft_name,
    )
    with ExitStack() as stack:
        engines: dict[str, EngineClient] = {}
        for side, how in sides.items():
            engine = engines[side] = stack.enter_context(EngineClient())
            loading = replace(
                load,
                speculate=how.speculate,
                flash_attention=how.flash_attention,
                draft_eagerly=how.draft_eagerly,
                draft_model_path=load.draft_model_path if how.draft_model else None,
            )
            for event in engine.load(loading):
                if isinstance(event, ErrorEvent):
                    raise RuntimeError(event.message)
                if isinstance(event, LoadedEvent) and event.draft_problem:
                    raise RuntimeError(event.draft_problem)
            _run(engine, GenerateRequest(messages=(Message("user", "Hi"),), max_tokens=4))
        for name, prompts in sets.items():
            for side in sides:
                result.sides[side][name] = SideTotals()
            for round_ in range(rounds):
                for index, prompt in enumerate(prompts):
                    request = GenerateRequest(
                        # The round leads the prompt: no cached prefix favours a later run.
                        messages=(Message("user", f"({round_ + 1}) {prompt}"),),
                        thinking=ThinkingControl(budget=None),
                        sampling=_SAMPLING,
                        max_tokens=tokens,
                    )
                    # In turn, so that drift, heat or other load hits every engine alike, and
                    # each prompt starting with the next engine (no engine always goes first).
                    outputs: dict[str, list[Event]] = {}
                    speeds: list[str] = []
                    turn = list(engines.items())
                    shift = (round_ * len(prompts) + index) % len(turn)
                    for side, engine in turn[shift:] + turn[:shift]:
                        outputs[side], stats = _run(engine, request)
                        result.sides[side][name].add(stats)
                        speeds.append(f"{side} {stats.decode_tokens_per_s:.1f}")
                    if any(outputs[s] != outputs["plain"] for s in sides if s != "plain_default"):
                        result.differing.append(f"{name} #{index + 1}")
                    progress(f"{name} #{index + 1} tok/s: " + ", ".join(speeds))
    return result
