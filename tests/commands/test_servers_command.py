"""``ponder servers`` and ``--server`` on ask/sweep, against loopback Ollama and vLLM fakes."""

from __future__ import annotations

import io
import json
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from inference_fakes import InferenceFake, Script
from ponder.cli import main
from ponder.core.paths import AppPaths

MODEL = "qwen3:0.6b"


@pytest.fixture
def vllm() -> Iterator[InferenceFake]:
    with InferenceFake("vllm", (MODEL,), key="sk-class-key") as fake:
        fake.scripts = [Script([("Rayleigh", ""), (" scattering.", ""), ("", "Blue.")])]
        yield fake


def _run(capsys: pytest.CaptureFixture[str], *argv: str, stdin: str = "") -> tuple[int, str, str]:
    old, sys.stdin = sys.stdin, io.StringIO(stdin)
    try:
        status = main(list(argv))
    finally:
        sys.stdin = old
    out, err = capsys.readouterr()
    return status, out, err


def test_add_checks_the_server_and_keeps_the_key_out_of_the_list(
    vllm: InferenceFake, capsys: pytest.CaptureFixture[str]
) -> None:
    status, out, _ = _run(
        capsys, "servers", "add", "class", vllm.base_url, "--key-stdin", stdin="sk-class-key\n"
    )
    assert status == 0
    assert "vLLM 0.12.6" in out and MODEL in out and "maximum thinking budget: honoured" in out
    status, out, _ = _run(capsys, "servers", "list", "--json")
    listed = json.loads(out)
    assert listed == [
        {"name": "class", "base_url": vllm.base_url, "ca_file": None, "has_key": True}
    ]
    paths = AppPaths.from_environment()
    assert "sk-class-key" not in paths.servers_file.read_text()
    status, out, _ = _run(capsys, "servers", "check", "--json")
    checked = json.loads(out)
    assert status == 0 and checked[0]["kind"] == "vllm"
    assert "sk-class-key" not in out


def test_add_refuses_a_server_that_refuses_the_key_and_adds_nothing(
    vllm: InferenceFake, capsys: pytest.CaptureFixture[str]
) -> None:
    status, _, err = _run(
        capsys, "servers", "add", "class", vllm.base_url, "--key-stdin", stdin="sk-wrong\n"
    )
    assert status == 2 and "API key" in err and "nothing was added" in err
    assert "sk-wrong" not in err
    assert not AppPaths.from_environment().servers_file.exists()


def test_add_refuses_an_address_that_is_not_http(capsys: pytest.CaptureFixture[str]) -> None:
    status, _, err = _run(capsys, "servers", "add", "x", "ftp://host/")
    assert status == 2 and "http:// or https://" in err


def test_ask_on_a_server_prints_json_events_and_remove_forgets_it(
    vllm: InferenceFake, capsys: pytest.CaptureFixture[str]
) -> None:
    _run(capsys, "servers", "add", "class", vllm.base_url, "--key-stdin", stdin="sk-class-key\n")
    status, out, _ = _run(
        capsys, "ask", "--server", "class", "--model", MODEL, "--json", "--think-budget", "64",
        "Why is the sky blue?",
    )  # fmt: skip
    events = [json.loads(line) for line in out.splitlines()]
    assert status == 0
    loaded = next(e for e in events if e["type"] == "loaded")
    assert loaded["model_path"] == f"{MODEL} on class at {vllm.base_url} (vLLM 0.12.6)"
    assert "".join(e["text"] for e in events if e["type"] == "thinking") == "Rayleigh scattering."
    assert "".join(e["text"] for e in events if e["type"] == "answer") == "Blue."
    assert [e["type"] for e in events][-2:] == ["stats", "done"]
    assert vllm.chat_bodies()[0]["thinking_token_budget"] == 64
    assert "sk-class-key" not in out
    status, out, _ = _run(capsys, "servers", "remove", "class")
    assert status == 0
    status, _, err = _run(capsys, "ask", "--server", "class", "--model", MODEL, "hi")
    assert status == 2 and "no server named 'class'" in err


def test_ask_on_an_address_not_added_runs_there_without_a_key(
    capsys: pytest.CaptureFixture[str],
) -> None:
    with InferenceFake("ollama", (MODEL,)) as fake:
        fake.scripts = [Script([("Hmm", ""), ("", "Blue.")])]
        status, out, err = _run(capsys, "ask", "--server", fake.base_url, "--model", MODEL, "hi")
    assert status == 0 and "Blue." in out and "Ollama 0.12.6" not in err


def test_sweep_on_a_server_names_it_on_the_card(
    vllm: InferenceFake, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    _run(capsys, "servers", "add", "class", vllm.base_url, "--key-stdin", stdin="sk-class-key\n")
    status, out, _ = _run(
        capsys, "sweep", "--server", "class", "--model", MODEL, "--budgets", "off,8", "--json",
        "What colour is the sky?",
    )  # fmt: skip
    result = json.loads(out)
    assert status == 0
    assert result["model_path"] == f"{MODEL} on class at {vllm.base_url} (vLLM 0.12.6)"
    assert result["model_sha256"] is None
    assert "sk-class-key" not in out


def test_server_without_model_is_refused(capsys: pytest.CaptureFixture[str]) -> None:
    status, _, err = _run(capsys, "ask", "--server", "http://127.0.0.1:9", "hi")
    assert status == 2 and "--server needs --model" in err
