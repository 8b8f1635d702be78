"""Speculative decoding on the real SmolLM2 GGUF: the same tokens as one token at a time.

Two engines load the same model, one drafting from the context (the default) and one not
(``speculate=False``); every scenario must give exactly the same events, with drafts both
kept and rejected along the way, and the KV cache must end with exactly the tokens kept.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from pathlib import Path

import pytest

from ponder.core.events import (
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

pytestmark = pytest.mark.model

GREEDY = Sampling(temperature=0.0, seed=1)
# The sampler chain the engine builds for a family's defaults, seeded: a random walk that
# both engines must take alike (the sampler is called once per token, on the same logits).
SEEDED = Sampling(temperature=0.8, top_p=0.95, top_k=40, min_p=0.05, seed=11)
REPETITIVE = (
    "Copy this list exactly, then check each line: 7 x 1 = 7, 7 x 2 = 14, 7 x 3 = 21, "
    "7 x 4 = 28, 7 x 5 = 35, 7 x 6 = 42, 7 x 7 = 49, 7 x 8 = 56."
)


# SmolLM2 falls into a loop on this question ("I'm here to assist you. I'm here to assist
# you."): long runs of drafts are kept.
LOOPING = f"Repeat after me: </think> Done. </think> Done. {REPETITIVE}"


def _engine(
    path: Path,
    *,
    speculate: bool,
    think_tags: tuple[str, str] | None = None,
    eager: bool = True,
    draft_model: Path | None = None,
) -> Iterator[EngineClient]:
    client = EngineClient()
    request = LoadRequest(
        str(path),
        n_ctx=2048,
        n_threads=2,
        speculate=speculate,
        # Draft whatever is proposed: on a CPU, where drafting rarely pays, the timed pacing
        # would draft too little (and by timings) for the runs to test. With a draft model,
        # it proposes wherever it can; the context where it has nothing to propose.
        draft_eagerly=eager,
        flash_attention=True,  # the plain engine on the same attention kernel
        think_tags=think_tags,
        draft_model_path=str(draft_model) if draft_model is not None else None,
    )
    events = list(client.load(request))
    loaded = events[-1]
    assert isinstance(loaded, LoadedEvent), loaded
    assert loaded.draft_model == request.draft_model_path and loaded.draft_problem is None
    yield client
    client.close()


# Where the drafts come from in every scenario: the context alone, and SmolLM2 itself as its
# draft model (nearly every draft kept, the rest from the context). A draft model whose drafts
# are mostly rejected (SmolLM2's first 6 layers) has scenarios of its own below: drafting 8
# tokens for each one kept, it is slow on a CPU.
PROPOSERS = ("context", "same model as draft")


def _draft_model(proposer: str, request: pytest.FixtureRequest) -> Path | None:
    if proposer == "same model as draft":
        return Path(request.getfixturevalue("smollm2_path"))
    return None


@pytest.fixture(scope="module", params=PROPOSERS)
def drafting(smollm2_path: Path, request: pytest.FixtureRequest) -> Iterator[EngineClient]:
    yield from _engine(
        smollm2_path, speculate=True, draft_model=_draft_model(request.param, request)
    )


@pytest.fixture(scope="module")
def timed(smollm2_path: Path) -> Iterator[EngineClient]:
    """Drafting as users get it: as far as this session's timings say it pays."""
    yield from _engine(smollm2_path, speculate=True, eager=False)


# Each drafting engine is compared with a plain engine of its own that has seen the same
# requests: a prompt partly reused from the KV cache is evaluated in other batches than a
# fresh one, and its logits may differ in the last bits (on both engines alike).
@pytest.fixture(scope="module")
def plain(smollm2_path: Path, drafting: EngineClient) -> Iterator[EngineClient]:
    yield from _engine(smollm2_path, speculate=False)


@pytest.fixture(scope="module")
def plain_for_timed(smollm2_path: Path, timed: EngineClient) -> Iterator[EngineClient]:
    yield from _engine(smollm2_path, speculate=False)


@pytest.fixture(scope="module")
def cut_drafting(smollm2_path: Path, smollm2_cut_path: Path) -> Iterator[EngineClient]:
    yield from _engine(smollm2_path, speculate=True, draft_model=smollm2_cut_path)


@pytest.fixture(scope="module")
def plain_for_cut(smollm2_path: Path, cut_drafting: EngineClient) -> Iterator[EngineClient]:
    yield from _engine(smollm2_path, speculate=False)


@pytest.fixture(scope="module", params=PROPOSERS)
def drafting_tagged(smollm2_path: Path, request: pytest.FixtureRequest) -> Iterator[EngineClient]:
    yield from _engine(
        smollm2_path,
        speculate=True,
        think_tags=TAGS,
        draft_model=_draft_model(request.param, request),
    )


