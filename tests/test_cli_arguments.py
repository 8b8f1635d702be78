"""Every value a person gives the command line is checked where it enters, in Ponder's words:
nothing out of range reaches the engine, and nothing ends in Python's own error text."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from cli_runner import run_ponder
from ponder.cli import build_parser
from ponder.commands import UserError
from ponder.commands.chat import apply_command, describe, turn_request
from ponder.core.request import LoadRequest, Message, ThinkingControl
from ponder.engine.session import _load_failure


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["--threads", "100000"], "the number of threads must be between 1 and 1024"),
        (["--threads", "0"], "the number of threads must be between 1 and 1024"),
        (["--ctx", "10000000"], "the context size must be between 256 and 2097152"),
        (["--max-tokens", "0"], "the maximum number of tokens must be at least 1"),
        (["--max-tokens", "-1"], "the maximum number of tokens must be at least 1"),
        (["--max-waits", "1000"], "the number of waits must be between 0 and 100"),
        (["--min-think", "x"], "the minimum thinking must be a whole number, not 'x'"),
        (["--top-p", "nan"], "top-p must be between 0.0 and 1.0"),
        (["--seed", "-5"], "the seed must be between 0 and 4294967295"),
    ],
)
def test_out_of_range_options_are_refused_by_the_parser(
    args: list[str], expected: str, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as exit_:
        build_parser().parse_args(["ask", *args, "hello"])
    assert exit_.value.code == 2
    assert expected in capsys.readouterr().err


def test_in_range_options_pass() -> None:
    args = build_parser().parse_args(
        ["ask", "--threads", "8", "--ctx", "512", "--max-tokens", "1", "--top-p", "0.9", "hi"]
    )
    assert (args.threads, args.ctx, args.max_tokens, args.top_p) == (8, 512, 1, 0.9)


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("/waits x", "/waits must be a whole number, not 'x'"),
        ("/waits 101", "/waits must be between 0 and 100"),
        ("/min -3", "/min must be at least 0"),
    ],
)
def test_chat_slash_commands_say_what_they_take(line: str, expected: str) -> None:
    with pytest.raises(UserError) as error:
        apply_command(line, ThinkingControl())
    assert str(error.value).startswith(expected)
    assert apply_command("/waits 4", ThinkingControl()).max_waits == 4


def test_a_minimum_above_the_budget_is_refused_in_every_way_the_command_line_sets_it(
    smollm2_path: Path,
) -> None:
    """#13 item 4: ``--min-think 60 --think-budget 20`` was accepted and silently ignored."""
    for budget in (["--think-budget", "20"], ["--effort", "low"]):
        option = budget[0]
        result = run_ponder(
            "ask", "--model", str(smollm2_path), "--min-think", "600", *budget, "hi", timeout=120
        )
        assert result.returncode == 2, result.stderr
        assert "the minimum thinking (600 tokens) is more than the thinking budget" in (
            result.stderr
        ), result.stderr
        assert f"Lower --min-think, or raise {option}." in result.stderr
    # In `ponder chat`: /min above the budget is refused; a budget set below an earlier
    # minimum says the minimum has no effect.
    with pytest.raises(UserError) as error:
        apply_command("/min 60", ThinkingControl(budget=20))
    assert "Lower /min, or raise /budget" in str(error.value)
    lowered = apply_command("/budget 20", ThinkingControl(budget=None, min_tokens=60))
    assert describe(lowered) == ("thinking budget 20, minimum 60 (more than the budget: no effect)")
    assert apply_command("/min 20", ThinkingControl(budget=20)).min_tokens == 20
    assert apply_command("/min 60", ThinkingControl(budget=None)).min_tokens == 60


@pytest.mark.skipif(os.name != "posix", reason="bytes in argv are a POSIX thing")
def test_a_prompt_that_is_not_utf8_is_refused_before_loading(smollm2_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "ponder.cli", "ask", "--model", str(smollm2_path), b"caf\xe9"],
        capture_output=True,
        text=True,
        env=dict(os.environ, LC_ALL="C.UTF-8"),
        timeout=120,
        check=False,
    )
    assert result.returncode == 2, result.stderr
    assert "the prompt is not UTF-8 text" in result.stderr
    assert "Traceback" not in result.stderr and "codec" not in result.stderr


@pytest.mark.model
def test_a_prompt_that_leaves_no_room_for_a_reply_is_an_error(smollm2_path: Path) -> None:
    words = " ".join(["apple"] * 200)  # with the template, about 235 of 256 tokens
    result = run_ponder(
        "ask", "--model", str(smollm2_path), "--ctx", "256", "--threads", "2", words, timeout=120
    )
    assert result.returncode != 0
    assert "context holds 256" in result.stderr, result.stderr
    assert "Shorten the message" in result.stderr and "Settings" not in result.stderr
    # A long system prompt with a short message: the system prompt is the part named.
    result = run_ponder(
        "ask", "--model", str(smollm2_path), "--ctx", "256", "--threads", "2",
        "--system", words + words, "hi", timeout=120,
    )  # fmt: skip
    assert result.returncode != 0
    assert "Shorten the system prompt" in result.stderr, result.stderr


def test_a_context_that_does_not_fit_in_memory_is_not_blamed_on_the_file() -> None:
    request = LoadRequest("/m/model.gguf", n_ctx=2_000_000)
    message = _load_failure("/m/model.gguf", request, ValueError("Failed to create llama_context"))
    assert "context of 2,000,000 tokens" in message and "smaller context" in message
    assert "damaged" not in message
    other = _load_failure("/m/model.gguf", request, ValueError("Failed to load model from file"))
    assert "damaged" in other


def test_past_reasoning_is_off_unless_asked_for_in_ask_and_chat() -> None:
    for command in ("ask", "chat"):
        tail = ["hi"] if command == "ask" else []
        assert not build_parser().parse_args([command, *tail]).past_reasoning
        assert build_parser().parse_args([command, "--past-reasoning", *tail]).past_reasoning
    history = [Message("user", "a"), Message("assistant", "b", thinking="t"), Message("user", "c")]
    control = ThinkingControl()
    args = build_parser().parse_args(["chat", "--past-reasoning"])
    request = turn_request(args, history, control)
    assert request.past_reasoning and request.messages[1].thinking == "t"
    assert not turn_request(build_parser().parse_args(["chat"]), history, control).past_reasoning
