"""The remote engine against loopback Ollama, vLLM and LM Studio servers: how each stream maps
to Ponder's events, how each control is sent, and how each fault ends the reply."""

from __future__ import annotations

import threading
from collections.abc import Iterator

import pytest

from inference_fakes import InferenceFake, Kind, Script
from ponder.core.assembly import ReplyAssembly
from ponder.core.events import (
    DoneEvent,
    ErrorEvent,
    Event,
    InterventionEvent,
    NoticeEvent,
    StatsEvent,
)
from ponder.core.request import GenerateRequest, LoadRequest, Message, ThinkingControl
from ponder.core.servers import connection as faults
from ponder.core.servers.connection import ServerConnection
from ponder.engine.remote import RemoteEngine

MODEL = "qwen3:0.6b"
THINK_THEN_ANSWER = Script([("Let me", ""), (" think.", ""), ("", "Blue"), ("", ".")])


_OPEN: list[RemoteEngine] = []


@pytest.fixture(autouse=True)
def _close_engines() -> Iterator[None]:
    yield
    while _OPEN:
        _OPEN.pop().close()


def _engine(fake: InferenceFake, **options: float) -> RemoteEngine:
    engine = RemoteEngine(ServerConnection(fake.base_url, "fake"), **options)  # type: ignore[arg-type]
    _OPEN.append(engine)
    events = list(engine.load(LoadRequest(MODEL)))
    assert not [e for e in events if isinstance(e, ErrorEvent)], events
    return engine


def _ask(engine: RemoteEngine, control: ThinkingControl | None = None) -> list[Event]:
    request = GenerateRequest(
        (Message("user", "Why is the sky blue?"),), control or ThinkingControl()
    )
    return list(engine.generate(request))


def _reply(events: list[Event]) -> ReplyAssembly:
    reply = ReplyAssembly()
    reply.feed_all(events)
    return reply


@pytest.fixture(params=["ollama", "vllm", "lmstudio"])
def fake(request: pytest.FixtureRequest) -> Iterator[InferenceFake]:
    kind: Kind = request.param
    with InferenceFake(kind, (MODEL,)) as server:
        yield server


def test_each_server_streams_into_thinking_then_answer(fake: InferenceFake) -> None:
    fake.scripts = [THINK_THEN_ANSWER]
    events = _ask(_engine(fake))
    reply = _reply(events)
    assert (reply.thinking, reply.answer, reply.done_reason) == ("Let me think.", "Blue.", "eos")
    stats = next(e for e in events if isinstance(e, StatsEvent)).stats
    assert (stats.thinking_tokens, stats.answer_tokens) == (2, 2)
    assert stats.first_token_s is not None and stats.first_token_s > 0  # the figure under a reply
    # None of these servers counts reasoning tokens: the figure is said to be an estimate.
    assert any(isinstance(e, NoticeEvent) and e.kind == "estimate" for e in events)


def test_think_tags_inside_content_are_split_by_ponder(fake: InferenceFake) -> None:
    fake.scripts = [
        Script([("", "<thi"), ("", "nk>Hmm, "), ("", "blue.</th"), ("", "ink>\n\nBlue!")])
    ]
    reply = _reply(_ask(_engine(fake)))
    assert (reply.thinking, reply.answer) == ("Hmm, blue.", "Blue!")


def test_thinking_off_is_sent_the_way_each_server_takes_it(fake: InferenceFake) -> None:
    fake.scripts = [Script([("", "Blue.")])]
    events = _ask(_engine(fake), ThinkingControl(budget=0))
    body = fake.chat_bodies()[0]
    if fake.kind == "ollama":
        assert body["think"] is False
    elif fake.kind == "vllm":
        assert body["chat_template_kwargs"] == {"enable_thinking": False}
    else:  # LM Studio has no switch: Ponder says so instead of pretending
        assert "chat_template_kwargs" not in body
        assert any(isinstance(e, NoticeEvent) and e.kind == "control_unavailable" for e in events)
    assert _reply(events).answer == "Blue."