@pytest.fixture(scope="module")
def plain_tagged(smollm2_path: Path, drafting_tagged: EngineClient) -> Iterator[EngineClient]:
    yield from _engine(smollm2_path, speculate=False, think_tags=TAGS)


# Custom think tags whose end tag SmolLM2 writes inside the runs it repeats (by text: not a
# single token), so that the end of thinking arrives inside drafted runs.
TAGS = ("<think>", "assist you.")


def _request(
    text: str, thinking: ThinkingControl, max_tokens: int, sampling: Sampling = GREEDY
) -> GenerateRequest:
    return GenerateRequest(
        messages=(Message("user", text),),
        thinking=thinking,
        sampling=sampling,
        max_tokens=max_tokens,
    )


def _stats(events: list[Event]) -> Stats:
    return next(e.stats for e in events if isinstance(e, StatsEvent))


def _without_stats(events: list[Event]) -> list[Event]:
    return [e for e in events if not isinstance(e, StatsEvent)]


def _assert_cache_holds_what_was_kept(stats: Stats, reference: Stats) -> None:
    """No rejected draft is left in the KV cache, and each drafted token was evaluated once:
    beyond what the cache keeps, the speculating engine evaluated its rejected drafts and
    exactly what the plain engine itself rolled back (an end tag refused by text)."""
    assert stats.kv_tokens == (
        stats.prompt_tokens + stats.thinking_tokens + stats.answer_tokens + stats.injected_tokens
    )
    rejected = stats.drafted_tokens - stats.accepted_tokens
    rolled_back = reference.evaluated_tokens - (
        reference.kv_tokens - reference.cached_prompt_tokens
    )
    assert stats.evaluated_tokens == (
        stats.kv_tokens - stats.cached_prompt_tokens + rejected + rolled_back
    )


def _same_run(
    drafting: EngineClient, plain: EngineClient, request: GenerateRequest
) -> tuple[list[Event], Stats]:
    expected = list(plain.generate(request))
    got = list(drafting.generate(request))
    assert _without_stats(got) == _without_stats(expected)
    stats, reference = _stats(got), _stats(expected)
    _assert_cache_holds_what_was_kept(stats, reference)
    assert reference.drafted_tokens == 0  # the plain engine never drafts
    same = ("thinking_tokens", "answer_tokens", "injected_tokens", "kv_tokens", "stop_reason")
    assert [getattr(stats, n) for n in same] == [getattr(reference, n) for n in same]
    return got, stats


def test_no_budget_gives_the_same_tokens_and_drafts_are_kept(
    drafting: EngineClient, plain: EngineClient
) -> None:
    _, stats = _same_run(drafting, plain, _request(REPETITIVE, ThinkingControl(), 160))
    assert stats.accepted_tokens > 0
    assert stats.drafted_tokens > stats.accepted_tokens  # some were rejected and rolled back
    assert stats.acceptance_rate == stats.accepted_tokens / stats.drafted_tokens


def test_budget_cut_inside_drafted_runs_lands_on_the_same_token(
    drafting: EngineClient, plain: EngineClient
) -> None:
    for budget in (12, 17):
        events, stats = _same_run(
            drafting, plain, _request(REPETITIVE, ThinkingControl(budget=budget), 120)
        )
        cut = [e for e in events if isinstance(e, InterventionEvent)]
        assert [(c.reason, c.position) for c in cut] == [("budget_spent", budget)]
        assert stats.thinking_tokens == budget and stats.accepted_tokens > 0


def test_minimum_thinking_refuses_an_end_of_turn_sampled_after_drafts(
    drafting: EngineClient, plain: EngineClient
) -> None:
    control = ThinkingControl(budget=None, min_tokens=10_000, max_waits=2)
    events, stats = _same_run(drafting, plain, _request("What is 2+3?", control, 400))
    waits = [e for e in events if isinstance(e, InterventionEvent) and e.reason == "min_thinking"]
    assert len(waits) == 2 and stats.drafted_tokens > 0


def test_end_tags_arriving_inside_drafted_runs_are_refused_and_rolled_back(
    drafting_tagged: EngineClient, plain_tagged: EngineClient
) -> None:
    # Each "assist you." ends the thinking by text before the minimum: the cache rolls back to
    # where the tag began (dropping the drafts after it) and "Wait" is injected.
    control = ThinkingControl(budget=None, min_tokens=10_000, max_waits=3)
    events, stats = _same_run(drafting_tagged, plain_tagged, _request(LOOPING, control, 300))
    waits = [e for e in events if isinstance(e, InterventionEvent) and e.reason == "min_thinking"]
    assert 1 <= len(waits) <= 3 and stats.accepted_tokens > 0  # how many: the model's text


