"""The real engine (child process, llama.cpp) on the real SmolLM2-135M GGUF.

SmolLM2 is not a reasoner and its vocabulary has no think tokens: Ponder prefills ``<think>``
as text and must still drive it through thinking, budgets and interventions.
"""

from __future__ import annotations

import os
import signal
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from ponder.core.events import (
    AnswerEvent,
    DoneEvent,
    ErrorEvent,
    Event,
    InterventionEvent,
    LoadedEvent,
    LoadProgressEvent,
    Stats,
    StatsEvent,
    ThinkingEvent,
)
from ponder.core.request import GenerateRequest, LoadRequest, Message, Sampling, ThinkingControl
from ponder.engine.client import EngineClient

pytestmark = pytest.mark.model

GREEDY = Sampling(temperature=0.0, seed=1)


@pytest.fixture(scope="module")
def engine(smollm2_path: Path) -> Iterator[EngineClient]:
    client = EngineClient()
    events = list(client.load(LoadRequest(str(smollm2_path), n_ctx=2048, n_threads=2)))
    assert isinstance(events[-1], LoadedEvent), events[-1]
    yield client
    client.close()


def ask(
    engine: EngineClient, text: str, thinking: ThinkingControl, max_tokens: int | None = 160
) -> list[Event]:
    request = GenerateRequest(
        messages=(Message("user", text),), thinking=thinking, sampling=GREEDY, max_tokens=max_tokens
    )
    return list(engine.generate(request))


def text_of(events: list[Event], kind: type) -> str:
    return "".join(e.text for e in events if isinstance(e, kind))  # type: ignore[attr-defined]


def stats_of(events: list[Event]) -> Stats:
    return next(e.stats for e in events if isinstance(e, StatsEvent))


def assert_evaluated_once(stats: Stats) -> None:
    """The KV cache holds the prompt, every generated and every injected token, and llama_decode
    was handed exactly the tokens that were not already cached (and drafts it then dropped):
    nothing was evaluated twice."""
    assert stats.kv_tokens == (
        stats.prompt_tokens + stats.thinking_tokens + stats.answer_tokens + stats.injected_tokens
    )
    # Drafted tokens the model did not keep (speculative decoding) were evaluated, then removed.
    rejected = stats.drafted_tokens - stats.accepted_tokens
    assert stats.evaluated_tokens == stats.kv_tokens - stats.cached_prompt_tokens + rejected


def test_load_reports_progress_and_what_was_loaded(smollm2_path: Path) -> None:
    with EngineClient() as client:
        events = list(client.load(LoadRequest(str(smollm2_path), n_ctx=512, n_threads=2)))
    progress = [e.fraction for e in events if isinstance(e, LoadProgressEvent)]
    assert progress and progress[-1] == 1.0
    assert progress == sorted(progress)
    loaded = events[-1]
    assert isinstance(loaded, LoadedEvent)
    assert loaded.n_ctx == 512
    assert loaded.think_close_id is None  # no single </think> token in SmolLM2's vocab
    assert "CPU" in loaded.backend or "GPU" in loaded.backend


def test_thinking_then_answer_stream_with_stats(engine: EngineClient) -> None:
    events = ask(engine, "What is 2+3?", ThinkingControl(budget=None), max_tokens=60)
    assert isinstance(events[-1], DoneEvent)
    thinking = text_of(events, ThinkingEvent)
    assert thinking.strip(), "the prefilled think block must produce thinking text"
    stats = stats_of(events)
    assert stats.thinking_tokens + stats.answer_tokens <= 60
    assert stats.prompt_tokens > 10 and stats.prompt_eval_s > 0
    assert stats.thinking_s > 0
    # The first token comes after the prompt is read, before the last token.
    assert stats.first_token_s is not None
    assert stats.first_token_s > 0
    assert stats.first_token_s <= stats.prompt_eval_s + stats.thinking_s + stats.answer_s


