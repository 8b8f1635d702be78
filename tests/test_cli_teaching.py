"""``ponder sweep`` and ``ponder export`` as a teacher runs them: real processes, real model."""

from __future__ import annotations

import hashlib
import json
import subprocess
from pathlib import Path

import pytest

from cli_runner import run_ponder
from ponder.core.events import AnswerEvent, DoneEvent, Stats, StatsEvent, ThinkingEvent
from ponder.core.paths import AppPaths
from ponder.core.request import GenerateRequest, Message
from ponder.core.storage.store import ConversationStore
from ponder.core.teaching.sweep import SweepCell
from ponder.core.teaching.sweep_files import load_sweep


def ponder(*args: str, timeout: float = 300) -> subprocess.CompletedProcess[str]:
    return run_ponder(*args, timeout=timeout)


@pytest.mark.model
def test_sweep_a_prompt_as_json_then_export_the_saved_sweep(
    smollm2_path: Path, tmp_path: Path
) -> None:
    result = ponder(
        "sweep", "--model", str(smollm2_path), "--threads", "2", "--ctx", "512",
        "--budgets", "off,8", "--max-tokens", "12", "--answer", "5", "--json",
        "What is 2 + 3?",
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert [c["budget"] for c in data["cells"]] == ["off", "8"]
    assert [row["budget"] for row in data["summary"]] == ["off", "8"]
    assert data["cells"][0]["thinking_tokens"] == 0
    assert 0 < data["cells"][1]["thinking_tokens"] <= 8
    assert data["model_sha256"] == hashlib.sha256(smollm2_path.read_bytes()).hexdigest()
    saved = Path(data["saved_to"])
    assert saved.parent == AppPaths.from_environment().sweeps and saved.is_file()

    out = tmp_path / "sweep.md"
    exported = ponder("export", str(saved), "--format", "md", "-o", str(out))
    assert exported.returncode == 0, exported.stderr
    text = out.read_text(encoding="utf-8")
    assert "| problem | off | 8 |" in text and data["model_sha256"] in text


@pytest.mark.model
def test_sweep_max_tokens_caps_every_run(smollm2_path: Path) -> None:
    """``--max-tokens`` reaches every generation (it was once saved but never applied)."""
    result = ponder(
        "sweep", "--model", str(smollm2_path), "--threads", "2", "--ctx", "512",
        "--budgets", "off,16", "--max-tokens", "12", "--problems", "decimals", "--json",
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["max_tokens"] == 12
    assert len(data["cells"]) == 2 * len(data["problems"])
    for cell in data["cells"]:
        assert cell["thinking_tokens"] + cell["answer_tokens"] <= 12, cell
    assert any(cell["done_reason"] == "max_tokens" for cell in data["cells"])
    assert load_sweep(Path(data["saved_to"])).cells == [SweepCell(**cell) for cell in data["cells"]]


@pytest.mark.model
def test_sweep_a_bundled_set_prints_the_grid_and_the_table(smollm2_path: Path) -> None:
    result = ponder(
        "sweep", "--model", str(smollm2_path), "--threads", "2", "--ctx", "512",
        "--budgets", "off", "--max-tokens", "6", "--problems", "decimals", "--no-save",
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].split() == ["problem", "off"]
    assert lines[1].startswith("9.11-9.9 ")
    summary = lines[lines.index("") + 2]
    assert summary.split()[0] == "off" and summary.split()[2].endswith("/8")
    assert not (AppPaths.from_environment().sweeps).exists()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--budgets", "off,lots", "q"], "not a budget"),
        (["--problems", "chemistry"], "no bundled problem set called 'chemistry'"),
        (["--problems", "arithmetic", "also a prompt"], "not both"),
        ([], "not neither"),
    ],
)
def test_sweep_refuses_bad_input_before_loading_a_model(args: list[str], message: str) -> None:
    result = ponder("sweep", "--model", "/nonexistent.gguf", *args)
    assert result.returncode == 2
    assert message in result.stderr


def test_export_a_conversation_to_html_and_refuse_unknown_ones(tmp_path: Path) -> None:
    with ConversationStore(AppPaths.from_environment().database) as store:
        conversation = store.create_conversation("Lesson 1")
        question = store.add_message(conversation.id, "user", "Why?", parent_id=None)
        request = GenerateRequest(messages=(Message("user", "Why?"),))
        writer = store.begin_reply(conversation.id, question.id, request, model_path="/m.gguf")
        for event in (
            ThinkingEvent("Because of physics."),
            AnswerEvent("Because."),
            StatsEvent(Stats(thinking_tokens=4, answer_tokens=2)),
            DoneEvent("eos"),
        ):
            writer.feed(event)
    out = tmp_path / "lesson.html"
    result = ponder("export", str(conversation.id), "--format", "html", "-o", str(out))
    assert result.returncode == 0, result.stderr
    page = out.read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>") and "Because of physics." in page
    assert "<code>m.gguf</code>" in page and "/m.gguf" not in page  # the name, not its folders

    pdf = tmp_path / "lesson.pdf"
    as_pdf = ponder("export", str(conversation.id), "--format", "pdf", "-o", str(pdf))
    assert as_pdf.returncode == 0, as_pdf.stderr
    assert pdf.read_bytes().startswith(b"%PDF-")
    no_file = ponder("export", str(conversation.id), "--format", "pdf")
    assert no_file.returncode == 2 and "add -o FILE.pdf" in no_file.stderr

    to_stdout = ponder("export", str(conversation.id), "--format", "md")
    assert to_stdout.stdout.startswith("# Lesson 1")
    missing = ponder("export", "999")
    assert missing.returncode == 2 and "There is no conversation 999" in missing.stderr
    not_a_sweep = tmp_path / "x.json"
    not_a_sweep.write_text("{}", encoding="utf-8")
    bad = ponder("export", str(not_a_sweep))
    assert bad.returncode == 2 and "is not a saved sweep Ponder can read" in bad.stderr


@pytest.mark.model
def test_ctrl_c_keeps_the_finished_runs_of_a_sweep(smollm2_path: Path) -> None:
    import signal
    import sys

    process = subprocess.Popen(
        [
            sys.executable, "-m", "ponder.cli",
            "sweep", "--model", str(smollm2_path), "--threads", "2", "--ctx", "512",
            "--budgets", "off,8,16,32,64,unlimited", "--max-tokens", "60",
            "--problems", "arithmetic",
        ],
        stderr=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )  # fmt: skip
    assert process.stderr is not None
    done_lines = 0
    for line in process.stderr:
        if " @ " in line:
            done_lines += 1
            if done_lines == 3:
                break
    process.send_signal(signal.SIGINT)
    _out, err = process.communicate(timeout=120)
    assert process.returncode == 130, err
    assert "the finished runs are in" in err
    (saved,) = (AppPaths.from_environment().sweeps).glob("*.json")
    result = load_sweep(saved)
    assert result.cancelled and 3 <= len(result.cells) < len(result.problems) * 6