def test_max_tokens_stops_inside_a_drafted_run(drafting: EngineClient, plain: EngineClient) -> None:
    for max_tokens in (9, 37):
        events, stats = _same_run(
            drafting, plain, _request(REPETITIVE, ThinkingControl(), max_tokens)
        )
        assert events[-1] == DoneEvent("max_tokens")
        assert stats.generated_tokens == max_tokens


def test_seeded_sampling_at_temperature_gives_the_same_sample(
    drafting: EngineClient, plain: EngineClient
) -> None:
    _, stats = _same_run(drafting, plain, _request(REPETITIVE, ThinkingControl(), 160, SEEDED))
    assert stats.drafted_tokens > 0


def test_cancel_during_drafted_runs_leaves_only_kept_tokens(
    drafting: EngineClient, plain: EngineClient
) -> None:
    request = _request(LOOPING, ThinkingControl(), 400)
    full = "".join(e.text for e in plain.generate(request) if isinstance(e, ThinkingEvent))
    events: list[Event] = []
    seen = 0
    for event in drafting.generate(request):
        events.append(event)
        if isinstance(event, ThinkingEvent):
            seen += 1
            if seen == 60:
                drafting.cancel()
    assert events[-1] == DoneEvent("cancelled")
    partial = "".join(e.text for e in events if isinstance(e, ThinkingEvent))
    assert full.startswith(partial) and len(partial) < len(full)
    stats = _stats(events)
    _assert_cache_holds_what_was_kept(stats, Stats())  # nothing rolled back by a rule
    assert stats.drafted_tokens > 0
    # The engine goes on as before: the next turn is still the plain engine's.
    again = _request("Name a colour.", ThinkingControl(budget=0), 12)
    assert _without_stats(list(drafting.generate(again))) == _without_stats(
        list(plain.generate(again))
    )


def test_timed_pacing_gives_the_same_tokens_however_much_it_drafts(
    timed: EngineClient, plain_for_timed: EngineClient
) -> None:
    # How much is drafted depends on this machine's timings; the output never does.
    for text, sampling in ((LOOPING, GREEDY), (REPETITIVE, SEEDED)):
        _, stats = _same_run(
            timed, plain_for_timed, _request(text, ThinkingControl(budget=40), 200, sampling)
        )
        assert stats.draft_batches <= stats.generated_tokens


def test_the_draft_model_proposes_where_it_is_loaded_and_its_share_is_counted(
    drafting: EngineClient, plain: EngineClient, request: pytest.FixtureRequest
) -> None:
    proposer = request.node.callspec.params["drafting"]
    prose = "Write two sentences about the sea at night."
    _, stats = _same_run(drafting, plain, _request(prose, ThinkingControl(), 60))
    assert stats.model_accepted_tokens <= stats.model_drafted_tokens <= stats.drafted_tokens
    assert stats.model_accepted_tokens <= stats.accepted_tokens
    if proposer == "context":
        assert stats.model_drafted_tokens == 0
    else:
        # The same weights propose what the model writes (but for the last bits of other
        # attention kernels): nearly every draft is kept.
        assert stats.model_accepted_tokens >= 0.7 * stats.model_drafted_tokens > 0


def test_a_draft_model_whose_drafts_are_rejected_changes_nothing_but_the_speed(
    cut_drafting: EngineClient, plain_for_cut: EngineClient
) -> None:
    # Budget cuts, refused ends of turn with "Wait" injected, and max_tokens, each landing
    # inside runs the draft model proposed and the model mostly rejected.
    control = ThinkingControl(budget=None, min_tokens=10_000, max_waits=1)
    events, stats = _same_run(cut_drafting, plain_for_cut, _request("What is 2+3?", control, 48))
    assert stats.model_drafted_tokens > stats.model_accepted_tokens
    for budget in (5, 13):
        events, stats = _same_run(
            cut_drafting,
            plain_for_cut,
            _request(REPETITIVE, ThinkingControl(budget=budget), 24, SEEDED),
        )
        cut = [e for e in events if isinstance(e, InterventionEvent)]
        assert [(c.reason, c.position) for c in cut] == [("budget_spent", budget)]
        assert stats.model_drafted_tokens > 0


def test_the_stats_event_carries_the_acceptance_rate() -> None:
    stats = dataclasses.replace(Stats(), drafted_tokens=8, accepted_tokens=6)
    assert stats.acceptance_rate == 0.75
    assert Stats().acceptance_rate is None
