"""Effort presets mapped per family: the model's own switch where it has one, else a budget."""

from __future__ import annotations

import pytest

from ponder.core.reasoning.effort import (
    EFFORTS,
    effort_of_budget,
    effort_setting,
    effort_table,
    profile_by_id,
)
from ponder.core.reasoning.families import (
    GENERIC,
    GPT_OSS,
    PROFILES,
    QWEN3_HYBRID,
    R1_DISTILL_QWEN,
    SMOLLM3,
    reasoning_effort,
)


def test_gpt_oss_efforts_are_its_own_reasoning_effort() -> None:
    for effort in EFFORTS:
        setting = effort_setting(GPT_OSS, effort)
        # The budget chosen renders that very effort in the system message.
        assert reasoning_effort(setting.budget) == effort
        assert f"reasoning_effort={effort}" in setting.how


@pytest.mark.parametrize("profile", [QWEN3_HYBRID, SMOLLM3])
def test_hybrid_families_switch_thinking_off_for_low(profile: object) -> None:
    low = effort_setting(profile, "low")  # type: ignore[arg-type]
    assert low.budget == 0 and "enable_thinking=false" in low.how
    medium = effort_setting(profile, "medium")  # type: ignore[arg-type]
    assert medium.budget == 4096 and "enable_thinking=true" in medium.how
    assert effort_setting(profile, "high").budget is None  # type: ignore[arg-type]


def test_budget_steered_families_get_budgets() -> None:
    budgets = [effort_setting(R1_DISTILL_QWEN, e).budget for e in EFFORTS]
    assert budgets == [512, 4096, None]
    assert "steered by the budget: at most 512 thinking tokens" in effort_table(R1_DISTILL_QWEN)
    # A non-reasoner rambles: High is bounded.
    assert [effort_setting(GENERIC, e).budget for e in EFFORTS] == [128, 512, 2048]


def test_every_family_has_three_distinct_efforts_and_they_read_back() -> None:
    for profile in PROFILES:
        settings = [effort_setting(profile, e) for e in EFFORTS]
        assert len({s.budget for s in settings}) == 3, profile.id
        for setting in settings:
            assert effort_of_budget(profile, setting.budget) == setting.effort
        assert profile_by_id(profile.id) is profile
    assert effort_of_budget(R1_DISTILL_QWEN, 777) is None
    assert profile_by_id("no-such-family") is None
    with pytest.raises(ValueError, match="low, medium, high"):
        effort_setting(GENERIC, "extreme")  # type: ignore[arg-type]
