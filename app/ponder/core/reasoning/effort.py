"""Effort presets: Low / Medium / High, mapped per model family onto what steers its thinking.

A person picks how hard the model should think; each family is steered its own way, and the
mapping is said in words (a tooltip, the terminal) so a teacher can explain it:

* a family with a reasoning-effort switch (gpt-oss's ``reasoning_effort`` in the system
  message) gets the budget whose effort is low / medium / high (``reasoning_effort``);
* a family with a thinking switch in its template (Qwen3's ``enable_thinking``, SmolLM3's
  ``/think`` / ``/no_think``) is switched off for Low, and thinks within its default budget
  for Medium, without a limit for High;
* every other family is steered by the budget alone: an eighth of its default, its default,
  no limit (a non-reasoner, whose thinking Ponder prefills, gets four times its default
  instead: left alone it rambles).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal, get_args

from ponder.core.reasoning.families import PROFILES, FamilyProfile, reasoning_effort

Effort = Literal["low", "medium", "high"]
EFFORTS: tuple[Effort, ...] = get_args(Effort)


@dataclass(frozen=True, slots=True)
class EffortSetting:
    """What one effort means for one family: the thinking ``budget`` (0 off, None no limit)
    and ``how``, in words."""

    effort: Effort
    budget: int | None
    how: str


def _budget_words(budget: int | None) -> str:
    if budget == 0:
        return "thinking off"
    return "no thinking limit" if budget is None else f"at most {budget:,} thinking tokens"


def effort_setting(profile: FamilyProfile, effort: Effort) -> EffortSetting:
    """The budget and the words for ``effort`` on a model of ``profile``'s family."""
    if effort not in EFFORTS:
        raise ValueError(f"the effort must be one of {', '.join(EFFORTS)}, not {effort!r}")
    default = profile.default_budget or 4096
    if profile.effort_variable is not None:
        budget = {"low": 1024, "medium": 4096, "high": None}[effort]
        how = (
            f"{profile.effort_variable}={reasoning_effort(budget)} in the system message, "
            f"{_budget_words(budget)}"
        )
        return EffortSetting(effort, budget, how)
    if profile.thinking_off == "template_flag":
        budget = {"low": 0, "medium": default, "high": None}[effort]
        if budget == 0:
            how = f"thinking off (the template's {profile.thinking_flag}=false)"
        else:
            how = f"{profile.thinking_flag}=true, {_budget_words(budget)}"
        return EffortSetting(effort, budget, how)
    high = None if profile.is_reasoner else default * 4
    budget = {"low": max(128, default // 8), "medium": default, "high": high}[effort]
    return EffortSetting(effort, budget, f"steered by the budget: {_budget_words(budget)}")


def effort_table(profile: FamilyProfile) -> str:
    """The whole mapping for ``profile``, one line per effort (for a tooltip)."""
    lines = [f"Effort for {profile.display_name}:"]
    for effort in EFFORTS:
        lines.append(f"{effort.capitalize()}: {effort_setting(profile, effort).how}")
    return "\n".join(lines)


def effort_of_budget(profile: FamilyProfile, budget: int | None) -> Effort | None:
    """The effort whose budget is ``budget`` on this family, or None (a budget of one's own)."""
    for effort in EFFORTS:
        if effort_setting(profile, effort).budget == budget:
            return effort
    return None


def profile_by_id(family_id: str | None) -> FamilyProfile | None:
    """The family profile with this id (as a ``LoadedEvent`` names it), or None."""
    return next((p for p in PROFILES if p.id == family_id), None)
