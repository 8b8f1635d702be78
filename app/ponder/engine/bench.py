"""Measures Ponder's engine against a plain llama-cpp-python loop, in the same run.

Everything is a ratio against a baseline taken in the same process on the same machine, so
the figures mean something on any computer. Used by ``ponder bench``.
"""

from __future__ import annotations

import os
import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass, field

import psutil

from ponder.core.events import (
    AnswerEvent,
    DoneEvent,
    ErrorEvent,
    StatsEvent,
    ThinkingEvent,
)
from ponder.core.request import GenerateRequest, LoadRequest, Message, Sampling, ThinkingControl
from ponder.engine.client import EngineClient

# Greedy sampling keeps both sides on the same token path.
_SAMPLING = Sampling(temperature=0.0, top_p=1.0, top_k=1, min_p=0.0, repeat_penalty=1.0, seed=7)
_QUESTION = "Round {n}: explain step by step how to compute 17 * 23, then give the result."


@dataclass
class BenchResult:
    rounds: int
    tokens: int
    ponder_decode_tps: list[float] = field(default_factory=list)
    ponder_prompt_tps: list[float] = field(default_factory=list)
    baseline_decode_tps: list[float] = field(default_factory=list)
    baseline_prompt_tps: list[float] = field(default_factory=list)
    forced_stop_steps: dict[str, float] = field(default_factory=dict)
    answer_now: list[AnswerNowTrial] = field(default_factory=list)
    cancel_decode_ms: list[float] = field(default_factory=list)
    cancel_prompt_ms: list[float] = field(default_factory=list)
    parent_rss_mb: float = 0.0
    parent_rss_before_mb: float = 0.0
    child_rss_mb: float = 0.0

    def lines(self) -> list[str]:
        def med(values: list[float]) -> float:
            return statistics.median(values) if values else float("nan")

        def p95(values: list[float]) -> float:
            if not values:
                return float("nan")
            ordered = sorted(values)
            return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]

        out = [
            f"rounds: {self.rounds}, {self.tokens} generated tokens each (greedy)",
            f"decode  tokens/s  ponder {med(self.ponder_decode_tps):8.1f}",
            f"prompt  tokens/s  ponder {med(self.ponder_prompt_tps):8.1f}",
        ]
        if self.baseline_decode_tps:
            out[1] += (
                f"   baseline {med(self.baseline_decode_tps):8.1f}"
                f"   ratio {med(self.ponder_decode_tps) / med(self.baseline_decode_tps):.3f}"
            )
            out[2] += (
                f"   baseline {med(self.baseline_prompt_tps):8.1f}"
                f"   ratio {med(self.ponder_prompt_tps) / med(self.baseline_prompt_tps):.3f}"
            )
        for label, steps in self.forced_stop_steps.items():
            out.append(
                f"forced end of thinking ({label}): {steps:.2f} decode steps to first answer token"
            )
        if self.answer_now:
            trials = self.answer_now
            out.append(
                "answer now (default message): "
                f"{med([t.steps for t in trials]):.0f} decode steps "
                f"({med([t.step_equivalents for t in trials]):.2f} decode-step times) and "
                f"{med([t.engine_ms for t in trials]):.0f} ms in the engine from the request "
                f"to the first answer token; {med([t.click_ms for t in trials]):.0f} ms from "
                f"the call to the first answer token received (p50 of {len(trials)} trials)"
            )
        if self.cancel_decode_ms:
            out.append(
                f"cancel during decode: p50 {med(self.cancel_decode_ms):.0f} ms, "
                f"p95 {p95(self.cancel_decode_ms):.0f} ms, max {max(self.cancel_decode_ms):.0f} ms "
                f"({len(self.cancel_decode_ms)} trials)"
            )
        if self.cancel_prompt_ms:
            out.append(
                f"cancel during prompt evaluation: p50 {med(self.cancel_prompt_ms):.0f} ms, "
                f"p95 {p95(self.cancel_prompt_ms):.0f} ms ({len(self.cancel_prompt_ms)} trials)"
            )
        out.append(
            f"memory: parent {self.parent_rss_mb:.0f} MB resident "
            f"(+{self.parent_rss_mb - self.parent_rss_before_mb:.0f} MB for the engine client), "
            f"engine child {self.child_rss_mb:.0f} MB (holds the model)"
        )
        return out


def _request(n: int, tokens: int, thinking: ThinkingControl) -> GenerateRequest:
    return GenerateRequest(
        messages=(Message("user", _QUESTION.format(n=n)),),
        thinking=thinking,
        sampling=_SAMPLING,
        max_tokens=tokens,
    )


