"""The stats line `ponder ask` prints after a reply."""

from __future__ import annotations

from ponder.commands.ask import format_stats
from ponder.core.events import Stats


def test_the_stats_line_says_how_many_drafts_were_kept() -> None:
    line = format_stats(Stats(answer_tokens=40, drafted_tokens=20, accepted_tokens=15))
    assert "drafts kept 15/20 (75%)" in line


def test_the_draft_models_share_is_said_when_it_drafted() -> None:
    stats = Stats(
        answer_tokens=40,
        drafted_tokens=20,
        accepted_tokens=15,
        model_drafted_tokens=8,
        model_accepted_tokens=5,
    )
    assert "drafts kept 15/20 (75%), the draft model's 5/8" in format_stats(stats)


def test_no_drafts_no_draft_figures() -> None:
    assert "drafts" not in format_stats(Stats(answer_tokens=40))


def test_one_of_anything_is_singular() -> None:
    """#13 item 10: "1 tokens"."""
    line = format_stats(
        Stats(prompt_tokens=1, thinking_tokens=1, answer_tokens=1, injected_tokens=1)
    )
    assert "tokens " not in line.replace("tokens/s", "")
    assert "· 1 token ·" in line and "answer 1 token in" in line
    assert "prompt 1 token in" in line and "1 token injected by Ponder" in line