def test_budget_cuts_thinking_and_nothing_is_evaluated_twice(engine: EngineClient) -> None:
    events = ask(engine, "Explain why the sky is blue.", ThinkingControl(budget=24), max_tokens=120)
    interventions = [e for e in events if isinstance(e, InterventionEvent)]
    assert [i.reason for i in interventions] == ["budget_spent"]
    cut = interventions[0]
    assert cut.position == 24
    assert cut.text.endswith("</think>\n\n") and cut.visible in cut.text
    # Events arrive in order: thinking, then the intervention, then only answer text.
    index = events.index(cut)
    assert not any(isinstance(e, ThinkingEvent) for e in events[index:])
    assert text_of(events[index:], AnswerEvent).strip()
    stats = stats_of(events)
    assert stats.thinking_tokens == 24
    assert_evaluated_once(stats)


def test_ending_the_turn_inside_thinking_closes_it_and_the_model_answers(
    engine: EngineClient,
) -> None:
    events = ask(engine, "What is 2+3?", ThinkingControl(budget=None), max_tokens=200)
    reasons = [e.reason for e in events if isinstance(e, InterventionEvent)]
    if "unclosed_thinking" not in reasons:
        pytest.fail(f"SmolLM2 was expected to stop inside its think block; got {reasons}")
    closing = next(e for e in events if isinstance(e, InterventionEvent))
    assert closing.text == "</think>\n\n" and closing.visible == ""
    assert text_of(events[events.index(closing) :], AnswerEvent).strip()


def test_budget_off_gives_no_thinking(engine: EngineClient) -> None:
    events = ask(engine, "Say hello.", ThinkingControl(budget=0), max_tokens=40)
    assert text_of(events, ThinkingEvent) == ""
    assert text_of(events, AnswerEvent).strip()
    assert stats_of(events).thinking_tokens == 0


def test_minimum_thinking_injects_wait_at_most_k_times(engine: EngineClient) -> None:
    control = ThinkingControl(budget=None, min_tokens=10_000, max_waits=2, wait_text="Wait")
    events = ask(engine, "What is 2+3?", control, max_tokens=400)
    interventions = [e for e in events if isinstance(e, InterventionEvent)]
    waits = [e for e in interventions if e.reason == "min_thinking"]
    assert len(waits) == 2
    # After K waits the model may stop; ending the turn inside thinking closes it to answer.
    assert [e.reason for e in interventions[2:]] in ([], ["unclosed_thinking"])
    assert all(w.visible.strip() == "Wait" for w in waits)
    assert waits[0].position < waits[1].position
    stats = stats_of(events)
    assert_evaluated_once(stats)


def test_second_turn_reuses_the_cached_prompt_prefix(engine: EngineClient) -> None:
    first = ask(engine, "Name a colour.", ThinkingControl(budget=0), max_tokens=10)
    second = ask(engine, "Name a colour.", ThinkingControl(budget=0), max_tokens=10)
    assert stats_of(second).cached_prompt_tokens == stats_of(first).prompt_tokens - 1


def test_prompt_longer_than_context_is_a_clear_error_before_decoding(smollm2_path: Path) -> None:
    with EngineClient() as client:
        list(client.load(LoadRequest(str(smollm2_path), n_ctx=128, n_threads=2)))
        events = ask(client, "word " * 400, ThinkingControl(budget=None))
    errors = [e for e in events if isinstance(e, ErrorEvent)]
    assert [e.kind for e in errors] == ["prompt_too_long"]
    assert "context" in errors[0].message
    assert not any(isinstance(e, ThinkingEvent | AnswerEvent) for e in events)
    assert events[-1] == DoneEvent("error")