def test_thinking_that_arrives_although_off_gets_a_notice_and_is_closed(
    fake: InferenceFake,
) -> None:
    fake.scripts = [Script([("I think anyway", ""), ("", "Blue.")]), Script([("", "Blue.")])]
    events = _ask(_engine(fake), ThinkingControl(budget=0))
    notices = [e for e in events if isinstance(e, NoticeEvent) and e.kind == "control_ignored"]
    assert notices and "thinking off" in notices[0].message
    reply = _reply(events)
    if fake.kind == "lmstudio":  # it cannot continue a reply: the thinking is shown as it came
        assert (reply.thinking, reply.answer) == ("I think anyway", "Blue.")
        return
    assert reply.thinking == ""
    assert [i.reason for i in reply.interventions] == ["thinking_off"]
    assert reply.answer == "Blue."


def test_a_budget_is_kept_by_ponder_where_the_server_has_none(fake: InferenceFake) -> None:
    long_thought = Script([(f" step{i}", "") for i in range(30)] + [("", "Blue.")])
    fake.scripts = [long_thought, Script([("", "Blue, because of scattering.")])]
    events = _ask(_engine(fake), ThinkingControl(budget=5))
    reply = _reply(events)
    assert [i.reason for i in reply.interventions] == ["budget_spent"]
    bodies = fake.chat_bodies()
    if fake.kind == "vllm":
        assert bodies[0]["thinking_token_budget"] == 5
        # vLLM was asked to keep it and did not: said so, and cut by Ponder a little later.
        assert any(isinstance(e, NoticeEvent) and e.kind == "control_ignored" for e in events)
    else:
        assert reply.interventions[0].position == 5
    if fake.kind == "lmstudio":  # no way to continue the reply: the thinking ends there
        assert reply.answer == "" and reply.done_reason == "stopped"
        return
    assert reply.answer == "Blue, because of scattering."
    # The continuation hands the closed trace back (with the early-stop message) for the answer.
    second = bodies[1]
    last = second["messages"][-1]
    assert last["role"] == "assistant"
    handed = last.get("thinking", last.get("content", ""))
    assert "I have to stop thinking now" in handed


def test_minimum_thinking_is_refused_where_a_server_cannot_continue_reasoning(
    fake: InferenceFake,
) -> None:
    fake.scripts = [THINK_THEN_ANSWER]
    events = _ask(_engine(fake), ThinkingControl(min_tokens=50))
    notices = [e for e in events if isinstance(e, NoticeEvent) and e.kind == "control_unavailable"]
    assert notices and "Minimum thinking is unavailable" in notices[0].message
    assert not [e for e in events if isinstance(e, InterventionEvent)]


def _fault(
    fake: InferenceFake, script: Script, **options: float
) -> tuple[ReplyAssembly, list[Event]]:
    fake.scripts = [script]
    events = _ask(_engine(fake, **options))
    return _reply(events), events


@pytest.mark.parametrize(
    ("status", "body", "kind", "words"),
    [
        (401, {"error": {"message": "Invalid API key"}}, faults.AUTH, "API key"),
        (403, {"error": "forbidden"}, faults.AUTH, "API key"),
        (404, {"error": "model 'qwen3:0.6b' not found"}, faults.MODEL_MISSING, "not loaded"),
        (429, {"error": {"message": "Too many requests"}}, faults.BUSY, "busy"),
        (503, {"error": "server busy"}, faults.BUSY, "busy"),
        (500, {"error": {"message": "CUDA out of memory"}}, faults.SERVER_ERROR, "out of memory"),
    ],
)
def test_http_errors_end_the_reply_with_a_specific_message(
    fake: InferenceFake, status: int, body: dict[str, object], kind: str, words: str
) -> None:
    reply, events = _fault(fake, Script(status=status, error_body=body), retry_wait_s=0.01)
    assert reply.error_kind == kind and words in (reply.error or "")
    assert isinstance(events[-1], DoneEvent) and events[-1].reason == "error"
    tries = len(fake.chat_bodies())
    assert tries == (3 if kind == faults.BUSY else 1)  # busy is retried: nothing was generated


