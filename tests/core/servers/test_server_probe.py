"""Probing a server: what it is, its models, its controls, and the faults on the way there.

Ollama, vLLM and LM Studio are loopback fakes written from their documented protocols
(tests/inference_fakes.py); llama-server itself is probed in tests/engine/remote.
"""

from __future__ import annotations

import socket
import ssl
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from inference_fakes import InferenceFake
from ponder.core.servers import connection as faults
from ponder.core.servers.connection import ServerConnection, ServerFault, error_body_message
from ponder.core.servers.probe import probe_server


def test_ollama_is_recognised_with_its_version_models_and_thinking_capability() -> None:
    with InferenceFake("ollama", ("qwen3:0.6b", "llama3.2:1b")) as fake:
        info = probe_server(ServerConnection(fake.base_url, "box"))
        shown = [b for m, p, b in fake.requests if p == "/api/show"]
    assert (info.kind, info.description) == ("ollama", "Ollama 0.12.6")
    assert [m.id for m in info.models] == ["qwen3:0.6b", "llama3.2:1b"]
    assert info.models[0].thinking is True
    assert shown == [{"model": "qwen3:0.6b"}, {"model": "llama3.2:1b"}]
    assert info.controls["thinking_off"] == "honoured"
    assert info.controls["budget"] == "emulated"
    assert info.controls["min_thinking"] == "unavailable"


def test_vllm_is_recognised_by_its_version_endpoint_and_model_owner() -> None:
    with InferenceFake("vllm", ("Qwen/Qwen3-0.6B",), version="0.11.2") as fake:
        info = probe_server(ServerConnection(fake.base_url))
    assert (info.kind, info.version) == ("vllm", "0.11.2")
    assert info.models[0].context == 32768
    assert info.controls["budget"] == "honoured"
    assert info.controls["answer_now"] == "emulated"


def test_lm_studio_is_recognised_by_its_native_model_list() -> None:
    with InferenceFake("lmstudio", ("qwen3-4b",)) as fake:
        info = probe_server(ServerConnection(fake.base_url))
    assert info.kind == "lmstudio" and info.software == "LM Studio"
    assert info.models[0].context == 32768
    assert info.controls["answer_now"] == "unavailable"


def test_a_wrong_key_is_an_auth_fault_that_never_shows_the_key() -> None:
    with InferenceFake("vllm", key="sk-right") as fake:
        with pytest.raises(ServerFault) as caught:
            probe_server(ServerConnection(fake.base_url, "gpu", key="sk-wrong-secret"))
        assert probe_server(ServerConnection(fake.base_url, "gpu", key="sk-right")).kind == "vllm"
    assert caught.value.kind == faults.AUTH
    assert "401" in caught.value.message and "sk-wrong" not in caught.value.message
    assert "sk-wrong" not in repr(ServerConnection(fake.base_url, key="sk-wrong-secret"))


def test_connection_refused_is_said_so() -> None:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]  # closed when the block ends: nothing listens there
    with pytest.raises(ServerFault) as caught:
        probe_server(ServerConnection(f"http://127.0.0.1:{port}", "gone"))
    assert caught.value.kind == faults.UNREACHABLE
    assert "refused" in caught.value.message


def test_a_host_that_does_not_resolve_is_a_dns_fault() -> None:
    # .invalid never resolves (RFC 2606); the lookup fails locally.
    with pytest.raises(ServerFault) as caught:
        probe_server(ServerConnection("http://no-such-host.invalid:8080", "typo"), timeout_s=5)
    assert caught.value.kind == faults.DNS


class _NotAnInferenceServer(BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        self.send_error(404)

    def log_message(self, *_args: object) -> None:
        pass


def test_a_server_that_speaks_no_known_protocol_is_named_as_such() -> None:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _NotAnInferenceServer)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        with pytest.raises(ServerFault) as caught:
            probe_server(ServerConnection(f"http://127.0.0.1:{server.server_address[1]}", "web"))
    finally:
        server.shutdown()
        server.server_close()
    assert caught.value.kind == faults.PROTOCOL and "check the address" in caught.value.message


@pytest.mark.parametrize(
    ("body", "said"),
    [
        (b'{"error": {"message": "The model `x` does not exist.", "code": 404}}', "does not"),
        (b'{"error": "model \'x\' not found"}', "model 'x' not found"),
        (b'{"object": "error", "message": "old vLLM shape", "code": 404}', "old vLLM shape"),
        (b"<html>Bad Gateway</html>", "<html>Bad Gateway</html>"),
    ],
)
def test_error_bodies_of_each_server_give_their_message(body: bytes, said: str) -> None:
    assert said in error_body_message(body)


def test_tls_is_verified_and_a_private_ca_file_is_accepted(
    self_signed_certificate: tuple[Path, Path],
) -> None:
    cert, key = self_signed_certificate
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert, key)
    with InferenceFake("vllm", tls=context) as fake:
        with pytest.raises(ServerFault) as caught:
            probe_server(ServerConnection(fake.base_url, "school"))
        info = probe_server(ServerConnection(fake.base_url, "school", ca_file=str(cert)))
    assert caught.value.kind == faults.TLS
    assert "--ca-file" in caught.value.message
    assert info.kind == "vllm"
