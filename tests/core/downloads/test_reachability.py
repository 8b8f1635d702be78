"""The quick look at whether the hub can be reached (#13 item 2), against the loopback hub and
addresses that cannot answer."""

from __future__ import annotations

import socket

from hub_server import HubServer
from ponder.core.downloads.reachability import host_and_port, unreachable_reason


def _closed_port() -> int:
    """A loopback port that nothing listens on (bound, then released)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def test_the_loopback_hub_is_reachable(hub: HubServer) -> None:
    assert unreachable_reason(hub.endpoint) == ""


def test_an_address_that_refuses_or_does_not_resolve_looks_offline() -> None:
    refused = unreachable_reason(f"http://127.0.0.1:{_closed_port()}", timeout_s=2.0)
    assert refused.startswith("This computer looks offline: 127.0.0.1 could not be reached")
    assert "import a .gguf file" in refused
    unnamed = unreachable_reason("https://ponder-test-hub.invalid", timeout_s=2.0)
    assert "ponder-test-hub.invalid could not be looked up" in unnamed


def test_host_and_port_of_an_endpoint() -> None:
    assert host_and_port("https://huggingface.co") == ("huggingface.co", 443)
    assert host_and_port("http://127.0.0.1:8080/") == ("127.0.0.1", 8080)
    assert host_and_port("hf-mirror.com") == ("hf-mirror.com", 443)