def test_a_busy_server_that_frees_up_is_retried_before_any_byte(fake: InferenceFake) -> None:
    fake.scripts = [Script(status=503, error_body={"error": "busy"}), THINK_THEN_ANSWER]
    reply = _reply(_ask(_engine(fake, retry_wait_s=0.01)))
    assert reply.answer == "Blue." and not reply.failed


@pytest.mark.parametrize(
    ("script", "kind", "words"),
    [
        (
            Script(THINK_THEN_ANSWER.pieces, drop_after=3),
            faults.DISCONNECTED,
            "closed the connection",
        ),
        (Script(THINK_THEN_ANSWER.pieces, malformed_after=3), faults.PROTOCOL, "not valid JSON"),
    ],
)
def test_a_stream_that_breaks_keeps_what_came_and_is_marked_failed(
    fake: InferenceFake, script: Script, kind: str, words: str
) -> None:
    reply, events = _fault(fake, script)
    assert (reply.thinking, reply.answer) == ("Let me think.", "Blue")
    assert reply.error_kind == kind and words in (reply.error or "")
    assert [type(e).__name__ for e in events[-3:]] == ["ErrorEvent", "StatsEvent", "DoneEvent"]
    assert len(fake.chat_bodies()) == 1  # never retried once the reply had begun


def test_an_unknown_event_type_ends_the_reply(fake: InferenceFake) -> None:
    if fake.kind == "ollama":
        pytest.skip("Ollama's stream is JSON lines: it has no event types")
    reply, _ = _fault(fake, Script(THINK_THEN_ANSWER.pieces, unknown_event_after=2))
    assert reply.error_kind == faults.PROTOCOL and "surprise" in (reply.error or "")
    assert reply.thinking == "Let me think."


def test_a_stalled_stream_is_ended_after_the_silence_allowed(fake: InferenceFake) -> None:
    reply, _ = _fault(fake, Script(THINK_THEN_ANSWER.pieces, stall_after=2), stall_s=0.5)
    assert reply.error_kind == faults.STALLED and reply.thinking == "Let me think."


def test_cancel_closes_the_stream_of_a_stalled_reply_at_once(fake: InferenceFake) -> None:
    fake.scripts = [Script(THINK_THEN_ANSWER.pieces, stall_after=2)]
    engine = _engine(fake, stall_s=60)
    events: list[Event] = []
    request = GenerateRequest((Message("user", "hi"),))
    for event in engine.generate(request):
        events.append(event)
        if len(events) == 2:  # both thinking pieces came; the server now sends nothing
            threading.Timer(0.2, engine.cancel).start()
    reply = _reply(events)
    assert reply.done_reason == "cancelled" and not reply.failed
    assert reply.thinking == "Let me think."


def test_a_model_the_server_does_not_offer_fails_the_load_and_lists_what_it_has(
    fake: InferenceFake,
) -> None:
    with RemoteEngine(ServerConnection(fake.base_url, "fake")) as engine:
        events = list(engine.load(LoadRequest("no-such-model")))
    error = events[-1]
    assert isinstance(error, ErrorEvent) and error.kind == faults.MODEL_MISSING
    assert MODEL in error.message


