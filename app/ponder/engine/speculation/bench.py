"""``ponder bench --speculate``: decode speed with speculative decoding against without it.

Two engines load the same model with the same threads; every prompt runs on both, in turn (so
that drift, heat or other load hits both alike), greedy, for the same number of tokens. The
prompts are bundled (resources/bench/speculation.toml): a repetitive set, the traces where
drafting from the context pays, and ordinary prose, where it must cost nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path

from ponder.core.bounded_files import read_toml
from ponder.core.bundled import bundled_path
from ponder.core.events import ErrorEvent, Event, Stats, StatsEvent
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

    def add(self, stats: Stats) -> None:
        self.tokens += stats.generated_tokens
        self.seconds += stats.thinking_s + stats.answer_s
        self.drafted += stats.drafted_tokens
        self.accepted += stats.accepted_tokens
        self.batches += stats.draft_batches

    @property
    def tokens_per_s(self) -> float:
        return self.tokens / self.seconds if self.seconds > 0 else 0.0


@dataclass
class SpeculationBench:
    tokens: int
    rounds: int
    plain: dict[str, SideTotals] = field(default_factory=dict)
    drafting: dict[str, SideTotals] = field(default_factory=dict)
    differing: list[str] = field(default_factory=list)  # prompts whose outputs differed

    def ratio(self, name: str) -> float:
        plain = self.plain[name].tokens_per_s
        return self.drafting[name].tokens_per_s / plain if plain > 0 else float("nan")

    def lines(self) -> list[str]:
        out = [
            f"speculative decoding: {self.rounds} round(s), up to {self.tokens} tokens a prompt "
            "(greedy), against the same engine decoding one token at a time"
        ]
        for name, plain in self.plain.items():
            drafting = self.drafting[name]
            rate = drafting.accepted / drafting.drafted if drafting.drafted else 0.0
            mean = drafting.accepted / drafting.batches if drafting.batches else 0.0
            out.append(
                f"{name:<11} decode tokens/s  plain {plain.tokens_per_s:7.1f}   "
                f"speculative {drafting.tokens_per_s:7.1f}   ratio {self.ratio(name):.3f}   "
                f"acceptance {rate:.0%} ({drafting.accepted}/{drafting.drafted})   "
                f"mean accepted length {mean:.2f}"
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
    result = SpeculationBench(tokens=tokens, rounds=rounds)
    with (
        EngineClient() as plain,
        EngineClient() as drafting,
    ):
        for engine, speculate in ((plain, False), (drafting, True)):
            for event in engine.load(replace(load, speculate=speculate, flash_attention=True)):
                if isinstance(event, ErrorEvent):
                    raise RuntimeError(event.message)
        warm_up = GenerateRequest(messages=(Message("user", "Hi"),), max_tokens=4)
        _run(plain, warm_up)
        _run(drafting, warm_up)
        for name, prompts in sets.items():
            result.plain[name] = SideTotals()
            result.drafting[name] = SideTotals()
            for round_ in range(rounds):
                for index, prompt in enumerate(prompts):
                    request = GenerateRequest(
                        # The round leads the prompt: no cached prefix favours the second run.
                        messages=(Message("user", f"({round_ + 1}) {prompt}"),),
                        thinking=ThinkingControl(budget=None),
                        sampling=_SAMPLING,
                        max_tokens=tokens,
                    )
                    expected, plain_stats = _run(plain, request)
                    got, drafting_stats = _run(drafting, request)
                    result.plain[name].add(plain_stats)
                    result.drafting[name].add(drafting_stats)
                    if got != expected:
                        result.differing.append(f"{name} #{index + 1}")
                    progress(
                        f"{name} #{index + 1}: plain {plain_stats.decode_tokens_per_s:.1f} "
                        f"tok/s, speculative {drafting_stats.decode_tokens_per_s:.1f} tok/s, "
                        f"kept {drafting_stats.accepted_tokens}/{drafting_stats.drafted_tokens}"
                    )
    return result
