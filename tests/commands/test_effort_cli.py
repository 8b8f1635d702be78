"""``--effort`` on the command line: mapped for the model's family and reported in --json."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from cli_runner import run_ponder
from ponder.commands.chat import apply_command
from ponder.core.reasoning.families import QWEN3_HYBRID
from ponder.core.request import ThinkingControl


@pytest.mark.model
def test_ask_effort_low_sets_the_family_budget_and_says_so(smollm2_path: Path) -> None:
    result = run_ponder(
        "ask", "--json", "--effort", "low", "--model", str(smollm2_path), "--threads", "2",
        "--ctx", "1024", "--temperature", "0", "--seed", "1", "--max-tokens", "200",
        "Explain why the sky is blue.",
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    events = [json.loads(line) for line in result.stdout.splitlines()]
    control = events[0]
    assert control == {
        "type": "control",
        "control": "effort",
        "effort": "low",
        "family": "generic",
        "budget": 128,
        "how": "steered by the budget: at most 128 thinking tokens",
    }
    stats = next(e for e in events if e["type"] == "stats")
    assert stats["thinking_tokens"] <= 128


def test_effort_and_a_budget_together_are_refused(smollm2_path: Path) -> None:
    result = run_ponder(
        "ask", "--effort", "high", "--think-budget", "64", "--model", str(smollm2_path), "Hi"
    )
    assert result.returncode == 2
    assert "--effort or --think-budget, not both" in result.stderr


def test_chat_effort_command_maps_onto_the_loaded_family() -> None:
    control = ThinkingControl(budget=100)
    assert apply_command("/effort low", control, QWEN3_HYBRID).budget == 0
    assert apply_command("/effort high", control, QWEN3_HYBRID).budget is None
    with pytest.raises(Exception, match="/effort takes low, medium, high"):
        apply_command("/effort max", control, QWEN3_HYBRID)