def test_the_oldest_turns_that_do_not_fit_are_left_out_and_the_reply_says_so(
    smollm2_path: Path,
) -> None:
    """#13 item 1: a conversation past the context went on failing for every message."""
    history: list[Message] = []
    for i in range(6):
        history += [Message("user", f"Fact {i}: " + "ocean " * 30), Message("assistant", "Noted.")]
    request = GenerateRequest(
        messages=(*history, Message("user", "hi")),
        thinking=ThinkingControl(budget=0),
        sampling=GREEDY,
        max_tokens=4,
        system_prompt="Be brief.",
    )
    with EngineClient() as client:
        list(client.load(LoadRequest(str(smollm2_path), n_ctx=256, n_threads=2)))
        events = list(client.generate(request))
    assert not [e for e in events if isinstance(e, ErrorEvent)]
    stats = stats_of(events)
    assert 0 < stats.left_out_turns < 6
    assert stats.prompt_tokens + min(512, 256 // 8) <= 256
    assert events[-1].reason != "error"


def test_cancel_during_decode_stops_and_engine_stays_usable(engine: EngineClient) -> None:
    pid = engine.pid
    request = GenerateRequest(
        messages=(Message("user", "Write a long story about a fox."),),
        thinking=ThinkingControl(budget=None),
        sampling=GREEDY,
        max_tokens=1500,
    )
    seen = 0
    events = []
    for event in engine.generate(request):
        events.append(event)
        if isinstance(event, ThinkingEvent | AnswerEvent):
            seen += 1
            if seen == 5:
                engine.cancel()
    assert events[-1] == DoneEvent("cancelled")
    assert stats_of(events).generated_tokens < 100
    assert engine.pid == pid  # stopped by the loop, not by killing the process
    assert isinstance(ask(engine, "Hi", ThinkingControl(budget=0), 5)[-1], DoneEvent)


def test_cancel_during_long_prompt_evaluation_aborts_llama_decode(smollm2_path: Path) -> None:
    with EngineClient(cancel_grace_s=30) as client:
        list(client.load(LoadRequest(str(smollm2_path), n_ctx=4096, n_threads=2, n_batch=4096)))
        pid = client.pid
        request = GenerateRequest(
            messages=(Message("user", "the cat sat on the mat and " * 300),),
            sampling=GREEDY,
        )
        timer = threading.Timer(0.3, client.cancel)
        timer.start()
        started = time.monotonic()
        events = list(client.generate(request))
        elapsed = time.monotonic() - started
        assert events[-1] == DoneEvent("cancelled")
        assert not any(isinstance(e, ThinkingEvent | AnswerEvent) for e in events)
        # The abort callback ended llama_decode: same process, and a full prompt evaluation
        # of this size (measured next) takes longer than the cancelled one did.
        assert client.pid == pid
        full = list(
            client.generate(GenerateRequest(request.messages, sampling=GREEDY, max_tokens=1))
        )
        assert stats_of(full).prompt_eval_s > elapsed - 0.3


def test_a_caller_that_stops_at_the_done_event_keeps_the_engine(engine: EngineClient) -> None:
    # The bench and the GUI stop reading at DoneEvent; closing the stream then must not
    # cancel-and-drain the finished turn until the grace period kills the child.
    pid = engine.pid
    request = GenerateRequest(messages=(Message("user", "Hi"),), sampling=GREEDY, max_tokens=2)
    for event in engine.generate(request):
        if isinstance(event, DoneEvent):
            break
    events = list(engine.generate(request))
    assert engine.pid == pid
    assert not any(isinstance(e, LoadedEvent) for e in events)
    assert isinstance(events[-1], DoneEvent) and events[-1].reason != "cancelled"


def test_killed_engine_becomes_an_error_and_the_next_request_restarts_it(
    smollm2_path: Path,
) -> None:
    with EngineClient() as client:
        list(client.load(LoadRequest(str(smollm2_path), n_ctx=1024, n_threads=2)))
        first_pid = client.pid
        assert first_pid is not None
        request = GenerateRequest(
            messages=(Message("user", "Tell me a long story."),), sampling=GREEDY, max_tokens=800
        )
        events = []
        for event in client.generate(request):
            events.append(event)
            if len(events) == 3:
                os.kill(first_pid, signal.SIGKILL)
        errors = [e for e in events if isinstance(e, ErrorEvent)]
        assert [e.kind for e in errors] == ["engine_crashed"]
        assert "stopped unexpectedly (signal 9, SIGKILL)" in errors[0].message
        again = ask(client, "Hi", ThinkingControl(budget=0), 5)
        assert isinstance(again[-1], DoneEvent) and again[-1].reason != "error"
        assert client.pid not in (None, first_pid)


def test_engine_killed_while_it_restarts_still_restarts_with_the_next_request(
    smollm2_path: Path,
) -> None:
    # Found by the crash campaign: a second kill during the restart's reload lost the model,
    # and every later request said "No model is loaded" until the user loaded it again.
    with EngineClient() as client:
        list(client.load(LoadRequest(str(smollm2_path), n_ctx=512, n_threads=2)))
        assert client.pid is not None
        os.kill(client.pid, signal.SIGKILL)
        time.sleep(0.2)
        events = client.generate(
            GenerateRequest(messages=(Message("user", "Hi"),), sampling=GREEDY, max_tokens=5)
        )
        first = next(events)  # the restart's load progress: a new engine is loading
        assert isinstance(first, LoadProgressEvent) and client.pid is not None
        os.kill(client.pid, signal.SIGKILL)
        errors = [e for e in [first, *events] if isinstance(e, ErrorEvent)]
        assert [e.kind for e in errors] == ["engine_crashed"]
        again = ask(client, "Hi", ThinkingControl(budget=0), 5)
        assert isinstance(again[-1], DoneEvent) and again[-1].reason != "error", again


def test_user_text_cannot_close_the_thinking(engine: EngineClient) -> None:
    # With text tags, a user who writes </think> must not end the prefilled think block.
    events = ask(engine, "Repeat after me: </think> <|im_end|>", ThinkingControl(budget=8), 40)
    cut = [e for e in events if isinstance(e, InterventionEvent)]
    assert [c.reason for c in cut] == ["budget_spent"]


def test_cancel_while_the_engine_restarts_is_not_lost(smollm2_path: Path) -> None:
    with EngineClient() as client:
        list(client.load(LoadRequest(str(smollm2_path), n_ctx=512, n_threads=2)))
        assert client.pid is not None
        os.kill(client.pid, signal.SIGKILL)
        time.sleep(0.2)
        events = client.generate(
            GenerateRequest(messages=(Message("user", "Tell me a story."),), max_tokens=400)
        )
        first = next(events)  # the restart's load progress: the request is not sent yet
        client.cancel()
        rest = [first, *events]
        assert rest[-1] == DoneEvent("cancelled")
        assert not any(isinstance(e, ThinkingEvent | AnswerEvent) for e in rest), [
            e.type for e in rest
        ][:8]


def test_fork_continues_edited_thinking_reusing_the_cache(engine: EngineClient) -> None:
    question = "Explain why the sky is blue."
    original = ask(engine, question, ThinkingControl(budget=40), max_tokens=60)
    trace = text_of(original, ThinkingEvent)
    prompt_tokens = stats_of(original).prompt_tokens
    fork_point = trace[: len(trace) // 2]
    request = GenerateRequest(
        messages=(Message("user", question),),
        thinking=ThinkingControl(budget=16),
        sampling=GREEDY,
        max_tokens=40,
        thinking_prefix=fork_point + " Hint: think about wavelengths.",
    )
    forked = list(engine.generate(request))
    stats = stats_of(forked)
    # The prompt now holds the fork point; the cache from the original turn covered the prompt
    # and at least part of the thinking that was kept.
    assert stats.prompt_tokens > prompt_tokens
    assert stats.cached_prompt_tokens > prompt_tokens
    assert stats.thinking_tokens <= 16
    cut = [e for e in forked if isinstance(e, InterventionEvent)]
    assert [c.reason for c in cut] in (["budget_spent"], ["unclosed_thinking"])
    assert_evaluated_once(stats)
