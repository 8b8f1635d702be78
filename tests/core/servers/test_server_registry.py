"""The server registry, addresses and the key store: plain files, real keyring interface."""

from __future__ import annotations

import os
import stat
from pathlib import Path
from typing import Any

import pytest

from ponder.core.paths import AppPaths
from ponder.core.servers.addresses import ServerAddressError, is_loopback, normalize_base_url
from ponder.core.servers.keys import KeyStore, KeyStoreError
from ponder.core.servers.registry import ServerEntry, ServerRegistry, ServerRegistryError


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("http://127.0.0.1:8080", "http://127.0.0.1:8080"),
        ("http://127.0.0.1:8080/", "http://127.0.0.1:8080"),
        ("http://gpu.school.example:8000/v1", "http://gpu.school.example:8000"),
        ("HTTPS://Host.Example/llm/v1/", "https://host.example/llm"),
        ("http://[::1]:11434", "http://[::1]:11434"),
    ],
)
def test_base_urls_are_put_in_one_form(text: str, expected: str) -> None:
    assert normalize_base_url(text) == expected


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("", "empty"),
        ("localhost:8080", "no scheme"),
        ("ftp://host/models", "http:// or https://"),
        ("file:///etc/passwd", "http:// or https://"),
        ("http://user:secret@host:8080", "user name or password"),
        ("http://host:8080/?key=1", "query"),
        ("http://:8080", "no host"),
        ("http://host:99999", "not a valid address"),
    ],
)
def test_unusable_addresses_are_refused_with_the_reason(text: str, words: str) -> None:
    with pytest.raises(ServerAddressError, match=words) as caught:
        normalize_base_url(text)
    assert "secret" not in str(caught.value)


def test_loopback_addresses_are_recognised() -> None:
    assert is_loopback("http://127.0.0.1:8080") and is_loopback("http://localhost")
    assert not is_loopback("https://gpu.school.example")


def test_registry_adds_lists_finds_and_removes(tmp_path: Path) -> None:
    registry = ServerRegistry(AppPaths.from_environment().servers_file)
    assert registry.entries() == []
    registry.add(ServerEntry("gpu", "http://10.0.0.5:8080/v1/"))
    registry.add(ServerEntry("laptop", "http://127.0.0.1:11434"))
    assert [e.name for e in registry.entries()] == ["gpu", "laptop"]
    assert registry.get("gpu").base_url == "http://10.0.0.5:8080"
    assert registry.find("http://10.0.0.5:8080/") == registry.get("gpu")
    assert registry.find("nowhere") is None
    with pytest.raises(ServerRegistryError, match="exists already"):
        registry.add(ServerEntry("gpu", "http://10.0.0.6:8080"))
    registry.add(ServerEntry("gpu", "http://10.0.0.6:8080"), replace=True)
    assert registry.entries()[0].base_url == "http://10.0.0.6:8080"
    registry.remove("gpu")
    assert [e.name for e in registry.entries()] == ["laptop"]
    with pytest.raises(ServerRegistryError, match="no server named 'gpu'"):
        registry.get("gpu")


def test_registry_refuses_bad_names_missing_ca_files_and_damaged_files(tmp_path: Path) -> None:
    registry = ServerRegistry(tmp_path / "servers.json")
    with pytest.raises(ServerRegistryError, match="cannot name a server"):
        registry.add(ServerEntry("../x", "http://h"))
    with pytest.raises(ServerRegistryError, match="no CA file"):
        registry.add(ServerEntry("tls", "https://h", ca_file=str(tmp_path / "missing.pem")))
    (tmp_path / "servers.json").write_text('{"servers": [{"name": "x", "base_url": "gopher://h"}]}')
    with pytest.raises(ServerRegistryError, match="gopher"):
        registry.entries()
    (tmp_path / "servers.json").write_text("[" * 200)
    with pytest.raises(ServerRegistryError, match="nests"):
        registry.entries()


def test_keys_without_a_keyring_go_to_a_file_only_the_user_reads(tmp_path: Path) -> None:
    store = KeyStore(tmp_path / "keys.json")
    assert store.get("gpu") is None
    store.set("gpu", "sk-one")
    store.set("other", "sk-two")
    assert store.get("gpu") == "sk-one"
    if os.name == "posix":
        assert stat.S_IMODE((tmp_path / "keys.json").stat().st_mode) == 0o600
    assert "keys.json" in store.where
    store.delete("gpu")
    assert store.get("gpu") is None and store.get("other") == "sk-two"
    with pytest.raises(KeyStoreError, match="one line"):
        store.set("gpu", "two\nlines")


def test_a_damaged_key_file_is_named_without_quoting_it(tmp_path: Path) -> None:
    (tmp_path / "keys.json").write_text('{"gpu": "sk-secret-value", oops')
    with pytest.raises(KeyStoreError) as caught:
        KeyStore(tmp_path / "keys.json").get("gpu")
    assert "sk-secret" not in str(caught.value)


class _MemoryKeyring:
    """The keyring backend interface (set/get/delete_password), held in memory: the shape the
    ``keyring`` package's real backends have."""

    def __init__(self) -> None:
        self.saved: dict[tuple[str, str], str] = {}

    def set_password(self, service: str, user: str, password: str) -> None:
        self.saved[service, user] = password

    def get_password(self, service: str, user: str) -> Any:
        return self.saved.get((service, user))

    def delete_password(self, service: str, user: str) -> None:
        del self.saved[service, user]


def test_keys_go_to_the_keyring_when_there_is_one_and_never_to_the_file(tmp_path: Path) -> None:
    backend = _MemoryKeyring()
    store = KeyStore(tmp_path / "keys.json", backend)
    store.set("gpu", "sk-in-keyring")
    assert store.get("gpu") == "sk-in-keyring"
    assert not (tmp_path / "keys.json").exists()
    assert "keyring" in store.where
    store.delete("gpu")
    store.delete("gpu")  # forgetting twice is fine
    assert store.get("gpu") is None


def test_no_usable_system_keyring_means_the_private_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The keyring package's own "fail" backend is what a machine without a keyring gets.
    monkeypatch.setenv("PYTHON_KEYRING_BACKEND", "keyring.backends.fail.Keyring")
    import keyring.core

    monkeypatch.setattr(keyring.core, "_keyring_backend", None)
    store = KeyStore.default(tmp_path / "keys.json")
    assert store.backend is None
    store.set("gpu", "sk-x")
    assert (tmp_path / "keys.json").is_file()
