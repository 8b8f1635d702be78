"""How the app names a model on a server (``server:NAME/MODEL``) and reaches its server."""

from __future__ import annotations

from pathlib import Path

import pytest

from ponder.core.servers.keys import KeyStore
from ponder.core.servers.reference import (
    ServerModelRef,
    connect,
    identity,
    shown_model_name,
)
from ponder.core.servers.registry import ServerEntry, ServerRegistry, ServerRegistryError
from ponder.core.ways_out import WINDOW


@pytest.mark.parametrize("model", ["qwen3:0.6b", "Qwen/Qwen3-8B", "smollm2 135m"])
def test_a_reference_round_trips_whatever_the_model_id_holds(model: str) -> None:
    ref = ServerModelRef("classroom", model)
    assert ref.id == f"server:classroom/{model}"
    assert ServerModelRef.parse(ref.id) == ref
    assert ref.label == f"{model} · classroom"


def test_llama_servers_model_path_is_shown_by_its_file_name() -> None:
    ref = ServerModelRef("lab", "/srv/models/Qwen3-0.6B-Q4_K_M.gguf")
    assert ref.label == "Qwen3-0.6B-Q4_K_M · lab" and ref.model.startswith("/srv")
    assert ServerModelRef("lab", "C:\\models\\a.GGUF").model_name == "a"


@pytest.mark.parametrize(
    "text",
    [None, "", "/models/qwen3.gguf", "C:\\models\\a.gguf", "server:", "server:x/", "server:/m"],
)
def test_a_file_path_or_a_broken_reference_is_no_server_model(text: str | None) -> None:
    assert ServerModelRef.parse(text) is None


def test_connect_finds_the_server_and_its_key_and_never_puts_the_key_in_repr(
    tmp_path: Path,
) -> None:
    registry = ServerRegistry(tmp_path / "servers.json")
    keys = KeyStore(tmp_path / "keys.json")
    registry.add(ServerEntry("classroom", "http://10.0.0.5:8080/v1", has_key=True))
    keys.set("classroom", "sk-secret")
    connection = connect(ServerModelRef("classroom", "qwen3"), registry, keys)
    assert (connection.base_url, connection.label, connection.key) == (
        "http://10.0.0.5:8080",
        "classroom",
        "sk-secret",
    )
    assert "sk-secret" not in repr(connection)
    with pytest.raises(ServerRegistryError, match="no server named 'gone'") as caught:
        connect(ServerModelRef("gone", "qwen3"), registry, keys)
    assert "`ponder servers add`" in str(caught.value)
    # Where the window asks, the words are the window's (the chat shows them).
    with pytest.raises(ServerRegistryError) as caught:
        connect(ServerModelRef("gone", "qwen3"), registry, keys, WINDOW)
    assert "add one in Models → Servers" in str(caught.value) and "ponder" not in str(caught.value)
    assert connect(ServerModelRef("classroom", "q"), registry, keys, WINDOW).ways_out is WINDOW


def test_a_records_model_is_shown_short_for_a_file_and_a_server_model() -> None:
    assert shown_model_name("/home/ana/models/Qwen3-4B-Q4_K_M.gguf") == "Qwen3-4B-Q4_K_M"
    assert shown_model_name("C:\\Users\\ana\\r1.gguf") == "r1"
    assert shown_model_name(None) == shown_model_name("") == ""
    named = identity("/srv/m/Qwen3-0.6B.gguf", "classroom", "http://10.0.0.5:8080", "llama.cpp b1")
    assert named == "/srv/m/Qwen3-0.6B.gguf on classroom at http://10.0.0.5:8080 (llama.cpp b1)"
    assert shown_model_name(named) == "Qwen3-0.6B · classroom"
    unnamed = identity("Qwen/Qwen3-8B", "", "https://gpu.lab.example", "vLLM 0.11.0")
    assert shown_model_name(unnamed) == "Qwen/Qwen3-8B · gpu.lab.example"
