"""The window's one engine: a model file on the real local engine (SmolLM2), a model on a
server (a loopback vLLM), chosen by each load; cancel and the live controls follow the load."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

from inference_fakes import InferenceFake, Script
from ponder.core.assembly import ReplyAssembly
from ponder.core.events import ErrorEvent, Event, LoadedEvent
from ponder.core.request import GenerateRequest, LoadRequest, Message, Sampling, ThinkingControl
from ponder.core.servers.connection import ServerConnection
from ponder.core.servers.keys import KeyStore
from ponder.core.servers.reference import ServerModelRef, connect
from ponder.core.servers.registry import ServerEntry, ServerRegistry
from ponder.engine.client import EngineClient
from ponder.engine.remote import RemoteEngine
from ponder.engine.switch import EngineSwitch

MODEL = "Qwen/Qwen3-0.6B"
REQUEST = GenerateRequest(
    (Message("user", "Why is the sky blue?"),),
    ThinkingControl(budget=0),
    Sampling(temperature=0.0, seed=1),
    max_tokens=6,
)


def _switch(tmp_path: Path, fake: InferenceFake, local: EngineClient) -> EngineSwitch:
    registry = ServerRegistry(tmp_path / "servers.json")
    keys = KeyStore(tmp_path / "keys.json")
    registry.add(ServerEntry("classroom", fake.base_url, has_key=True))
    keys.set("classroom", "sk-classroom")
    return EngineSwitch(local, lambda ref: connect(ref, registry, keys))


def _loaded(events: list[Event]) -> LoadedEvent:
    assert not [e for e in events if isinstance(e, ErrorEvent)], events
    return next(e for e in events if isinstance(e, LoadedEvent))


@pytest.mark.model
def test_each_load_picks_the_engine_and_the_rest_follows(
    tmp_path: Path, smollm2_path: Path
) -> None:
    with InferenceFake("vllm", (MODEL,), key="sk-classroom") as fake:
        fake.scripts = [Script([("Light", ""), (" scatters.", ""), ("", "Rayleigh.")])]
        switch = _switch(tmp_path, fake, EngineClient())
        try:
            loaded = _loaded(list(switch.load(LoadRequest(str(smollm2_path), n_ctx=512))))
            assert loaded.model_path == str(smollm2_path) and switch.current is switch.local
            local_reply = ReplyAssembly()
            local_reply.feed_all(switch.generate(REQUEST))
            assert local_reply.done_reason in ("eos", "max_tokens") and not fake.chat_bodies()

            ref = ServerModelRef("classroom", MODEL)
            loaded = _loaded(list(switch.load(LoadRequest(ref.id))))
            assert isinstance(switch.current, RemoteEngine) and switch.remote is switch.current
            # The record names the model, the server and its software; never the key.
            assert MODEL in loaded.model_path and "classroom" in loaded.model_path
            assert "vLLM" in loaded.model_path and "sk-classroom" not in loaded.model_path
            reply = ReplyAssembly()
            reply.feed_all(switch.generate(GenerateRequest(REQUEST.messages)))
            assert (reply.thinking, reply.answer) == ("Light scatters.", "Rayleigh.")
            assert fake.chat_bodies()[-1]["model"] == MODEL  # its id there, not the reference

            # Back to the file: the server's engine is closed, the local one answers again.
            remote = switch.remote
            _loaded(list(switch.load(LoadRequest(str(smollm2_path), n_ctx=512))))
            assert switch.current is switch.local and switch.remote is None
            assert remote is not None and remote._client is None
            asked = len(fake.chat_bodies())
            again = ReplyAssembly()
            again.feed_all(switch.generate(REQUEST))
            assert again.done_reason in ("eos", "max_tokens") and len(fake.chat_bodies()) == asked
        finally:
            switch.close()


def test_cancel_and_answer_now_reach_the_server_model_in_use(tmp_path: Path) -> None:
    with InferenceFake("vllm", (MODEL,), key="sk-classroom") as fake:
        fake.scripts = [Script([("Hmm", "")] * 3 + [("", "x")], stall_after=2)]
        switch = _switch(tmp_path, fake, EngineClient())
        try:
            _loaded(list(switch.load(LoadRequest(ServerModelRef("classroom", MODEL).id))))
            events: list[Event] = []
            started = threading.Event()

            def run() -> None:
                for event in switch.generate(GenerateRequest(REQUEST.messages)):
                    events.append(event)
                    started.set()

            worker = threading.Thread(target=run)
            worker.start()
            assert started.wait(10)
            switch.answer_now()  # forwarded to the remote engine: no error, nothing local
            switch.cancel()
            worker.join(10)
            assert not worker.is_alive()
            reply = ReplyAssembly()
            reply.feed_all(events)
            assert reply.done_reason == "cancelled"
        finally:
            switch.close()


def test_a_server_no_longer_on_the_list_is_an_error_and_nothing_is_contacted(
    tmp_path: Path,
) -> None:
    contacted: list[ServerConnection] = []

    def connect_nothing(ref: ServerModelRef) -> ServerConnection:
        registry = ServerRegistry(tmp_path / "servers.json")
        connection = connect(ref, registry, KeyStore(tmp_path / "keys.json"))
        contacted.append(connection)
        return connection

    local = EngineClient()
    switch = EngineSwitch(local, connect_nothing)
    try:
        events = list(switch.load(LoadRequest(ServerModelRef("gone", "m").id)))
        assert [type(e) for e in events] == [ErrorEvent]
        error = events[0]
        assert isinstance(error, ErrorEvent) and error.kind == "server_unknown"
        assert "m · gone" in error.message and "no server named 'gone'" in error.message
        assert contacted == [] and switch.current is local and local.pid is None
    finally:
        switch.close()
