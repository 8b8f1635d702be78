"""The ``ponder`` command line as a user runs it: real processes, the real SmolLM2 model."""

from __future__ import annotations

import json
import subprocess
import time
from pathlib import Path

import pytest

from cli_runner import run_ponder
from gguf_corpus import COSTLY_TEMPLATES
from gguf_fixtures import write_gguf


def ponder(*args: str, timeout: float = 300) -> subprocess.CompletedProcess[str]:
    return run_ponder(*args, timeout=timeout)


@pytest.mark.model
def test_ask_json_streams_typed_events(smollm2_path: Path) -> None:
    result = ponder(
        "ask",
        "--model",
        str(smollm2_path),
        "--think-budget",
        "16",
        "--seed",
        "3",
        "--temperature",
        "0",
        "--max-tokens",
        "40",
        "--threads",
        "2",
        "--json",
        "Explain why the sky is blue.",
    )
    assert result.returncode == 0, result.stderr
    events = [json.loads(line) for line in result.stdout.splitlines()]
    types = [e["type"] for e in events]
    assert types[0] == "load_progress" and "loaded" in types
    assert types[-2:] == ["stats", "done"]
    assert "thinking" in types and "answer" in types
    cut = next(e for e in events if e["type"] == "intervention")
    assert cut["reason"] == "budget_spent" and cut["position"] == 16
    stats = events[-2]
    for key in (
        "prompt_tokens",
        "thinking_tokens",
        "answer_tokens",
        "prompt_eval_s",
        "thinking_s",
        "answer_s",
        "decode_tokens_per_s",
    ):
        assert key in stats
    assert stats["thinking_tokens"] == 16
    assert all("text" in e for e in events if e["type"] in ("thinking", "answer"))


@pytest.mark.model
def test_ask_prints_thinking_and_answer_apart(smollm2_path: Path) -> None:
    result = ponder(
        "ask",
        "--model",
        str(smollm2_path),
        "--think-budget",
        "8",
        "--temperature",
        "0",
        "--max-tokens",
        "20",
        "--threads",
        "2",
        "Explain why the sky is blue.",
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("[thinking]\n")
    assert "\n[answer]\n" in result.stdout
    assert "⟨Ponder: thinking budget spent, thinking stopped here⟩" in result.stdout
    assert "thought for" in result.stderr


def test_ask_with_a_costly_chat_template_ends_with_the_reason(tmp_path: Path) -> None:
    """The template is rendered in the engine child: the bounded sandbox stops it there, the
    user gets the reason and the command ends (it used to hang while memory climbed)."""
    path = write_gguf(tmp_path / "costly.gguf", template=COSTLY_TEMPLATES["plus_doubling"])
    started = time.monotonic()
    result = ponder("ask", "--model", str(path), "--threads", "1", "Hi", timeout=120)
    assert result.returncode == 1
    assert "tried to do too much work and was stopped" in result.stderr
    assert time.monotonic() - started < 60  # generous: process start and model load included


def test_inspect_describes_a_model(smollm2_path: Path) -> None:
    result = ponder("inspect", "--json", str(smollm2_path))
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["architecture"] == "llama" and data["quantization"] == "Q4_1"
    assert data["think_close_id"] is None and data["family"] == "generic"


def test_inspect_r1_header_finds_the_think_tokens(r1_vocab_gguf: Path) -> None:
    data = json.loads(ponder("inspect", "--json", str(r1_vocab_gguf)).stdout)
    assert (data["think_open_id"], data["think_close_id"]) == (151648, 151649)
    assert data["family"] == "deepseek-r1-distill-qwen" and data["thinking_start"] == "prefilled"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("inspect", "/nonexistent.gguf"), "no file at"),
        (("ask", "--model", "/nonexistent.gguf", "hi"), "no model file"),
        (("ask", "--think-budget", "lots", "hi"), "thinking budget must be"),
    ],
)
def test_user_mistakes_get_one_line_and_no_traceback(args: tuple[str, ...], message: str) -> None:
    result = ponder(*args)
    assert result.returncode == 2
    assert message in result.stderr
    assert "Traceback" not in result.stderr


def test_truncated_download_is_reported_not_loaded(r1_part_path: Path) -> None:
    result = ponder("ask", "--model", str(r1_part_path), "hi")
    assert result.returncode == 2
    assert "truncated" in result.stderr and "download" in result.stderr
    assert "Traceback" not in result.stderr


def test_a_model_too_large_for_this_computer_is_refused_before_loading(
    smollm2_path: Path,
) -> None:
    # SmolLM2 at the largest context the command line takes (2**21 tokens) needs about 48 GB
    # of KV cache (23,040 bytes a token), more than this computer has.
    import psutil

    if psutil.virtual_memory().total > 40 * 10**9:
        pytest.skip("this computer has memory enough for SmolLM2 at 2**21 tokens of context")
    result = ponder("ask", "--model", str(smollm2_path), "--ctx", str(2**21), "hi")
    assert result.returncode == 2
    assert "needs about" in result.stderr and "--force" in result.stderr


def test_a_data_folder_that_cannot_be_made_is_a_message_not_a_traceback(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # Tests run as root, for whom chmod stops nothing: a regular file where the folder
    # should be makes it impossible to create (ENOTDIR) for anyone.
    blocker = tmp_path / "a file"
    blocker.write_text("not a folder")
    monkeypatch.setenv("PONDER_HOME", str(blocker / "home"))
    from ponder.cli import main

    assert main(["models"]) == 2
    err = capsys.readouterr().err
    assert "a file is in the way" in err and "Traceback" not in err


def test_conversations_recover_copies_what_can_be_read(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from damaged_history import break_page_holding, fill_history
    from ponder.cli import main
    from ponder.core.paths import AppPaths

    paths = AppPaths.from_environment().ensure()
    fill_history(paths.database)
    break_page_holding(paths.database, b"question 5 ")
    assert main(["conversations"]) in (0, 2)
    assert main(["conversations", "--recover"]) == 1  # 1: something was lost
    out = capsys.readouterr().out
    assert "Recovered 12 conversations" in out and "The damaged file is kept as" in out
    assert main(["conversations"]) == 0