def _ponder_round(engine: EngineClient, n: int, tokens: int) -> tuple[float, float]:
    """Decode tokens/s as the parent receives them, and the engine's prompt tokens/s."""
    arrivals: list[float] = []
    prompt_tps = 0.0
    for event in engine.generate(_request(n, tokens, ThinkingControl(budget=None))):
        if isinstance(event, ThinkingEvent | AnswerEvent):
            arrivals.append(time.perf_counter())
        elif isinstance(event, StatsEvent):
            prompt_tps = event.stats.prompt_tokens_per_s
            generated = event.stats.generated_tokens
        elif isinstance(event, ErrorEvent):
            raise RuntimeError(event.message)
    # Text events can merge tokens (a character split over tokens); rate over the arrival span.
    span = arrivals[-1] - arrivals[0]
    return (generated - 1) / span if span > 0 else 0.0, prompt_tps


def _baseline_round(llm: object, n: int, tokens: int) -> tuple[float, float]:
    """The plain llama-cpp-python way: tokenize, Llama.generate, same sampler and threads."""
    text = f"<|im_start|>user\n{_QUESTION.format(n=n)}<|im_end|>\n<|im_start|>assistant\n<think>\n"
    prompt = llm.tokenize(text.encode(), add_bos=False, special=True)  # type: ignore[attr-defined]
    llm.reset()  # type: ignore[attr-defined]
    started = time.perf_counter()
    stamps: list[float] = []
    for count, _token in enumerate(
        llm.generate(  # type: ignore[attr-defined]
            prompt,
            top_k=_SAMPLING.top_k,
            top_p=_SAMPLING.top_p,
            min_p=_SAMPLING.min_p,
            temp=_SAMPLING.temperature,
            repeat_penalty=1.0,
            reset=True,
        )
    ):
        stamps.append(time.perf_counter())
        if count + 1 >= tokens:
            break
    prompt_s = stamps[0] - started  # prompt evaluation + the first sample
    span = stamps[-1] - stamps[0]
    return (len(stamps) - 1) / span if span > 0 else 0.0, len(prompt) / prompt_s


def _forced_stop_steps(engine: EngineClient, stop_message: str, budget: int = 48) -> float:
    """Time from the budget hit to the first answer token, in units of one decode step.

    Both are measured in the engine: the cut itself, and the mean answer step after it. One
    step (sampling and evaluating the first answer token) is part of any answer, so it is
    subtracted: the figure is what the cut adds.
    """
    control = ThinkingControl(budget=budget, stop_message=stop_message)
    for event in engine.generate(_request(999, budget + 32, control)):
        if isinstance(event, StatsEvent):
            stats = event.stats
    if stats.cut_to_answer_s is None or stats.answer_tokens < 2:
        raise RuntimeError("the budget cut did not lead to an answer")
    step = stats.answer_s / stats.answer_tokens
    return stats.cut_to_answer_s / step - 1.0


@dataclass(frozen=True)
class AnswerNowTrial:
    """One Answer now: decode steps (llama_decode calls) and engine milliseconds from the
    moment the engine saw the request to the first answer token, that time in decode-step
    times less the one step every answer takes (comparable to the budget-cut figure), and
    the milliseconds from ``answer_now()`` to the first answer token reaching the caller."""

    steps: int
    engine_ms: float
    step_equivalents: float
    click_ms: float


def _answer_now_latency(engine: EngineClient, salt: int, after: int = 5) -> AnswerNowTrial | None:
    """Presses Answer now after ``after`` thinking tokens; None when the model had stopped
    thinking by itself first (not a trial)."""
    from ponder.core.request import STOP_MESSAGE_PRESETS

    control = ThinkingControl(budget=None, stop_message=STOP_MESSAGE_PRESETS["final"])
    seen = 0
    pressed_at: float | None = None
    first_answer: float | None = None
    stats = None
    for event in engine.generate(_request(500 + salt, 64, control)):
        if isinstance(event, ThinkingEvent) and pressed_at is None:
            seen += 1
            if seen == after:
                pressed_at = time.perf_counter()
                engine.answer_now()
        elif isinstance(event, AnswerEvent) and first_answer is None:
            first_answer = time.perf_counter()
        elif isinstance(event, StatsEvent):
            stats = event.stats
        elif isinstance(event, ErrorEvent):
            raise RuntimeError(event.message)
    if stats is None or stats.answer_now_steps is None or stats.answer_now_s is None:
        return None
    if pressed_at is None or first_answer is None or stats.answer_tokens < 2:
        return None
    step = stats.answer_s / stats.answer_tokens
    return AnswerNowTrial(
        steps=stats.answer_now_steps,
        engine_ms=stats.answer_now_s * 1000,
        step_equivalents=stats.answer_now_s / step - 1.0,
        click_ms=(first_answer - pressed_at) * 1000,
    )