def test_live_controls_where_ponder_keeps_them_answer_now_and_more_budget() -> None:
    with InferenceFake("ollama", (MODEL,)) as fake:
        long_thought = Script([(f" step{i}", "") for i in range(40)] + [("", "Blue.")])
        fake.scripts = [long_thought, Script([("", "Blue.")])]
        engine = _engine(fake)
        events: list[Event] = []
        for event in engine.generate(GenerateRequest((Message("user", "hi"),))):
            events.append(event)
            if len(events) == 3:
                engine.answer_now()
        reply = _reply(events)
        assert [i.reason for i in reply.interventions] == ["answer_now"]
        assert reply.interventions[0].position == 3 and reply.answer == "Blue."  # at once

        fake.scripts = [long_thought, Script([("", "Blue.")])]
        events = []
        for event in engine.generate(GenerateRequest((Message("user", "hi"),), ThinkingControl(5))):
            events.append(event)
            if len(events) == 2:
                engine.extend_budget(10)
        reply = _reply(events)
        assert [(i.reason, i.position) for i in reply.interventions] == [("budget_spent", 15)]


def test_more_budget_is_refused_with_a_notice_where_the_server_keeps_it() -> None:
    with InferenceFake("vllm", (MODEL,)) as fake:
        fake.scripts = [THINK_THEN_ANSWER]
        engine = _engine(fake)
        events: list[Event] = []
        for event in engine.generate(
            GenerateRequest((Message("user", "hi"),), ThinkingControl(50))
        ):
            events.append(event)
            if len(events) == 1:
                engine.extend_budget(100)
    notices = [e for e in events if isinstance(e, NoticeEvent) and e.kind == "control_unavailable"]
    assert len(notices) == 1 and "cannot be raised" in notices[0].message


@pytest.mark.parametrize("kind", ["vllm", "lmstudio"])
def test_a_server_that_cannot_count_gets_the_turns_that_fit_by_an_estimate_and_says_so(
    kind: Kind,
) -> None:
    """#13 item 1 on a server without a tokenizer endpoint: the turns that fit its context
    are chosen by an estimate, and a notice says so; a message that alone seems too long
    is still sent (the server judges it, an estimate never refuses)."""
    history: list[Message] = []
    for i in range(10):
        history += [Message("user", f"Fact {i}: " + "ocean " * 200), Message("assistant", "Ok.")]
    with InferenceFake(kind, (MODEL,), context=2048) as fake:
        engine = _engine(fake)
        assert engine.n_ctx == 2048
        request = GenerateRequest((*history, Message("user", "hi")), ThinkingControl())
        events = list(engine.generate(request))
        stats = next(e for e in events if isinstance(e, StatsEvent)).stats
        assert 0 < stats.left_out_turns < 10
        sent = fake.chat_bodies()[-1]["messages"]
        assert sent[-1] == {"role": "user", "content": "hi"}
        assert len(sent) == 1 + 2 * (10 - stats.left_out_turns)
        assert sum(len(m["content"]) for m in sent) / 3 <= 2048 - 256
        notices = [e for e in events if isinstance(e, NoticeEvent) and e.kind == "estimate"]
        assert any("estimate" in n.message and "left out" in n.message for n in notices)

        alone = GenerateRequest((*history, Message("user", "word " * 3000)), ThinkingControl())
        events = list(engine.generate(alone))
        assert not [e for e in events if isinstance(e, ErrorEvent)]
        assert fake.chat_bodies()[-1]["messages"] == [{"role": "user", "content": "word " * 3000}]


@pytest.mark.parametrize("kind", ["vllm", "ollama", "lmstudio"])
def test_a_fork_is_refused_where_the_server_cannot_go_on_thinking(kind: Kind) -> None:
    """Never silently ignored: a server that cannot reopen a model's reasoning cannot run a
    fork; nothing is sent."""
    with InferenceFake(kind, (MODEL,)) as fake:
        engine = _engine(fake)
        request = GenerateRequest(
            (Message("user", "Why?"),), ThinkingControl(), thinking_prefix="First, the sun"
        )
        events = list(engine.generate(request))
        errors = [e for e in events if isinstance(e, ErrorEvent)]
        assert [e.kind for e in errors] == ["control_unavailable"]
        assert "cannot continue a model's reasoning" in errors[0].message
        assert events[-1] == DoneEvent("error") and fake.chat_bodies() == []