def _cancel_latency(
    engine: EngineClient, *, after_tokens: int, delay_s: float = 0.0, salt: int = 0
) -> float | None:
    """Milliseconds from cancel() to the DoneEvent: after ``after_tokens`` streamed tokens, or
    (``after_tokens=0``) ``delay_s`` into the evaluation of a long prompt."""
    import threading

    prompt = "the cat sat on the mat and " * (250 if not after_tokens else 1)
    request = GenerateRequest(
        # The salt leads the prompt so that no cached prefix shortens its evaluation.
        messages=(Message("user", f"Trial {salt}: {prompt} Describe this, step by step."),),
        thinking=ThinkingControl(budget=None),
        sampling=_SAMPLING,
        max_tokens=2000,
    )
    seen = 0
    cancelled_at: list[float] = []

    def cancel() -> None:
        cancelled_at.append(time.perf_counter())
        engine.cancel()

    timer = threading.Timer(delay_s, cancel) if not after_tokens else None
    events = engine.generate(request)
    if timer is not None:
        timer.start()  # the request is sent at the first step of the iterator, just below
    for event in events:
        if isinstance(event, ThinkingEvent | AnswerEvent):
            if timer is not None and not cancelled_at:
                timer.cancel()  # the prompt was done before the cancel: not a prompt trial
                engine.cancel()
                for _ in events:
                    pass
                return None
            seen += 1
            if seen == after_tokens:
                cancel()
        if isinstance(event, ErrorEvent):
            raise RuntimeError(event.message)
        if isinstance(event, DoneEvent):
            return (time.perf_counter() - cancelled_at[0]) * 1000
    raise RuntimeError("generation did not end")


def run_bench(
    load: LoadRequest,
    *,
    tokens: int = 128,
    rounds: int = 5,
    baseline: bool = False,
    cancel_trials: int = 20,
    progress: Callable[[str], None] = lambda _line: None,
) -> BenchResult:
    me = psutil.Process(os.getpid())
    result = BenchResult(rounds=rounds, tokens=tokens)
    result.parent_rss_before_mb = me.memory_info().rss / 2**20
    llm = None
    with EngineClient() as engine:
        for event in engine.load(load):
            if isinstance(event, ErrorEvent):
                raise RuntimeError(event.message)
        # Measured before the baseline model is loaded into this process.
        result.parent_rss_mb = me.memory_info().rss / 2**20
        assert engine.pid is not None
        result.child_rss_mb = psutil.Process(engine.pid).memory_info().rss / 2**20
        if baseline:
            import llama_cpp

            from ponder.engine.session import physical_cores

            threads = load.n_threads or physical_cores()
            llm = llama_cpp.Llama(
                load.model_path,
                n_ctx=load.n_ctx,
                n_batch=load.n_batch,
                n_threads=threads,
                n_threads_batch=threads,
                n_gpu_layers=0,
                verbose=False,
            )
        _ponder_round(engine, 0, 8)  # warm-up
        for n in range(1, rounds + 1):
            # Alternate, so that drift (heat, other load) hits both sides alike.
            decode, prompt = _ponder_round(engine, n, tokens)
            result.ponder_decode_tps.append(decode)
            result.ponder_prompt_tps.append(prompt)
            progress(f"round {n}: ponder {decode:.1f} tok/s")
            if llm is not None:
                decode, prompt = _baseline_round(llm, n, tokens)
                result.baseline_decode_tps.append(decode)
                result.baseline_prompt_tps.append(prompt)
                progress(f"round {n}: baseline {decode:.1f} tok/s")
        from ponder.core.request import STOP_MESSAGE_PRESETS

        result.forced_stop_steps["no message"] = _forced_stop_steps(engine, "")
        result.forced_stop_steps["default message"] = _forced_stop_steps(
            engine, STOP_MESSAGE_PRESETS["final"]
        )
        for trial in range(max(3, cancel_trials // 4)):
            answered = _answer_now_latency(engine, trial)
            if answered is not None:
                result.answer_now.append(answered)
        for trial in range(cancel_trials):
            latency = _cancel_latency(engine, after_tokens=5, salt=trial)
            if latency is not None:
                result.cancel_decode_ms.append(latency)
        for trial in range(max(3, cancel_trials // 4)):
            delay = 0.1 + 0.1 * (trial % 5)
            latency = _cancel_latency(engine, after_tokens=0, delay_s=delay, salt=100 + trial)
            if latency is not None:
                result.cancel_prompt_ms.append(latency)
    return result
